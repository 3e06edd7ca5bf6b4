"""Tour steps and captions come from the data (the fixture: PV22 3, PV20 2, PV31 1 initiatives)."""

from __future__ import annotations

from kansenkaart.dataset import load_dataset
from kansenkaart.tour import tour_steps
from kansenkaart.view import View


def test_steps_and_captions_follow_the_data(fixture_dir):
    data = load_dataset(fixture_dir)
    steps = tour_steps(data.initiatives, data.provinces["name"], View(mode="demo"))
    captions = [s.caption for s in steps]
    assert captions[:4] == [
        "Klimaat: Drenthe loopt voorop",  # T-1, T-3
        "Werkgelegenheid: Drenthe en Groningen lopen voorop",  # tie 1-1, by name
        "Innovatie: Drenthe en Limburg lopen voorop",
        "Energie: Drenthe en Groningen lopen voorop",  # tie 1-1-1, by name
    ]
    assert [s.view.province for s in steps[4:]] == ["PV22", "PV20", "PV31"]
    assert captions[4].startswith("Drenthe: 3 initiatieven, sterk in klimaat")
    assert all(s.view.mode == "demo" for s in steps)


def test_captions_in_english_and_filters_kept(fixture_dir):
    data = load_dataset(fixture_dir)
    steps = tour_steps(
        data.initiatives, data.provinces["name"], View(lang="en", kind=("initiative",))
    )
    assert steps[0].caption == "Climate: Drenthe leads the way"
    assert steps[1].caption == "Jobs: no initiatives in this selection yet"
    assert all(s.view.kind == ("initiative",) for s in steps)
