/* Listen, on any page: shows the read-aloud control when the browser has a voice for the page's
   language, and fetches read-aloud.js only when the reader presses it (children's pages load
   read-aloud.js at once). Nothing is fetched, stored or sent before that. */
(function () {
  "use strict";
  var box = document.querySelector(".cop-listen"), synth = window.speechSynthesis;
  var me = document.currentScript && document.currentScript.src;
  if (!box || !synth || typeof window.SpeechSynthesisUtterance !== "function" || !me) return;
  var lang = (document.documentElement.getAttribute("lang") || "en").toLowerCase().split("-")[0];
  function show() {
    box.hidden = !(synth.getVoices() || []).some(function (v) {
      return String(v.lang || "").toLowerCase().split(/[-_]/)[0] === lang;
    });
  }
  show();
  if ("onvoiceschanged" in synth) synth.addEventListener("voiceschanged", show);
  var play = box.querySelector(".cop-listen__play");
  play.addEventListener("click", function start() {
    play.removeEventListener("click", start);
    window.copListenNow = true;  /* read-aloud.js starts reading as soon as it has loaded */
    var s = document.createElement("script");
    s.src = me.replace(/listen\.js(\?.*)?$/, "read-aloud.js");
    document.head.appendChild(s);
  });
})();
