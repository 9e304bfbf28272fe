// Saved sessions: copy a link to the clipboard. Without JavaScript the buttons stay hidden
// (class js-only) and the links remain selectable text.
(function () {
  "use strict";
  var status = document.querySelector(".copy-status");
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-copy"));
      field.select();
      var done = function () {
        if (status) { status.textContent = button.getAttribute("data-copied"); }
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          document.execCommand("copy"); done();
        });
      } else {
        document.execCommand("copy"); done();
      }
    });
  });
})();

// Saved sessions: the documents prepared in the background. Each link says "preparing the
// document…" until the server has it ready (asked every three seconds); a click on one not
// ready yet says that the download starts as soon as it is.
(function () {
  "use strict";
  var list = document.querySelector("[data-documents]");
  if (!list || !window.fetch) return;
  var status = document.querySelector("[data-download-status]");
  var ticking = null;
  function update(ready) {
    var waiting = false;
    Object.keys(ready).forEach(function (name) {
      var state = list.querySelector("[data-state='" + name + "']");
      if (!state) return;
      state.textContent = ready[name] ? "" : list.getAttribute("data-preparing");
      if (!ready[name]) waiting = true;
    });
    if (!waiting && ticking) { window.clearInterval(ticking); ticking = null; }
  }
  function poll() {
    fetch(list.getAttribute("data-documents"), { credentials: "same-origin", cache: "no-store" })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) { if (data) update(data); })
      .catch(function () {});
  }
  list.querySelectorAll("[data-download]").forEach(function (link) {
    link.addEventListener("click", function () {
      var state = list.querySelector("[data-state='" + link.getAttribute("data-download") + "']");
      if (status && state && state.textContent) status.textContent = list.getAttribute("data-waiting");
    });
  });
  if (list.querySelector(".document-state:not(:empty)")) ticking = window.setInterval(poll, 3000);
})();
