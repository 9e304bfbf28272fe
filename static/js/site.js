// Progressive enhancements only: every page works without this file.
// Nothing leaves the browser: progress is kept in its own localStorage.
(function () {
  "use strict";

  var STORE = "declic-progress";

  // Quick exit: leave at once and replace this page in the history,
  // so that the Back button does not bring it back.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    document.documentElement.hidden = true;
    window.location.replace(link.href);
  });

  function loadProgress() {
    try {
      return JSON.parse(window.localStorage.getItem(STORE)) || {};
    } catch (error) {
      return {};
    }
  }

  function saveProgress(progress) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(progress));
    } catch (error) {
      // Storage refused (private browsing, quota): the module still works without it.
    }
  }

  function here() {
    return window.location.pathname + window.location.search;
  }

  // Remember the page reached inside a module (the URL carries the quiz answers).
  var marker = document.querySelector("[data-save-progress]");
  if (marker) {
    var progress = loadProgress();
    progress[marker.getAttribute("data-save-progress")] = here();
    saveProgress(progress);
  }

  // "Continue where you left off" and "Forget my progress".
  Array.prototype.forEach.call(document.querySelectorAll("[data-progress-tools]"), function (tools) {
    var key = tools.getAttribute("data-module-key");
    var resume = tools.querySelector("[data-resume]");
    var saved = loadProgress()[key];
    tools.hidden = false;
    if (saved && saved !== here()) {
      tools.querySelector("[data-resume-link]").setAttribute("href", saved);
      resume.hidden = false;
    }
    tools.querySelector("[data-forget]").addEventListener("click", function () {
      try {
        window.localStorage.removeItem(STORE);
      } catch (error) {
        // Nothing stored, nothing to forget.
      }
      resume.hidden = true;
      var message = tools.querySelector("[data-forgotten-message]").content.textContent;
      tools.querySelector("[data-forget-status]").textContent = message;
    });
  });

  // Feedback and errors: move focus there, so that it is read out at once.
  var feedback = document.querySelector("[data-focus-on-load]");
  if (feedback) feedback.focus();

  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
