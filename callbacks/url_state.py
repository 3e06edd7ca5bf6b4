"""Filters <-> URL: the query string and the controls are two faces of one View."""

from __future__ import annotations

from dash import Input, Output, callback, ctx

from kansenkaart import runtime
from kansenkaart.view import View, query_value
from ui import ids

#: Control id -> the URL parameter it edits.
CONTROL_PARAMS = {ids.THEMES: "theme"}


@callback(
    Output(ids.URL, "search"),
    Output(ids.VIEW, "data"),
    Output(ids.THEMES, "value"),
    Input(ids.URL, "search"),
    Input(ids.THEMES, "value"),
)
def sync_view(search: str | None, themes: list[str] | None):
    """A control changed: write the URL. The URL changed (load, link, back): set the controls."""
    lang = runtime.settings().default_lang
    view, _ = View.from_query(search or "", lang)
    if ctx.triggered_id in CONTROL_PARAMS:
        view, _ = view.updated({"theme": query_value(themes)})
    query = view.to_query(lang)
    return query, query, list(view.theme)
