// Optional: the session's pages work with links alone. With scripts, the arrow keys (and a
// presentation clicker's Page Down / Page Up, once the page is scrolled to its end) move between
// steps, and a Full screen button appears where the browser offers it. Keys typed into a form
// control stay with the control: an arrow changes a prediction, not the step.
document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("full-screen");
    if (button && document.fullscreenEnabled) {
        button.hidden = false;
        button.addEventListener("click", function () {
            if (document.fullscreenElement) {
                document.exitFullscreen();
            } else {
                document.documentElement.requestFullscreen();
            }
        });
        document.addEventListener("fullscreenchange", function () {
            button.textContent = button.getAttribute(document.fullscreenElement ? "data-leave" : "data-enter");
        });
    }

    document.addEventListener("keydown", function (event) {
        if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey
            || event.target.closest("input, select, textarea, [contenteditable]")) {
            return;
        }

        var root = document.documentElement;
        var atEnd = root.scrollTop + root.clientHeight >= root.scrollHeight - 2;
        var atStart = root.scrollTop <= 0;
        var target = event.key === "ArrowRight" || (event.key === "PageDown" && atEnd) ? "next-step"
            : event.key === "ArrowLeft" || (event.key === "PageUp" && atStart) ? "previous-step" : null;
        var link = target && document.getElementById(target);
        if (link) {
            event.preventDefault();
            link.click();
        }
    });
});
