"""The time view: counts by start year (the unknown ones always counted apart), a year click in the
reducer, the chart's bars, and the tour's "up to year Y" steps with honest captions."""

from __future__ import annotations

import pytest

from callbacks.timeline import clicked_year
from kansenkaart.dataset import load_dataset
from kansenkaart.filtering import filter_initiatives
from kansenkaart.state import YearClicked, reduce
from kansenkaart.timeline import YearCounts, cumulative_years, year_counts
from kansenkaart.tour import caption_for, remembered_steps, tour_steps
from kansenkaart.view import View
from layers.year_chart import IN_RANGE, OUT_OF_RANGE, year_figure
from tests.conftest import DATA_DIR, counted_records, write_data_dir
from ui.timeline import present_timeline


@pytest.fixture
def dated(tmp_path):
    """Synthetic (tests only): Drenthe 2 in 2015, 3 in 2018, 1 without a year; Fryslân 1 in 2020
    and 2 without a year."""
    records = counted_records({"PV22": [("climate", 6)], "PV21": [("energy", 3)]})
    years = ["2015", "2015", "2018", "2018", "2018", "", "2020", "", ""]
    for record, year in zip(records, years, strict=True):
        record["start_year"] = year
    return load_dataset(write_data_dir(tmp_path / "dated", records))


@pytest.fixture(scope="module")
def real():
    return load_dataset(DATA_DIR)


def test_counts_per_year_with_the_gaps_and_the_unknown_apart(dated):
    counts = year_counts(dated.initiatives, View())
    assert counts.years == tuple(range(2015, 2021))
    assert counts.counts == (2, 0, 0, 3, 0, 1)
    assert (counts.known, counts.unknown) == (6, 3)


def test_counts_follow_the_view_but_not_its_year_range(dated):
    view = View(province="PV22", year_from=2018, year_to=2018)
    counts = year_counts(dated.initiatives, view)
    assert (counts.counts, counts.unknown) == ((2, 0, 0, 3), 1)
    assert counts.up_to(2018) == 5
    assert year_counts(dated.initiatives, View(theme=("energy",))).counts == (1,)


def test_no_known_year_gives_an_empty_chart_that_says_how_many(dated):
    counts = year_counts(dated.initiatives, View(q="no such text"))
    assert counts == YearCounts((), (), 0)
    view = View(province="PV21", kind=("programme",), year_to=2019)
    assert year_counts(dated.initiatives, view.without("year_to")).unknown == 2
    shown = present_timeline(dated, View(province="PV21", theme=("climate",)))
    assert "Geen initiatief in deze weergave heeft een bekend startjaar (0 zonder)" in str(
        shown.note
    )


def test_the_real_counts_add_up_to_the_summary_count(real):
    for view in (View(), View(theme=("energy",)), View(province="PV28", kind=("programme",))):
        counts = year_counts(real.initiatives, view)
        assert counts.known + counts.unknown == len(filter_initiatives(real.initiatives, view))


def test_the_note_always_names_the_unknown_in_both_languages(real):
    counts = year_counts(real.initiatives, View())
    nl = str(present_timeline(real, View()).note)
    en = str(present_timeline(real, View(lang="en")).note)
    assert f"{counts.unknown} zonder bekend startjaar" in nl
    assert f"{counts.unknown} without a known start year" in en


def test_a_year_click_sets_the_range_and_the_same_year_again_clears_it():
    view, problems = reduce(View(theme=("energy",)), YearClicked(2018))
    assert (view.year_from, view.year_to, view.theme, problems) == (2018, 2018, ("energy",), [])
    assert view.to_query() == "?theme=energy&from=2018&to=2018"
    cleared, _ = reduce(view, YearClicked(2018))
    assert (cleared.year_from, cleared.year_to) == (None, None)
    other, _ = reduce(view, YearClicked(2020))
    assert (other.year_from, other.year_to) == (2020, 2020)


def test_a_year_outside_the_allowed_range_is_refused_not_kept():
    view, problems = reduce(View(), YearClicked(1200))
    assert (view.year_from, [p.param for p in problems]) == (None, ["from", "to"])


def test_a_click_on_the_chart_is_its_year():
    assert clicked_year({"points": [{"x": 2018, "y": 3, "curveNumber": 0}]}) == 2018
    assert clicked_year({"points": []}) is None
    assert clicked_year(None) is None


def test_the_chart_has_a_bar_per_year_with_initiatives_and_colours_the_range():
    counts = YearCounts((2015, 2016, 2017), (2, 0, 4), 1)
    figure = year_figure(counts, "nl", 2017, None)
    bars = figure["layout"]["shapes"]
    assert [(b["x0"] + b["x1"]) / 2 for b in bars] == [2015, 2017]  # no bar for a zero
    assert [b["y1"] for b in bars] == [2, 4]
    assert [b["fillcolor"] for b in bars] == [OUT_OF_RANGE, IN_RANGE]
    assert figure["data"][0]["x"] == [2015, 2016, 2017]  # every year clickable
    assert {b["fillcolor"] for b in year_figure(counts, "en")["layout"]["shapes"]} == {IN_RANGE}


def test_cumulative_steps_grow_evenly_and_end_at_the_last_year():
    counts = YearCounts(tuple(range(2010, 2020)), (1, 1, 1, 1, 1, 1, 1, 1, 1, 1), 5)
    assert cumulative_years(counts, 4) == (2012, 2014, 2017, 2019)
    assert cumulative_years(YearCounts((2020,), (3,), 0), 4) == (2020,)
    assert cumulative_years(YearCounts((), (), 3), 4) == ()


def test_the_tour_plays_the_years_with_counts_only(real):
    steps = tour_steps(real.initiatives, real.provinces["name"], View(mode="demo"))
    years = [s for s in steps if s.view.year_to is not None]
    assert len(years) == 4
    counts = year_counts(real.initiatives, View())
    assert years[-1].view.year_to == counts.years[-1]
    for step in years:
        assert step.view.year_from is None and step.highlighted == ()
        shown = len(filter_initiatives(real.initiatives, step.view))
        assert step.caption == (
            f"Tot en met {step.view.year_to}: {shown} initiatieven met een bekend startjaar "
            f"({counts.unknown} zonder startjaar niet meegeteld)"
        )
        assert caption_for(real, step.view).text == step.caption  # a click keeps the caption


def test_a_tour_with_themes_or_years_of_its_own_plays_no_years(real):
    names = real.provinces["name"]
    for base in (View(theme=("energy",)), View(year_from=2015), View(province="PV22")):
        assert all(
            s.view.year_to == base.year_to for s in tour_steps(real.initiatives, names, base)
        )


def test_the_years_caption_in_english(real):
    caption = caption_for(real, View(lang="en", year_to=2020)).text
    assert caption.startswith("Up to 2020: ")
    assert "without a start year not counted" in caption


def test_a_tour_is_worked_out_once_per_data_and_link(real, dated):
    names = real.provinces["name"]
    first = remembered_steps(real.initiatives, names, View(mode="demo"))
    assert remembered_steps(real.initiatives, names, View(mode="demo")) is first
    assert first == tour_steps(real.initiatives, names, View(mode="demo"))
    other = remembered_steps(real.initiatives, names, View(mode="demo", lang="en"))
    assert other is not first and other[0].caption != first[0].caption
    new_data = remembered_steps(dated.initiatives, dated.provinces["name"], View(mode="demo"))
    assert new_data == tour_steps(dated.initiatives, dated.provinces["name"], View(mode="demo"))
