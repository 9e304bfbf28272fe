// The presenter view of a saved session: each starter slide's counters are saved without
// leaving the page, and the status line says what was stored. Without this file the form
// posts as it is and the page comes back on the same slide.
(function () {
  "use strict";
  if (!window.fetch || !window.URLSearchParams || !window.FormData) return;

  function showErrors(form, errors) {
    var first = null;
    form.querySelectorAll("input[name]").forEach(function (input) {
      var box = input.closest(".count-field");
      var old = box.querySelector(".field-error");
      if (old) old.parentNode.removeChild(old);
      var message = errors[input.name];
      box.classList.toggle("has-error", Boolean(message));
      if (!message) {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
        return;
      }
      var note = document.createElement("p");
      note.className = "field-error";
      note.id = input.name + "-error";
      note.textContent = message;
      box.insertBefore(note, input);
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", note.id);
      if (!first) first = input;
    });
    if (first) first.focus();
  }

  document.querySelectorAll("form[data-cards]").forEach(function (form) {
    var status = form.querySelector("[data-cards-status]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      status.textContent = form.getAttribute("data-saving");
      fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (answer) { return answer.json(); })
        .then(function (data) {
          showErrors(form, data.errors || {});
          status.textContent = data.message;
          // The statement's slide of the end recalls what the cards showed at the start.
          var before = document.querySelector("[data-before='" + form.getAttribute("data-cards") + "']");
          if (before && typeof data.before === "string") before.textContent = data.before;
        })
        .catch(function () { status.textContent = form.getAttribute("data-failed"); });
    });
  });
}());
