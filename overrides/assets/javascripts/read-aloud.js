/* Read aloud: the browser's own speech synthesis reads the page in the page's language, sentence by
   sentence, marking the sentence being read. No audio files and no third-party service. The control
   stays hidden when the browser cannot speak or has no voice for the language (see docs/architecture.md). */
(function () {
  "use strict";
  var box = document.querySelector(".cop-listen");
  var synth = window.speechSynthesis;
  if (!box || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;
  var lang = (document.documentElement.getAttribute("lang") || "en").toLowerCase();
  var base = lang.split("-")[0];
  var voice = null, sentences = [], at = 0, state = "idle";
  var button = box.querySelector(".cop-listen__play"), stop = box.querySelector(".cop-listen__stop");
  var canHighlight = window.CSS && CSS.highlights && typeof window.Highlight === "function";

  function findVoice() {
    var voices = synth.getVoices() || [];
    var exact = null, near = null;
    voices.forEach(function (v) {
      var l = String(v.lang || "").toLowerCase().replace("_", "-");
      if (l === lang && !exact) exact = v;
      if (l.split("-")[0] === base && !near) near = v;
    });
    return exact || near;
  }

  function show() {
    voice = findVoice();
    box.hidden = !voice;
  }

  function collect() {
    var root = document.querySelector("article");
    var out = [];
    if (!root) return out;
    var blocks = root.querySelectorAll("h1, h2, h3, p, li, summary, dd, td");
    var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter(lang, {granularity: "sentence"}) : null;
    blocks.forEach(function (el) {
      if (el.closest(".cop-listen, .headerlink, details:not([open]) > :not(summary), nav")) return;
      if (el.querySelector("p, li")) return; /* read the innermost blocks only */
      var text = el.textContent.replace(/\u00b6/g, "").replace(/\s+/g, " ").trim();
      if (!text) return;
      var parts = segmenter ? Array.from(segmenter.segment(text), function (s) { return s.segment; })
                            : text.match(/[^.!?。！？]+[.!?。！？]*\s*/g) || [text];
      parts.forEach(function (p) {
        if (p.trim()) out.push({el: el, text: p.trim()});
      });
    });
    return out;
  }

  function mark(item) {
    document.querySelectorAll(".cop-reading").forEach(function (el) { el.classList.remove("cop-reading"); });
    if (canHighlight) CSS.highlights.delete("cop-reading");
    if (!item) return;
    item.el.classList.add("cop-reading");
    if (canHighlight) {
      var walker = document.createTreeWalker(item.el, NodeFilter.SHOW_TEXT), node, range = null;
      var start = item.text.slice(0, 12);
      while ((node = walker.nextNode())) {
        var i = node.data.indexOf(start);
        if (i >= 0) {
          range = new Range();
          range.setStart(node, i);
          range.setEnd(node, Math.min(node.data.length, i + item.text.length));
          break;
        }
      }
      if (range) CSS.highlights.set("cop-reading", new Highlight(range));
    }
    if (item.el.scrollIntoView) item.el.scrollIntoView({block: "nearest"});
  }

  function label(name) {
    button.textContent = box.getAttribute("data-" + name);
    button.setAttribute("aria-pressed", name === "pause" ? "true" : "false");
  }

  function speak() {
    if (at >= sentences.length) return finish();
    var item = sentences[at];
    var u = new SpeechSynthesisUtterance(item.text);
    u.lang = voice.lang || lang;
    u.voice = voice;
    u.rate = 0.9;
    u.onend = function () {
      if (state !== "playing") return;
      at += 1;
      speak();
    };
    mark(item);
    synth.speak(u);
  }

  function finish() {
    state = "idle";
    at = 0;
    mark(null);
    label("listen");
    stop.hidden = true;
  }

  button.addEventListener("click", function () {
    if (state === "playing") {
      state = "paused";
      synth.pause();
      label("resume");
    } else if (state === "paused") {
      state = "playing";
      synth.resume();
      label("pause");
    } else {
      sentences = collect();
      at = 0;
      state = "playing";
      synth.cancel();
      label("pause");
      stop.hidden = false;
      speak();
    }
  });
  stop.addEventListener("click", function () {
    state = "idle";
    synth.cancel();
    finish();
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });

  show();
  if (!voice && "onvoiceschanged" in synth) synth.addEventListener("voiceschanged", show);
  if (window.copListenNow && voice) button.click();  /* loaded by listen.js when the reader pressed Listen */
})();
