"""The time view in the filter column: initiatives of the view by start year, and how many have
none. Owns its ids; `present_timeline` is what its callback (callbacks/timeline.py) returns and
what the first page shows."""

from __future__ import annotations

from dataclasses import dataclass

from dash import dcc, html

from kansenkaart.dataset import DataSet
from kansenkaart.i18n import format_number, t, tn
from kansenkaart.timeline import year_counts
from kansenkaart.view import View
from layers.year_chart import year_figure
from ui import charts
from ui.attrs import attrs

PANEL = "timeline"
HEADING = "timeline-heading"
CHART = "year-chart"
NOTE = "year-note"


@dataclass(frozen=True)
class TimelineUpdate:
    heading: str
    figure: dict
    note: list


def present_timeline(data: DataSet, view: View) -> TimelineUpdate:
    """The chart, its heading and the line that always says how many have no start year."""
    lang = view.lang
    counts = year_counts(data.initiatives, view)
    unknown = format_number(counts.unknown, lang)
    if not counts.years:
        note = [t("timeline_empty", lang, unknown=unknown)]
    else:
        note = [t("timeline_note", lang, known=format_number(counts.known, lang), unknown=unknown)]
    if view.has_year_range and counts.years:
        start = view.year_from if view.year_from is not None else counts.years[0]
        end = view.year_to if view.year_to is not None else counts.years[-1]
        inside = sum(
            c for y, c in zip(counts.years, counts.counts, strict=True) if start <= y <= end
        )
        note.append(tn("timeline_range", inside, lang, start=start, end=end))
    return TimelineUpdate(
        heading=t("timeline_heading", lang),
        figure=year_figure(counts, lang, view.year_from, view.year_to),
        note=[html.Span(line + " ") for line in note],
    )


def panel(data: DataSet, view: View) -> html.Section:
    """The time view as the first page shows it for `view`."""
    shown = present_timeline(data, view)
    return html.Section(
        id=PANEL,
        className="timeline filter",
        **attrs({"aria-labelledby": HEADING}),
        children=[
            html.H3(shown.heading, id=HEADING, className="field-label"),
            dcc.Graph(
                id=CHART,
                figure=shown.figure,
                config=charts.CONFIG,
                className="year-chart",
                style={"height": "150px"},
            ),
            html.P(
                shown.note,
                id=NOTE,
                className="hint year-note",
                **attrs({"aria-live": "polite"}),
            ),
        ],
    )
