/* Presentation mode in the browser: full screen, a presenter's clicker, pause, Escape to leave.
 * The tour itself runs on the server (callbacks/presentation.py); this file only starts, pauses
 * and resumes its timer through Dash's set_props, and presses the tour's previous/next buttons.
 *
 * Keys in the mode: ArrowRight, PageDown and Space go to the next step, ArrowLeft and PageUp to
 * the previous one (a clicker sends these); stepping by hand pauses the timer, so the presenter
 * keeps the step as long as they talk. Escape leaves; any other key pauses. A click pauses too,
 * except on the tour's own buttons.
 */
(function () {
  "use strict";

  var NEXT = ["ArrowRight", "PageDown", " ", "Spacebar"];
  var PREVIOUS = ["ArrowLeft", "PageUp"];

  // A link to the mode paints the mode's layout from the start (style.css `html.kk-demo`), not
  // the full page with a small map first; the page's class takes over once Dash has drawn it.
  if (/[?&]mode=demo(&|$)/.test(window.location.search)) {
    document.documentElement.classList.add("kk-demo");
  }

  function inDemo() {
    var page = document.getElementById("page");
    return Boolean(page && page.classList.contains("demo"));
  }

  function paused() {
    return document.body.classList.contains("tour-is-paused");
  }

  function setPaused(on) {
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("tour-timer", { disabled: on });
      window.dash_clientside.set_props("tour-pause", { "aria-pressed": on ? "true" : "false" });
    }
    document.body.classList.toggle("tour-is-paused", on);
  }

  function press(id) {
    var button = document.getElementById(id);
    if (button) button.click();
  }

  function runningLabel() {
    document.body.classList.remove("tour-is-paused");
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("tour-pause", { "aria-pressed": "false" });
    }
  }

  function leave() {
    runningLabel();
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    press("demo-exit");
  }

  document.addEventListener("keydown", function (event) {
    if (!inDemo()) return;
    if (event.key === "Escape") {
      event.preventDefault();
      leave();
    } else if (NEXT.indexOf(event.key) >= 0 || PREVIOUS.indexOf(event.key) >= 0) {
      // no scrolling, and no press of a focused button by Space
      event.preventDefault();
      if (!event.repeat) press(NEXT.indexOf(event.key) >= 0 ? "tour-next" : "tour-previous");
    } else if (!paused()) {
      setPaused(true);
    }
  }, true);

  // A focused button is pressed on Space's keyup; the clicker's Space is "next" only.
  document.addEventListener("keyup", function (event) {
    if (inDemo() && NEXT.indexOf(event.key) >= 0) event.preventDefault();
  }, true);

  document.addEventListener("click", function (event) {
    var target = event.target;
    var on = function (selector) { return Boolean(target.closest && target.closest(selector)); };
    if (on("#demo-start")) {
      var root = document.documentElement;
      if (root.requestFullscreen) root.requestFullscreen().catch(function () {});
      runningLabel();
      return;
    }
    if (!inDemo() || on("#demo-exit")) return;
    if (on("#tour-pause")) {
      setPaused(!paused());
    } else if (!paused()) {
      setPaused(true); // a click on the map, the caption, or previous/next: the presenter leads
    }
  }, true);

  // The browser leaves full screen on Escape without telling the page's key handlers.
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && inDemo()) leave();
  });

})();
