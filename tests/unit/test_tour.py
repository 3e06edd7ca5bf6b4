"""Tour steps and captions come from the data, and name a leader only where the test allows."""

from __future__ import annotations

import pytest

from kansenkaart.dataset import load_dataset
from kansenkaart.metrics import lq_comparisons
from kansenkaart.registry import PROVINCE_CODES
from kansenkaart.tour import Caption, caption_for, step_index, stepped, tour_steps
from kansenkaart.view import View
from layers.highlight import highlight_updates
from layers.map_figure import VALUES
from layers.style import BORDER, SELECTED_BORDER
from tests.conftest import DATA_DIR, counted_records, write_data_dir


@pytest.fixture
def counted(tmp_path):
    """Drenthe: 12, of which 10 climate (a tested strength); Groningen and Fryslân: 12 each,
    1 climate and 3 energy (energy: too few everywhere to name anyone)."""
    cells = {
        "PV22": [("climate", 10), ("jobs", 2)],
        "PV20": [("climate", 1), ("energy", 3), ("jobs", 8)],
        "PV21": [("climate", 1), ("energy", 3), ("innovation", 8)],
    }
    return load_dataset(write_data_dir(tmp_path / "tour", counted_records(cells)))


def test_a_tested_strength_is_named_and_a_thin_theme_says_only_counts(counted):
    steps = tour_steps(counted.initiatives, counted.provinces["name"], View(mode="demo"))
    captions = [s.caption for s in steps]
    assert captions[0] == "Klimaat: 12 initiatieven; Drenthe loopt voorop (getoetst)"
    assert captions[3] == (
        "Energie: 6 initiatieven, de meeste in Fryslân (3) en Groningen (3); "
        "geen provincie wijkt aantoonbaar af"
    )
    assert [s.view.province for s in steps[5:8]] == ["PV22", "PV21", "PV20"]  # 12 each, by name
    assert captions[5] == "Drenthe: 12 initiatieven, sterk in klimaat"
    assert captions[7] == "Groningen: 12 initiatieven, sterk in werkgelegenheid"  # 8/12 vs 2/24
    assert all(s.view.mode == "demo" for s in steps)


def test_captions_in_english_and_filters_kept(counted):
    steps = tour_steps(
        counted.initiatives, counted.provinces["name"], View(lang="en", kind=("programme",))
    )
    assert steps[0].caption == "Climate: 12 initiatives; Drenthe leads the way (tested)"
    assert steps[2].caption == "Innovation: 8 initiatives; Fryslân leads the way (tested)"
    assert steps[4].caption == "Environment: no initiatives in this selection yet"
    assert all(s.view.kind == ("programme",) for s in steps)


def test_the_real_tour_never_names_a_leader_that_fails_the_rule():
    data = load_dataset(DATA_DIR)
    names = data.provinces["name"]
    for step in tour_steps(data.initiatives, names, View(mode="demo"))[:5]:
        if "voorop" not in step.caption:
            continue
        named = [code for code, name in names.items() if name in step.caption]
        comparisons = lq_comparisons(data.initiatives, step.view.without("theme"), step.view.theme)
        assert named and all(comparisons[code].verdict == "strength" for code in named)


def test_the_tour_keeps_the_links_theme_and_province(counted):
    names = counted.provinces["name"]
    themed = tour_steps(counted.initiatives, names, View(theme=("energy",), mode="demo"))
    assert [s.view.theme for s in themed] == [
        ("energy",)
    ] * 3  # one theme step, the two provinces with energy
    assert themed[0].caption.startswith("Energie: 6 initiatieven")
    assert themed[1].caption == "Fryslân, energie: 3 initiatieven"
    assert all(s.view.province for s in themed[1:])
    drenthe = tour_steps(counted.initiatives, names, View(province="PV22", mode="demo"))
    assert {s.view.province for s in drenthe} == {"PV22"}
    assert drenthe[0].caption == "Drenthe: 12 initiatieven, sterk in klimaat"
    assert drenthe[1].caption == ("Drenthe, klimaat: 10 initiatieven; sterk in klimaat (getoetst)")
    assert all(s.highlighted == ("PV22",) for s in drenthe)


def test_caption_for_describes_the_view_the_map_shows(counted):
    steps = tour_steps(counted.initiatives, counted.provinces["name"], View(mode="demo"))
    for step in steps:  # the tour's own steps keep their captions
        assert caption_for(counted, step.view) == Caption(step.caption, step.highlighted)
    assert steps[0].highlighted == ("PV22",)  # the tested leader of climate
    assert steps[3].highlighted == ()  # counts only: nobody singled out
    assert caption_for(counted, View(province="PV20")).text.startswith("Groningen: 12")
    assert caption_for(counted, View(kind=("programme",))).text == "36 initiatieven op de kaart"
    assert caption_for(counted, View(theme=("climate", "jobs"), lang="en")).text == (
        "22 initiatives on the map"
    )


def test_next_and_previous_loop_within_the_tour():
    assert stepped(0, 1, 8) == 1
    assert stepped(None, 1, 8) == 1
    assert stepped(0, -1, 8) == 7  # previous from the first step: the last
    assert stepped(7, 1, 8) == 0
    assert stepped(21, -1, 8) == 4  # the timer's count runs on; stay within one loop
    assert step_index(9, 8) == 1 and step_index(3, 0) == 0


def test_highlight_updates_outline_exactly_the_named_provinces():
    updates = highlight_updates(["PV22", "PV29"])
    widths = updates[(VALUES, "marker.line.width")]
    colours = updates[(VALUES, "marker.line.color")]
    named = {PROVINCE_CODES.index("PV22"), PROVINCE_CODES.index("PV29")}
    assert [i for i, w in enumerate(widths) if w > 1] == sorted(named)
    assert {colours[i] for i in named} == {SELECTED_BORDER}
    assert {c for i, c in enumerate(colours) if i not in named} == {BORDER}
    assert highlight_updates([])[(VALUES, "marker.line.width")] == [0.8] * len(PROVINCE_CODES)
