"""The marker layer: one trace per kind of initiative, so the legend explains colour and symbol."""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

from kansenkaart.i18n import t
from kansenkaart.registry import KINDS
from layers.style import KIND_STYLE

MARKER_SIZE = 10


def kind_traces() -> list[go.Scattergeo]:
    """Empty, styled traces in KINDS order; `kind_updates` fills them."""
    traces = []
    for kind in KINDS:
        colour, symbol = KIND_STYLE[kind]
        traces.append(
            go.Scattergeo(
                lat=[],
                lon=[],
                mode="markers",
                name=kind,
                legendgroup=kind,
                marker={
                    "size": MARKER_SIZE,
                    "color": colour,
                    "symbol": symbol,
                    "line": {"color": "#ffffff", "width": 1},
                    "opacity": 0.95,
                },
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    return traces


def kind_updates(
    shown: pd.DataFrame, lang: str, highlighted: str | None = None, size: float = MARKER_SIZE
) -> list[dict]:
    """Per kind trace: positions, ids and hover texts of the initiatives shown."""
    updates = []
    for kind in KINDS:
        rows = shown[shown["kind"] == kind]
        updates.append(
            {
                "lat": rows["map_lat"].round(5).tolist(),
                "lon": rows["map_lon"].round(5).tolist(),
                "customdata": rows["id"].tolist(),
                "hovertext": [hover_text(r, lang) for r in rows.itertuples()],
                "name": f"{t(f'kind.{kind}', lang)} ({len(rows)})",
                "marker.size": [size * 1.8 if i == highlighted else size for i in rows["id"]],
            }
        )
    return updates


def hover_text(row, lang: str) -> str:
    """Name, kind and themes; data text is escaped because Plotly renders hover text as HTML."""
    themes = ", ".join(t(f"theme.{x}", lang) for x in row.themes.split(";"))
    return (
        f"<b>{escape(row.name)}</b><br>{t(f'kind.{row.kind}', lang)}"
        f"<br>{t('hover_themes', lang)}: {themes}"
    )
