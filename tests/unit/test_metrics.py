"""Location quotients, per-capita values and combined filters against hand-computed numbers.

Fixture (tests/conftest.py): PV22 has T-1 climate;jobs, T-2 innovation, T-3 energy;climate;
PV20 has T-4 jobs;energy, T-5 environment; PV31 has T-6 innovation;energy.
"""

from __future__ import annotations

import math

import pytest

from kansenkaart.dataset import load_dataset
from kansenkaart.filtering import counts_without_each_filter, filter_initiatives
from kansenkaart.metrics import count_by_province, location_quotient, per_100k, theme_profile
from kansenkaart.view import View


@pytest.fixture
def data(fixture_dir):
    return load_dataset(fixture_dir)


def lq(data, **view) -> dict[str, float]:
    values = location_quotient(data.initiatives, View(**view))
    return {code: round(v, 4) for code, v in values.items() if not math.isnan(v)}


def test_lq_of_one_theme(data):
    # national share of energy: 3 of 6 = 0.5
    assert lq(data, theme=("energy",)) == {"PV20": 1.0, "PV22": 0.6667, "PV31": 2.0}


def test_lq_is_no_data_not_zero_without_initiatives(data):
    values = location_quotient(data.initiatives, View(theme=("energy",)))
    assert math.isnan(values["PV27"])


def test_lq_uses_every_filter_except_theme(data):
    # only initiatives: T-3 (PV22) and T-6 (PV31), both energy -> national share 1
    assert lq(data, theme=("energy",), kind=("initiative",)) == {"PV22": 1.0, "PV31": 1.0}


def test_lq_ignores_the_province_selection(data):
    assert lq(data, theme=("energy",), province="PV22") == lq(data, theme=("energy",))


def test_lq_with_match_all(data):
    # climate AND energy: only T-3 -> national 1/6; PV22 (1/3) / (1/6) = 2
    assert lq(data, theme=("climate", "energy"), match="all") == {
        "PV20": 0.0,
        "PV22": 2.0,
        "PV31": 0.0,
    }


def test_per_100k(data):
    counts = count_by_province(data.initiatives, View())
    values = per_100k(counts, data.provinces["population"])
    assert values["PV22"] == pytest.approx(3 / 504116 * 100_000)
    assert values["PV27"] == 0


def test_theme_profile_counts_and_lq(data):
    profile = theme_profile(data.initiatives, View(theme=("jobs",)), "PV22")
    assert profile["count"].to_dict() == {"climate": 2, "jobs": 1, "innovation": 1, "energy": 1}
    # climate nationally 2/6; PV22 2/3 -> 2.0
    assert profile.loc["climate", "lq"] == pytest.approx(2.0)
    assert profile.loc["energy", "lq"] == pytest.approx((1 / 3) / (3 / 6))


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
