// Classroom slides: one slide at a time, keyboard control, and a presenter window kept in
// step both ways. The two windows share one channel name (data-channel, one per deck) and
// talk through a BroadcastChannel and through the window one opened for the other
// (window.open / window.opener), which also works between files opened from a USB key.
// Without this file, the slides read as one long page.
(function () {
  "use strict";

  var deck = document.querySelector("[data-deck]");
  var presenter = document.querySelector("[data-presenter]");
  var root = deck || presenter;
  if (!root) return;

  var total = parseInt(root.getAttribute("data-total"), 10);
  // The main line ends on the last period's closing slide; a scenario's other branches come
  // after each period's closing slide. Each slide says where the arrows go (data-go-next,
  // data-go-prev); back from a slide reached another way (the class chose B, back to the
  // plan from B's ending) goes back the way the presenter came.
  var end = parseInt(root.getAttribute("data-end"), 10) || total;
  var goNext = {};
  var goPrev = {};
  var cameFrom = {};
  var name = root.getAttribute("data-channel") || "declic:" + window.location.pathname;
  var channel = null;
  try {
    channel = "BroadcastChannel" in window ? new BroadcastChannel(name) : null;
  } catch (error) {
    channel = null;
  }
  var peers = [];
  var current = 1;
  var black = false;
  var safe = false;

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function addPeer(win) {
    if (win && win !== window && peers.indexOf(win) < 0) peers.push(win);
  }
  try { addPeer(window.opener); } catch (error) { /* no opener */ }

  function send(message) {
    message.declic = name;
    if (channel) channel.postMessage(message);
    peers = peers.filter(function (peer) {
      try {
        if (peer.closed) return false;
        peer.postMessage(message, "*");
        return true;
      } catch (error) {
        return false;
      }
    });
  }

  function state() {
    return { slide: current, black: black, safe: safe };
  }

  function setBlack(on) {
    black = on;
    var cover = document.querySelector("[data-blackout]");
    if (cover) cover.hidden = !on;
    document.documentElement.classList.toggle("is-black", on);
  }

  function setSafe(on) {
    safe = on;
    var screen = document.querySelector("[data-safe]");
    if (screen) screen.hidden = !on;
    var protocol = document.querySelector("[data-protocol]");
    if (protocol) protocol.hidden = !on;
    document.documentElement.classList.toggle("is-safe", on);
  }

  // The counter the class sees counts the main line only: a branch slide (the class chose
  // another option) keeps the number of the main-line slide it stands in for, so the count
  // neither jumps over the branches nor counts slides the class never sees.
  var position = {};
  var mainTotal = 0;
  all(deck ? ".slide" : "[data-slide]").forEach(function (each, index) {
    if (!each.hasAttribute("data-branch")) position[index + 1] = ++mainTotal;
  });
  var shownPosition = 1;

  all("[data-go-next], [data-go-prev]").forEach(function (each) {
    var number = each.id ? parseInt(each.id.replace("slide-", ""), 10) : parseInt(each.getAttribute("data-slide"), 10);
    if (each.hasAttribute("data-go-next")) goNext[number] = parseInt(each.getAttribute("data-go-next"), 10);
    if (each.hasAttribute("data-go-prev")) goPrev[number] = parseInt(each.getAttribute("data-go-prev"), 10);
  });

  function nextOf(number) {
    if (goNext[number]) return goNext[number];
    return number === end ? number : Math.min(number + 1, total);
  }

  function prevOf(number) {
    return goPrev[number] || Math.max(number - 1, 1);
  }

  function go(number) {
    if (number !== current) cameFrom[number] = current;
    show(number);
  }

  function back() {
    show(cameFrom[current] || prevOf(current));
  }

  function show(number, fromOutside) {
    current = Math.min(Math.max(number, 1), total);
    if (position[current]) shownPosition = position[current];
    var label = shownPosition + " / " + (mainTotal || total);
    all("[data-counter]").forEach(function (counter) { counter.textContent = label; });
    if (deck) {
      all(".slide").forEach(function (slide, index) { slide.hidden = index + 1 !== current; });
    }
    // The address follows the slide, so that a link to the slide shown ("the class chose B"
    // twice) still moves.
    if (window.history.replaceState) window.history.replaceState(null, "", "#slide-" + current);
    if (presenter) {
      var copy = null;
      all("[data-slide]").forEach(function (each) {
        var on = parseInt(each.getAttribute("data-slide"), 10) === current;
        each.hidden = !on || safe;
        if (on) copy = each;
      });
      all("[data-next]").forEach(function (next) {
        var upcoming = nextOf(current);
        next.hidden = upcoming === current || parseInt(next.getAttribute("data-next"), 10) !== upcoming;
      });
      if (copy && timer) timer.follow(copy);
    }
    if (!fromOutside) send(state());
  }

  function fullScreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // Typing in a field (the presenter's counters) moves nothing; a button keeps its keys.
    if (event.target.closest && event.target.closest("input, select, textarea")) return;
    if (event.target.closest && event.target.closest("button")) {
      if (event.key === " " || event.key === "Enter") return;
    }
    var key = event.key;
    if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown" || key === " ") go(nextOf(current));
    else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp") back();
    else if (key === "Home") show(1);
    else if (key === "End") show(end);
    else if (key === "b" || key === "B") { setBlack(!black); show(current); }
    else if (key === "s" || key === "S") { setSafe(!safe); show(current); }
    else if ((key === "f" || key === "F") && deck) fullScreen();
    else return;
    event.preventDefault();
  });

  function receive(data, source) {
    if (!data || data.declic !== name) return;
    if (source) addPeer(source);
    if (typeof data.black === "boolean") setBlack(data.black);
    if (typeof data.safe === "boolean") setSafe(data.safe);
    if (data.slide) show(data.slide, true);
    if (data.hello && deck) send(state());
  }

  if (channel) channel.onmessage = function (event) { receive(event.data, null); };
  window.addEventListener("message", function (event) { receive(event.data, event.source); });

  // Each window opens the other with window.open, and keeps the reference.
  function openOther(url, target) {
    var win = window.open(url, target);
    addPeer(win);
    return win;
  }

  var presenterLink = document.querySelector("[data-presenter-link]");
  if (presenterLink) {
    presenterLink.addEventListener("click", function (event) {
      if (openOther(presenterLink.getAttribute("href"), "declic-presenter")) event.preventDefault();
    });
  }
  var projection = document.querySelector("[data-open-projection]");
  if (projection) {
    projection.addEventListener("click", function () {
      openOther(root.getAttribute("data-slides-url") + "#slide-" + current, "declic-projection");
    });
  }

  function fromHash() {
    var match = /^#slide-(\d+)$/.exec(window.location.hash);
    return match ? parseInt(match[1], 10) : null;
  }

  window.addEventListener("hashchange", function () {
    var number = fromHash();
    if (number && number !== current) go(number);
  });

  var timer = presenter ? makeTimer() : null;

  if (deck) {
    document.documentElement.classList.add("slides-js");
    show(fromHash() || 1, true);
    send({ hello: true });
    if (peers.length) send(state());
  } else {
    // The slide the page was drawn on (after counters were posted without this file), or 1.
    show(fromHash() || parseInt(root.getAttribute("data-current"), 10) || 1, true);
    send({ hello: true });
  }

  // Presenter timer: one per period, each from 0, against the plan of that period.
  function makeTimer() {
    var elapsedOut = document.querySelector("[data-elapsed]");
    var toggle = document.querySelector("[data-timer-toggle]");
    var labels = document.querySelector("[data-timer-labels]");
    var periods = {};
    var period = "1";
    var ticking = null;

    function clock() {
      if (!periods[period]) periods[period] = { before: 0, started: null };
      return periods[period];
    }

    function seconds() {
      var c = clock();
      return c.before + (c.started ? (Date.now() - c.started) / 1000 : 0);
    }

    function pause() {
      var c = clock();
      if (c.started) {
        c.before = seconds();
        c.started = null;
      }
      window.clearInterval(ticking);
      ticking = null;
      toggle.textContent = labels.getAttribute("data-start");
    }

    function render() {
      var s = Math.floor(seconds());
      elapsedOut.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      all("[data-period-plan]").forEach(function (list) {
        list.hidden = list.getAttribute("data-period-plan") !== period;
      });
      all("[data-period-plan='" + period + "'] .plan-list li").forEach(function (item) {
        var start = parseInt(item.getAttribute("data-start"), 10) * 60;
        var end = parseInt(item.getAttribute("data-end"), 10) * 60;
        var now = s >= start && s < end;
        item.classList.toggle("current", now);
        if (now) item.setAttribute("aria-current", "step");
        else item.removeAttribute("aria-current");
      });
    }

    toggle.addEventListener("click", function () {
      var c = clock();
      if (c.started) {
        pause();
      } else {
        c.started = Date.now();
        ticking = window.setInterval(render, 1000);
        toggle.textContent = labels.getAttribute("data-pause");
      }
      render();
    });
    document.querySelector("[data-timer-reset]").addEventListener("click", function () {
      var c = clock();
      c.before = 0;
      if (c.started) c.started = Date.now();
      render();
    });

    function follow(copy) {
      var next = copy.getAttribute("data-period") || "1";
      if (next !== period) {
        pause();
        period = next;
      }
      var activity = copy.getAttribute("data-activity");
      all(".plan-list li").forEach(function (item) {
        item.classList.toggle("on-screen", activity !== null && item.getAttribute("data-activity") === activity);
      });
      render();
    }

    render();
    return { follow: follow };
  }
})();
