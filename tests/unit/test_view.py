"""The view <-> query string: round trips, canonical form, and dropped bad parameters."""

from __future__ import annotations

import pytest

from kansenkaart.registry import FIRST_YEAR, LAST_YEAR
from kansenkaart.view import PROVINCE_NAMES, View


def test_default_view_has_an_empty_query():
    assert View().to_query() == ""


def test_theme_round_trip_in_canonical_order():
    view, problems = View.from_query("?theme=energy,climate")
    assert problems == []
    assert view.theme == ("climate", "energy")
    assert view.to_query() == "?theme=climate,energy"


def test_bad_values_are_dropped_and_named():
    view, problems = View.from_query("theme=plastic&metric=best&colour=red&from=20x5")
    assert view == View()
    assert {p.param for p in problems} == {"theme", "metric", "colour", "from"}
    assert "'plastic' is not a theme" in str(problems[0])


@pytest.mark.parametrize(
    ("param", "raw", "kept"),
    [
        ("theme", "climate,foo", ("climate",)),
        ("theme", "foo,energy,climate,bar", ("climate", "energy")),
        ("kind", "roadmap,foo", ("roadmap",)),
        ("status", "foo,ongoing", ("ongoing",)),
    ],
)
def test_a_list_keeps_its_known_values_and_names_the_unknown_ones(param, raw, kept):
    view, problems = View.from_query({param: raw})
    assert getattr(view, param) == kept
    assert [p.param for p in problems] == [param]
    assert "'foo'" in problems[0].message
    assert view.to_query() == f"?{param}={','.join(kept)}"


def test_a_list_of_only_unknown_values_leaves_the_filter_as_it_was():
    view = View(theme=("energy",))
    again, problems = view.updated({"theme": "foo,bar"})
    assert again == view
    assert "'foo', 'bar' is not a theme" in problems[0].message


def test_the_unknown_values_are_named_in_the_page_language():
    _, problems = View.from_query("theme=climate,foo")
    assert problems[0].text("nl").startswith("'foo' is geen thema")
    assert problems[0].text("en").startswith("'foo' is not a theme")
    assert problems[0].message == problems[0].text("en")  # what the API answers


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("PV22", "PV22"),
        ("pv21", "PV21"),
        ("Drenthe", "PV22"),
        ("Fryslan", "PV21"),
        ("fryslân", "PV21"),
        ("FRYSLÂN", "PV21"),
        ("noord-holland", "PV27"),
        ("Noord Holland", "PV27"),
        (" zuid_holland ", "PV28"),
        ("noord--brabant", "PV30"),
    ],
)
def test_a_province_by_code_or_name_is_written_back_as_its_code(raw, code):
    view, problems = View.from_query({"province": raw})
    assert problems == []
    assert view.province == code
    assert view.to_query() == f"?province={code}"


def test_every_province_has_its_cbs_name():
    assert sorted(PROVINCE_NAMES) == [f"PV{n}" for n in range(20, 32)]
    for code, name in PROVINCE_NAMES.items():
        assert View.from_query({"province": name})[0].province == code


def test_a_place_that_is_no_province_is_named():
    view, problems = View.from_query("province=Holland")
    assert view.province is None
    assert problems[0].param == "province"
    assert "'Holland' is geen provincie" in problems[0].text("nl")


def test_full_view_round_trip():
    query = (
        "?theme=climate,jobs&match=all&province=PV22&kind=roadmap&status=ongoing"
        "&from=2016&to=2020&q=Fryslân&metric=lq&lang=en&initiative=DR-05"
    )
    view, problems = View.from_query(query)
    assert problems == []
    again, _ = View.from_query(view.to_query())
    assert again == view


def test_reversed_year_range_is_swapped_and_says_so():
    view, problems = View.from_query("from=2022&to=2015")
    assert (view.year_from, view.year_to) == (2015, 2022)
    assert view.to_query() == "?from=2015&to=2022"
    assert [p.param for p in problems] == ["from"]
    assert not problems[0].dropped
    assert "omgewisseld, nu 2015 tot en met 2022" in problems[0].text("nl")
    assert "swapped, now 2015 to 2022" in problems[0].text("en")


def test_a_year_typed_after_the_other_is_swapped_too():
    view, problems = View(year_to=2015).updated({"from": "2022"})
    assert (view.year_from, view.year_to) == (2015, 2022)
    assert problems[0].key == "param.years_swapped"


@pytest.mark.parametrize("year", ["1800", "2099"])
def test_a_year_outside_the_range_names_the_range(year):
    view, problems = View.from_query({"from": year})
    assert view.year_from is None
    assert f"{FIRST_YEAR} tot en met {LAST_YEAR}" in problems[0].text("nl")
    assert f"from {FIRST_YEAR} to {LAST_YEAR}" in problems[0].text("en")
    assert problems[0].text("nl").startswith(year)


def test_an_empty_value_clears_the_filter():
    view, _ = View.from_query("from=2018&to=2020&province=PV22")
    cleared, problems = view.updated({"from": "", "province": ""})
    assert problems == []
    assert (cleared.year_from, cleared.year_to, cleared.province) == (None, 2020, None)
