"""The map and the summary follow the view: only what changed is sent (a Patch)."""

from __future__ import annotations

from dash import Input, Output, Patch, callback

from kansenkaart import runtime
from kansenkaart.filtering import view_mask
from kansenkaart.i18n import format_number, t
from kansenkaart.view import View
from layers.map_figure import LAYOUT, view_updates
from ui import ids


@callback(Output(ids.MAP, "figure"), Output(ids.SUMMARY, "children"), Input(ids.VIEW, "data"))
def update_map(query: str | None):
    data = runtime.data()
    view, _ = View.from_query(query or "", runtime.settings().default_lang)
    patch = Patch()
    for (index, path), value in view_updates(data, view).items():
        target = patch["layout"] if index is LAYOUT else patch["data"][index]
        *parents, last = path.split(".")
        for key in parents:
            target = target[key]
        target[last] = value
    shown = int(view_mask(data.initiatives, view).sum())
    total = len(data.initiatives)
    summary = t(
        "summary",
        view.lang,
        shown=format_number(shown, view.lang),
        total=format_number(total, view.lang),
    )
    return patch, summary
