// Checker page: an example button puts its draft in the box and lets the page check it (htmx listens
// to the form's submit). Without this script, each button posts its example and the page shows the result.
(function () {
  "use strict";
  var box = document.getElementById("id_text");
  if (!box) return;
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-example-draft]") : null;
    if (!button || !button.form) return;
    event.preventDefault();
    box.value = button.form.elements.text.value;
    box.focus();
    if (box.form && typeof box.form.requestSubmit === "function") box.form.requestSubmit();
  });
})();
