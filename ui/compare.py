"""The compare panel: a chooser of two to four provinces and, for `compare=...`, them side by side.

The panel owns its ids (below) and is built for a view by `present_compare`, the same function
its callback (callbacks/compare.py) calls, so a compare link paints its comparison first. The
figures come from kansenkaart/comparison.py; this module only lays them out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from dash import dcc, html

from kansenkaart.comparison import ProvinceComparison, ThemeRow, compare
from kansenkaart.dataset import DataSet
from kansenkaart.i18n import format_number, t
from kansenkaart.indicators import INDICATORS
from kansenkaart.metrics import METRIC_REGISTRY
from kansenkaart.statistics import MIN_SELECTED, MIN_TOTAL, Verdict
from kansenkaart.tour import join_words
from kansenkaart.view import View
from layers.compare_chart import PROVINCE_COLOURS, compare_transition_figure
from ui.attrs import attrs
from ui.charts import chart
from ui.details import PROFILE_INDICATORS, amount
from ui.texts import dropdown_labels

PANEL = "compare"
HEADING = "compare-heading"
LABEL = "compare-label"
SELECT = "compare-select"
GO = "compare-go"
CLOSE = "compare-close"
MESSAGE = "compare-message"
BODY = "compare-body"
CHART = "compare-chart"
CHART_BOX = "compare-chart-box"
LISTS = "compare-lists"


@dataclass(frozen=True)
class CompareUpdate:
    """Every output of the panel for a view, by name (the callback returns them as they are)."""

    heading: str
    label: str
    go: str
    close: str
    close_hidden: bool
    placeholder: str
    labels: Any
    chosen: list[str]
    body: list
    chart: list  # the chart, or nothing without a comparison (ui/charts.py)
    chart_hidden: bool
    lists: list
    class_name: str


def present_compare(data: DataSet, view: View) -> CompareUpdate:
    """The panel for `view`: the chooser's texts and value, and the comparison when asked for."""
    lang = view.lang
    comparison = compare(data, view, PROFILE_INDICATORS)
    return CompareUpdate(
        heading=t("compare_heading", lang),
        label=t("compare_label", lang),
        go=t("compare_button", lang),
        close=t("compare_close", lang),
        close_hidden=comparison is None,
        placeholder=t("compare_placeholder", lang),
        labels=dropdown_labels(lang),
        # The chooser starts from the comparison, else from the selected province.
        chosen=list(view.compare) or ([view.province] if view.province else []),
        body=comparison_body(comparison, lang) if comparison else [],
        chart=(
            chart(
                CHART,
                compare_transition_figure(comparison.transition, comparison.names, lang),
                "compare-chart",
            )
            if comparison
            else []
        ),
        chart_hidden=comparison is None,
        lists=initiative_lists(comparison, lang) if comparison else [],
        class_name="compare-panel" + ("" if comparison is None else " open"),
    )


def panel(data: DataSet, view: View) -> html.Section:
    """The panel as the first page shows it for `view`."""
    shown = present_compare(data, view)
    provinces = [{"label": name, "value": code} for code, name in data.provinces["name"].items()]
    return html.Section(
        id=PANEL,
        className=shown.class_name,
        **attrs({"aria-labelledby": HEADING}),
        children=[
            html.H2(shown.heading, id=HEADING),
            html.Div(
                className="compare-chooser",
                children=[
                    html.Label(shown.label, id=LABEL, htmlFor=SELECT, className="field-label"),
                    dcc.Dropdown(
                        id=SELECT,
                        options=provinces,
                        value=shown.chosen,
                        multi=True,
                        placeholder=shown.placeholder,
                        labels=shown.labels,
                        className="compare-select",
                    ),
                    html.Button(shown.go, id=GO, className="button primary", n_clicks=0),
                    html.Button(
                        shown.close,
                        id=CLOSE,
                        className="button",
                        n_clicks=0,
                        hidden=shown.close_hidden,
                    ),
                ],
            ),
            html.P(id=MESSAGE, className="compare-message", role="status"),
            html.Div(shown.body, id=BODY, className="compare-body"),
            html.Div(
                id=CHART_BOX,
                className="compare-chart-box",
                hidden=shown.chart_hidden,
                children=shown.chart,
            ),
            html.Div(shown.lists, id=LISTS, className="compare-lists"),
        ],
    )


def comparison_body(comparison: ProvinceComparison, lang: str) -> list:
    """Title, the indicator table (value, rank of 12, year), the agendas' quotients as text and
    the initiatives per theme with the profile's honesty rules."""
    names = [comparison.names[code] for code in comparison.provinces]
    return [
        html.H3(t("compare_title", lang, names=join_words(names, lang)), className="compare-title"),
        html.H4(t("compare_figures", lang)),
        html.Div(_indicator_table(comparison, lang), className="table-scroll"),
        html.H4(t("compare_transition", lang)),
        html.Div(_transition_table(comparison, lang), className="table-scroll"),
        html.H4(t("compare_themes", lang)),
        html.Div(_theme_table(comparison, lang), className="table-scroll"),
        html.P(
            t("profile_lq_explain", lang, total=MIN_TOTAL, selected=MIN_SELECTED),
            className="hint",
        ),
    ]


def _head(
    comparison: ProvinceComparison, first: list[str], last: tuple[str, ...] = ()
) -> html.Thead:
    provinces = [
        html.Th(
            [
                html.Span(className="swatch", style={"background": _colour(place)}),
                comparison.names[code],
            ],
            scope="col",
        )
        for place, code in enumerate(comparison.provinces)
    ]
    before = [html.Th(label, scope="col") for label in first]
    after = [html.Th(label, scope="col") for label in last]
    return html.Thead(html.Tr([*before, *provinces, *after]))


