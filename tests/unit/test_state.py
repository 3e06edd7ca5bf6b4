"""The reducer: every event the page knows, alone and in the sequences people make."""

from __future__ import annotations

from functools import reduce as fold

import pytest

from kansenkaart.state import (
    CardClosed,
    ControlsChanged,
    DataReloaded,
    Event,
    FiltersReset,
    InitiativeOpened,
    Nothing,
    PresentationLeft,
    PresentationStarted,
    ProvinceCleared,
    ProvinceClicked,
    TourStepped,
    UrlChanged,
    known_initiative,
    reduce,
)
from kansenkaart.view import View
from ui.presenter import notice_lines

CONTROLS_DEFAULT = {
    "lang": "nl",
    "theme": "",
    "match": "any",
    "province": "",
    "kind": "",
    "status": "",
    "from": "",
    "to": "",
    "q": "",
    "metric": "count",
}


def after(view: View, *events: Event) -> View:
    """The view after a sequence of events (problems dropped)."""
    return fold(lambda v, e: reduce(v, e)[0], events, view)


def test_url_is_the_view_and_its_bad_parameters_are_named():
    view, problems = reduce(View(), UrlChanged("?theme=energy&province=PV99&lang=en"))
    assert view == View(theme=("energy",), lang="en")
    assert [p.param for p in problems] == ["province"]


def test_url_without_lang_takes_the_default_language():
    assert reduce(View(), UrlChanged("", "en"))[0].lang == "en"


def test_controls_set_every_parameter_at_once():
    values = {**CONTROLS_DEFAULT, "theme": "climate,energy", "match": "all", "q": "biobased"}
    view, problems = reduce(View(province="PV22"), ControlsChanged(values))
    assert view == View(theme=("climate", "energy"), match="all", q="biobased")
    assert problems == []


def test_a_bad_control_value_is_dropped_and_named():
    view, problems = reduce(View(), ControlsChanged({**CONTROLS_DEFAULT, "from": "20x0"}))
    assert view.year_from is None
    assert [p.param for p in problems] == ["from"]


def test_province_click_selects_then_deselects():
    selected = after(View(), ProvinceClicked("PV22"))
    assert selected.province == "PV22"
    assert after(selected, ProvinceClicked("PV22")).province is None
    assert after(selected, ProvinceClicked("PV26")).province == "PV26"


def test_a_click_outside_the_provinces_is_named_not_applied():
    view, problems = reduce(View(province="PV22"), ProvinceClicked("XX"))
    assert view.province == "PV22" and [p.param for p in problems] == ["province"]


@pytest.mark.parametrize("ident", ["DR-01", "S-00000007"])
def test_opening_an_initiative_shows_its_card(ident):
    assert after(View(theme=("energy",)), InitiativeOpened(ident)).initiative == ident


def test_an_id_that_cannot_be_one_is_refused():
    view, problems = reduce(View(), InitiativeOpened("<script>"))
    assert view.initiative is None and problems[0].param == "initiative"


def test_card_open_then_province_click_elsewhere_closes_the_card():
    """The province's profile shows first: a card from another province closes."""
    view = after(View(), InitiativeOpened("DR-01"), ProvinceClicked("PV26", card_province="PV22"))
    assert (view.initiative, view.province) == (None, "PV26")


def test_a_card_of_the_clicked_province_stays_open():
    view = after(View(), InitiativeOpened("DR-01"), ProvinceClicked("PV22", card_province="PV22"))
    assert (view.initiative, view.province) == ("DR-01", "PV22")


def test_close_card_and_clear_province_touch_only_their_part():
    start = View(theme=("jobs",), province="PV22", initiative="DR-01")
    assert after(start, CardClosed()) == View(theme=("jobs",), province="PV22")
    assert after(start, ProvinceCleared()) == View(theme=("jobs",), initiative="DR-01")


def test_typing_then_reset_keeps_language_and_metric_only():
    typed = {**CONTROLS_DEFAULT, "lang": "en", "metric": "lq", "q": "afval", "theme": "jobs"}
    view = after(View(), ControlsChanged(typed), ProvinceClicked("PV21"), FiltersReset())
    assert view == View(lang="en", metric="lq")


