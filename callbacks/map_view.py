"""The map, the summary and the empty-result message follow the view; the map gets a Patch."""

from __future__ import annotations

from dash import Input, Output, Patch, callback, ctx, html

from kansenkaart import runtime
from kansenkaart.filtering import counts_without_each_filter, view_mask
from kansenkaart.i18n import format_number, t
from kansenkaart.view import View
from layers.map_figure import LAYOUT, Updates, build_figure, view_updates
from ui import ids


@callback(
    Output(ids.MAP, "figure"),
    Output(ids.SUMMARY, "children"),
    Output(ids.MESSAGE, "children"),
    Input(ids.VIEW, "data"),
    Input(ids.DATA_VERSION, "data"),
)
def update_map(query: str | None, _version: str | None):
    """A view change sends a Patch; new data on disk (shapes may differ) sends the whole map."""
    data = runtime.data()
    view, _ = View.from_query(query or "", runtime.settings().default_lang)
    shown = int(view_mask(data.initiatives, view).sum())
    total = len(data.initiatives)
    summary = t(
        "summary",
        view.lang,
        shown=format_number(shown, view.lang),
        total=format_number(total, view.lang),
    )
    figure = build_figure(data, view) if ctx.triggered_id == ids.DATA_VERSION else None
    return figure or as_patch(view_updates(data, view)), summary, _message(view, shown)


def as_patch(updates: Updates) -> Patch:
    """The figure updates as a Patch: only these values travel to the browser."""
    patch = Patch()
    for (index, path), value in updates.items():
        target = patch["layout"] if index is LAYOUT else patch["data"][index]
        *parents, last = path.split(".")
        for key in parents:
            target = target[key]
        target[last] = value
    return patch


def _message(view: View, shown: int) -> list:
    """Why the map is empty (which filter keeps everything out), or why the metric fell back."""
    lang = view.lang
    lines = []
    if view.metric == "lq" and not view.theme:
        lines.append(html.P(t("lq_needs_theme", lang), className="hint"))
    if shown == 0:
        frame = runtime.data().initiatives
        lines.append(html.P(t("empty_results", lang), className="empty"))
        for group, count in counts_without_each_filter(frame, view).items():
            if count:
                text = t("empty_because", lang, filter=t(f"filter.{group}", lang), count=count)
                lines.append(html.P(text, className="hint"))
    return lines
