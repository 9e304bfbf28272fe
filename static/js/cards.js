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

// The phones, from a starter slide: ask this statement, show its results, back to the
// slides (also the Escape key). Each button is sent without leaving the page; the projected
// window is told at once (a BroadcastChannel) and the status line follows the answers.
(function () {
  "use strict";
  if (!window.fetch || !window.URLSearchParams || !window.FormData) return;
  var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-phones]"));
  if (!boxes.length) return;
  var channel = null;
  try { channel = new BroadcastChannel(boxes[0].getAttribute("data-channel")); } catch (error) { channel = null; }

  function status(box, data) {
    var line = box.querySelector("[data-phones-status]");
    if (!data || data.statement !== box.getAttribute("data-key") || !data.open) {
      line.textContent = "";
      return;
    }
    var text = box.getAttribute(data.revealed ? "data-revealed" : "data-asking");
    line.textContent = text.replace("{n}", String(data.answers));
  }

  function send(form) {
    var box = form.closest("[data-phones]");
    return fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (answer) { return answer.json(); })
      .then(function (data) {
        if (box) status(box, data);
        if (channel) channel.postMessage({ refresh: true });
      })
      .catch(function () {
        if (box) box.querySelector("[data-phones-status]").textContent = box.getAttribute("data-failed");
      });
  }

  document.querySelectorAll("form[data-vote-action]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(form);
    });
  });

  function visible() {
    return boxes.filter(function (box) { return box.offsetParent !== null; })[0] || null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.altKey || event.ctrlKey || event.metaKey) return;
    var box = visible() || boxes[0];
    send(box.querySelector("form[data-vote-slides]"));
  });

  window.setInterval(function () {
    var box = visible();
    if (!box || document.hidden) return;
    fetch(box.getAttribute("data-phones"), { credentials: "same-origin", cache: "no-store" })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) { status(box, data); })
      .catch(function () {});
  }, 3000);
}());
