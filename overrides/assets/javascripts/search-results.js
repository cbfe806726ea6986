/* Search results a reader can use, in every language (loaded by lazy-search.js when the reader
   starts a search online; offline, run after the iframe-worker shim; see docs/architecture.md):
   - a page whose own text does not hold the query, but one of its sections does, links to that
     section (once the results are on screen), so the first result opens the matching section with
     the term highlighted;
   - results whose text holds the query exactly, as typed, come first: a Chinese phrase such as
     数字记录 is searched as its words (数字, 记录), and pages with only one of them ranked above it.
   */
(function () {
  "use strict";

  function norm(html) {
    return String(html || "").replace(/<[^>]*>/g, "").replace(/\u200b/g, "")
      .replace(/\s+/g, " ").trim().toLowerCase();
  }

  function holds(item, phrase) {
    return norm(item.title).indexOf(phrase) >= 0 || norm(item.text).indexOf(phrase) >= 0;
  }

  function improve(result, query) {
    var groups = result.items;
    var phrase = norm(query.replace(/["+\-*~^:]/g, " "));
    var several = /\s/.test(phrase) || /[\u3400-\u9fff]{2}/.test(phrase);
    if (several) {
      var exact = groups.filter(function (g) { return g.some(function (i) { return holds(i, phrase); }); });
      var rest = groups.filter(function (g) { return exact.indexOf(g) < 0; });
      groups = exact.concat(rest);
    }
    return Object.assign({}, result, { items: groups });
  }

  /* Material's search worker, wrapped: its answers are improved before Material renders them. */
  function rank(inner) {
    var query = "", wrapped = [];
    function wrap(fn) {
      return function (event) {
        var message = event && event.data;
        if (message && message.data && Array.isArray(message.data.items)) {
          var data = Object.assign({}, message, { data: improve(message.data, query) });
          event = { type: event.type, data: data, target: event.target };
        }
        return typeof fn === "function" ? fn.call(this, event) : fn.handleEvent(event);
      };
    }
    return {
      postMessage: function (message, transfer) {
        if (message && typeof message.data === "string") query = message.data;
        return inner.postMessage(message, transfer);
      },
      addEventListener: function (type, fn, opts) {
        if (type !== "message") return inner.addEventListener(type, fn, opts);
        var w = wrap(fn);
        wrapped.push([fn, w]);
        return inner.addEventListener(type, w, opts);
      },
      removeEventListener: function (type, fn, opts) {
        var pair = wrapped.filter(function (p) { return p[0] === fn; })[0];
        return inner.removeEventListener(type, pair ? pair[1] : fn, opts);
      },
      terminate: function () { return inner.terminate(); }
    };
  }
  /* online, lazy-search.js loads this file when the reader starts a search and wraps the worker it
     then starts; offline, this file runs before Material's bundle and wraps the worker class */
  window.copRankWorker = rank;
  var Base = window.Worker;
  if (!window.copLazySearch && typeof Base === "function") {
    var Ranked = function (url, options) {
      var inner = new Base(url, options);
      return /\/workers\/search\.\w+\.min\.js$/.test(String(url)) ? rank(inner) : inner;
    };
    Ranked.prototype = Base.prototype;
    window.Worker = Ranked;
  }

  /* The page entry of a result links to the page's top without a term to highlight when only its
     sections hold the query (Material's data must keep that link: it tells the page from its
     sections). Once rendered, it takes the link of its first matching section. */
  function sectionLinks(list) {
    Array.prototype.forEach.call(list.querySelectorAll(".md-search-result__item"), function (item) {
      var links = item.querySelectorAll("a[href]");
      if (links.length < 2 || /[?&]h=[^&#]/.test(links[0].getAttribute("href"))) return;
      for (var i = 1; i < links.length; i++) {
        if (/[?&]h=[^&#]/.test(links[i].getAttribute("href"))) {
          links[0].setAttribute("href", links[i].getAttribute("href"));
          return;
        }
      }
    });
  }
  function observe() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || typeof MutationObserver !== "function") return;
    sectionLinks(list);
    new MutationObserver(function () { sectionLinks(list); }).observe(list, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", observe);
  else observe();
})();
