/* Search inside the single-file edition (scripts/single_file.py inlines this file).
 *
 * The text is already in the file, so nothing is fetched: on the first use the script
 * reads every page section of the document into a list of passages (one per heading:
 * the heading, the page it belongs to and the text up to the next heading), then
 * matches the query as plain substrings (Chinese needs no word splitting for that).
 * Several terms separated by spaces must all occur in the same passage.
 * Results are links to the passages' headings; the bar at the bottom of the screen
 * brings the reader back to the contents or to the search (results kept) from anywhere.
 */
(function () {
  "use strict";
  var form = document.getElementById("sf-search");
  var input = document.getElementById("sf-search-input");
  var status = document.getElementById("sf-search-status");
  var list = document.getElementById("sf-search-results");
  if (!form || !input || !status || !list) return;
  var MAX_RESULTS = 30;
  var HEADINGS = { H1: 1, H2: 1, H3: 1, H4: 1 };
  // Text in two of these is two passages' worth of words: keep a space between them.
  var BLOCKS = { P: 1, LI: 1, TD: 1, TH: 1, DIV: 1, DT: 1, DD: 1, TR: 1, TABLE: 1, BLOCKQUOTE: 1, LABEL: 1, BR: 1 };
  var passages = null;

  function clean(text) {
    return text.replace(/[\u200b\u00ad]/g, "").replace(/\s+/g, " ").trim();
  }

  // One passage per heading of each page, in reading order.
  function collect() {
    var found = [];
    var current = null;
    function walk(element, pageTitle) {
      for (var node = element.firstChild; node; node = node.nextSibling) {
        if (node.nodeType === 3) {
          current.parts.push(node.nodeValue);
          continue;
        }
        if (node.nodeType !== 1) continue;
        var name = node.nodeName.toUpperCase();
        if (name === "SCRIPT" || name === "STYLE" || name === "SVG" || name === "TEMPLATE") continue;
        if (node.classList.contains("sf-back") || node.classList.contains("reviewed")) continue;
        if (HEADINGS[name] && node.id) {
          var title = clean(node.textContent);
          if (name === "H1" && !current.parts.length) {
            current.id = node.id; // the page's own title: the page's first passage
            current.title = title;
          } else {
            current = { id: node.id, title: title, page: pageTitle, parts: [] };
            found.push(current);
          }
          continue;
        }
        walk(node, pageTitle);
        if (BLOCKS[name]) current.parts.push(" ");
      }
    }
    var pages = document.querySelectorAll(".sf-page");
    for (var p = 0; p < pages.length; p++) {
      var pageTitle = pages[p].getAttribute("data-title") || "";
      current = { id: pages[p].id, title: pageTitle, page: pageTitle, parts: [] };
      found.push(current);
      walk(pages[p], pageTitle);
    }
    for (var i = 0; i < found.length; i++) {
      var item = found[i];
      item.text = clean(item.parts.join(""));
      item.parts = null;
      item.lowText = item.text.toLowerCase();
      item.lowHeading = item.title.toLowerCase();
      item.lowPage = item.page.toLowerCase();
    }
    return found;
  }

  function terms(query) {
    var out = [];
    var words = query.toLowerCase().split(/[\s\u3000,，、]+/);
    for (var i = 0; i < words.length; i++) if (words[i] && out.indexOf(words[i]) < 0) out.push(words[i]);
    return out;
  }

  function count(haystack, needle) {
    var n = 0,
      at = haystack.indexOf(needle);
    while (at >= 0 && n < 20) {
      n++;
      at = haystack.indexOf(needle, at + needle.length);
    }
    return n;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  // The text with every term marked (terms may overlap: mark the union of ranges).
  function marked(text, words) {
    var low = text.toLowerCase();
    var flags = new Array(text.length + 1).join("0").split("");
    for (var w = 0; w < words.length; w++) {
      var at = low.indexOf(words[w]);
      while (at >= 0) {
        for (var k = at; k < at + words[w].length; k++) flags[k] = "1";
        at = low.indexOf(words[w], at + words[w].length);
      }
    }
    var html = "",
      open = false;
    for (var i = 0; i < text.length; i++) {
      var on = flags[i] === "1";
      if (on !== open) {
        html += on ? "<mark>" : "</mark>";
        open = on;
      }
      html += escapeHtml(text.charAt(i));
    }
    return html + (open ? "</mark>" : "");
  }

  function snippet(item, words) {
    var first = -1;
    for (var w = 0; w < words.length; w++) {
      var at = item.lowText.indexOf(words[w]);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    if (first < 0) return item.text.slice(0, 70);
    var start = Math.max(0, first - 24);
    var piece = item.text.slice(start, start + 80);
    return (start > 0 ? "…" : "") + piece + (start + 80 < item.text.length ? "…" : "");
  }

  function search(query) {
    if (!passages) passages = collect();
    var words = terms(query);
    if (!words.length) return { words: words, hits: [] };
    var hits = [];
    for (var i = 0; i < passages.length; i++) {
      var item = passages[i],
        score = 0,
        all = true;
      for (var w = 0; w < words.length; w++) {
        var inHeading = item.lowHeading.indexOf(words[w]) >= 0;
        var inPage = item.lowPage.indexOf(words[w]) >= 0;
        var times = count(item.lowText, words[w]);
        if (!inHeading && !inPage && !times) {
          all = false;
          break;
        }
        score += (inHeading ? 10 : 0) + (inPage ? 4 : 0) + Math.min(times, 3);
      }
      // A page's list of sources names every topic it cites: rank it below the text itself.
      if (all && item.title === "来源") score -= 6;
      if (all) hits.push({ item: item, score: score, order: i });
    }
    hits.sort(function (a, b) {
      return b.score - a.score || a.order - b.order;
    });
    return { words: words, hits: hits };
  }

  function show(query) {
    var result = search(query);
    var words = result.words,
      hits = result.hits;
    var html = "";
    for (var i = 0; i < hits.length && i < MAX_RESULTS; i++) {
      var item = hits[i].item;
      var where = item.title === item.page ? "" : '<span class="sf-hit-page">' + escapeHtml(item.page) + "</span>";
      html +=
        '<li><a href="#' + escapeHtml(item.id) + '">' + where +
        '<span class="sf-hit-title">' + marked(item.title, words) + "</span>" +
        '<span class="sf-hit-text">' + marked(snippet(item, words), words) + "</span></a></li>";
    }
    list.innerHTML = html;
    if (!words.length) status.textContent = "";
    else if (!hits.length)
      status.textContent =
        words.length > 1
          ? "没有哪一段同时包含这几个词。试试少用一个词，或者换个说法。"
          : "没有找到“" + words[0] + "”。试试换个说法，或者用目录找。";
    else
      status.textContent =
        "找到 " + hits.length + " 处" + (hits.length > MAX_RESULTS ? "，下面列出最相关的 " + MAX_RESULTS + " 处" : "") + "。";
  }

  // The search is a panel over the page, opened from the bar at the bottom of the screen
  // (out of the page's flow, so listing results never moves the long document under it).
  var bar = document.getElementById("sf-bar-search");
  var close = document.getElementById("sf-search-close");
  if (!bar) return;
  bar.hidden = false;
  // Reading the passages takes a moment on a slow phone: do it when the panel opens,
  // before the first letter arrives, not on every page load.
  function open() {
    form.hidden = false;
    bar.setAttribute("aria-expanded", "true");
    input.focus();
    if (!passages) passages = collect();
  }
  function shut(keepFocus) {
    form.hidden = true;
    bar.setAttribute("aria-expanded", "false");
    if (keepFocus) bar.focus();
  }
  bar.addEventListener("click", function () {
    if (form.hidden) open();
    else shut(true);
  });
  if (close)
    close.addEventListener("click", function () {
      shut(true);
    });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !form.hidden) shut(true);
  });
  // Following a result or the bar's 目录 link closes the panel; the link does the rest.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (link && !form.hidden && (list.contains(link) || link.closest(".sf-bar"))) shut(false);
  });
  // "input" also fires for pasted text and for Chinese input methods when a word is chosen.
  input.addEventListener("input", function () {
    show(input.value);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    var first = list.querySelector("a");
    if (first) first.focus();
  });
  window.sfSearch = search; // for tests and the bench: the matching alone
})();
