"""The patched map equals a full rebuild: for random pairs of views, applying the small update
(from the view shown before) to the first figure draws exactly what a fresh figure draws.

Checked on the real data (all markers live in the figure, patches send latitudes) and on a
synthetic set of 3,000 initiatives (shown markers sent in full, or clusters when there are many).
"""

from __future__ import annotations

import json
import math
from dataclasses import replace

import plotly
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import generate
from callbacks.map_patch import as_patch
from kansenkaart.dataset import load_dataset
from kansenkaart.filtering import filter_initiatives
from kansenkaart.indicators import INDICATORS, indicator_meta, indicator_values
from kansenkaart.metrics import (
    METRIC_REGISTRY,
    metric_line,
    metric_source,
    shown_metric,
    too_few_for_lq,
)
from kansenkaart.registry import FILTER_THEMES, KINDS, METRICS, PROVINCE_CODES, STATUSES
from kansenkaart.view import View
from layers.figure_patch import LAYOUT
from layers.map_figure import (
    CLUSTERS,
    MARKERS,
    OUTLINE,
    PROVINCE_WIDE,
    VALUES,
    Markers,
    build_figure,
    image_figure,
    marker_strategy,
    shown_count,
    view_updates,
)
from tests.conftest import DATA_DIR
from ui.presenter import present_map


def subsets(items) -> st.SearchStrategy:
    return st.lists(st.sampled_from(items), unique=True, max_size=2).map(
        lambda xs: tuple(x for x in items if x in xs)
    )


VIEWS = st.builds(
    View,
    theme=subsets(FILTER_THEMES),
    match=st.sampled_from(["any", "all"]),
    province=st.none() | st.sampled_from(PROVINCE_CODES),
    kind=subsets(KINDS),
    status=subsets(STATUSES),
    year_from=st.none() | st.integers(2010, 2022),
    q=st.sampled_from(["", "circulair", "synthetic", "zzz"]),
    metric=st.sampled_from(METRICS),
    lang=st.sampled_from(["nl", "en"]),
    initiative=st.none() | st.sampled_from(["DR-01", "GR-02", "S-00000007"]),
    mode=st.sampled_from(["", "demo"]),
)


def drawn(figure: dict) -> dict:
    """What a reader sees: province values and texts, every drawn marker and cluster, legend."""
    values = figure["data"][VALUES]
    markers = []
    trace = figure["data"][MARKERS]
    sizes = trace["marker"]["size"]
    for k, (lat, lon) in enumerate(zip(trace["lat"], trace["lon"], strict=False)):
        if lat is None:
            continue
        size = sizes[k] if isinstance(sizes, list) else sizes
        style = (trace["marker"]["color"][k], trace["marker"]["symbol"][k])
        markers.append((lat, lon, trace["customdata"][k], trace["hovertext"][k], size, style))
    clusters = figure["data"][CLUSTERS]
    return {
        "z": [None if v is None or math.isnan(v) else v for v in values["z"]],
        "texts": (values["customdata"], values["hovertemplate"], figure["layout"]["separators"]),
        "outline": (figure["data"][0]["locations"], figure["data"][0]["hovertemplate"]),
        "colorbar": values["colorbar"]["title"]["text"],
        "borders": values["marker"]["line"]["width"],
        "markers": sorted(markers, key=repr),
        "clusters": sorted(
            zip(clusters["lat"], clusters["lon"], clusters["marker"]["size"], strict=True)
        ),
        "layout": figure["layout"]["font"]["size"],
    }


@pytest.fixture(scope="module")
def real():
    return load_dataset(DATA_DIR)


@pytest.fixture(scope="module")
def large():
    return load_dataset(generate(3_000))


def apply_as_the_browser(figure: dict, patch) -> dict:
    """What dash-renderer does with a Patch it receives: each operation, as sent over the wire
    (JSON), assigned along its path with missing levels created (ramda's assocPath)."""
    sent = json.loads(json.dumps(patch.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder))
    figure = json.loads(json.dumps(figure, cls=plotly.utils.PlotlyJSONEncoder))
    for operation in sent["operations"]:
        assert operation["operation"] == "Assign"  # the only kind the map's patches use
        *parents, last = operation["location"]
        target = figure
        for key in parents:
            target = target[key] if isinstance(target, list) else target.setdefault(key, {})
        target[last] = operation["params"]["value"]
    return figure


def check_patch(data, before: View, after: View) -> None:
    """The production path: the dash.Patch the callbacks send, applied as the browser does."""
    patched = apply_as_the_browser(
        build_figure(data, before), as_patch(view_updates(data, after, before))
    )
    expected = json.loads(json.dumps(build_figure(data, after), cls=plotly.utils.PlotlyJSONEncoder))
    assert drawn(patched) == drawn(expected)


def examples(count: int):
    """Hypothesis settings for these slow, fixture-using properties."""
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


@examples(60)
@given(VIEWS, VIEWS)
def test_real_data_patch_equals_rebuild(real, before, after):
    check_patch(real, before, after)


@examples(40)
@given(VIEWS, VIEWS)
def test_large_data_patch_equals_rebuild(large, before, after):
    check_patch(large, before, after)


