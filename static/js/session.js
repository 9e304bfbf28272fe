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
