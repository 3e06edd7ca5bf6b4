"""The page layout, built from the current data and the default view."""

from __future__ import annotations

from dash import dcc, html

from kansenkaart.dataset import DataSet
from kansenkaart.i18n import t
from kansenkaart.registry import FILTER_THEMES
from kansenkaart.view import View
from layers.map_figure import build_figure
from ui import ids

GRAPH_CONFIG = {
    "topojsonURL": "/assets/topojson/",  # plotly.js would fetch its base map from a CDN
    "displaylogo": False,
    "scrollZoom": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}


def theme_options(lang: str) -> list[dict]:
    return [{"label": t(f"theme.{k}", lang), "value": k} for k in FILTER_THEMES]


def page(data: DataSet, view: View) -> html.Div:
    """The whole page; the URL callback fills in the view from the query string."""
    lang = view.lang
    return html.Div(
        className="page",
        children=[
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.VIEW),
            html.Header(
                className="masthead",
                children=[
                    html.H1(t("title", lang)),
                    html.P(t("subtitle", lang), className="subtitle"),
                ],
            ),
            html.Main(
                className="workspace",
                children=[
                    html.Aside(className="controls", children=_filters(view)),
                    html.Section(className="map-panel", children=_map(data, view)),
                ],
            ),
            html.Footer(t("credit", lang), className="credit"),
        ],
    )


def _filters(view: View) -> list:
    return [
        html.Fieldset(
            className="filter",
            children=[
                html.Legend(t("themes_label", view.lang)),
                dcc.Checklist(
                    id=ids.THEMES,
                    options=theme_options(view.lang),
                    value=list(view.theme),
                    className="theme-chips",
                    inputClassName="chip-input",
                    labelClassName="chip",
                ),
            ],
        ),
        html.P(id=ids.SUMMARY, className="summary", role="status", **{"aria-live": "polite"}),
    ]


def _map(data: DataSet, view: View) -> list:
    return [
        dcc.Graph(
            id=ids.MAP,
            figure=build_figure(data, view),
            config=GRAPH_CONFIG,
            className="map",
            responsive=True,
        ),
    ]
