/* "Profiel afdrukken" prints the province's profile on one A4 page (style.css, print section).
 * plotly sizes the map's SVG in pixels, so for print the map is drawn at the size the print
 * stylesheet gives it (PRINT_MAP, the same numbers as `#map` there), and afterwards back at the
 * screen's size. Ctrl+P does the same through the print media query and beforeprint.
 */
(function () {
  "use strict";

  var PRINT_MAP = { width: 290, height: 260 };

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#print-profile")) window.print();
  });

  function fit(printing) {
    var graph = document.querySelector("#map .js-plotly-plot");
    if (!graph || !window.Plotly) return;
    if (printing) {
      window.Plotly.relayout(graph, { autosize: false, width: PRINT_MAP.width, height: PRINT_MAP.height });
    } else {
      window.Plotly.relayout(graph, { autosize: true, width: null, height: null });
    }
  }

  window.matchMedia("print").addEventListener("change", function (query) {
    fit(query.matches);
  });
  window.addEventListener("beforeprint", function () {
    fit(true);
  });
  window.addEventListener("afterprint", function () {
    fit(false);
  });
})();
