/* 借款人手册 · site.js: small fixes to the theme's search and navigation, on every page.
 * Loaded by overrides/main.html just before Material's bundle (it must patch what the
 * bundle uses before the bundle runs). Stores nothing; loads only the site's own files
 * (the search index when asked for, calc.js near a calculator).
 * tests/test_overrides.py checks that Material still does what this file relies on. */
(function () {
  "use strict";

  /* 1. Search on demand. Material starts its search worker and loads the whole search
   * index (together about 160 KB gzip) on every page load. Both are held back until the
   * reader shows they want to search: focus or a click on the search box, its keyboard
   * shortcuts, or a ?h= highlight link. Online the index comes by XMLHttpRequest; in the
   * offline edition (file://) as a <script> (search/search_index.js) added to the head. */
  var wanted = /[?&]h=/.test(location.search), held = [];
  function later(run) { if (wanted) run(); else held.push(run); }
  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (run) { run(); });
  }
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this._bhIndex = /search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (!xhr._bhIndex) return send.apply(xhr, args);
    later(function () { send.apply(xhr, args); });
  };
  var head = document.head, append = head.appendChild;
  head.appendChild = function (node) {
    if (node.tagName === "SCRIPT" && /search\/search_index\.js$/.test(node.src)) {
      later(function () { append.call(head, node); });
      return node;
    }
    return append.apply(head, arguments);
  };
  /* The search worker (in the offline edition the iframe-worker shim's class): a stand-in
   * that queues messages and listeners until it is needed. */
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!/workers\/search\./.test(String(url))) return new RealWorker(url, options);
    var real = null, calls = [];
    function call(name, args) {
      if (real) return real[name].apply(real, args);
      calls.push([name, args]);
    }
    this.postMessage = function () { call("postMessage", arguments); };
    this.addEventListener = function () { call("addEventListener", arguments); };
    this.removeEventListener = function () { call("removeEventListener", arguments); };
    this.terminate = function () { call("terminate", arguments); };
    later(function () {
      real = new RealWorker(url, options);
      calls.splice(0).forEach(function (c) { real[c[0]].apply(real, c[1]); });
    });
  };
  document.addEventListener("focusin", function (e) {
    if (e.target.closest && e.target.closest(".md-search")) want();
  });
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest('label[for="__search"], .md-search')) want();
  });
  document.addEventListener("keydown", function (e) {
    if (/^[/sfSF]$/.test(e.key)) want();
  });

  /* 2. A query pasted, dictated or picked from the phone keyboard's suggestions changes the
   * box with an `input` event and no key event; Material searches on keyup only. Tell it. */
  document.addEventListener("input", function (e) {
    var box = e.target;
    if (box.matches && box.matches("input.md-search__input")) {
      want();
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  });

  /* 3. Material's search panel is a dialog without a name; screen readers need one. */
  document.querySelectorAll(".md-search[role=dialog]").forEach(function (el) {
    el.setAttribute("aria-label", "搜索");
  });

  /* 4. Calculators when they are wanted. A page with calculators names calc.js in a
   * <meta name="bh-script-later"> (hooks/page_assets.py) rather than loading it: it is
   * loaded when a calculator comes within a screen's height of view, or the reader taps or
   * tabs into one. Until then a calculator shows the page's example and no form, so nothing
   * can be typed that would not be computed; if the script cannot be loaded, each block
   * says so (its .calc-unavailable note) and keeps the example. */
  var forLater = document.querySelectorAll('meta[name="bh-script-later"]'),
    blocks = document.querySelectorAll(".calc[data-calc]"), watching = null, asked = false;
  function loadLater() {
    if (asked) return;
    asked = true;
    if (watching) watching.disconnect();
    forLater.forEach(function (meta) {
      var script = document.createElement("script");
      script.src = meta.content;
      script.onerror = function () {
        blocks.forEach(function (block) {
          var note = block.querySelector(".calc-unavailable");
          if (note) note.hidden = false;
        });
      };
      document.head.appendChild(script);
    });
  }
  if (forLater.length && blocks.length) {
    if (window.IntersectionObserver) {
      watching = new IntersectionObserver(function (seen) {
        if (seen.some(function (entry) { return entry.isIntersecting; })) loadLater();
      }, { rootMargin: "100% 0px" });
      blocks.forEach(function (block) { watching.observe(block); });
    } else loadLater();
    ["pointerdown", "focusin"].forEach(function (type) {
      document.addEventListener(type, function (e) {
        if (e.target.closest && e.target.closest(".calc[data-calc]")) loadLater();
      });
    });
  }

  /* 5. On a phone the navigation drawer opens on the list of sections (with the current
   * one marked), not inside the current section: the reader sees what the site covers. */
  if (window.matchMedia && matchMedia("(max-width: 76.234375em)").matches) {
    document.querySelectorAll(".md-nav--primary > .md-nav__list > .md-nav__item--active > .md-nav__toggle")
      .forEach(function (toggle) { toggle.checked = false; });
  }
})();
