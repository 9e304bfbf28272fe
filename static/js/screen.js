// The projected window of a saved session (the screen link): the phones' vote drawn over
// the slides when the presenter asks a statement (its code and QR code) or reveals its bars,
// and the slides again when the presenter goes back to them. It asks this site every two
// seconds, and at once when the presenter view says something changed (a BroadcastChannel
// between the two windows). Escape here also goes back to the slides, until the next change.
(function () {
  "use strict";
  var overlay = document.querySelector("[data-vote-now]");
  if (!overlay || !window.fetch) return;
  var url = overlay.getAttribute("data-vote-now");
  var version = "";
  var dismissed = null;
  var busy = false;

  function draw(data) {
    if (data.version !== version) {
      version = data.version;
      overlay.innerHTML = data.html || "";
    }
    var answers = overlay.querySelector("[data-answers]");
    if (answers && typeof data.answers === "number") answers.textContent = String(data.answers);
    overlay.hidden = !version || version === dismissed;
  }

  function poll() {
    if (busy) return;
    busy = true;
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) { if (data) draw(data); })
      .catch(function () {})
      .then(function () { busy = false; });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !overlay.hidden) {
      dismissed = version;
      overlay.hidden = true;
      event.preventDefault();
    }
  });
  try {
    var channel = new BroadcastChannel(overlay.getAttribute("data-channel"));
    channel.onmessage = poll;
  } catch (error) { /* polling alone */ }
  window.setInterval(poll, 2000);
  poll();
}());
