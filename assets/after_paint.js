/* A value passed on once the browser has painted the map (callbacks/after_paint.py). The map's answer
   is drawn in the task that applies it, so the next frame paints it; the value goes on in a
   task after the frame that follows that one, so no panel's work delays the map's frame, nor
   the first frame after it (in which a person sees the map). Passed on only when it changed. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  kansenkaart: Object.assign({}, (window.dash_clientside || {}).kansenkaart, {
    afterPaint: function (value, shown) {
      // The same view or link again (the URL component's first report, a list drawn anew): the
      // panels already show it, and drawing them anew could undo a choice made meanwhile.
      if (value === shown || ((value || '') === '' && (shown || '') === '')) {
        return window.dash_clientside.no_update;
      }
      return new Promise(function (resolve) {
        window.kkAfterPaint(function () { resolve(value); });
      });
    },
  }),
});

/* Runs `then` in a task after the frame that paints what was drawn before it and the frame after
   that one (in which a person sees it). The panels wait so (above), and so does the page's own
   handling of an event the map's fast lane has drawn (assets/map_first.js). */
window.kkAfterPaint = function (then) {
  requestAnimationFrame(function () {
    requestAnimationFrame(function () { setTimeout(then, 0); });
  });
};
