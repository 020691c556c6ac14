// Optional: without scripts, "Add a role" posts the form and the page comes back with one more
// empty row. With them, the row is added here at once, as a copy of the last row emptied, named
// Roles[n] so that the form posts as the page would have made it.
document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("add-role");
    var body = document.querySelector("#roles tbody");
    if (!button || !body) {
        return;
    }

    button.addEventListener("click", function (event) {
        var last = body.rows[body.rows.length - 1];
        if (!last) {
            return;
        }

        event.preventDefault();
        var index = body.rows.length;
        var row = last.cloneNode(true);
        row.querySelectorAll("input").forEach(function (input) {
            var field = input.name.replace(/^Roles\[\d+\]\./, "");
            input.name = "Roles[" + index + "]." + field;
            var label = input.getAttribute("aria-label");
            if (label) {
                input.setAttribute("aria-label", label.replace(/\d+/, String(index + 1)));
            }

            if (input.type === "checkbox") {
                // A new role answers and is rated, as the page's own empty row.
                input.checked = field === "Answers" || field === "IsRated";
            } else {
                input.value = field === "Position" ? String(index + 1) : "";
            }

            input.classList.remove("input-validation-error");
        });
        row.querySelectorAll(".field-error").forEach(function (error) {
            error.textContent = "";
        });
        body.appendChild(row);
        row.querySelector("input[type=text]").focus();
    });
});
