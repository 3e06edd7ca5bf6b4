"""The one way a person changes the view: input -> event -> reducer -> presenter -> outputs.

A control, a click on the map, a table row, an item of a province's list, a button or the URL
(first load, a shared link, back/forward) each become an event (callbacks/events.py); the URL's
view after it is written back, so back and forward step through views.
"""

from __future__ import annotations

from dash import ALL, Input, Output, State, callback, clientside_callback, ctx
from dash.exceptions import PreventUpdate

import callbacks.after_paint  # noqa: F401 (the after-paint signal the panels follow)
from callbacks.events import chosen_trigger, event_for
from callbacks.outputs import already_shown, page_outputs, unchanged
from kansenkaart import runtime
from kansenkaart.state import Nothing, UrlChanged, reduce_in
from ui import ids
from ui.controls import CONTROLS
from ui.presenter import present

#: The map's outputs, shared with the tour and the data reload (hence allow_duplicate).
MAP_OUTPUTS = {
    "figure": Output(ids.MAP, "figure", allow_duplicate=True),
    "summary": Output(ids.SUMMARY, "children", allow_duplicate=True),
    "source": Output(ids.MAP_SOURCE, "children", allow_duplicate=True),
    "message": Output(ids.MESSAGE, "children", allow_duplicate=True),
}


@callback(
    output={
        "url": Output(ids.URL, "search"),
        "view": Output(ids.VIEW, "data"),
        "lang": Output(ids.LANG_STORE, "data"),
        "mode": Output(ids.MODE_STORE, "data"),
        "notice": Output(ids.NOTICE_TEXT, "children"),
        "notice_hidden": Output(ids.NOTICE, "hidden"),
        "controls": {c: Output(c, "value") for c in CONTROLS},
        "title": Output(ids.TITLE, "data"),
        **MAP_OUTPUTS,
    },
    inputs={
        "search": Input(ids.URL, "search"),
        "controls": {c: Input(c, "value") for c in CONTROLS},
        "map_click": Input(ids.MAP, "clickData"),
        "rows": Input(ids.TABLE, "selectedRows"),
        "listed": Input({"type": ids.OPEN_INITIATIVE, "index": ALL}, "n_clicks"),
        "related": Input({"type": ids.OPEN_RELATED, "index": ALL}, "n_clicks"),
        "buttons": [
            Input(button, "n_clicks")
            for button in (
                ids.RESET,
                ids.CLEAR_PROVINCE,
                ids.CLOSE_CARD,
                ids.DEMO_START,
                ids.DEMO_EXIT,
            )
        ],
    },
    state={
        "browser": {
            "shown": State(ids.VIEW, "data"),
            "link": State(ids.LINK_SHOWN, "data"),
            "lang": State(ids.LANG_STORE, "data"),
            "mode": State(ids.MODE_STORE, "data"),
            "notice_hidden": State(ids.NOTICE, "hidden"),
        }
    },
    # It must run on page load (URL -> controls) though it shares the map outputs.
    prevent_initial_call="initial_duplicate",
)
def on_view_event(search, controls, map_click, rows, listed, related, buttons, browser):
    """Work out the event, the view after it, and show that view everywhere."""
    data, default_lang = runtime.data(), runtime.settings().default_lang
    trigger, fired = chosen_trigger(ctx.triggered)
    event = event_for(
        trigger,
        fired,
        search=search,
        controls=controls,
        map_click=map_click,
        rows=rows,
        default_lang=default_lang,
    )
    if isinstance(event, Nothing):  # e.g. a list drawn anew: the page stays as it is
        return unchanged(controls)
    view, problems = reduce_in(data, runtime.view_of(search), event)
    browser = {**browser, "search": search}
    query = view.to_query(default_lang)
    demo = view.mode == "demo"
    if isinstance(event, UrlChanged) and already_shown(query, demo, problems, browser):
        if query == (search or ""):
            raise PreventUpdate  # the page shows this view: no answer at all (HTTP 204)
        return {**unchanged(controls), "url": query}  # a reordered link: its canonical form
    shown = runtime.view_of(browser["shown"]) if browser["shown"] is not None else None
    update = present(data, view, shown, problems, default_lang)
    return page_outputs(update, browser, controls)


# The browser tab's title follows the view and the language (document.title has no Dash prop).
clientside_callback(
    "function (title) { if (title) { document.title = title; } return window.dash_clientside.no_update; }",
    Output(ids.TITLE, "modified_timestamp"),
    Input(ids.TITLE, "data"),
    prevent_initial_call=True,  # the index HTML has the link's <title> (ui/index_page.py)
)


@callback(
    Output(ids.NOTICE, "hidden", allow_duplicate=True),
    Input(ids.NOTICE_CLOSE, "n_clicks"),
    prevent_initial_call=True,
)
def close_notice(_clicks: int | None) -> bool:
    return True