def test_large_data_uses_each_marker_strategy(large):
    assert marker_strategy(large, shown_count(large, View())) is Markers.CLUSTERS
    assert marker_strategy(large, shown_count(large, View(province="PV24"))) is Markers.ROWS


def test_real_data_theme_change_sends_only_values_and_latitudes(real):
    updates = view_updates(real, View(theme=("energy",)), View())
    marker_paths = {path for (index, path) in updates if index == MARKERS}
    assert marker_paths == {"lat"}
    province_paths = {path for (index, path) in updates if index == VALUES}
    assert province_paths <= {"z", "zmin", "zmax", "colorbar.dtick"}


def test_too_few_and_no_data_have_their_own_styles(real):
    """LQ on too few initiatives: the sand style with its reason; an indicator's gap: grey."""
    view = View(theme=("energy",), metric="lq")
    figure = build_figure(real, view)
    outline, values = figure["data"][OUTLINE], figure["data"][VALUES]
    z = dict(zip(values["locations"], values["z"], strict=True))
    too_few = too_few_for_lq(real.initiatives, view)
    assert too_few and set(outline["locations"]) == {c for c, v in z.items() if v is None}
    assert dict(zip(outline["locations"], outline["z"], strict=True)) == dict.fromkeys(too_few, 1)
    assert all(
        why == "te weinig initiatieven voor een vergelijking" for _, why in outline["customdata"]
    )
    assert build_figure(real, View())["data"][OUTLINE]["locations"] == []
    gap = build_figure(real, View(metric="icer_waste_improvement_potential"))
    assert gap["data"][OUTLINE]["locations"] == []  # every province has this figure


def test_every_indicator_metric_shows_exactly_the_files_values(real):
    for key in INDICATORS:
        figure = build_figure(real, View(metric=key))
        values = figure["data"][VALUES]
        expected = indicator_values(real.indicators, key).round(4)
        assert values["z"] == [None if math.isnan(v) else v for v in expected], key
        year, _, _ = indicator_meta(real.indicators, key)
        assert year in present_map(real, View(metric=key), None).source
        assert year in values["hovertemplate"]


def test_province_wide_initiatives_are_a_badge_not_a_marker(real):
    figure = build_figure(real, View())
    markers, badges = figure["data"][MARKERS], figure["data"][PROVINCE_WIDE]
    wide = real.initiatives[~real.initiatives["has_point"]]
    drawn = {
        i for i, lat in zip(markers["customdata"], markers["lat"], strict=True) if lat is not None
    }
    assert drawn.isdisjoint(set(wide["id"]))
    shown = filter_initiatives(real.initiatives, View())
    expected = shown[~shown["has_point"]].groupby("province").size()
    texts = dict(zip(badges["customdata"], badges["text"], strict=True))
    assert {code: int(texts[code]) for code in expected.index} == expected.to_dict()


def test_image_export_lists_the_kinds_with_counts(real):
    figure = image_figure(real, View(theme=("energy",)))
    names = [trace["name"] for trace in figure["data"][PROVINCE_WIDE + 2 :]]
    assert figure["layout"]["showlegend"] is True
    shown = filter_initiatives(real.initiatives, View(theme=("energy",)))
    count = int((shown["kind"] == "initiative").sum())
    assert len(names) == 6 and f"initiatief ({count})" in names


def test_an_image_names_each_province_and_its_value(real):
    """On paper nothing can be hovered: the names and values are written on the map."""
    figure = image_figure(real, View(metric="co2_per_inhabitant"))
    labels = figure["data"][PROVINCE_WIDE + 1]
    assert labels["mode"] == "text" and len(labels["text"]) == 12
    values = indicator_values(real.indicators, "co2_per_inhabitant")
    zeeland = next(text for text in labels["text"] if "Zeeland" in text)
    assert f"{values['PV29']:.1f}".replace(".", ",") in zeeland


@pytest.mark.parametrize("data_name", ["real", "large"])
def test_a_metric_change_leaves_every_point_and_badge_as_it_is(request, data_name):
    data = request.getfixturevalue(data_name)
    before = View(theme=("climate", "energy"), match="all")
    updates = view_updates(data, replace(before, metric="per100k"), before)
    assert updates, "the province values change"
    assert {index for (index, _) in updates} <= {LAYOUT, OUTLINE, VALUES}


def test_the_colour_bar_names_the_metric_and_the_line_above_the_map_its_year_and_source(real):
    """In the colour bar the source ran past a phone's screen in presentation mode and was cut
    off; the line above the map (HTML) wraps and says the same."""
    for key in METRICS:
        view = View(metric=key)
        title = build_figure(real, view)["data"][VALUES]["colorbar"]["title"]["text"]
        metric = METRIC_REGISTRY[shown_metric(view)]
        assert title == metric.label("nl"), key
        line = present_map(real, view, None).source
        source = metric_source(real, metric.key, "nl")
        assert line.startswith(metric.label("nl")) and line.endswith(source.line("nl")), line
        assert not source.year or source.year in line, line
    assert metric_line(real, "count", "nl") == (
        "Aantal initiatieven: initiatieven uit openbare bronnen t/m 2026-12-02"
    )
    assert metric_line(real, "per100k", "en").startswith("Initiatives per 100,000 inhabitants")
