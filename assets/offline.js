/* Plotly's own defaults name outside hosts (cdn.plot.ly for base-map shapes). The map passes its
 * own `topojsonURL`; this makes this server the default for every graph, so a graph added
 * without that config cannot reach out either. (The vendored bundle stays unmodified.)
 */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  if (window.Plotly && window.Plotly.setPlotConfig) {
    window.Plotly.setPlotConfig({ topojsonURL: "/assets/topojson/" });
  }
});
