/* The map drawn at the moment of a click, before the page's own round trip (ui/map_first.py).

   A person's event (a theme, the match switch, a kind or status, the metric or province list, a
   click on the map, "clear"/"reset"/"close", back and forward) goes to /_map-first at once, and
   the answer, the new view's map layers, is written into a copy of the figure and drawn with
   Plotly.react. dash-renderer's own request for the same event goes as before and sets the rest
   of the page and the map's figure with the same values; should its view differ from the one
   drawn here, its figure is drawn again (callbacks/map_first.py). Any failure here leaves the
   map to the page: nothing is shown, nothing is lost. */
(function () {
  "use strict";
  var PATH = "/_map-first";
  var SENT_CONTROLS = ["theme-filter", "match-mode", "kind-filter", "status-filter"];
  var LISTS = ["metric", "province-select"];
  var BUTTONS = ["reset-filters", "clear-province", "close-card"];
  // `drawn`: the view this lane drew that the page has not answered yet; `off`: for tests.
  // `lastEventAt`: when the person last changed the view (the table's grid waits for a pause).
  var lane = (window.kkMapFirst = { drawn: null, off: false, drawnCount: 0, lastEventAt: 0 });
  var sent = 0;
  var last = { key: "", at: 0 };
  // The page's own requests wait while this lane's answer is on its way, at most HOLD_MS: on a
  // machine with two cores the view callback's request, computing the same view at the same
  // moment, had doubled this answer's time. The page's answer follows a few ms later instead.
  var HOLD_MS = 250;
  var holding = null;
  var plainFetch = window.fetch ? window.fetch.bind(window) : null;

  function graph() {
    var gd = document.querySelector("#map .js-plotly-plot");
    return gd && gd._fullLayout && gd.data && window.Plotly ? gd : null;
  }

  /* A checkbox group's checked values, or a radio group's checked value. */
  function controlValue(id) {
    var box = document.getElementById(id);
    if (!box) return undefined;
    var inputs = box.querySelectorAll("input");
    var values = [];
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].checked) values.push(inputs[i].value);
    }
    if (inputs.length && inputs[0].type === "radio") return values.length ? values[0] : null;
    return values;
  }

  function shownControls() {
    var controls = {};
    SENT_CONTROLS.forEach(function (id) {
      var value = controlValue(id);
      if (value !== undefined) controls[id] = value;
    });
    return controls;
  }

  /* Sends the event; the promise it gives settles once the lane has drawn, failed, or waited
     HOLD_MS (null: not sent). */
  function send(trigger, value) {
    lane.lastEventAt = window.performance.now();
    if (lane.off || !graph() || !plainFetch) return null;
    // A click on an option's label reaches its input too, as a second click: one event.
    var key = trigger + JSON.stringify(value);
    var now = window.performance.now();
    if (trigger !== "url" && key === last.key && now - last.at < 300) return null;
    last = { key: key, at: now };
    var search = window.location.search;
    var mine = ++sent;
    var body = { search: search, trigger: trigger, value: value, controls: shownControls() };
    var release;
    holding = new Promise(function (resolve) {
      release = resolve;
      window.setTimeout(resolve, HOLD_MS);
    });
    var held = holding;
    plainFetch(PATH, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin",
      })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (!answer || answer.query === null || mine !== sent) return; // a later event goes first
        if (trigger !== "url" && answer.query === search) return; // the map shows it already
        draw(answer);
      })
      .catch(function () {}) // offline, a stopped server: the page's own answer draws the map
      .then(function () {
        release();
        if (holding === held) holding = null;
      });
    return held;
  }

  if (plainFetch) {
    window.fetch = function (resource) {
      var url = typeof resource === "string" ? resource : (resource && resource.url) || "";
      if (holding && url.indexOf("/_dash-update-component") >= 0) {
        var args = arguments;
        return holding.then(function () {
          return plainFetch.apply(window, args);
        });
      }
      return plainFetch.apply(window, arguments);
    };
  }

  /* A copy of `object` with each dotted path set to its value, as a dash.Patch writes it; what
     is not on a path is shared. */
  function written(object, updates) {
    var copy = Object.assign({}, object);
    Object.keys(updates).forEach(function (path) {
      var keys = path.split(".");
      var target = copy;
      for (var k = 0; k < keys.length - 1; k++) {
        var next = target[keys[k]];
        target[keys[k]] =
          next && typeof next === "object" && !Array.isArray(next) ? Object.assign({}, next) : {};
        target = target[keys[k]];
      }
      target[keys[keys.length - 1]] = updates[path];
    });
    return copy;
  }

  function draw(answer) {
    var gd = graph();
    if (!gd) return;
    var data = gd.data.slice();
    Object.keys(answer.traces).forEach(function (index) {
      if (data[Number(index)]) data[Number(index)] = written(data[Number(index)], answer.traces[index]);
    });
    lane.drawn = answer.query;
    lane.drawnCount += 1;
    // No config: plotly keeps the one dcc.Graph gave.
    window.Plotly.react(gd, data, written(gd.layout, answer.layout));
  }

  /* Back and forward: the URL component (dcc.Location, which listens on window too, after this
     script) hears of it once the lane's map has painted, so dash-renderer's work on the new URL
     does not hold up the lane's answer on the main thread. */
  var replaying = false;
  window.addEventListener("popstate", function (event) {
    if (replaying) return;
    var drawn = send("url", null);
    if (!drawn) return;
    event.stopImmediatePropagation();
    drawn.then(function () {
      window.kkAfterPaint(function () {
        replaying = true;
        try {
          window.dispatchEvent(new PopStateEvent("popstate", { state: event.state }));
        } finally {
          replaying = false;
        }
      });
    });
  });

  /* What a point of the map is to the view callback (dcc.Graph's clickData has the same). */
  function sentClick(point) {
    var sentPoint = { curveNumber: point.curveNumber };
    if (typeof point.location === "string") sentPoint.location = point.location;
    if (typeof point.customdata === "string" || typeof point.customdata === "number") {
      sentPoint.customdata = point.customdata;
    }
    return { points: [sentPoint] };
  }

  /* A checkbox or radio group's value after a click on one of its options. The click on the
     option's text comes first and its input's click second; the browser has toggled the input
     when the input is the target, not before. */
  function valueAfterClick(box, option, target) {
    var input = option.querySelector("input");
    if (!input) return undefined;
    if (input.type === "radio") return input.checked && target !== input ? undefined : input.value;
    var values = [];
    var inputs = box.querySelectorAll("input");
    for (var i = 0; i < inputs.length; i++) {
      var on = inputs[i].checked;
      if (inputs[i] === input && target !== input) on = !on;
      if (on) values.push(inputs[i].value);
    }
    return values;
  }

  /* A list's option (the metric, a province) or a box's choice (a theme, the match switch, a
     kind, a status): the control's own handling of the choice (the list closing, focus, React's
     change event, dash-renderer's dispatch of the value: 18-35 ms on the main thread) runs in the
     click's task, just when the lane's answer comes in. The click is held, as back, forward and
     a map click are, and given to the option again in the frame after the lane's paint: the map
     changes first, the tick or the closing list in the frame after. Should the control have gone
     in between (a list closed with Escape), the value is set on it as the click would have. */
  var replayingOption = false;
  function holdOption(event, listId, input, drawn, value) {
    event.preventDefault();
    event.stopImmediatePropagation();
    if (value === undefined) value = input.value;
    drawn.then(function () {
      window.kkAfterPaint(function () {
        if (input.isConnected) {
          replayingOption = true;
          try {
            input.click();
          } finally {
            replayingOption = false;
          }
        } else if (!input.isConnected && window.dash_clientside && window.dash_clientside.set_props) {
          window.dash_clientside.set_props(listId, { value: value });
        }
      });
    });
  }

  /* In the capture phase at the document, before the page's own handlers (React's sit lower,
     and dash-renderer prepares its request in them). */
  document.addEventListener(
    "click",
    function (event) {
      var target = event.target;
      if (!target.closest) return;
      var option = target.closest(".dash-dropdown-options [role=option]");
      if (option) {
        if (replayingOption) return;
        var list = document.querySelector("button.dash-dropdown[aria-expanded=true]");
        var input = option.querySelector("input");
        if (list && LISTS.indexOf(list.id) >= 0 && input && !input.disabled &&
            option.getAttribute("aria-selected") !== "true") {
          var drawn = send(list.id, input.value);
          if (drawn) holdOption(event, list.id, input, drawn);
        }
        return;
      }
      var choice = target.closest(".dash-options-list[id] .dash-options-list-option");
      if (choice) {
        if (replayingOption) return;
        var box = choice.closest(".dash-options-list[id]");
        if (SENT_CONTROLS.indexOf(box.id) < 0) return;
        var value = valueAfterClick(box, choice, target);
        var sent = value !== undefined ? send(box.id, value) : null;
        var boxInput = choice.querySelector("input");
        if (sent && boxInput) holdOption(event, box.id, boxInput, sent, value);
        return;
      }
      var button = target.closest("button[id]");
      if (button && BUTTONS.indexOf(button.id) >= 0 && !button.disabled) send(button.id, 1);
    },
    true
  );

  /* A click on the map: plotly reports it on the pointer's release; the point under the pointer
     is plotly's hover data (`_hoverdata`, what its click event reports), read here first. The
     click event itself reaches the page (dcc.Graph, then dash-renderer: 15-20 ms of work on the
     main thread, just when the lane's answer comes in) once the lane's map has painted. */
  var clickDrawn = null;
  var replayingClick = false;
  document.addEventListener(
    "pointerup",
    function (event) {
      var gd = event.target.closest && event.target.closest("#map .js-plotly-plot");
      if (gd && event.button === 0 && gd._hoverdata && gd._hoverdata[0]) {
        bind(gd);
        clickDrawn = send("map", sentClick(gd._hoverdata[0]));
      }
    },
    true
  );

  /* plotly's own click event: held back as above when the lane has the click, and sent to the
     lane when it has not (a touch may give no hover first; the same click twice is sent once).
     Bound once the map exists (a pointer comes down before the click). */
  function bind(gd) {
    if (gd.kkMapFirst || !gd.on || !gd.emit) return;
    gd.kkMapFirst = true;
    var emit = gd.emit;
    gd.emit = function (name) {
      var args = arguments;
      if (name === "plotly_click" && clickDrawn) {
        var drawn = clickDrawn;
        clickDrawn = null;
        drawn.then(function () {
          window.kkAfterPaint(function () {
            replayingClick = true; // the lane has this click: not sent again below
            try {
              emit.apply(gd, args);
            } finally {
              replayingClick = false;
            }
          });
        });
        return undefined;
      }
      return emit.apply(gd, args);
    };
    gd.on("plotly_click", function (click) {
      var point = click && click.points && click.points[0];
      if (point && !replayingClick) send("map", sentClick(point));
    });
  }

  document.addEventListener(
    "pointerdown",
    function (event) {
      var gd = event.target.closest && event.target.closest("#map .js-plotly-plot");
      if (gd) bind(gd);
    },
    true
  );
})();
