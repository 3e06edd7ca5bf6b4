"""The table of the initiatives in the view: the text alternative to the map."""

from __future__ import annotations

from dash import Input, Output, Patch, callback, ctx, no_update

from kansenkaart import runtime
from ui import ids
from ui.presenter import present_table


@callback(
    output={
        "rows": Output(ids.TABLE, "rowData"),
        "note": Output(ids.TABLE_NOTE, "children"),
        "legend": Output(ids.MAP_LEGEND, "children"),
        "coverage": Output(ids.COVERAGE, "children"),
        "ranking": Output(ids.RANKING, "children"),
    },
    inputs={"query": Input(ids.VIEW_SHOWN, "data"), "version": Input(ids.DATA_VERSION, "data")},
)
def update_rows(query, version):
    """The kind legend's counts follow here, one round trip after the map: not on its path.
    On page load only the rows and their note travel: the layout holds the rest for this view."""
    table = present_table(runtime.data(), runtime.view_of(query))
    laid_out = ctx.triggered_id is None
    return {
        "rows": table.rows,
        "note": table.note,
        "legend": no_update if laid_out else table.legend,
        "coverage": no_update if laid_out else table.coverage,
        "ranking": no_update if laid_out else table.ranking,
    }


@callback(
    Output(ids.TABLE, "dashGridOptions"),
    Input(ids.TABLE_FILTER, "value"),
    prevent_initial_call=True,  # the box starts empty, as the grid's own quick filter does
)
def quick_filter(text: str | None) -> Patch:
    patch = Patch()
    patch["quickFilterText"] = (text or "")[:200]
    return patch