def _colour(place: int) -> str:
    return PROVINCE_COLOURS[place % len(PROVINCE_COLOURS)]


def _cell(text: str | html.Span, code: str, key: str, name: str, **extra: str) -> html.Td:
    """A province's figure; `data-*` name it for a reader's tools and the browser tests, and
    `data-name` labels it where a phone stacks the table (style.css)."""
    values = {"data-province": code, "data-key": key, "data-name": name, **extra}
    return html.Td(text, **attrs(values))


def _indicator_table(comparison: ProvinceComparison, lang: str) -> html.Table:
    head = _head(comparison, t("compare_figures_head", lang).split("|"))
    names, year_label = comparison.names, t("compare_figures_head", lang).split("|")[1]
    count_row = html.Tr(
        [
            html.Th(t("compare_count_row", lang), scope="row"),
            html.Td("", className="year"),
            *[
                _cell(format_number(comparison.counts[code], lang), code, "count", names[code])
                for code in comparison.provinces
            ],
        ]
    )
    rows = [count_row]
    for row in comparison.indicators:
        metric, decimals = METRIC_REGISTRY[row.key], INDICATORS[row.key].decimals
        cells = []
        for code in comparison.provinces:
            value, place = row.values[code], row.ranks[code]
            figure = amount(value, decimals, metric.unit(lang), lang)
            if math.isnan(value):
                cells.append(_cell(figure, code, row.key, names[code]))
                continue
            rank = t("compare_rank", lang, rank=place) if place is not None else ""
            cells.append(
                _cell(
                    html.Span([figure, html.Br(), html.Small(rank, className="rank")]),
                    code,
                    row.key,
                    names[code],
                )
            )
        rows.append(
            html.Tr(
                [
                    html.Th(metric.label(lang), scope="row"),
                    html.Td(row.year, className="year", **attrs({"data-name": year_label})),
                    *cells,
                ]
            )
        )
    return html.Table([head, html.Tbody(rows)], className="profile-table compare-table")


def _transition_table(comparison: ProvinceComparison, lang: str) -> html.Table:
    """The chart's quotients as text (screen readers, exact values)."""
    head = _head(comparison, [t("transition_head", lang).split("|")[0]])
    first = next(iter(comparison.transition.values()))
    rows = []
    for position, label in enumerate(first[f"label_{lang}"]):
        cells = [
            _cell(
                amount(comparison.transition[code].iloc[position]["quotient"], 2, "", lang),
                code,
                f"agenda.{first['agenda'].iloc[position]}",
                comparison.names[code],
            )
            for code in comparison.provinces
        ]
        rows.append(html.Tr([html.Th(label, scope="row"), *cells]))
    return html.Table([head, html.Tbody(rows)], className="profile-table compare-table")


def _theme_table(comparison: ProvinceComparison, lang: str) -> html.Table:
    """Per theme: each province's count, LQ and verdict (or why there is none), and their order
    by LQ only when every one rests on enough initiatives; else it says so instead."""
    head = _head(comparison, [t("profile_theme", lang)], (t("compare_order", lang),))
    rows = []
    for row in comparison.themes:
        cells = [
            _cell(
                _theme_cell(row, code, lang),
                code,
                f"theme.{row.theme}",
                comparison.names[code],
                **{"data-verdict": str(row.cells[code].verdict)},
            )
            for code in comparison.provinces
        ]
        rows.append(
            html.Tr(
                [
                    html.Th(t(f"theme.{row.theme}", lang), scope="row"),
                    *cells,
                    html.Td(
                        _order(row, comparison, lang),
                        className="compare-order",
                        **attrs({"data-name": t("compare_order", lang)}),
                    ),
                ]
            )
        )
    return html.Table([head, html.Tbody(rows)], className="profile-table compare-table")


def _theme_cell(row: ThemeRow, code: str, lang: str) -> str:
    cell = row.cells[code]
    count = format_number(cell.hits, lang)
    if cell.verdict is Verdict.TOO_FEW:
        reason = t(f"reason.{cell.reason}", lang, total=MIN_TOTAL, selected=MIN_SELECTED)
        return f"{count} · {t('verdict.too_few', lang)} ({reason})"
    lq = format_number(cell.lq or 0.0, lang, 2)
    return f"{count} · {lq} · {t(f'verdict.{cell.verdict}', lang)}"


def _order(row: ThemeRow, comparison: ProvinceComparison, lang: str) -> str:
    if row.order and row.differs:
        return (
            " > ".join(comparison.names[code] for code in row.order)
            + " "
            + t("compare_tested", lang)
        )
    if row.order:
        return t("compare_no_difference", lang)
    names = [comparison.names[code] for code in row.too_few]
    return t("compare_order_too_few", lang, names=join_words(names, lang))


def initiative_lists(comparison: ProvinceComparison, lang: str) -> list:
    """Each province's initiatives in the view, at a place and province-wide, side by side."""
    columns = []
    for code in comparison.provinces:
        shown = comparison.initiatives[code]
        parts: list = []
        for heading, rows in (
            ("profile_list_sites", shown[shown.has_point]),
            ("profile_list_wide", shown[~shown.has_point]),
        ):
            if rows.empty:
                continue
            parts += [
                html.H5(f"{t(heading, lang)} ({format_number(len(rows), lang)})"),
                html.Ul([html.Li(name) for name in rows["name"]], className="initiative-list"),
            ]
        title = f"{comparison.names[code]} ({format_number(len(shown), lang)})"
        columns.append(
            html.Div(
                [html.H4(title), *(parts or [html.P(t("compare_none", lang), className="hint")])],
                className="compare-list",
                **attrs({"data-province": code}),
            )
        )
    return [html.H3(t("profile_list", lang)), html.Div(columns, className="compare-columns")]
