/* The table's grid (AG Grid, half of the page's script) loads after the map is drawn.
 *
 * ui/lazy_table.py leaves the grid's bundle out of the page and names it on `#table-slot`
 * (data-src). The grid is in the layout from the start; until its bundle has run, a stand-in
 * (an empty box of the grid's size) is drawn for it, so dash-renderer finds a component. Once the
 * map shows its provinces, the bundle is added when the table's place comes into view, when
 * the person presses a key (the keyboard may be on its way to the table), or at the latest
 * FALLBACK_MS later (in presentation mode only once the mode is left); in each case once the
 * person has not changed the view for QUIET_MS (assets/map_first.js notes the last change): its
 * 0.3 MB of script run in the middle of a click's redraw had doubled that click's time.
 * The bundle replaces the stand-in's namespace; a changed class then makes
 * Dash draw the grid again, now the real one, with the rows it already holds (no round trip).
 */
(function () {
  "use strict";

  var FALLBACK_MS = 4000;
  var QUIET_MS = 1000;
  var READY_CLASS = "ag-theme-quartz table table-ready";
  var started = false;
  var watching = false;

  if (!window.dash_ag_grid && window.React) {
    window.dash_ag_grid = {
      AgGrid: function TableLoading(props) {
        return window.React.createElement("div", {
          id: props.id, className: "table-loading", style: props.style, "aria-hidden": "true",
        });
      },
    };
  }

  function inPresentation() {
    return document.documentElement.classList.contains("kk-demo");
  }

  function sinceLastChange() {
    var lane = window.kkMapFirst;
    return lane && lane.lastEventAt ? window.performance.now() - lane.lastEventAt : Infinity;
  }

  function load() {
    var wait = QUIET_MS - sinceLastChange();
    if (!started && wait > 0) {
      window.setTimeout(load, wait);
      return;
    }
    var slot = document.getElementById("table-slot");
    // In presentation mode the table is hidden: it loads when the mode is left and it shows.
    if (started || !slot || inPresentation()) return;
    started = true;
    var script = document.createElement("script");
    script.src = slot.getAttribute("data-src");
    script.onload = function () {
      window.dash_clientside.set_props("table", { className: READY_CLASS });
    };
    document.head.appendChild(script);
  }

  function whenNear(slot) {
    if (!("IntersectionObserver" in window)) return load();
    var near = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        near.disconnect();
        load();
      }
    }, { rootMargin: "0px" });
    near.observe(slot);
  }

  function watch() {
    var slot = document.getElementById("table-slot");
    var drawn = document.querySelector("#map .js-plotly-plot .choroplethlocation");
    if (watching || !slot || !drawn) return;
    watching = true;
    mapObserver.disconnect();
    whenNear(slot);
    document.addEventListener("keydown", load, { once: true, capture: true });
    window.setTimeout(load, FALLBACK_MS);
  }

  var mapObserver = new MutationObserver(watch);
  mapObserver.observe(document.documentElement, { childList: true, subtree: true });
})();
