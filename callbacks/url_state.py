"""Filters <-> URL: the query string and the controls are two faces of one View.

A control or a click changes the View, which is written to the URL (so back/forward step through
views); a URL (first load, a shared link, back/forward) sets every control.
"""

from __future__ import annotations

from dataclasses import replace

from dash import ALL, Input, Output, State, callback, ctx, html, no_update

from callbacks.map_view import MAP_OUTPUTS, map_outputs
from kansenkaart import runtime
from kansenkaart.i18n import t
from kansenkaart.view import ParamProblem, View, query_value
from layers.map_figure import CLUSTERS, MARKERS
from ui import ids

#: Control id -> (URL parameter, how the control shows the view's value).
CONTROLS = {
    ids.LANG: ("lang", lambda v: v.lang),
    ids.THEMES: ("theme", lambda v: list(v.theme)),
    ids.MATCH: ("match", lambda v: v.match),
    ids.PROVINCE: ("province", lambda v: v.province),
    ids.KINDS: ("kind", lambda v: list(v.kind)),
    ids.STATUSES: ("status", lambda v: list(v.status)),
    ids.YEAR_FROM: ("from", lambda v: v.year_from),
    ids.YEAR_TO: ("to", lambda v: v.year_to),
    ids.SEARCH: ("q", lambda v: v.q),
    ids.METRIC: ("metric", lambda v: v.metric),
}


@callback(
    Output(ids.URL, "search"),
    Output(ids.VIEW, "data"),
    Output(ids.LANG_STORE, "data"),
    Output(ids.MODE_STORE, "data"),
    Output(ids.NOTICE_TEXT, "children"),
    Output(ids.NOTICE, "hidden"),
    *MAP_OUTPUTS,
    *[Output(c, "value") for c in CONTROLS],
    Input(ids.URL, "search"),
    *[Input(c, "value") for c in CONTROLS],
    Input(ids.MAP, "clickData"),
    Input(ids.TABLE, "selectedRows"),
    Input({"type": ids.OPEN_INITIATIVE, "index": ALL}, "n_clicks"),
    Input(ids.RESET, "n_clicks"),
    Input(ids.CLEAR_PROVINCE, "n_clicks"),
    Input(ids.CLOSE_CARD, "n_clicks"),
    Input(ids.NOTICE_CLOSE, "n_clicks"),
    Input(ids.DEMO_START, "n_clicks"),
    Input(ids.DEMO_EXIT, "n_clicks"),
    State(ids.LANG_STORE, "data"),
    State(ids.MODE_STORE, "data"),
    State(ids.VIEW, "data"),
    State(ids.TABLE_FOR, "data"),
    State(ids.NOTICE, "hidden"),
    # It must run on page load (URL -> controls) though it shares the map outputs.
    prevent_initial_call="initial_duplicate",
)
def sync_view(search, *args):
    """Work out the new View from whatever triggered, then show it everywhere."""
    control_values = dict(zip(CONTROLS, args[: len(CONTROLS)], strict=True))
    click, rows, *_, shown_lang, shown_mode, shown_query, table_for, notice_hidden = args[
        len(CONTROLS) :
    ]
    default_lang = runtime.settings().default_lang
    current, problems = View.from_query(search or "", default_lang)
    trigger = ctx.triggered_id
    if trigger == ids.NOTICE_CLOSE:
        return (no_update,) * 5 + (True,) + (no_update,) * (len(MAP_OUTPUTS) + len(CONTROLS))
    view, problems = _next_view(current, problems, trigger, control_values, click, rows)
    view, problems = _known_initiative(view, problems)
    query = view.to_query(default_lang)
    notice = _notice_lines(problems, view.lang)
    # Only what changed goes back: every output the browser gets is re-rendered before the map.
    quiet = not notice and notice_hidden
    return (
        _changed(query, search or ""),
        _changed(query, shown_query),
        _changed(view.lang, shown_lang),
        _changed(view.mode, shown_mode),
        no_update if quiet else notice,
        no_update if quiet else not notice,
        # A theme control changes only by hand; assets/theme_table.js has then drawn the map.
        *map_outputs(view, query, shown_query, table_for, trigger in (ids.THEMES, ids.MATCH)),
        *[_changed(show(view), control_values[c]) for c, (_, show) in CONTROLS.items()],
    )


def _changed(new, old):
    """`new`, or no_update when the browser already has it."""
    return no_update if new == old else new


def _next_view(current: View, problems: list[ParamProblem], trigger, values, click, rows):
    """The view after the event; problems from the URL are only reported when the URL triggered."""
    if trigger in CONTROLS:
        # All controls, not just the one that changed: two quick changes send two requests, and
        # the second may leave before the first has written the URL.
        return current.updated(
            {param: query_value(values[c]) for c, (param, _) in CONTROLS.items()}
        )
    if trigger == ids.MAP:
        return _after_map_click(current, click), []
    if trigger == ids.TABLE:
        picked = rows[0]["id"] if rows else None
        return (replace(current, initiative=picked) if picked else current), []
    if isinstance(trigger, dict) and trigger.get("type") == ids.OPEN_INITIATIVE:
        return current.updated({"initiative": str(trigger["index"])})
    if trigger == ids.RESET:
        return View(lang=current.lang, metric=current.metric), []
    if trigger == ids.CLEAR_PROVINCE:
        return current.without("province"), []
    if trigger == ids.CLOSE_CARD:
        return current.without("initiative"), []
    if trigger == ids.DEMO_START:
        return replace(current, mode="demo"), []
    if trigger == ids.DEMO_EXIT:
        return current.without("mode"), []
    return current, problems


def _after_map_click(view: View, click: dict | None) -> View:
    """A province click selects it (or deselects it when selected); a marker opens its card."""
    points = (click or {}).get("points") or []
    if not points:
        return view
    point = points[0]
    if point.get("curveNumber", 0) == CLUSTERS:
        return view  # a cluster stands for many initiatives: nothing to select
    if point.get("curveNumber", 0) == MARKERS:
        chosen, _ = view.updated({"initiative": str(point.get("customdata", ""))})
        return chosen
    code = str(point.get("location", ""))
    if code == view.province:
        return view.without("province")
    chosen, _ = view.updated({"province": code})
    return chosen


def _known_initiative(view: View, problems: list[ParamProblem]) -> tuple[View, list[ParamProblem]]:
    """An initiative id from a link that is not (or no longer) in the data is dropped and named."""
    if view.initiative and not (runtime.data().initiatives["id"] == view.initiative).any():
        problem = ParamProblem("initiative", f"{view.initiative!r} is not in the data")
        return view.without("initiative"), [*problems, problem]
    return view, problems


def _notice_lines(problems: list[ParamProblem], lang: str) -> list:
    if not problems:
        return []
    items = [html.Li([html.Code(p.param), f": {p.message}"]) for p in problems]
    return [html.Span(t("params_dropped", lang)), html.Ul(items)]
