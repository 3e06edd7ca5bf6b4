"""Location quotients, per-capita values and combined filters against hand-computed numbers.

Fixture (tests/conftest.py): PV22 has T-1 climate;jobs, T-2 innovation, T-3 energy;climate;
PV20 has T-4 jobs;energy, T-5 environment; PV31 has T-6 innovation;energy.
"""

from __future__ import annotations

import math

import pytest

from kansenkaart.dataset import load_dataset
from kansenkaart.filtering import counts_without_each_filter, filter_initiatives
from kansenkaart.metrics import (
    count_by_province,
    location_quotient,
    lq_comparisons,
    per_100k,
    theme_profile,
    too_few_for_lq,
)
from kansenkaart.registry import PROVINCE_CODES
from kansenkaart.view import View
from tests.conftest import counted_records, write_data_dir


@pytest.fixture
def data(fixture_dir):
    return load_dataset(fixture_dir)


def lq(data, **view) -> dict[str, float]:
    values = location_quotient(data.initiatives, View(**view))
    return {code: round(v, 4) for code, v in values.items() if not math.isnan(v)}


def test_the_small_fixture_is_too_small_for_any_lq(data):
    """0-3 initiatives per province: every LQ would rest on too few, so none is shown."""
    assert lq(data, theme=("energy",)) == {}
    assert math.isnan(location_quotient(data.initiatives, View(theme=("energy",)))["PV27"])


@pytest.fixture
def counted(tmp_path):
    """PV22: 10 initiatives, 5 climate (exactly at the floor); PV20: 10, 4 climate (one short);
    PV31: 9, all climate (too few in all); PV21: 20, 2 climate. National: 20 of 49."""
    cells = {
        "PV22": [("climate", 5), ("jobs", 5)],
        "PV20": [("climate", 4), ("jobs", 6)],
        "PV31": [("climate", 9)],
        "PV21": [("climate", 2), ("energy", 18)],
    }
    return load_dataset(write_data_dir(tmp_path / "counted", counted_records(cells)))


def test_lq_is_shown_exactly_at_the_floor_and_hidden_below(counted):
    # PV22: (5/10) / (20/49) = 1.225; the others have too few and are NaN, with a reason
    assert lq(counted, theme=("climate",)) == {"PV22": round(0.5 / (20 / 49), 4)}
    reasons = {
        c: x.reason
        for c, x in lq_comparisons(counted.initiatives, View(theme=("climate",))).items()
    }
    assert (reasons["PV22"], reasons["PV20"], reasons["PV31"]) == (
        None,
        "too_few_selected",
        "too_few_total",
    )
    # every province but Drenthe, those without any initiative included ("too few", not "no data")
    too_few = too_few_for_lq(counted.initiatives, View(theme=("climate",), metric="lq"))
    assert too_few == set(PROVINCE_CODES) - {"PV22"}


def test_lq_uses_every_filter_except_theme_and_province(counted):
    assert lq(counted, theme=("climate",), province="PV22") == lq(counted, theme=("climate",))
    # with a year filter that nothing passes there is nothing to compare
    assert lq(counted, theme=("climate",), year_from=2021) == {}


def test_profile_says_average_unless_the_test_finds_a_difference(counted):
    profile = theme_profile(counted.initiatives, View(), "PV22")
    # 5/10 against the rest's 15/39: Fisher's p is far above 10%, so "average", not a strength
    assert profile.loc["climate", "verdict"] == "average"
    assert profile.loc["climate", "lq"] == pytest.approx(0.5 / (20 / 49))
    # energy: PV21's 18 of 20 against 0 of 29 elsewhere is a strength; PV22 has none: too few
    assert theme_profile(counted.initiatives, View(), "PV21").loc["energy", "verdict"] == "strength"
    assert profile.loc["energy", "verdict"] == "too_few"


def test_same_as_rows_count_once_per_province(tmp_path):
    records = counted_records({"PV22": [("climate", 3)], "PV20": [("climate", 1)]})
    records[1]["same_as"] = records[0]["id"]  # a second row of S-0001, same province
    records[3]["same_as"] = records[0]["id"]  # the same programme also works in Groningen
    dataset = load_dataset(write_data_dir(tmp_path / "same", records))
    counts = count_by_province(dataset.initiatives, View())
    assert (counts["PV22"], counts["PV20"]) == (2, 1)
    shown = filter_initiatives(dataset.initiatives, View(province="PV22"))["id"].tolist()
    assert shown == ["S-0001", "S-0003"]  # the main row stands for its second row


def test_a_filter_matching_only_the_second_row_still_counts_the_initiative_once(tmp_path):
    records = counted_records({"PV22": [("climate", 2)]})
    records[1]["same_as"] = records[0]["id"]
    records[1]["themes"] = "energy"
    dataset = load_dataset(write_data_dir(tmp_path / "second", records))
    assert count_by_province(dataset.initiatives, View(theme=("energy",)))["PV22"] == 1
    assert count_by_province(dataset.initiatives, View())["PV22"] == 1


def test_per_100k(data):
    counts = count_by_province(data.initiatives, View())
    values = per_100k(counts, data.provinces["population"])
    assert values["PV22"] == pytest.approx(3 / 504116 * 100_000)
    assert values["PV27"] == 0


def test_theme_profile_counts(data):
    profile = theme_profile(data.initiatives, View(theme=("jobs",)), "PV22")
    assert profile["count"].to_dict() == {
        "climate": 2,
        "jobs": 1,
        "innovation": 1,
        "energy": 1,
        "environment": 0,
    }
    assert set(profile["verdict"]) == {"too_few"}


def ids(data, **view) -> list[str]:
    return filter_initiatives(data.initiatives, View(**view))["id"].tolist()


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        ({"theme": ("energy",), "status": ("ongoing",)}, ["T-4", "T-6"]),
        ({"year_from": 2019, "year_to": 2020}, ["T-5", "T-6"]),  # T-3 has no year
        ({"year_from": 2020}, ["T-4", "T-6"]),
        ({"q": "maastricht"}, ["T-6"]),
        ({"q": "FRYSLAN"}, ["T-5"]),  # accents and case folded
        ({"q": "testorganisatie"}, ["T-1", "T-2", "T-3", "T-4", "T-5", "T-6"]),
        ({"kind": ("initiative",), "theme": ("climate",)}, ["T-3"]),
        ({"province": "PV20", "kind": ("programme", "result")}, ["T-4", "T-5"]),
        ({"theme": ("jobs", "energy"), "match": "all", "province": "PV20"}, ["T-4"]),
    ],
)
def test_combined_filters(data, view, expected):
    assert ids(data, **view) == expected


def test_counts_without_each_filter_explain_an_empty_view(data):
    view = View(theme=("energy",), kind=("network",))
    assert ids(data, theme=("energy",), kind=("network",)) == []
    assert counts_without_each_filter(data.initiatives, view) == {"theme": 1, "kind": 3}
