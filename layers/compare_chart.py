"""The compared provinces' transition-agenda profiles on one chart: grouped horizontal bars.

Like `layers/profile_chart.py` (one province), each bar is a rectangle shape from 1 (the national
share) to the quotient, since the page's plotly.js bundle has no `bar` trace. A row per agenda
holds one bar per province, in the province's colour; one `scatter` trace per province puts a
marker at each bar's end, carries the hover and makes the legend. No value, no bar: the hover and
the table say "geen gegevens".
"""

from __future__ import annotations

import math

import pandas as pd

from kansenkaart.i18n import format_number, t
from layers.profile_chart import quotient_figure

#: Okabe-Ito, colour-blind safe and distinct from the map's greens; the first four.
PROVINCE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
#: A row is 1 high; the bars of one agenda share 0.8 of it.
ROW_FILL = 0.8


def compare_transition_figure(
    profiles: dict[str, pd.DataFrame], names: dict[str, str], lang: str
) -> dict:
    """`profiles`: province code -> `transition_profile` (the same agendas in the same order)."""
    codes = list(profiles)
    first = next(iter(profiles.values()))
    labels = list(first[f"label_{lang}"])
    height = ROW_FILL / max(len(codes), 1)
    shapes: list[dict] = []
    traces = []
    largest = 2.0
    for place, code in enumerate(codes):
        colour = PROVINCE_COLOURS[place % len(PROVINCE_COLOURS)]
        offset = -ROW_FILL / 2 + height * (place + 0.5)
        values = [None if math.isnan(v) else float(v) for v in profiles[code]["quotient"]]
        rows = [row + offset for row in range(len(labels))]
        shapes += [
            {
                "type": "rect",
                "xref": "x",
                "yref": "y",
                "x0": 1,
                "x1": value,
                "y0": row - height * 0.45,
                "y1": row + height * 0.45,
                "fillcolor": colour,
                "line": {"width": 0},
            }
            for row, value in zip(rows, values, strict=True)
            if value is not None
        ]
        largest = max([largest] + [v * 1.05 for v in values if v is not None])
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": names[code],
                "x": [1 if v is None else v for v in values],
                "y": rows,
                "marker": {"color": colour, "size": 7, "symbol": "square"},
                "customdata": [
                    [label, t("no_data", lang) if v is None else format_number(v, lang, 2)]
                    for label, v in zip(labels, values, strict=True)
                ],
                "hovertemplate": f"{names[code]}<br>%{{customdata[0]}}: %{{customdata[1]}}<extra></extra>",
            }
        )
    # The single profile's axes, line at 1 and fonts; its bars and text replaced by the groups.
    figure = quotient_figure(labels, [None] * len(labels), t("transition_axis", lang), "", lang)
    layout = figure["layout"]
    layout["shapes"] = [*shapes, *layout["shapes"]]
    layout["xaxis"]["range"] = [0, largest]
    layout["height"] = 90 + 34 * len(labels)
    layout["margin"] = {"l": 110, "r": 16, "t": 8, "b": 36}
    layout["hovermode"] = "closest"
    layout["dragmode"] = False
    layout["legend"] = {"orientation": "h", "x": 0, "y": -0.18, "xanchor": "left"}
    return {"data": traces, "layout": layout}
