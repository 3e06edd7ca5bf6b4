"""The theme table draws what a rebuild draws: for random views and theme selections, the map a
browser has after drawing a theme click from the table (plus what the server still sends) is
the map a fresh figure for the new view shows.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.generate import generate
from kansenkaart.dataset import load_dataset
from kansenkaart.registry import FILTER_THEMES, MATCH_MODES
from kansenkaart.view import View
from layers.map_figure import MARKERS, VALUES, apply_updates, build_figure, view_updates
from layers.theme_table import (
    entry_for,
    left_after_drawing,
    selection_key,
    selections,
    table_view,
    theme_table,
)
from tests.conftest import DATA_DIR
from tests.unit.test_map_updates import VIEWS, drawn, examples, subsets

SELECTIONS = st.tuples(subsets(FILTER_THEMES), st.sampled_from(MATCH_MODES))


@pytest.fixture(scope="module")
def real():
    return load_dataset(DATA_DIR)


@pytest.fixture(scope="module", params=["real data", "1,000 synthetic"])
def kept_whole(request):
    """Data sets small enough that every initiative lives in the figure (so a table is sent)."""
    return load_dataset(DATA_DIR if request.param == "real data" else generate(1_000))


def check_theme_click(data, before: View, selection: tuple[tuple[str, ...], str]) -> None:
    after = replace(before, theme=selection[0], match=selection[1])
    table = theme_table(data, before)
    assert table is not None
    in_browser = apply_updates(build_figure(data, before), entry_for(table, after))
    left = left_after_drawing(view_updates(data, after, before), table)
    assert drawn(apply_updates(in_browser, left)) == drawn(build_figure(data, after))


@examples(40)
@given(VIEWS, SELECTIONS)
def test_theme_click_from_the_table_equals_rebuild(kept_whole, before, selection):
    check_theme_click(kept_whole, before, selection)


def test_a_plain_theme_click_leaves_the_server_nothing_to_send_for_the_map(real):
    before, after = View(kind=("programme",)), View(kind=("programme",), theme=("energy",))
    table = theme_table(real, before)
    assert left_after_drawing(view_updates(real, after, before), table) == {}
    paths = {tuple(path) for path in table["paths"]}
    assert {(VALUES, "z"), (MARKERS, "lat")} <= paths


def test_every_selection_the_controls_can_make_has_an_entry(real):
    table = theme_table(real, View(metric="lq"))
    assert len(selections()) == 2 ** len(FILTER_THEMES) * len(MATCH_MODES)
    for themes, match in selections():
        # the browser sorts the ticked themes, whatever order they were ticked in
        key = selection_key(tuple(reversed(themes)), match)
        assert key in table["index"]
    assert len(table["entries"]) < len(selections())  # "any" and "all" agree for 0-1 themes


def test_the_table_travels_again_only_when_more_than_the_selection_changes(real):
    base = View(kind=("programme",), q="circulair")
    same = replace(base, theme=("climate",), match="all", initiative="DR-01", mode="demo")
    assert table_view(same) == table_view(base)
    assert theme_table(real, same) is theme_table(real, base)  # cached, not rebuilt
    assert table_view(replace(base, metric="lq")) != table_view(base)
    assert table_view(replace(base, province="PV22")) != table_view(base)


def test_no_table_for_data_too_large_to_keep_in_the_figure():
    assert theme_table(load_dataset(generate(3_000)), View()) is None
