// Optional: the respondent pages work as plain forms. With scripts on, each tap is saved at once,
// so even a half-answered question survives a closed tab; Next then only moves on.
document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (!form || !form.hasAttribute("data-autosave") || !window.fetch) {
        return;
    }

    var data = new URLSearchParams(new FormData(form));
    data.set("go", "save");
    fetch(form.action || location.href, { method: "POST", body: data, credentials: "same-origin" }).catch(function () {
        // Offline for a moment: Next sends every answer again.
    });
});
