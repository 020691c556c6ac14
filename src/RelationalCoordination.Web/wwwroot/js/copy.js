// Optional: every link and code stays plain text to select and copy by hand. Where the browser
// offers the clipboard (a secure context), the Copy buttons next to them appear, put the text on
// the clipboard and say "Copied" in the status next to the button, which screen readers announce.
// The status texts come from the status element's data-copied and data-not-copied, in the page's language.
document.addEventListener("DOMContentLoaded", function () {
    if (!navigator.clipboard || !window.isSecureContext) {
        return;
    }

    document.querySelectorAll("button[data-copy]").forEach(function (button) {
        button.hidden = false;
    });

    document.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-copy]");
        if (!button) {
            return;
        }

        var status = button.nextElementSibling;
        navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
            say(status, (status && status.getAttribute("data-copied")) || "Copied");
        }, function () {
            say(status, (status && status.getAttribute("data-not-copied")) || "Not copied: select the text and copy it");
        });
    });

    var timers = new WeakMap();

    function say(status, text) {
        if (!status || !status.classList.contains("copy-status")) {
            return;
        }

        // Emptied first, so that copying the same text twice is announced twice.
        status.textContent = "";
        clearTimeout(timers.get(status));
        setTimeout(function () {
            status.textContent = text;
        }, 50);
        timers.set(status, setTimeout(function () {
            status.textContent = "";
        }, 5000));
    }
});
