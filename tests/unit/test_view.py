"""The view <-> query string: round trips, canonical form, and dropped bad parameters."""

from __future__ import annotations

from kansenkaart.view import View


def test_default_view_has_an_empty_query():
    assert View().to_query() == ""


def test_theme_round_trip_in_canonical_order():
    view, problems = View.from_query("?theme=energy,climate")
    assert problems == []
    assert view.theme == ("climate", "energy")
    assert view.to_query() == "?theme=climate,energy"


def test_bad_values_are_dropped_and_named():
    view, problems = View.from_query("theme=energy,plastic&metric=best&colour=red&from=20x5")
    assert view == View()
    assert {p.param for p in problems} == {"theme", "metric", "colour", "from"}
    assert "'plastic' is not a theme" in str(problems[0])


def test_full_view_round_trip():
    query = (
        "?theme=climate,jobs&match=all&province=PV22&kind=roadmap&status=ongoing"
        "&from=2016&to=2020&q=Fryslân&metric=lq&lang=en&initiative=DR-05"
    )
    view, problems = View.from_query(query)
    assert problems == []
    again, _ = View.from_query(view.to_query())
    assert again == view


def test_reversed_year_range_is_dropped():
    view, problems = View.from_query("from=2020&to=2010")
    assert (view.year_from, view.year_to) == (None, None)
    assert problems[0].param == "from"


def test_an_empty_value_clears_the_filter():
    view, _ = View.from_query("from=2018&to=2020&province=PV22")
    cleared, problems = view.updated({"from": "", "province": ""})
    assert problems == []
    assert (cleared.year_from, cleared.year_to, cleared.province) == (None, 2020, None)
