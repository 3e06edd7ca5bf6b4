/* A value passed on once the browser has painted the map (callbacks/after_paint.py). The map's answer
   is drawn in the task that applies it, so the next frame paints it; the value goes on in a
   task after the frame that follows that one, so no panel's work delays the map's frame, nor
   the first frame after it (in which a person sees the map). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  kansenkaart: Object.assign({}, (window.dash_clientside || {}).kansenkaart, {
    afterPaint: function (value) {
      return new Promise(function (resolve) {
        requestAnimationFrame(function () {
          requestAnimationFrame(function () { setTimeout(function () { resolve(value); }, 0); });
        });
      });
    },
  }),
});
