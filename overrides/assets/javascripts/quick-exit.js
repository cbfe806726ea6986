/* Quick exit for sensitive pages (after the GOV.UK "Exit this page" component).
   The button, or Shift pressed three times within two seconds, blanks the page at once
   and replaces it with a neutral website. location.replace() keeps this page out of the
   back button; it does not erase browser history (the page says so). No storage, no requests. */
(function () {
  "use strict";
  var box = document.querySelector(".cop-exit");
  if (!box) return;
  function exit(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("cop-exiting");  /* blank at once, before the next page arrives */
    document.title = "";
    window.location.replace(box.getAttribute("data-exit-url"));
  }
  box.querySelector(".cop-exit__button").addEventListener("click", exit);
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 2000; });
    presses.push(now);
    if (presses.length >= 3) exit();
  });
})();
