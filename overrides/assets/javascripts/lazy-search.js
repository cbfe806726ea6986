/* Load the search index only when the reader shows they want to search.
   Material for MkDocs requests search/search_index.json as soon as a page loads; for readers on
   slow or metered connections that is the heaviest download of the page. This runs before
   Material's bundle and holds that one request until the search box is focused or clicked, or a
   search shortcut key (/, s, f) is pressed. Nothing else changes. */
(function () {
  "use strict";
  var wanted = false;
  var queue = [];
  function want() {
    if (wanted) return;
    wanted = true;
    queue.splice(0).forEach(function (run) { run(); });
  }
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__copIndex = /search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.__copIndex && !wanted) {
      queue.push(function () { send.apply(xhr, args); });
      return undefined;
    }
    return send.apply(xhr, args);
  };
  function isSearch(el) {
    return el && el.closest && el.closest(".md-search, label[for='__search']");
  }
  document.addEventListener("focusin", function (e) { if (isSearch(e.target)) want(); }, true);
  document.addEventListener("pointerdown", function (e) { if (isSearch(e.target)) want(); }, true);
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (!typing && /^[/sfSF]$/.test(e.key)) want();
  }, true);
  document.addEventListener("change", function (e) { if (e.target && e.target.id === "__search" && e.target.checked) want(); }, true);
})();
