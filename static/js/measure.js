// Live answers for the presenter (measure page) and the class screen, by polling a small
// JSON endpoint of this site every few seconds. Without JavaScript the pages still work:
// they show the counts as they were when loaded, and a reload shows the latest.
(function () {
  "use strict";
  var EVERY_MS = 3000;

  function poll(url, update) {
    var busy = false;
    function tick() {
      if (busy || document.hidden) { return; }
      busy = true;
      fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (answer) { return answer.ok ? answer.json() : null; })
        .then(function (data) { if (data) { update(data); } })
        .catch(function () {})
        .then(function () { busy = false; });
    }
    window.setInterval(tick, EVERY_MS);
  }

  function setAnswers(root, data) {
    var answers = root.querySelector("[data-answers]");
    if (answers) { answers.textContent = String(data.answers); }
  }

  document.querySelectorAll("[data-live]").forEach(function (live) {
    poll(live.getAttribute("data-live"), function (data) {
      setAnswers(live, data);
      var counts = data.counts || {};
      var totals = {};
      Object.keys(counts).forEach(function (key) {
        totals[key] = Object.keys(counts[key]).reduce(function (sum, answer) {
          return sum + counts[key][answer];
        }, 0);
      });
      live.querySelectorAll("progress[data-statement]").forEach(function (bar) {
        var key = bar.getAttribute("data-statement");
        var answer = bar.getAttribute("data-answer");
        var n = (counts[key] && counts[key][answer]) || 0;
        bar.max = Math.max(totals[key] || 0, 1);
        bar.value = n;
        bar.textContent = String(n);
        var label = live.querySelector('[data-count="' + key + "/" + answer + '"]');
        if (label) { label.textContent = String(n); }
      });
    });
  });

  // The class screen follows what the presenter does on the measure page: a vote opened or
  // closed, results revealed or hidden, and the page is drawn again.
  document.querySelectorAll("[data-screen]").forEach(function (screen) {
    var revealed = screen.getAttribute("data-revealed") === "1";
    var open = screen.getAttribute("data-open") === "1";
    poll(screen.getAttribute("data-screen"), function (data) {
      setAnswers(screen, data);
      if (data.revealed !== revealed || data.open !== open) { window.location.reload(); }
    });
  });
}());
