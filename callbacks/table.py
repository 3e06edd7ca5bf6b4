"""The table of the initiatives in the view: the text alternative to the map."""

from __future__ import annotations

from dash import Input, Output, Patch, callback

from kansenkaart import runtime
from kansenkaart.display import table_rows
from kansenkaart.filtering import filter_initiatives
from kansenkaart.i18n import format_number, t
from ui import ids
from ui.legend import kind_counts, kind_legend

#: More rows than this would cost the browser more than a reader gains; the exports have all.
TABLE_LIMIT = 2_000


@callback(
    Output(ids.TABLE, "rowData"),
    Output(ids.TABLE_NOTE, "children"),
    Output(ids.MAP_LEGEND, "children"),
    Input(ids.VIEW, "data"),
    Input(ids.DATA_VERSION, "data"),
)
def update_rows(query: str | None, _version: str | None):
    data = runtime.data()
    view = runtime.view_of(query)
    shown = filter_initiatives(data.initiatives, view)
    rows = table_rows(shown.head(TABLE_LIMIT), data.provinces["name"], view.lang)
    note = ""
    if len(shown) > TABLE_LIMIT:
        note = t(
            "table_capped",
            view.lang,
            shown=format_number(TABLE_LIMIT, view.lang),
            total=format_number(len(shown), view.lang),
        )
    # The kind legend's counts follow here, one round trip after the map: not on the map's path.
    return rows, note, kind_legend(view.lang, kind_counts(shown["kind"]))


@callback(Output(ids.TABLE, "dashGridOptions"), Input(ids.TABLE_FILTER, "value"))
def quick_filter(text: str | None) -> Patch:
    patch = Patch()
    patch["quickFilterText"] = (text or "")[:200]
    return patch
