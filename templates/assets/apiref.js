/* apiref site script: microversion view and search. No dependencies.
 * Loaded in <head> without defer so that the chosen microversion applies before the first
 * paint; everything that needs the page waits for DOMContentLoaded. Without JavaScript the
 * page shows every element with its microversion window. */
(function () {
  "use strict";
  var doc = document;
  var html = doc.documentElement;
  var versions = (html.getAttribute("data-versions") || "").split(/\s+/).filter(Boolean);

  function parse(version) {
    var parts = String(version).split(".");
    return [parseInt(parts[0], 10), parseInt(parts[1], 10)];
  }
  /* Numeric, part by part: 1.10 > 1.9. */
  function compare(a, b) {
    var x = parse(a), y = parse(b);
    return x[0] - y[0] || x[1] - y[1];
  }
  function within(version, low, high) {
    return !version || ((!low || compare(version, low) >= 0) && (!high || compare(version, high) <= 0));
  }
  versions.sort(compare);

  function requestedVersion() {
    var value = new URLSearchParams(location.search).get("mv");
    return value && versions.indexOf(value) >= 0 ? value : "";
  }

  /* Hiding is one generated style sheet: an attribute selector for every window bound that
   * excludes the chosen version. No per-element work, however long the page. */
  var sheet = doc.createElement("style");
  doc.head.appendChild(sheet);
  var current = "";

  function hidingRules(version) {
    if (!version) return "";
    var selectors = [];
    versions.forEach(function (v) {
      var order = compare(v, version);
      if (order > 0) selectors.push('[data-min="' + v + '"]');
      if (order < 0) selectors.push('[data-max="' + v + '"]');
    });
    return selectors.length ? selectors.join(",") + "{display:none!important}" : "";
  }

  function setVersion(version) {
    current = version;
    sheet.textContent = hidingRules(version);
    if (version) html.setAttribute("data-mv", version); else html.removeAttribute("data-mv");
  }
  setVersion(requestedVersion());

  var siteRoot = new URL(html.getAttribute("data-root") || "./", location.href).href;

  function withVersion(href, version) {
    var url = new URL(href, location.href);
    if (version) url.searchParams.set("mv", version); else url.searchParams.delete("mv");
    return url;
  }

  /* Links inside the site carry the choice to the next page. */
  function updateLinks() {
    var links = doc.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var href = link.getAttribute("href");
      if (link.hasAttribute("data-mv-fixed") || !href || href.charAt(0) === "#") continue;
      var url;
      try { url = withVersion(href, current); } catch (e) { continue; }
      if (url.href.indexOf(siteRoot) !== 0) continue;
      link.setAttribute("href", url.href);
    }
  }

  function isShown(element) {
    return element.getClientRects().length > 0;
  }

  /* In a version view exactly one sample per direction is left: open it. */
  function updateSamples() {
    var samples = doc.querySelectorAll("details.sample");
    for (var i = 0; i < samples.length; i++) {
      var sample = samples[i];
      if (!sample.hasAttribute("data-open-default")) {
        sample.setAttribute("data-open-default", sample.open ? "1" : "0");
      }
      sample.open = current ? isShown(sample) : sample.getAttribute("data-open-default") === "1";
    }
  }

  function updateChrome() {
    var picker = doc.getElementById("mv");
    if (picker) picker.value = current;
    var banner = doc.getElementById("mv-banner");
    if (banner) {
      banner.hidden = !current;
      var label = banner.querySelector("[data-mv-current]");
      var header = banner.querySelector("[data-mv-header]");
      if (label) label.textContent = current;
      if (header) {
        header.textContent = (html.getAttribute("data-header") || "") + ": " +
          (html.getAttribute("data-service") || "") + " " + current;
      }
    }
  }

  function choose(version) {
    setVersion(version);
    history.replaceState(null, "", withVersion(location.href, version).href);
    updateChrome();
    updateLinks();
    updateSamples();
  }

  /* ---- search ---------------------------------------------------------------------- */

  var index = null;
  var waiting = [];

  function loadIndex(done) {
    if (index) return done();
    waiting.push(done);
    if (waiting.length > 1) return;
    var script = doc.createElement("script");
    script.src = siteRoot + "search-index.js";
    script.onload = function () {
      index = self.APIREF_SEARCH_INDEX || { endpoints: [] };
      waiting.splice(0).forEach(function (callback) { callback(); });
    };
    script.onerror = function () { waiting = []; };
    doc.head.appendChild(script);
  }

  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q || !index) return [];
    var words = q.split(/\s+/);
    var results = [];
    index.endpoints.forEach(function (entry, order) {
      if (current && !within(current, entry.lo, entry.hi)) return;
      var text = (entry.m + " " + entry.p + " " + entry.t + " " + entry.g).toLowerCase();
      if (words.every(function (word) { return text.indexOf(word) >= 0; })) {
        var title = entry.t.toLowerCase();
        var score = title.indexOf(q) === 0 ? 100 : title.indexOf(q) >= 0 ? 90 : entry.p.toLowerCase().indexOf(q) >= 0 ? 80 : 50;
        results.push({ entry: entry, score: score, order: order });
      }
      var seen = {};
      entry.f.forEach(function (field) {
        if (current && !within(current, field.lo, field.hi)) return;
        var name = field.n.toLowerCase();
        var leaf = name.slice(name.lastIndexOf(".") + 1);
        if (name.indexOf(q) < 0 || seen[field.n]) return;
        seen[field.n] = true;
        results.push({ entry: entry, field: field, score: leaf === q ? 70 : name === q ? 70 : 40, order: order });
      });
    });
    results.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return results.slice(0, 30);
  }

  function element(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function setUpSearch() {
    var box = doc.querySelector("[data-search]");
    var input = doc.getElementById("search");
    var list = doc.getElementById("search-results");
    if (!box || !input || !list) return;
    box.hidden = false;
    var active = -1;

    function links() { return list.querySelectorAll("a"); }
    function highlight(position) {
      var items = links();
      if (!items.length) return;
      active = (position + items.length) % items.length;
      for (var i = 0; i < items.length; i++) items[i].setAttribute("aria-selected", i === active ? "true" : "false");
      items[active].scrollIntoView({ block: "nearest" });
    }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
    }
    function show() {
      var results = search(input.value);
      list.textContent = "";
      active = -1;
      if (!input.value.trim()) return close();
      if (!results.length) {
        list.appendChild(element("li", "search-empty", "No endpoint or field matches “" + input.value.trim() + "”"));
      }
      results.forEach(function (result) {
        var entry = result.entry;
        var page = entry.u.split("#")[0];
        var href = siteRoot + (result.field ? page + "#" + result.field.a : entry.u);
        var item = element("li");
        var link = element("a", "search-result");
        link.href = withVersion(href, current).href;
        link.setAttribute("role", "option");
        var line = element("span", "search-line");
        line.appendChild(element("span", "method m-" + entry.m.toLowerCase(), entry.m));
        line.appendChild(element("span", "search-title", entry.t));
        link.appendChild(line);
        var detail = element("span", "search-detail");
        if (result.field) {
          detail.appendChild(element("span", "search-kind", result.field.d === "req" ? "request" : "response"));
          detail.appendChild(element("code", "", result.field.n));
          detail.appendChild(doc.createTextNode(" · " + entry.p));
        } else {
          detail.appendChild(element("code", "", entry.p));
          detail.appendChild(doc.createTextNode(" · " + entry.g));
        }
        link.appendChild(detail);
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    input.addEventListener("focus", function () { loadIndex(show); });
    input.addEventListener("input", function () { loadIndex(show); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter") {
        var items = links();
        var target = items[active >= 0 ? active : 0];
        if (target) { event.preventDefault(); location.href = target.href; close(); }
      } else if (event.key === "Escape") { input.value = ""; close(); input.blur(); }
    });
    doc.addEventListener("click", function (event) {
      if (!box.contains(event.target)) close();
    });
    list.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) close();
    });
    doc.addEventListener("keydown", function (event) {
      var tag = (event.target.tagName || "").toLowerCase();
      if (event.key === "/" && tag !== "input" && tag !== "select" && tag !== "textarea") {
        event.preventDefault();
        input.focus();
      }
    });
  }

  /* ---- sidebar ---------------------------------------------------------------------- */

  // Every page carries only its own sidebar entry; navigation.js lists them all once.
  function buildNav() {
    var list = doc.querySelector("[data-site-nav]");
    var pages = window.apirefNav;
    if (!list || !Array.isArray(pages)) return;
    var root = doc.documentElement.getAttribute("data-root") || "";
    var current = list.querySelector("[data-nav-path]");
    var currentPath = current ? current.getAttribute("data-nav-path") : null;
    var items = doc.createDocumentFragment();
    pages.forEach(function (page) {
      if (current && page.u === currentPath) { items.appendChild(current); return; }
      var item = doc.createElement("li");
      item.className = "nav-item";
      var link = doc.createElement("a");
      link.href = root + page.u;
      link.textContent = page.t;
      var count = doc.createElement("span");
      count.className = "nav-count";
      count.textContent = String(page.n);
      link.appendChild(count);
      item.appendChild(link);
      items.appendChild(item);
    });
    list.textContent = "";
    list.appendChild(items);
    var all = doc.querySelector("[data-nav-all]");
    if (all) all.hidden = true;
  }

  /* ---- start ----------------------------------------------------------------------- */

  function start() {
    var pickerBox = doc.querySelector("[data-mv-picker]");
    var picker = doc.getElementById("mv");
    if (pickerBox && picker) {
      pickerBox.hidden = false;
      picker.addEventListener("change", function () { choose(picker.value); });
    }
    var clear = doc.querySelector("[data-mv-clear]");
    if (clear) clear.addEventListener("click", function () { choose(""); });
    buildNav();
    var toggle = doc.getElementById("nav-toggle");
    doc.querySelectorAll(".sidebar a").forEach(function (link) {
      link.addEventListener("click", function () { if (toggle) toggle.checked = false; });
    });
    updateChrome();
    updateLinks();
    updateSamples();
    setUpSearch();
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start); else start();
})();
