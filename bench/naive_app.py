"""The naive map, as a typical Dash tutorial builds it: the baseline the real app is measured against.

plotly express draws the province choropleth (with the whole GeoJSON) plus a scatter_geo of the
markers, and the callback rebuilds and sends that whole figure on every theme change. It loads
the same data with the same `load_dataset`, has the same theme checklist (`theme-filter`) and the
same offline base map (the repo's assets folder, `topojsonURL`, without the partial plotly.js
bundle), and uses Dash's defaults otherwise (no compression), as a tutorial would.

    DATA_DIR=data gunicorn -w 2 bench.naive_app:server
"""

from __future__ import annotations

import os
from pathlib import Path

import dash
import plotly.express as px
from dash import Input, Output, dcc, html

from kansenkaart.dataset import load_dataset

ROOT = Path(__file__).resolve().parent.parent
THEME_LABELS = {
    "climate": "klimaat",
    "jobs": "werkgelegenheid",
    "innovation": "innovatie",
    "energy": "energie",
}

data = load_dataset(Path(os.environ.get("DATA_DIR", ROOT / "data")))
provinces = data.provinces.reset_index()  # statcode, name, population, ...

# The optimised app's partial plotly.js bundle (assets/vendor) is left out: a tutorial app draws
# with the full plotly.js that dcc.Graph loads, as the baseline always did.
app = dash.Dash(
    __name__,
    assets_folder=str(ROOT / "assets"),
    assets_ignore=r"^plotly-geo-.*\.js$",
    title="Kansenkaart (naive)",
)
server = app.server

app.layout = html.Div(
    [
        html.H1("Kansenkaart CE (naive baseline)"),
        dcc.Checklist(
            id="theme-filter",
            options=[{"label": label, "value": key} for key, label in THEME_LABELS.items()],
            value=[],
            inline=True,
        ),
        dcc.Graph(id="map", config={"topojsonURL": "/assets/topojson/"}, style={"height": "640px"}),
    ]
)


@app.callback(Output("map", "figure"), Input("theme-filter", "value"))
def update_map(themes: list[str] | None):
    """Filter, count per province, and draw the whole map again."""
    df = data.initiatives
    if themes:
        df = df[df["themes"].str.contains("|".join(themes))]
    counts = df.groupby("province").size().rename("count")
    table = provinces.merge(counts, left_on="statcode", right_index=True, how="left")
    table["count"] = table["count"].fillna(0).astype(int)
    fig = px.choropleth(
        table,
        geojson=data.geojson,
        locations="statcode",
        featureidkey="properties.statcode",
        color="count",
        hover_name="name",
        color_continuous_scale="YlGn",
    )
    markers = px.scatter_geo(
        df,
        lat="map_lat",
        lon="map_lon",
        color="kind",
        hover_name="name",
        hover_data={"themes": True, "map_lat": False, "map_lon": False},
        custom_data=["id"],
    )
    fig.add_traces(markers.data)
    fig.update_geos(fitbounds="locations", visible=False)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0})
    return fig


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8060")))
