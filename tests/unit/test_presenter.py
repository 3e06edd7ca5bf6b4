"""The presenter: what the page shows for a view, checked without Dash's callback machinery."""

from __future__ import annotations

import pytest

from kansenkaart.dataset import load_dataset
from kansenkaart.filtering import filter_initiatives
from kansenkaart.view import ParamProblem, View
from layers.map_figure import VALUES, build_figure
from tests.conftest import DATA_DIR
from ui.details import present_details
from ui.presenter import TABLE_LIMIT, present, present_map, present_table


@pytest.fixture(scope="module")
def data():
    return load_dataset(DATA_DIR)


def text_of(components) -> str:
    return repr(components)


def test_present_names_every_part_of_the_page(data):
    view = View(theme=("energy",), province="PV22", lang="en")
    update = present(data, view, View(), [ParamProblem("q", "is too long")])
    assert update.query == "?theme=energy&province=PV22&lang=en"
    assert (update.lang, update.mode) == ("en", "")
    assert update.controls["theme-filter"] == ["energy"]
    assert update.controls["province-select"] == "PV22"
    assert "is too long" in text_of(update.notice)
    shown = len(filter_initiatives(data.initiatives, view))
    # counted once per initiative and province, as the map counts (253 rows are 239 initiatives)
    everyone = len(filter_initiatives(data.initiatives, View()))
    assert update.map.summary == f"{shown} of {everyone} initiatives"
    assert everyone < len(data.initiatives)
    assert update.map.figure is None and update.map.updates


def test_a_map_for_no_view_shown_is_the_whole_figure(data):
    view = View(metric="per100k")
    assert present_map(data, view, None).figure == build_figure(data, view)


def test_the_same_view_sends_nothing_for_the_map(data):
    view = View(theme=("jobs",))
    update = present_map(data, view, view)
    assert update.updates == {} and update.figure is None


def test_a_theme_change_sends_the_province_values(data):
    update = present_map(data, View(theme=("energy",)), View())
    assert (VALUES, "z") in update.updates


def test_lq_without_a_theme_says_it_shows_the_count(data):
    update = present_map(data, View(metric="lq"), None)
    assert "thema" in text_of(update.message).lower()
    assert present_map(data, View(metric="lq", theme=("jobs",)), None).message == []


def test_an_empty_result_names_the_filter_that_keeps_everything_out(data):
    view = View(q="zzzzzz", theme=("energy",))
    message = text_of(present_map(data, view, None).message)
    assert "empty" in message
    assert present_map(data, view, None).summary.startswith("0 van")


def test_no_notice_without_problems(data):
    assert present(data, View(), None).notice == []


def test_the_table_lists_the_view_and_counts_kinds(data):
    view = View(theme=("climate",))
    table = present_table(data, view)
    shown = filter_initiatives(data.initiatives, view)
    assert [row["id"] for row in table.rows] == list(shown["id"])
    assert table.note == "" and len(shown) < TABLE_LIMIT
    first_kind = shown["kind"].value_counts().index[0]
    assert f"({shown['kind'].value_counts().iloc[0]})" in text_of(table.legend)
    assert first_kind


def test_details_for_a_card_and_a_profile(data):
    details = present_details(data, View(province="PV22", initiative="DR-01"))
    assert details.card and details.profile and details.hint_hidden
    assert "Drenthe" in text_of(details.profile)
    nothing = present_details(data, View())
    assert not nothing.card and not nothing.profile and not nothing.hint_hidden
    gone = present_details(data, View(initiative="ZZ-99"))
    assert gone.card == []


def test_an_indicator_says_what_it_measures_and_which_way_is_more(data):
    message = text_of(
        present_map(data, View(metric="icer_waste_improvement_potential"), None).message
    )
    assert "R-ladder" in message or "afval" in message
    assert "Hoog:" in message
    assert "Hoog:" not in text_of(present_map(data, View(), None).message)


def test_the_message_under_the_map_travels_only_when_it_changes(data) -> None:
    clustered_or_plain = present_map(data, View(theme=("energy",)), View())
    assert clustered_or_plain.message_changed is False
    empty = View(theme=("energy",), q="no initiative is called this")
    assert present_map(data, empty, View()).message_changed is True
    assert present_map(data, View(), empty).message_changed is True
    indicator = View(metric="icer_waste_improvement_potential")
    assert present_map(data, indicator, View()).message_changed is True
    assert present_map(data, View(), None).message_changed is True  # a whole new map
