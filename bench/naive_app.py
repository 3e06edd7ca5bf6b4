"""The naive map, as a typical Dash tutorial builds it: the baseline the real app is measured against.

plotly express draws the province choropleth (with the whole GeoJSON) plus a scatter_geo of the
markers, and the callback rebuilds and sends that whole figure on every change: a theme, the
match switch, the metric (count or per 100,000), a province click, or the URL (back, forward). It loads
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
from dash import Input, Output, ctx, dcc, html

from kansenkaart.dataset import load_dataset
from kansenkaart.view import View

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
        # The URL holds the view, so back and forward work: a tutorial's dcc.Location.
        dcc.Location(id="url", refresh=False),
        html.H1("Kansenkaart CE (naive baseline)"),
        dcc.Checklist(
            id="theme-filter",
            options=[{"label": label, "value": key} for key, label in THEME_LABELS.items()],
            value=[],
            inline=True,
        ),
        dcc.RadioItems(id="match-mode", options=["any", "all"], value="any", inline=True),
        dcc.RadioItems(id="metric", options=["count", "per100k"], value="count", inline=True),
        dcc.Graph(id="map", config={"topojsonURL": "/assets/topojson/"}, style={"height": "640px"}),
    ]
)


@app.callback(
    Output("map", "figure"),
    Output("url", "search"),
    Output("theme-filter", "value"),
    Output("match-mode", "value"),
    Output("metric", "value"),
    Input("url", "search"),
    Input("theme-filter", "value"),
    Input("match-mode", "value"),
    Input("metric", "value"),
    Input("map", "clickData"),
)
def update_map(search, themes, match, metric, click):
    """Read the view from the URL (back, forward, a link) or from the controls, then filter,
    count per province and draw the whole map again."""
    view, _ = View.from_query(search or "")
    province = view.province
    if ctx.triggered_id == "map" and click:
        province = click["points"][0].get("location") or province
    if ctx.triggered_id in ("theme-filter", "match-mode", "metric", "map"):
        view, _ = View.from_query(
            {"theme": ",".join(themes or []), "match": match, "metric": metric,
             "province": province or ""}
        )  # fmt: skip
    query = view.to_query("nl")
    return (
        draw(view),
        query,
        list(view.theme),
        view.match,
        view.metric if view.metric in ("count", "per100k") else "count",
    )


def draw(view: View):
    df = data.initiatives
    if view.theme:
        joined = df["themes"].str
        keep = [joined.contains(theme) for theme in view.theme]
        mask = keep[0]
        for part in keep[1:]:
            mask = (mask & part) if view.match == "all" else (mask | part)
        df = df[mask]
    # an initiative with several rows (same_as) counts once per province, as the data says
    counts = df.groupby("province")["count_key"].nunique().rename("count")
    table = provinces.merge(counts, left_on="statcode", right_index=True, how="left")
    table["count"] = table["count"].fillna(0).astype(int)
    if view.metric == "per100k":
        table["count"] = table["count"] * 100_000 / table["population"]
    fig = px.choropleth(
        table,
        geojson=data.geojson,
        locations="statcode",
        featureidkey="properties.statcode",
        color="count",
        hover_name="name",
        color_continuous_scale="YlGn",
    )
    shown = df[df["province"] == view.province] if view.province else df
    # one point per initiative and province, its main row first (the data's rule, as counted)
    shown = shown.sort_values("is_main", ascending=False, kind="stable")
    shown = shown.drop_duplicates("count_key")
    markers = px.scatter_geo(
        shown,
        lat="map_lat",
        lon="map_lon",
        color="kind",
        hover_name="name",
        hover_data={"themes": True, "map_lat": False, "map_lon": False},
        custom_data=["id"],
    )
    fig.add_traces(markers.data)
    fig.update_geos(fitbounds="locations", visible=False)
    if view.province:  # zoom to the province's markers
        fig.update_geos(fitbounds=False, center={"lat": shown["map_lat"].mean(),
                                                 "lon": shown["map_lon"].mean()},
                        projection_scale=4)  # fmt: skip
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0})
    return fig


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8060")))
