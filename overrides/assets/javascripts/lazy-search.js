/* Search starts when the reader wants it: Material's search worker and index are held until
   the search box is used or a shortcut key (/ s f) is pressed; search-results.js is loaded then
   too, and wraps the worker when it starts. See docs/architecture.md. */
(function () {
  "use strict";
  var wanted = false, queue = [];
  var me = document.currentScript && document.currentScript.src;
  window.copLazySearch = true;
  function go() { queue.splice(0).forEach(function (run) { run(); }); }
  function want() {
    if (wanted) return;
    wanted = true;
    if (!me) return go();
    var s = document.createElement("script");
    s.src = me.replace(/lazy-search\.js(\?.*)?$/, "search-results.js");
    s.onload = s.onerror = go;
    document.head.appendChild(s);
  }
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.copIndex = /search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.copIndex && !wanted) { queue.push(function () { send.apply(xhr, args); }); return; }
    return send.apply(xhr, args);
  };
  var Real = window.Worker;
  if (typeof Real === "function") {
    var Lazy = function (url, options) {
      if (!/\/workers\/search\.\w+\.min\.js$/.test(String(url))) return new Real(url, options);
      var real = null, listeners = [], messages = [];
      function start() {
        real = new Real(url, options);
        if (window.copRankWorker) real = window.copRankWorker(real);
        listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
        messages.splice(0).forEach(function (m) { real.postMessage(m[0], m[1]); });
      }
      if (wanted) start(); else queue.push(start);
      return {
        postMessage: function (data, transfer) { if (real) real.postMessage(data, transfer); else messages.push([data, transfer]); },
        addEventListener: function (type, fn, opts) { listeners.push([type, fn, opts]); if (real) real.addEventListener(type, fn, opts); },
        removeEventListener: function (type, fn, opts) {
          listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== fn; });
          if (real) real.removeEventListener(type, fn, opts);
        },
        terminate: function () { if (real) real.terminate(); messages = []; }
      };
    };
    Lazy.prototype = Real.prototype;
    window.Worker = Lazy;
  }
  function isSearch(el) { return el && el.closest && el.closest(".md-search, label[for='__search']"); }
  document.addEventListener("focusin", function (e) { if (isSearch(e.target)) want(); }, true);
  document.addEventListener("pointerdown", function (e) { if (isSearch(e.target)) want(); }, true);
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (!typing && /^[/sfSF]$/.test(e.key)) want();
  }, true);
  document.addEventListener("change", function (e) { if (e.target && e.target.id === "__search" && e.target.checked) want(); }, true);
  /* a page opened from a search result (?h=term) highlights the term, which needs the index */
  if (/[?&]h=[^&]/.test(location.search)) want();
})();
