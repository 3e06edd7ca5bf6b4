"""Data updates on disk: a new version redraws the view; one under way (pending, reloading) or
rejected shows a quiet notice."""

from __future__ import annotations

from dash import Input, Output, State, callback, no_update

from kansenkaart import runtime
from kansenkaart.store import update_notice
from ui import ids


@callback(
    Output(ids.DATA_VERSION, "data"),
    Output(ids.DATA_NOTICE, "children"),
    Output(ids.DATA_NOTICE, "hidden"),
    Input(ids.DATA_POLL, "n_intervals"),
    State(ids.DATA_VERSION, "data"),
    State(ids.LANG_STORE, "data"),
    prevent_initial_call=True,  # the layout holds the status of the data it was built from
)
def check_data(_, shown_version: str | None, lang: str | None):
    runtime.data()  # lets the store notice changed files
    status = runtime.status()
    notice = update_notice(status, lang or runtime.settings().default_lang)
    version = status.version if status.version != shown_version else no_update
    return version, notice or "", notice is None
