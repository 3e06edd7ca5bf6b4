/* The swap from the server-rendered first frame (#kk-first-frame, ui/first_frame.py) to the
   Dash app drawn unseen over it (first_frame.css): once, when the app has drawn its map, or
   after SAFETY_MS, or on a script error, so a broken or slow app is never hidden for good. */
(function () {
  "use strict";
  var SAFETY_MS = 8000;
  var copy = document.getElementById("kk-first-frame");
  if (!copy) return;
  var observer = new MutationObserver(function () {
    if (document.querySelector("#map .js-plotly-plot .main-svg")) swap();
  });
  var timer = window.setTimeout(swap, SAFETY_MS);

  function swap() {
    observer.disconnect();
    window.clearTimeout(timer);
    window.removeEventListener("error", swap);
    if (copy.parentNode) copy.parentNode.removeChild(copy);
  }

  window.addEventListener("error", swap);
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
