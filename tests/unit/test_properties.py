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
from kansenkaart.registry import FILTER_THEMES, KINDS, LANGUAGES, METRICS, PROVINCE_CODES, STATUSES
from kansenkaart.view import PARAMETERS, View
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
