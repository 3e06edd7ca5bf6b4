"""The kind legend: HTML beside the map (colour, symbol, name and count of each kind).

HTML rather than plotly's legend: plotly redraws its legend on every map change, and a text
legend is read by screen readers.
"""

from __future__ import annotations

from dash import html

from kansenkaart.i18n import format_number, t
from kansenkaart.registry import KINDS
from kansenkaart.statistics import MIN_SELECTED, MIN_TOTAL
from layers.style import KIND_STYLE
from ui.attrs import attrs


def kind_legend(lang: str, counts: dict[str, int]) -> list:
    items = [
        html.Li(
            className="legend-item",
            title=t(f"kind_explain.{kind}", lang),
            children=[
                html.Span(
                    className=f"legend-symbol symbol-{KIND_STYLE[kind][1]}",
                    style={"backgroundColor": KIND_STYLE[kind][0]},
                    **attrs({"aria-hidden": "true"}),
                ),
                f"{t(f'kind.{kind}', lang)} ({format_number(counts.get(kind, 0), lang)})",
            ],
        )
        for kind in KINDS
    ]
    return [html.P(t("legend_kinds", lang), className="legend-title"), html.Ul(items)]


def kind_counts(kinds) -> dict[str, int]:
    """Shown initiatives per kind, from their `kind` column."""
    return {str(k): int(v) for k, v in kinds.value_counts().items()}


def province_key(lang: str, too_few: bool) -> list:
    """The province styles that are not on the colour bar: "too few initiatives" (only while
    the map shows a location quotient) and "no data"."""
    entries = (
        [
            (
                "legend-swatch too-few",
                t("legend_too_few", lang, selected=MIN_SELECTED, total=MIN_TOTAL),
            )
        ]
        if too_few
        else []
    )
    entries.append(("legend-swatch no-data", t("no_data", lang)))
    return [
        html.Ul(
            className="province-key",
            children=[
                html.Li(
                    className="legend-item",
                    children=[html.Span(className=swatch, **attrs({"aria-hidden": "true"})), label],
                )
                for swatch, label in entries
            ],
        )
    ]