def test_back_after_a_theme_click_is_the_view_before_it():
    before = after(View(), UrlChanged("?province=PV22"))
    clicked = after(
        before, ControlsChanged({**CONTROLS_DEFAULT, "province": "PV22", "theme": "energy"})
    )
    assert clicked.to_query() == "?theme=energy&province=PV22"
    # the browser goes back: its URL is the one written before the click
    assert after(clicked, UrlChanged(before.to_query())) == before


def test_presentation_starts_and_leaves_keeping_the_filters():
    start = View(theme=("energy",))
    demo = after(start, PresentationStarted())
    assert demo == View(theme=("energy",), mode="demo")
    assert after(demo, PresentationLeft()) == start


def test_tour_step_then_map_click_acts_on_the_step_shown():
    base = View(mode="demo", kind=("result",))
    step = View(mode="demo", kind=("result",), theme=("climate",))
    view = after(base, TourStepped(step), ProvinceClicked("PV30"))
    assert view == View(mode="demo", kind=("result",), theme=("climate",), province="PV30")


def test_nothing_changes_nothing():
    view = View(theme=("jobs",), province="PV22")
    assert reduce(view, Nothing()) == (view, [])


def test_data_reload_closes_a_card_whose_initiative_left_the_data():
    view, problems = reduce(View(initiative="XX-99"), DataReloaded(frozenset({"DR-01"})))
    assert view.initiative is None and "XX-99" in problems[0].message
    kept, none = reduce(View(initiative="DR-01"), DataReloaded(frozenset({"DR-01"})))
    assert kept.initiative == "DR-01" and none == []


def test_known_initiative_leaves_a_view_without_card_alone():
    assert known_initiative(View(), frozenset()) == (View(), [])


def notice_text(problems: list, lang: str) -> str:
    """The notice as a person reads it: the heading and each line's text."""

    def text(node: object) -> str:
        if isinstance(node, str):
            return node
        children = getattr(node, "children", None)
        children = children if isinstance(children, list) else [children] if children else []
        return " ".join(text(child) for child in children)

    return " ".join(text(line) for line in notice_lines(problems, lang))


def test_a_link_keeps_the_known_themes_and_names_the_unknown_one():
    view, problems = reduce(View(), UrlChanged("?theme=climate,foo"))
    assert view == View(theme=("climate",))
    assert [p.param for p in problems] == ["theme"]
    assert "'foo' is geen thema" in notice_text(problems, "nl")
    assert "Deze delen van de link zijn genegeerd" in notice_text(problems, "nl")
    assert "'foo' is not a theme" in notice_text(problems, "en")


def test_a_link_with_a_province_name_and_reversed_years():
    view, problems = reduce(View(), UrlChanged("?province=Fryslan&from=2022&to=2015", "en"))
    assert (view.province, view.year_from, view.year_to) == ("PV21", 2015, 2022)
    notice = notice_text(problems, "nl")
    assert "aangepast of genegeerd" in notice and "de jaren zijn omgewisseld" in notice
    assert "the years were swapped" in notice_text(problems, "en")


def test_years_typed_the_wrong_way_round_are_swapped_not_cleared():
    values = {**CONTROLS_DEFAULT, "from": "2022", "to": "2015"}
    view, problems = reduce(View(), ControlsChanged(values))
    assert (view.year_from, view.year_to) == (2015, 2022)
    assert "omgewisseld" in notice_text(problems, "nl")


def test_a_year_typed_outside_the_range_names_the_range_in_dutch():
    view, problems = reduce(View(), ControlsChanged({**CONTROLS_DEFAULT, "to": "2099"}))
    assert view.year_to is None
    assert "2099 valt buiten de jaren van deze kaart" in notice_text(problems, "nl")
    assert "1990 tot en met 2030" in notice_text(problems, "nl")


def test_reduce_in_the_data_closes_a_card_from_another_province_and_drops_unknown_ids():
    import app  # noqa: F401  (configures the runtime)
    from kansenkaart import runtime
    from kansenkaart.state import reduce_in

    data = runtime.data()
    view, problems = reduce_in(data, View(initiative="DR-01"), ProvinceClicked("PV26"))
    assert (view.province, view.initiative, problems) == ("PV26", None, [])
    view, _ = reduce_in(data, View(initiative="DR-01"), ProvinceClicked("PV22"))
    assert view.initiative == "DR-01"
    view, problems = reduce_in(data, View(), UrlChanged("?initiative=ZZ-99"))
    assert view.initiative is None and problems[0].param == "initiative"
