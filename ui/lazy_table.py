"""The table loads after the map: AG Grid is half of what the page would load first.

Why AG Grid stays: analysts sort, quick-filter, open a card from a row and walk it by keyboard
(one tab stop, arrows inside); dash-ag-grid does all of that, is kept up by Plotly and is what
the browser tests drive. What changes is when it loads. Its main bundle (1.3 MB raw, about
0.32 MB compressed) is marked `dynamic` in dash-ag-grid's own resource list (`_js_dist`, Dash's
documented switch for "serve, but do not link into the page"), so the page does not wait for it;
assets/lazy_table.js adds it once the map is drawn and the table is near the screen (or the
person presses a key, or at the latest a few seconds later), and then has the grid drawn; the
slot's height is kept meanwhile (no layout shift).
"""

from __future__ import annotations

import os
from typing import Any

import dash_ag_grid as dag
from dash import html
from dash.fingerprint import build_fingerprint

from ui import ids
from ui.attrs import attrs
from ui.texts import text

SLOT = "table-slot"
#: The grid's main bundle in dash-ag-grid's resource list.
BUNDLE = "dash_ag_grid.min.js"


def _bundle_entry() -> dict[str, Any]:
    return next(r for r in dag._js_dist if r.get("relative_package_path") == BUNDLE)


def defer_bundle() -> None:
    """Serve the grid's bundle but leave it out of the page's scripts."""
    _bundle_entry()["dynamic"] = True


def bundle_url(prefix: str = "/") -> str:
    """The bundle's address as Dash serves it: fingerprinted with version and file time, so it
    is cached for a year like Dash's other scripts."""
    path = os.path.join(os.path.dirname(dag.__file__), BUNDLE)
    fingerprint = build_fingerprint(BUNDLE, dag.__version__, int(os.stat(path).st_mtime))
    return f"{prefix}_dash-component-suites/dash_ag_grid/{fingerprint}"


def slot(lang: str) -> html.Div:
    """Where the grid will be, its height kept from the start, the script's address on it. The
    grid is in the layout from the start, so the callbacks that fill it or read its selected row
    find it and nothing is added later that would re-fire them; until its script has run,
    assets/lazy_table.js stands in for it with an empty box."""
    return html.Div(
        id=SLOT,
        className="table-slot",
        children=grid(lang, [], None),
        **attrs({"data-src": bundle_url()}),
    )


def grid(lang: str, rows: list[dict], quick_filter: str | None) -> dag.AgGrid:
    """The table of the initiatives: sortable, quick filter, one tab stop, a row opens the card."""
    return dag.AgGrid(
        id=ids.TABLE,
        columnDefs=text(ids.TABLE, "columnDefs", lang),
        rowData=rows,
        defaultColDef={"sortable": True, "resizable": True, "filter": False},
        dashGridOptions={
            "rowSelection": {
                "mode": "singleRow",
                "checkboxes": False,
                "enableClickSelection": True,
            },
            "animateRows": False,
            "domLayout": "normal",
            # One tab stop: arrows move inside the table, Tab leaves it.
            "tabToNextCell": {"function": "false"},
            "localeText": {"noRowsToShow": text(ids.TABLE, "empty", lang)},
            "quickFilterText": (quick_filter or "")[:200],
        },
        getRowId="params.data.id",
        className="ag-theme-quartz table",
        style={"height": "420px"},
    )
