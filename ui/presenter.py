"""What the page shows for a view: the pure half of every callback.

`present(data, view, shown, problems)` gives the whole update for an event (URL, controls, notice,
map, summary, message) with named fields; `present_map` is the part the tour and a data reload
share; `present_table` and `ui.details.present_details` fill the panels that follow the view one
round trip later. No Dash callback machinery here: tests call these directly.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from dash import html
from plotly.utils import PlotlyJSONEncoder

from kansenkaart.coverage import coverage
from kansenkaart.dataset import DataSet
from kansenkaart.display import table_rows
from kansenkaart.filtering import counts_without_each_filter, filter_initiatives
from kansenkaart.i18n import format_number, t, tn
from kansenkaart.metrics import (
    METRIC_REGISTRY,
    metric_line,
    metric_values,
    shown_metric,
    too_few_for_lq,
)
from kansenkaart.view import ParamProblem, View
from layers.figure_patch import Updates
from layers.map_figure import Markers, build_figure, marker_strategy, shown_count, view_updates
from ui.controls import control_values
from ui.legend import kind_counts, kind_legend, province_key

#: More rows than this would cost the browser more than a reader gains; the exports have all.
TABLE_LIMIT = 2_000


@dataclass(frozen=True)
class MapUpdate:
    """The map for a view: a whole `figure` when the browser has none for the data shown, else
    the `updates` from the view it shows (empty: nothing to send)."""

    summary: str
    message: list
    #: What the colours are, with the figure's year and source (kansenkaart.metrics.metric_line).
    source: str = ""
    updates: Updates = field(default_factory=dict)
    figure: dict | None = None
    #: False when the browser shows this very message already: components sent anew make
    #: dash-renderer walk them for ids, on the map's path.
    message_changed: bool = True


@dataclass(frozen=True)
class PageUpdate:
    query: str
    lang: str
    mode: str
    controls: dict[str, object]
    notice: list
    map: MapUpdate
    title: str


@dataclass(frozen=True)
class TableUpdate:
    rows: list[dict]
    note: str
    legend: list
    coverage: list
    ranking: list


def present(
    data: DataSet,
    view: View,
    shown: View | None,
    problems: list[ParamProblem] | None = None,
    default_lang: str = "nl",
) -> PageUpdate:
    """Everything an event changes, for the view after it; `shown` is the view the map shows."""
    return PageUpdate(
        query=view.to_query(default_lang),
        lang=view.lang,
        mode=view.mode,
        controls=control_values(view),
        notice=notice_lines(problems or [], view.lang),
        map=present_map(data, view, shown),
        title=page_title(data, view),
    )


def page_title(data: DataSet, view: View) -> str:
    """The browser tab's title: the app, then the province, themes and metric of the view."""
    parts = [t("tab_title", view.lang)]
    if view.province:
        parts.append(data.province_name(view.province))
    if view.theme:
        parts.append(", ".join(t(f"theme.{theme}", view.lang) for theme in view.theme))
    parts.append(METRIC_REGISTRY[shown_metric(view)].short(view.lang))
    return " · ".join(parts)


def present_map(data: DataSet, view: View, shown: View | None) -> MapUpdate:
    """The map (in full when `shown` is None), the summary line and the message under it."""
    count = shown_count(data, view)
    summary = t(
        "summary",
        view.lang,
        shown=format_number(count, view.lang),
        total=format_number(coverage(data.initiatives).initiatives, view.lang),
    )
    message = map_message(data, view, count)
    source = metric_line(data, shown_metric(view), view.lang)
    if shown is None:
        return MapUpdate(summary, message, source, figure=build_figure(data, view))
    if shown == view:  # e.g. a list drawn anew: the map already shows this view
        return MapUpdate(summary, message, source)
    before = map_message(data, shown, shown_count(data, shown))
    return MapUpdate(
        summary,
        message,
        source,
        updates=view_updates(data, view, shown),
        message_changed=not same_components(before, message),
    )


def same_components(one: list, other: list) -> bool:
    """Equal as the browser gets them (Dash components compare by identity)."""
    return json.dumps(one, cls=PlotlyJSONEncoder) == json.dumps(other, cls=PlotlyJSONEncoder)


def map_message(data: DataSet, view: View, shown: int) -> list:
    """Why the map is empty (which filter keeps everything out), why the metric fell back,
    or that markers are grouped."""
    lang = view.lang
    lines = []
    indicator = METRIC_REGISTRY[view.metric].indicator
    if indicator is not None:  # what the figure is, its caveat, and which way is "more"
        high = t("indicator_high", lang, means=indicator.high_means[lang])
        lines.append(html.P(f"{indicator.explanation[lang]} {high}", className="hint indicator"))
    if shown_metric(view) != view.metric:
        lines.append(html.P(t("lq_needs_theme", lang), className="hint"))
    if marker_strategy(data, shown) is Markers.CLUSTERS:
        count = format_number(shown, lang)
        lines.append(html.P(t("clustered_note", lang, count=count), className="hint"))
    if shown == 0:
        lines.append(html.P(t("empty_results", lang), className="empty"))
        for group, left in counts_without_each_filter(data.initiatives, view).items():
            if left:
                text = tn("empty_because", left, lang, filter=t(f"filter.{group}", lang))
                lines.append(html.P(text, className="hint"))
    return lines


def notice_lines(problems: list[ParamProblem], lang: str) -> list:
    """The dropped or corrected parameters, each named, in the page's language."""
    if not problems:
        return []
    heading = "params_dropped" if all(p.dropped for p in problems) else "params_changed"
    items = [html.Li([html.Code(p.param), f": {p.text(lang)}"]) for p in problems]
    return [html.Span(t(heading, lang)), html.Ul(items)]


def present_table(data: DataSet, view: View) -> TableUpdate:
    """The table's rows (capped), the note when capped, and the kind legend's counts."""
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
    legend = kind_legend(view.lang, kind_counts(shown["kind"]))
    key = province_key(view.lang, too_few=shown_metric(view) == "lq")
    return TableUpdate(
        rows, note, [*legend, *key], coverage_line(data, view.lang), ranking(data, view)
    )


def ranking(data: DataSet, view: View) -> list:
    """The twelve provinces by the map's metric, highest first, as text (for screen readers and
    for reading the map at a glance); provinces without a value last, saying why."""
    metric = METRIC_REGISTRY[shown_metric(view)]
    values = metric_values(data, view)
    too_few = too_few_for_lq(data.initiatives, view)
    names = data.provinces["name"]
    order = sorted(
        values.index,
        key=lambda code: (
            math.isnan(values[code]),
            -values[code] if not math.isnan(values[code]) else 0,
            str(names[code]),
        ),
    )
    items = []
    for code in order:
        value = values[code]
        if math.isnan(value):
            why = t("map_too_few", view.lang) if code in too_few else t("no_data", view.lang)
            items.append(html.Li(f"{names[code]}: {why}", className="missing"))
        else:
            amount = format_number(value, view.lang, metric.decimals)
            items.append(html.Li(f"{names[code]}: {amount} {metric.unit(view.lang)}"))
    return items


def coverage_line(data: DataSet, lang: str) -> list:
    """What the collection is (how many, until when, not a census) and how its numbers are made."""
    return [
        coverage(data.initiatives).note(lang) + " ",
        html.A(t("methodology_link", lang), href="/methodologie", className="methodology-link"),
    ]
