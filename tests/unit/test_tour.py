"""Tour steps and captions come from the data, and name a leader only where the test allows."""

from __future__ import annotations

import pytest

from kansenkaart.dataset import load_dataset
from kansenkaart.metrics import lq_comparisons
from kansenkaart.tour import tour_steps
from kansenkaart.view import View
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
    assert [s.view.province for s in steps[5:]] == ["PV22", "PV21", "PV20"]  # 12 each, by name
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
