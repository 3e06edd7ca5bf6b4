"""A failing callback shows a short notice with a reference (the log has the traceback); a value
no page sends, which the callbacks cannot read, is refused before them as a bad request."""

from __future__ import annotations

import dash
from dash import html

from kansenkaart import runtime
from kansenkaart.i18n import t
from kansenkaart.registry import LANGUAGES
from server.callback_requests import allow_only
from server.web import on_callback_error
from ui import ids


def show_callback_error(reference: str) -> None:
    lang = runtime.settings().default_lang
    message = [
        html.Span(t("error_page", lang)),
        " ",
        html.Small(t("error_reference", lang, ref=reference)),
    ]
    dash.set_props(ids.NOTICE_TEXT, {"children": message})
    dash.set_props(ids.NOTICE, {"hidden": False})


on_callback_error(show_callback_error)

# Every text on the page is looked up in the page's language: another one fails in each callback.
allow_only(ids.LANG_STORE, "data", LANGUAGES)
