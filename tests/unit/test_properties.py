"""Property-based: any query string gives a valid view or named problems; any row either loads
or is refused with problems that name it; never an exception of another kind."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kansenkaart.dataset import load_dataset
from kansenkaart.problems import DataError
from kansenkaart.registry import (
    FILTER_THEMES,
    FIRST_YEAR,
    KINDS,
    LANGUAGES,
    LAST_YEAR,
    METRICS,
    PROVINCE_CODES,
    STATUSES,
)
from kansenkaart.view import PARAMETERS, PROVINCE_NAMES, View
from tests.conftest import COLUMNS, fixture_records, write_data_dir

KEYS = [
    *PARAMETERS,
    "x",
    "",
    "THEME",
]
NASTY = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300
) | st.sampled_from(
    [
        "<script>alert(1)</script>",
        "9" * 400,
        "-1",
        "2020",
        "PV22",
        "energy,jobs",
        "\x00",
        "%00",
        "=cmd|' /C calc'!A0",
        "Fryslân",
        "lq",
        "demo",
        "all",
        "climate,foo",
        "Fryslan",
        "noord-holland",
        "1800",
    ]
)


@given(st.dictionaries(st.sampled_from(KEYS), NASTY, max_size=8))
def test_any_query_gives_a_valid_view(params):
    view, problems = View.from_query(urlencode(params))
    assert set(view.theme) <= set(FILTER_THEMES)
    assert set(view.kind) <= set(KINDS) and set(view.status) <= set(STATUSES)
    assert view.province in (None, *PROVINCE_CODES)
    assert view.metric in METRICS and view.lang in LANGUAGES
    assert len(view.q) <= 200
    assert all(p.param in params for p in problems)
    again, more = View.from_query(view.to_query())
    assert again == view and more == []  # what the page writes back reads back the same


LISTS = {"theme": FILTER_THEMES, "kind": KINDS, "status": STATUSES}
ITEM = st.sampled_from([*FILTER_THEMES, *KINDS, *STATUSES]) | st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=","), max_size=12
)


@given(st.sampled_from(sorted(LISTS)), st.lists(ITEM, max_size=6))
def test_a_list_keeps_exactly_its_known_items_and_names_the_rest(param, items):
    view, problems = View.from_query({param: ",".join(items)})
    allowed = LISTS[param]
    known = {i.strip() for i in items} & set(allowed)
    unknown = {i.strip() for i in items if i.strip()} - set(allowed)
    assert set(getattr(view, param)) == known
    assert [p.param for p in problems] == ([param] if unknown else [])


@given(st.integers(FIRST_YEAR, LAST_YEAR), st.integers(FIRST_YEAR, LAST_YEAR))
def test_two_years_in_range_are_kept_in_order(first, second):
    view, problems = View.from_query({"from": str(first), "to": str(second)})
    assert (view.year_from, view.year_to) == (min(first, second), max(first, second))
    assert [p.key for p in problems] == (["param.years_swapped"] if first > second else [])


@given(
    st.sampled_from(sorted(PROVINCE_NAMES.items())),
    st.sampled_from([str.lower, str.upper, str.title]),
    st.sampled_from(["-", " ", "_"]),
    st.booleans(),
)
def test_a_province_name_in_any_spelling_is_its_code(item, case, separator, plain):
    code, name = item
    spelled = case(name.replace("-", separator).replace("â", "a" if plain else "â"))
    view, problems = View.from_query({"province": spelled})
    assert (view.province, problems) == (code, [])


ROW_VALUES = st.sampled_from(
    [
        "",
        " ",
        "x",
        "-1",
        "52.9",
        "6.5",
        "1e9",
        "nan",
        "PV22",
        "PV99",
        "energy;jobs",
        "energy;;",
        "ongoing",
        "2020",
        "20.5",
        "http://a.b",
        "=1+1",
        "<b>x</b>",
        "Fryslân",
        "\t",
        '"',
        "a,b",
        "a;b",
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(st.sampled_from(COLUMNS), ROW_VALUES, min_size=1, max_size=6))
def test_any_row_loads_or_is_named(tmp_path_factory, changes):
    records = fixture_records()
    records[2].update(changes)  # file line 4
    folder = write_data_dir(tmp_path_factory.mktemp("data"), records)
    try:
        data = load_dataset(folder)
    except DataError as error:
        assert error.problems
        assert all(p.file == "initiatives.csv" for p in error.problems)
        assert {p.line for p in error.problems} <= {1, 2, 3, 4, 5, 6, 7}
    else:
        assert len(data.initiatives) == 6


def test_raw_csv_text_never_raises(tmp_path):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([COLUMNS, ["only", "three", "fields"]])
    folder = write_data_dir(tmp_path, fixture_records())
    (folder / "initiatives.csv").write_text(buffer.getvalue(), encoding="utf-8")
    try:
        load_dataset(folder)
    except DataError as error:
        assert "initiatives.csv:2: row" in str(error.problems[0])
