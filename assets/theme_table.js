/* A theme click redraws the map here, before the server has answered.
 *
 * The page holds a table with the map values of every theme selection for the view it shows
 * (layers/theme_table.py builds it; callbacks/map_view.py keeps it current). When a person
 * changes a theme checkbox or the match switch, this looks the new selection up and writes its
 * values into the figure, the way a dash.Patch would: no filter or metric logic lives here, so
 * the server stays the one place that computes them. The table is used only while it still
 * belongs to the view shown; otherwise (and for data too large for a table) the server's answer
 * draws the map, as for every other control.
 *
 * A DOM listener rather than a clientside callback: Dash holds back a callback whose input the
 * running URL callback may still set (it sets every control), which would wait for the server.
 */
(function () {
  "use strict";

  var THEMES = "theme-filter";
  var MATCH = "match-mode";

  function selectionKey(themes, match) {
    return (themes || []).slice().sort().join(",") + "|" + (match || "any");
  }

  // The object a path starts from: the layout (trace null) or a trace of the figure.
  function root(figure, trace) {
    return trace === null ? figure.layout : figure.data[trace];
  }

  function read(figure, trace, path) {
    var target = root(figure, trace);
    var keys = path.split(".");
    for (var k = 0; k < keys.length && target !== undefined && target !== null; k++) {
      target = target[keys[k]];
    }
    return target;
  }

  // Copy along the path (everything else, the province shapes too, is shared) and set the value.
  function write(next, copied, trace, path, value) {
    var where = trace === null ? "layout" : trace;
    if (!copied[where]) {
      if (trace === null) next.layout = Object.assign({}, next.layout);
      else next.data[trace] = Object.assign({}, next.data[trace]);
      copied[where] = true;
    }
    var target = root(next, trace);
    var keys = path.split(".");
    for (var k = 0; k < keys.length - 1; k++) {
      target[keys[k]] = Object.assign({}, target[keys[k]]);
      target = target[keys[k]];
    }
    target[keys[keys.length - 1]] = value;
  }

  // The next figure for this selection, or null when the table cannot tell or nothing changes.
  function drawSelection(themes, match, table, tableFor, view, figure) {
    if (!table || !tableFor || tableFor.view !== view || !figure || !figure.data) return null;
    var index = table.index[selectionKey(themes, match)];
    if (index === undefined) return null;
    var values = table.entries[index];
    var next = Object.assign({}, figure, { data: figure.data.slice() });
    var copied = {};
    var changed = false;
    table.paths.forEach(function (path, k) {
      // Unchanged values are left as they are: plotly redraws for any new array.
      if (JSON.stringify(read(figure, path[0], path[1])) === JSON.stringify(values[k])) return;
      write(next, copied, path[0], path[1], values[k]);
      changed = true;
    });
    return changed ? next : null;
  }

  function props(id) {
    var layout = window.dash_component_api.getLayout(id);
    return (layout && layout.props) || {};
  }

  // What the person now sees ticked (the DOM has it before React re-renders).
  function ticked(id, type) {
    var inputs = document.querySelectorAll("#" + id + " input[type=" + type + "]");
    return Array.prototype.filter.call(inputs, function (input) { return input.checked; })
      .map(function (input) { return input.value; });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target || !target.closest || !target.closest("#" + THEMES + ", #" + MATCH)) return;
    if (!window.dash_component_api || !window.dash_clientside) return;
    var figure = drawSelection(
      ticked(THEMES, "checkbox"),
      ticked(MATCH, "radio")[0],
      props("theme-table").data,
      props("theme-table-for").data,
      props("view").data,
      props("map").figure
    );
    if (figure) window.dash_clientside.set_props("map", { figure: figure });
  });
})();
