"""The CSV files data stewards really produce: what is read, and what each refusal says."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kansenkaart.dataset import Limits, load_dataset
from kansenkaart.problems import DataError
from tests.conftest import COLUMNS, fixture_records, write_data_dir

ROWS = len(fixture_records())


def csv_text(records: list[dict[str, str]], columns: list[str], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=columns, delimiter=delimiter, lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def data_dir_with(tmp_path: Path, raw: bytes) -> Path:
    """The real provinces and an initiatives.csv of exactly these bytes."""
    folder = write_data_dir(tmp_path / "data", fixture_records())
    (folder / "initiatives.csv").write_bytes(raw)
    return folder


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    return [str(p) for p in caught.value.problems]


def fixture_bytes(delimiter: str = ",", encoding: str = "utf-8", newline: str = "\n") -> bytes:
    text = csv_text(fixture_records(), COLUMNS, delimiter)
    return text.replace("\n", newline).encode(encoding)


@pytest.mark.parametrize(
    ("case", "raw"),
    [
        ("utf-8", fixture_bytes()),
        ("utf-8 with BOM", fixture_bytes(encoding="utf-8-sig")),
        ("windows line endings", fixture_bytes(newline="\r\n")),
        ("excel ; with BOM and CRLF", fixture_bytes(";", "utf-8-sig", "\r\n")),
        ("trailing blank lines", fixture_bytes() + b"\n\n  \n"),
        ("trailing separator-only lines", fixture_bytes(";") + b";;;;\n;;;\n"),
    ],
)
def test_what_stewards_save_is_read(tmp_path, case, raw):
    data = load_dataset(data_dir_with(tmp_path, raw))
    assert len(data.initiatives) == ROWS, case
    assert "Test Fryslân-achtig" in set(data.initiatives["name"])


def test_decimal_commas_in_semicolon_files_are_decimal_points(tmp_path):
    records = fixture_records()
    for record in records:
        record["lat"], record["lon"] = (
            record["lat"].replace(".", ","),
            record["lon"].replace(".", ","),
        )
    raw = csv_text(records, COLUMNS, ";").encode()
    data = load_dataset(data_dir_with(tmp_path, raw))
    first = data.initiatives.set_index("id").loc["T-1"]
    assert (first["lat"], first["lon"]) == (52.993, 6.564)


def test_decimal_commas_in_comma_files_are_refused(tmp_path):
    records = fixture_records()
    records[0]["lat"] = "52,993"
    raw = csv_text(records, COLUMNS).encode()
    assert "initiatives.csv:2: lat: '52,993' is not a number" in problems_of(
        data_dir_with(tmp_path, raw)
    )


def test_extra_columns_are_kept_with_a_warning(tmp_path):
    records = [{**r, "contact": "someone@example.org"} for r in fixture_records()]
    raw = csv_text(records, [*COLUMNS, "contact"]).encode()
    data = load_dataset(data_dir_with(tmp_path, raw))
    assert len(data.initiatives) == ROWS
    assert [str(w) for w in data.warnings] == [
        "initiatives.csv:1: contact: unknown column, kept but not used"
    ]


def test_windows_1252_bytes_name_line_column_and_word(tmp_path):
    raw = fixture_bytes(encoding="cp1252")
    problems = problems_of(data_dir_with(tmp_path, raw))
    assert len(problems) == 1
    line = 1 + [r["name"] for r in fixture_records()].index("Test Fryslân-achtig") + 1
    assert problems[0].startswith(f"initiatives.csv:{line}: name: character ")
    assert "byte 0xe2 is not UTF-8" in problems[0]
    assert "'Test'" not in problems[0] and "Fryslân-achtig" in problems[0]
    assert "CSV UTF-8" in problems[0]


def test_utf16_is_named(tmp_path):
    raw = fixture_bytes(encoding="utf-16")
    assert problems_of(data_dir_with(tmp_path, raw)) == [
        "initiatives.csv:1: encoding: the file is UTF-16 (Excel's 'Unicode text'); "
        "save the file as 'CSV UTF-8 (comma delimited)'"
    ]


def test_unclosed_quote_names_the_row_where_it_opens(tmp_path):
    lines = fixture_bytes().decode().splitlines()
    lines[3] = lines[3].replace("Test Emmen energie", '"Test Emmen energie')
    problems = problems_of(data_dir_with(tmp_path, ("\n".join(lines) + "\n").encode()))
    assert problems == ['initiatives.csv:4: csv: a quote (") opened in this row is never closed']


def test_quote_closed_on_a_later_line_is_explained(tmp_path):
    lines = fixture_bytes().decode().splitlines()
    lines[2] = lines[2].replace("Test lab Meppel", '"Test lab Meppel')
    lines[4] = lines[4].replace("Test Groningen banen", 'Test Groningen banen"')
    problems = problems_of(data_dir_with(tmp_path, ("\n".join(lines) + "\n").encode()))
    assert problems == [
        'initiatives.csv:3: csv: a quote (") in this row is closed only on line 5; '
        "values may not span lines"
    ]


def test_short_row_names_its_line(tmp_path):
    lines = fixture_bytes().decode().splitlines()
    lines[2] = lines[2].rsplit(",", 2)[0]
    problems = problems_of(data_dir_with(tmp_path, ("\n".join(lines) + "\n").encode()))
    width = len(COLUMNS)
    assert problems == [f"initiatives.csv:3: row: has {width - 2} fields, the header has {width}"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "initiatives.csv:1: header: the file is empty"),
        (
            ",".join(COLUMNS).encode() + b"\n",
            "initiatives.csv:2: row: the file has a header but no rows",
        ),
        (b"id,name\x00,x\n", "initiatives.csv:1: encoding: contains a NUL byte"),
    ],
)
def test_empty_and_binary_files_are_refused(tmp_path, raw, expected):
    problems = problems_of(data_dir_with(tmp_path, raw))
    assert any(p.startswith(expected) for p in problems), problems


def test_duplicate_column_is_refused(tmp_path):
    raw = csv_text(fixture_records(), [*COLUMNS, "name"]).encode()
    assert "initiatives.csv:1: name: column appears twice in the header" in problems_of(
        data_dir_with(tmp_path, raw)
    )


# --- half-written and huge files (issue 15, items 3 and 5) -----------------------------------


def cut_in_last_url() -> bytes:
    """A file cut inside its last field, where what is left is still a well-formed address."""
    records = fixture_records()
    records[-1]["source_url"] = "https://www.omropfryslan.nl/nieuws/1234567/circulair"
    url_last = [c for c in COLUMNS if c != "source_url"] + ["source_url"]
    whole = csv_text(records, url_last).encode()
    return whole[: whole.index(b"https://www.omropfryslan.nl/ni") + 30]


def test_a_file_cut_inside_its_last_field_is_refused(tmp_path):
    raw = cut_in_last_url()
    assert raw.endswith(b"https://www.omropfryslan.nl/ni")
    problems = problems_of(data_dir_with(tmp_path, raw))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"initiatives.csv:{ROWS + 1}: file: the file does not end")
    assert "cut off" in problems[0]


def test_a_file_cut_inside_a_quoted_field_names_the_open_quote(tmp_path):
    whole = csv_text(fixture_records(), COLUMNS).encode()
    raw = whole.replace(b"\n", b"\r\n")  # as Excel writes it
    raw = raw[: raw.rindex(b"Test ") + 3]
    lines = raw.count(b"\n") + 1
    raw = raw[: raw.rindex(b"\n") + 1] + b'"' + raw[raw.rindex(b"\n") + 1 :]
    problems = problems_of(data_dir_with(tmp_path, raw))
    assert any(p.startswith(f"initiatives.csv:{lines}: csv: a quote") for p in problems), problems
    assert any(": file: the file does not end with a line break" in p for p in problems)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.omropfryslan.n",
        "https://www.omropfryslan.",
        "https://",
        "https:/",
        "https://example.org:80x/",
        "https://exa mple.org/",
        "ftp://example.org/file",
    ],
)
def test_source_urls_need_a_host_name(tmp_path, url):
    records = fixture_records()
    records[1]["source_url"] = url
    raw = csv_text(records, COLUMNS).encode()
    assert problems_of(data_dir_with(tmp_path, raw)) == [
        f"initiatives.csv:3: source_url: '{url}' is not an http(s) web address"
    ]


def test_too_many_rows_are_refused_before_parsing_naming_file_limit_and_setting(tmp_path):
    raw = fixture_bytes() + b"\n\n"  # blank lines are not rows
    folder = data_dir_with(tmp_path, raw)
    assert len(load_dataset(folder, Limits(max_rows=ROWS)).initiatives) == ROWS
    with pytest.raises(DataError) as caught:
        load_dataset(folder, Limits(max_rows=ROWS - 1))
    assert [str(p) for p in caught.value.problems] == [
        f"initiatives.csv: rows: has {ROWS} rows, more than the limit of {ROWS - 1} "
        "(setting MAX_ROWS); raise MAX_ROWS or shorten the file"
    ]


def test_too_many_bytes_are_refused_before_reading_naming_file_limit_and_setting(tmp_path):
    folder = data_dir_with(tmp_path, fixture_bytes())
    limit = (folder / "initiatives.csv").stat().st_size - 1
    sizes = {f.name: f.stat().st_size for f in sorted(folder.iterdir())}
    with pytest.raises(DataError) as caught:
        load_dataset(folder, Limits(max_bytes=limit))
    assert sorted(str(p) for p in caught.value.problems) == [
        f"{name}: bytes: is {size:,} bytes, more than the limit of {limit:,} "
        "(setting MAX_BYTES); raise MAX_BYTES or shorten the file"
        for name, size in sizes.items()
        if size > limit
    ]
    assert "initiatives.csv" in {p.file for p in caught.value.problems}
