// Classroom slides: one slide at a time, keyboard control, and a presenter window kept in
// step through a BroadcastChannel (same browser, no server round-trip). Without this file,
// the slides read as one long page.
(function () {
  "use strict";

  var deck = document.querySelector("[data-deck]");
  var presenter = document.querySelector("[data-presenter]");
  var root = deck || presenter;
  if (!root) return;

  var total = parseInt(root.getAttribute("data-total"), 10);
  var deckPath = window.location.pathname.replace(/presenter$/, "");
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("declic:" + deckPath) : null;
  var current = 1;
  var black = false;

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function setBlack(on) {
    black = on;
    var cover = document.querySelector("[data-blackout]");
    if (cover) cover.hidden = !on;
    document.documentElement.classList.toggle("is-black", on);
  }

  function show(number, fromOutside) {
    current = Math.min(Math.max(number, 1), total);
    var label = current + " / " + total;
    all("[data-counter]").forEach(function (counter) { counter.textContent = label; });
    if (deck) {
      all(".slide").forEach(function (slide, index) { slide.hidden = index + 1 !== current; });
      if (window.history.replaceState) window.history.replaceState(null, "", "#slide-" + current);
    }
    if (presenter) {
      all("[data-slide]").forEach(function (copy) {
        copy.hidden = parseInt(copy.getAttribute("data-slide"), 10) !== current;
      });
      all("[data-next]").forEach(function (next) {
        next.hidden = parseInt(next.getAttribute("data-next"), 10) !== current + 1;
      });
    }
    if (!fromOutside && channel) channel.postMessage({ slide: current, black: black });
  }

  function fullScreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest && event.target.closest("button, input, select, textarea")) {
      if (event.key === " " || event.key === "Enter") return;
    }
    var key = event.key;
    if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown" || key === " ") show(current + 1);
    else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp") show(current - 1);
    else if (key === "Home") show(1);
    else if (key === "End") show(total);
    else if (key === "b" || key === "B") { setBlack(!black); show(current); }
    else if ((key === "f" || key === "F") && deck) fullScreen();
    else return;
    event.preventDefault();
  });

  if (channel) {
    channel.onmessage = function (event) {
      if (typeof event.data.black === "boolean") setBlack(event.data.black);
      if (event.data.slide) show(event.data.slide, true);
      if (event.data.hello && deck) channel.postMessage({ slide: current, black: black });
    };
  }

  function fromHash() {
    var match = /^#slide-(\d+)$/.exec(window.location.hash);
    return match ? parseInt(match[1], 10) : null;
  }

  window.addEventListener("hashchange", function () {
    var number = fromHash();
    if (number) show(number);
  });

  if (deck) {
    document.documentElement.classList.add("slides-js");
    show(fromHash() || 1, true);
  } else {
    show(1, true);
    if (channel) channel.postMessage({ hello: true });
    startTimer();
  }

  // Presenter timer, against the session plan.
  function startTimer() {
    var elapsedOut = document.querySelector("[data-elapsed]");
    var toggle = document.querySelector("[data-timer-toggle]");
    var labels = document.querySelector("[data-timer-labels]");
    var started = null;
    var before = 0;
    var ticking = null;

    function seconds() {
      return before + (started ? (Date.now() - started) / 1000 : 0);
    }

    function render() {
      var s = Math.floor(seconds());
      elapsedOut.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      all(".plan-list li").forEach(function (item) {
        var start = parseInt(item.getAttribute("data-start"), 10) * 60;
        var end = parseInt(item.getAttribute("data-end"), 10) * 60;
        var now = s >= start && s < end;
        item.classList.toggle("current", now);
        if (now) item.setAttribute("aria-current", "step");
        else item.removeAttribute("aria-current");
      });
    }

    toggle.addEventListener("click", function () {
      if (started) {
        before = seconds();
        started = null;
        window.clearInterval(ticking);
        toggle.textContent = labels.getAttribute("data-start");
      } else {
        started = Date.now();
        ticking = window.setInterval(render, 1000);
        toggle.textContent = labels.getAttribute("data-pause");
      }
      render();
    });
    document.querySelector("[data-timer-reset]").addEventListener("click", function () {
      before = 0;
      if (started) started = Date.now();
      render();
    });
    render();
  }
})();
