/* The table's grid (AG Grid, half of the page's script) loads after the map is drawn.
 *
 * ui/lazy_table.py leaves the grid's bundle out of the page and names it on `#table-slot`
 * (data-src). Once the map shows its provinces, the bundle is added when the table's place comes
 * near the screen, when the person presses a key (the keyboard may be on its way to the table),
 * or at the latest FALLBACK_MS later; when it has run, `table-ready` is set and the server puts
 * the grid, filled for the view shown, into the slot (callbacks/table.py).
 */
(function () {
  "use strict";

  var FALLBACK_MS = 4000;
  var started = false;
  var watching = false;

  function load() {
    var slot = document.getElementById("table-slot");
    if (started || !slot) return;
    started = true;
    var script = document.createElement("script");
    script.src = slot.getAttribute("data-src");
    script.onload = function () {
      window.dash_clientside.set_props("table-ready", { data: Date.now() });
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
    }, { rootMargin: "50% 0px" });
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
