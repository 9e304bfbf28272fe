// Progressive enhancements only: every page works without this file.
// Nothing leaves the browser. Déclic keeps only keys that start with "declic-": the pupil's
// place in a module (sessionStorage by default, localStorage if they choose to keep it)
// and that choice. A place is a step's address, never an answer.
(function () {
  "use strict";

  var PREFIX = "declic-";
  var PROGRESS = "declic-progress";
  var KEEP = "declic-keep";
  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 5000;

  function storage(name) {
    try {
      return window[name] || null;
    } catch (error) {
      return null; // storage refused (private browsing, settings): everything still works
    }
  }

  function read(store, key) {
    try {
      return store ? store.getItem(key) : null;
    } catch (error) {
      return null;
    }
  }

  function write(store, key, value) {
    try {
      if (store) store.setItem(key, value);
    } catch (error) {
      // quota or refusal: the module works without it
    }
  }

  // Remove every key Déclic keeps, in both storages.
  function forgetEverything() {
    [storage("localStorage"), storage("sessionStorage")].forEach(function (store) {
      if (!store) return;
      try {
        for (var index = store.length - 1; index >= 0; index -= 1) {
          var key = store.key(index);
          if (key && key.indexOf(PREFIX) === 0) store.removeItem(key);
        }
      } catch (error) {
        // nothing to forget
      }
    });
  }

  function text(element, message) {
    if (element) element.textContent = message || "";
  }

  function templateText(root, selector) {
    var template = root.querySelector(selector);
    return template ? template.content.textContent : "";
  }

  // --- Quick exit: one click, or Shift pressed 3 times -----------------------------------
  var exitLink = document.querySelector("[data-quick-exit]");
  var exitStatus = document.querySelector("[data-quick-exit-status]");
  var leaving = false;

  function quickExit() {
    if (leaving || !exitLink) return;
    leaving = true;
    forgetEverything();
    var overlay = document.querySelector("[data-exit-overlay]");
    if (overlay) overlay.hidden = false;
    document.documentElement.classList.add("is-leaving");
    text(exitStatus, exitLink.getAttribute("data-leaving"));
    // replace, not assign: the page being left does not stay in the history.
    window.location.replace(exitLink.href);
  }

  if (exitLink) {
    var hint = document.querySelector("[data-quick-exit-hint]");
    if (hint) hint.hidden = false;

    exitLink.addEventListener("click", function (event) {
      event.preventDefault();
      quickExit();
    });

    var presses = 0;
    var timer = null;
    var otherKey = false;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") {
        otherKey = true; // Shift + a letter is typing, not the shortcut
        presses = 0;
      } else if (!event.repeat) {
        otherKey = false;
      }
    });
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift" || otherKey) return;
      presses += 1;
      window.clearTimeout(timer);
      if (presses >= SHIFT_PRESSES) {
        quickExit();
        return;
      }
      text(exitStatus, exitLink.getAttribute("data-shift-" + presses));
      timer = window.setTimeout(function () {
        presses = 0;
        text(exitStatus, "");
      }, SHIFT_WINDOW_MS);
    });
  }

  // --- On the pupils' side, no move leaves an entry in the tab's history ----------------
  // Every page that has the quick exit replaces its own history entry when the pupil moves
  // on (a link, a form, the Enter key on either), and a link within the page moves focus
  // without adding an entry (the skip link, "Help"). The tab therefore holds one Déclic
  // entry at most, the page on screen, and the quick exit replaces that one too: Back after
  // the exit leads to what came before Déclic. A POST form (the class vote) is sent in the
  // background and the page it leads to replaces the entry.
  function samePage(url) {
    return url.pathname === window.location.pathname && url.search === window.location.search;
  }

  // Move focus to an element of this page, as the skip link should, without a history entry.
  function focusWithin(id) {
    var target = id && document.getElementById(id);
    if (!target) return false;
    if (!target.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA|SUMMARY)$/.test(target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
    if (target.scrollIntoView) target.scrollIntoView({ block: "start" });
    return true;
  }

  if (exitLink && window.URL) {
    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
          event.shiftKey || event.altKey) return;
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || link === exitLink || link.target || link.hasAttribute("download")) return;
      var url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return; // tel:, sms:, other sites
      if (samePage(url) && url.hash) {
        var id;
        try { id = decodeURIComponent(url.hash.slice(1)); } catch (error) { id = ""; }
        if (focusWithin(id)) event.preventDefault();
        return;
      }
      event.preventDefault();
      window.location.replace(url.href);
    });

    document.addEventListener("submit", function (event) {
      var form = event.target;
      var method = (form.getAttribute("method") || "get").toLowerCase();
      if (event.defaultPrevented || !window.FormData || !window.URLSearchParams) return;
      var url = new URL(form.getAttribute("action") || window.location.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      var data;
      try {
        data = new FormData(form, event.submitter || undefined);
      } catch (error) {
        data = new FormData(form);
      }
      if (method === "get") {
        event.preventDefault();
        url.search = new URLSearchParams(data).toString();
        url.hash = "";
        window.location.replace(url.href);
      } else if (method === "post" && window.fetch && !form.hasAttribute("data-sent-natively")) {
        // Sent in the background: the page it leads to (its redirect) replaces this entry.
        // An answer that is not a redirect (an error to correct, a refusal) is asked again
        // the ordinary way, which shows it; nothing was counted for it.
        event.preventDefault();
        fetch(url.href, { method: "POST", body: new URLSearchParams(data), credentials: "same-origin" })
          .then(function (response) {
            var to = new URL(response.url);
            if (response.ok && response.redirected && to.origin === window.location.origin) {
              window.location.replace(to.href);
            } else {
              throw new Error("not a redirect");
            }
          })
          .catch(function () {
            form.setAttribute("data-sent-natively", "");
            form.submit();
          });
      }
    });
  }

  // --- The pupil's place: this session only, unless they choose to keep it ---------------
  function keeping() {
    return read(storage("localStorage"), KEEP) === "yes";
  }

  function placeStore() {
    return storage(keeping() ? "localStorage" : "sessionStorage");
  }

  function loadPlaces(store) {
    try {
      var places = JSON.parse(read(store || placeStore(), PROGRESS));
      return places && typeof places === "object" ? places : {};
    } catch (error) {
      return {};
    }
  }

  function savePlaces(places, store) {
    write(store || placeStore(), PROGRESS, JSON.stringify(places));
  }

  function isPlace(address) {
    // A path of this site, with no query string: a step, never an answer.
    return typeof address === "string" && address.charAt(0) === "/" &&
      address.indexOf("?") === -1 && address.indexOf("#") === -1 && address.indexOf("//") !== 0;
  }

  var marker = document.querySelector("[data-save-progress]");
  if (marker && isPlace(marker.getAttribute("data-resume-at"))) {
    var places = loadPlaces();
    places[marker.getAttribute("data-save-progress")] = marker.getAttribute("data-resume-at");
    savePlaces(places);
  }

  // "Resume" becomes the main button when there is a place to go back to.
  Array.prototype.forEach.call(document.querySelectorAll("[data-resume-link]"), function (link) {
    var saved = loadPlaces()[link.getAttribute("data-module-key")];
    if (!isPlace(saved)) return;
    link.setAttribute("href", saved);
    link.hidden = false;
    var start = link.parentNode.querySelector("[data-start-link]");
    if (start) start.classList.add("secondary");
  });

  // "Keep my place on this device" and "Forget my place".
  Array.prototype.forEach.call(document.querySelectorAll("[data-progress-tools]"), function (tools) {
    var keep = tools.querySelector("[data-keep]");
    var status = tools.querySelector("[data-progress-status]");
    tools.hidden = false;
    keep.checked = keeping();
    keep.addEventListener("change", function () {
      var local = storage("localStorage");
      var session = storage("sessionStorage");
      var places = loadPlaces();
      if (keep.checked) {
        write(local, KEEP, "yes");
        savePlaces(places, local);
        try { session.removeItem(PROGRESS); } catch (error) { /* nothing there */ }
        text(status, templateText(tools, "[data-kept-message]"));
      } else {
        try { local.removeItem(KEEP); local.removeItem(PROGRESS); } catch (error) { /* */ }
        savePlaces(places, session);
        text(status, templateText(tools, "[data-session-message]"));
      }
    });
    tools.querySelector("[data-forget]").addEventListener("click", function () {
      forgetEverything();
      keep.checked = false;
      Array.prototype.forEach.call(document.querySelectorAll("[data-resume-link]"), function (link) {
        link.hidden = true;
        var start = link.parentNode.querySelector("[data-start-link]");
        if (start) start.classList.remove("secondary");
      });
      text(status, templateText(tools, "[data-forgotten-message]"));
    });
  });

  // "Hide your visit": forget everything Déclic kept, at once.
  Array.prototype.forEach.call(document.querySelectorAll("[data-forget-all-tools]"), function (tools) {
    tools.hidden = false;
    tools.querySelector("[data-forget-all]").addEventListener("click", function () {
      forgetEverything();
      text(tools.querySelector("[data-forget-all-status]"),
           templateText(tools, "[data-forgotten-all-message]"));
    });
  });

  // Feedback and errors: move focus there, so that it is read out at once.
  var feedback = document.querySelector("[data-focus-on-load]");
  if (feedback) feedback.focus();

  // What is true only with JavaScript (no page kept in the tab's history) is said only then.
  if (exitLink) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-no-trail-note]"), function (note) {
      note.hidden = false;
    });
  }

  // The menu folds back with Escape, focus back on its button.
  Array.prototype.forEach.call(document.querySelectorAll("[data-site-menu]"), function (menu) {
    menu.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !menu.open) return;
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });

  // Buttons that need JavaScript stay hidden without it.
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
