"""Language toggle: every translated component property follows the chosen language."""

from __future__ import annotations

from dash import Input, Output, Patch, callback, clientside_callback

from ui import ids
from ui.texts import TEXTS, text


@callback(
    *[Output(component, prop) for component, prop in TEXTS],
    Input(ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def translate(lang: str):
    return [value(lang) for value in TEXTS.values()]


@callback(
    Output(ids.TABLE, "dashGridOptions", allow_duplicate=True),
    Input(ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def translate_table(lang: str) -> Patch:
    """The empty table's text follows the language (a grid option, so a Patch of just that)."""
    patch = Patch()
    patch["localeText"] = {"noRowsToShow": text(ids.TABLE, "empty", lang)}
    return patch


# The document language follows the toggle, for screen readers and hyphenation.
clientside_callback(
    "function (lang) { document.documentElement.lang = lang || 'nl'; return lang; }",
    Output(ids.LANG_STORE, "modified_timestamp"),
    Input(ids.LANG_STORE, "data"),
    prevent_initial_call=True,  # the index HTML has the link's <html lang> (ui/index_page.py)
)
