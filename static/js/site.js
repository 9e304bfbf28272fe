// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // Quick exit: leave at once and replace this page in the history,
  // so that the Back button does not bring it back.
  function quickExit(link) {
    document.documentElement.hidden = true;
    window.location.replace(link.href);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    quickExit(link);
  });
})();
