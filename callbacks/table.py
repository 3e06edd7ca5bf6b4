"""The table of the initiatives in the view: the text alternative to the map."""

from __future__ import annotations

from dash import Input, Output, Patch, callback

from kansenkaart import runtime
from kansenkaart.display import table_rows
from kansenkaart.filtering import filter_initiatives
from kansenkaart.view import View
from ui import ids


@callback(Output(ids.TABLE, "rowData"), Input(ids.VIEW, "data"), Input(ids.DATA_VERSION, "data"))
def update_rows(query: str | None, _version: str | None) -> list[dict]:
    data = runtime.data()
    view, _ = View.from_query(query or "", runtime.settings().default_lang)
    return table_rows(filter_initiatives(data.initiatives, view), data.provinces["name"], view.lang)


@callback(Output(ids.TABLE, "dashGridOptions"), Input(ids.TABLE_FILTER, "value"))
def quick_filter(text: str | None) -> Patch:
    patch = Patch()
    patch["quickFilterText"] = (text or "")[:200]
    return patch
