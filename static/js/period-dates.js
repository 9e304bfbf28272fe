// The session form: show one date field per period chosen. Without JavaScript all three
// show and the server keeps only the periods chosen. A hidden field leaves the tab order
// and the accessibility tree; its value stays, so going back to more periods restores it.
(function () {
  "use strict";
  var radios = document.querySelectorAll('input[name="periods"]');
  var fields = document.querySelectorAll(".period-date[data-period]");
  if (!radios.length || !fields.length) { return; }
  function update() {
    var chosen = document.querySelector('input[name="periods"]:checked');
    var periods = chosen ? parseInt(chosen.value, 10) : 1;
    fields.forEach(function (field) {
      var n = parseInt(field.getAttribute("data-period"), 10);
      // A field with an error stays visible, so its message is never hidden.
      field.hidden = n > periods && !field.querySelector("[aria-invalid]");
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
}());
