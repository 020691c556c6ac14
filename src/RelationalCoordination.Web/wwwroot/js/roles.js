// Optional: without scripts, "Add a role" and "Remove" post the form and the page comes back with
// one more or one fewer row, nothing saved. With them, rows are added and removed here at once; the
// rows are renumbered Roles[0..n-1] after every change, because the server binds a list only up to
// its first missing index.
document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("add-role");
    var body = document.querySelector("#roles tbody");
    if (!button || !body) {
        return;
    }

    function renumber() {
        Array.prototype.forEach.call(body.rows, function (row, index) {
            row.querySelectorAll("input, select").forEach(function (input) {
                input.name = input.name.replace(/^Roles\[\d+\]\./, "Roles[" + index + "].");
                var label = input.getAttribute("aria-label");
                if (label) {
                    input.setAttribute("aria-label", label.replace(/\d+/, String(index + 1)));
                }
            });
            var remove = row.querySelector(".remove-row");
            if (remove) {
                remove.value = String(index);
                // The page's own words (English or Danish), with the new row number.
                remove.setAttribute("aria-label", remove.getAttribute("aria-label").replace(/\d+/, String(index + 1)));
            }
        });
    }

    function empty(row) {
        var index = Array.prototype.indexOf.call(body.rows, row);
        row.querySelectorAll("input, select").forEach(function (input) {
            var field = input.name.replace(/^Roles\[\d+\]\./, "");
            if (input.tagName === "SELECT") {
                // A new role is staff, the first kind, as the page's own empty row.
                input.selectedIndex = 0;
            } else if (input.type === "checkbox") {
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
    }

    button.addEventListener("click", function (event) {
        var last = body.rows[body.rows.length - 1];
        if (!last) {
            return;
        }

        event.preventDefault();
        var row = last.cloneNode(true);
        body.appendChild(row);
        renumber();
        empty(row);
        row.querySelector("input[type=text]").focus();
    });

    body.addEventListener("click", function (event) {
        var remove = event.target.closest(".remove-row");
        if (!remove) {
            return;
        }

        event.preventDefault();
        var row = remove.closest("tr");
        if (body.rows.length === 1) {
            // The last row stays, emptied, for "Add a role" to copy.
            row.querySelector("input[type=hidden]").value = "";
            empty(row);
            row.querySelector("input[type=text]").focus();
            return;
        }

        var next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        renumber();
        (next.querySelector(".remove-row") || button).focus();
    });
});
