/* Presentation mode in the browser: full screen, pause on any key or click, Escape to leave.
 * The tour itself runs on the server (callbacks/presentation.py); this file only starts, pauses
 * and resumes its timer through Dash's set_props.
 */
(function () {
  "use strict";

  function inDemo() {
    var page = document.getElementById("page");
    return Boolean(page && page.classList.contains("demo"));
  }

  function setTimer(disabled) {
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("tour-timer", { disabled: disabled });
    }
    document.body.classList.toggle("tour-is-paused", disabled);
  }

  function leave() {
    var exit = document.getElementById("demo-exit");
    document.body.classList.remove("tour-is-paused");
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    if (exit) exit.click();
  }

  document.addEventListener("keydown", function (event) {
    if (!inDemo()) return;
    if (event.key === "Escape") {
      event.preventDefault();
      leave();
    } else if (!document.body.classList.contains("tour-is-paused")) {
      setTimer(true);
    }
  }, true);

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest && target.closest("#demo-start")) {
      var root = document.documentElement;
      if (root.requestFullscreen) root.requestFullscreen().catch(function () {});
      document.body.classList.remove("tour-is-paused");
      return;
    }
    if (!inDemo()) return;
    if (target.closest && target.closest("#tour-resume")) {
      setTimer(false);
    } else if (!(target.closest && target.closest("#demo-exit"))) {
      setTimer(true);
    }
  }, true);

  // The browser leaves full screen on Escape without telling the page's key handlers.
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && inDemo()) leave();
  });

})();
