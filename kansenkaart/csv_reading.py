"""Read a CSV as data stewards produce it: UTF-8 with or without BOM, CRLF, `,` or `;` (Excel),
decimal commas in `;` files, extra columns, trailing blank lines. Every failure becomes a Problem
naming the line (and the column where known), so a steward can fix the file without help.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kansenkaart.problems import Problem

#: Columns holding decimal numbers (initiatives, indicators): in `;` files Excel (Dutch locale)
#: writes `52,993`.
DECIMAL_COLUMNS = ("lat", "lon", "value")
DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d+,\d+\s*$")
#: Lines with undecodable bytes named one by one before "and N more".
MAX_ENCODING_PROBLEMS = 10
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
WORD = re.compile(r'[^\s,;"]+')
SAVE_AS_UTF8 = "save the file as 'CSV UTF-8 (comma delimited)'"


@dataclass
class CsvTable:
    """Rows as dicts with the physical line each row starts on, plus what was noticed."""

    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    delimiter: str = ","


# --- bytes to text --------------------------------------------------------------------------


def decode(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (BOM optional); otherwise name every line and column with a bad byte."""
    if raw.startswith(UTF16_BOMS):
        message = f"the file is UTF-16 (Excel's 'Unicode text'); {SAVE_AS_UTF8}"
        return None, [Problem(name, 1, "encoding", message)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return None, encoding_problems(raw, name)


def encoding_problems(raw: bytes, name: str) -> list[Problem]:
    """One problem per line that is not UTF-8, naming the CSV column and showing the text as
    Windows-1252 (what Excel calls 'CSV' on Windows) most likely meant it."""
    lines = raw.split(b"\n")
    delimiter = sniff_delimiter(lines[0].decode("utf-8", "replace"))
    header = lines[0].decode("utf-8-sig", "replace").strip().split(delimiter)
    problems: list[Problem] = []
    bad_lines = [n for n, line in enumerate(lines, start=1) if not _is_utf8(line)]
    for number in bad_lines[:MAX_ENCODING_PROBLEMS]:
        problems.append(_bad_line(lines[number - 1], number, name, header, delimiter))
    if len(bad_lines) > MAX_ENCODING_PROBLEMS:
        more = len(bad_lines) - MAX_ENCODING_PROBLEMS
        message = f"and {more} more line(s) are not UTF-8; {SAVE_AS_UTF8}"
        problems.append(Problem(name, bad_lines[MAX_ENCODING_PROBLEMS], "encoding", message))
    return problems


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _bad_line(line: bytes, number: int, name: str, header: list[str], delimiter: str) -> Problem:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start
    before = line[:start].decode("utf-8", "replace")
    index = before.count(delimiter)
    column = header[index].strip() if index < len(header) else f"column {index + 1}"
    word = _word_around(line.decode("cp1252", "replace"), len(before))
    message = (
        f"character {len(before) + 1}: byte 0x{line[start]:02x} is not UTF-8 "
        f"(as Windows-1252 it reads '{word}'); {SAVE_AS_UTF8}"
    )
    return Problem(name, number, column, message)


def _word_around(text: str, position: int) -> str:
    """The word holding the bad byte, e.g. 'Fryslân', so the steward can find it."""
    for match in WORD.finditer(text):
        if match.start() <= position < match.end():
            return match.group()[:40]
    return ""


# --- text to rows ---------------------------------------------------------------------------


def sniff_delimiter(header_line: str) -> str:
    """Excel in a Dutch locale saves with `;`; the header tells which one was used."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_csv_text(
    text: str, name: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> CsvTable:
    """Parse text into rows keyed by header; blank lines are skipped, missing columns reported."""
    first_line = text.split("\n", 1)[0]
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return CsvTable([], [], [Problem(name, 1, "header", "the file is empty")])
    except csv.Error as error:
        return CsvTable([], [], [Problem(name, 1, "header", f"cannot be read: {error}")])
    table = CsvTable(header, [], delimiter=delimiter)
    _check_header(table, name, required, optional)
    if table.problems:
        return table
    _read_rows(table, reader, name)
    if not table.rows and not table.problems:
        table.problems.append(Problem(name, 2, "row", "the file has a header but no rows"))
    return table


def _check_header(
    table: CsvTable, name: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> None:
    for column in (c for c in required if c not in table.header):
        table.problems.append(Problem(name, 1, column, "required column is missing"))
    seen: set[str] = set()
    for position, column in enumerate(table.header, start=1):
        if column in seen:
            table.problems.append(Problem(name, 1, column, "column appears twice in the header"))
        seen.add(column)
        if not column:
            message = "has no name; its values are ignored"
            table.warnings.append(Problem(name, 1, f"column {position}", message))
        elif column not in required and column not in optional:
            table.warnings.append(Problem(name, 1, column, "unknown column, kept but not used"))


def _read_rows(table: CsvTable, reader: Any, name: str) -> None:
    line = reader.line_num + 1
    try:
        for values in reader:
            _add_row(table, name, line, reader.line_num, values)
            line = reader.line_num + 1
    except csv.Error as error:
        table.problems.append(_csv_error(error, name, line))


def _csv_error(error: csv.Error, name: str, line: int) -> Problem:
    text = str(error)
    if "unexpected end of data" in text:
        text = 'a quote (") opened in this row is never closed'
    elif "expected after" in text:
        text = f'text follows a closing quote ("): {text}; put quotes around the whole value'
    return Problem(name, line, "csv", text)


def _add_row(table: CsvTable, name: str, line: int, last_line: int, values: list[str]) -> None:
    if not any(v.strip() for v in values):
        return
    header = table.header
    if last_line > line:
        # No value of ours spans lines: this is a stray quote swallowing the rows after it.
        message = (
            f'a quote (") in this row is closed only on line {last_line}; values may not span lines'
        )
        table.problems.append(Problem(name, line, "csv", message))
        return
    if len(values) != len(header):
        message = f"has {len(values)} fields, the header has {len(header)}"
        if table.delimiter == "," and len(values) > len(header):
            message += "; put quotes around values that contain a comma"
        table.problems.append(Problem(name, line, "row", message))
        return
    row = dict(zip(header, values, strict=True))
    row.pop("", None)
    if table.delimiter == ";":
        _decimal_points(row)
    table.rows.append((line, row))


def _decimal_points(row: dict[str, str]) -> None:
    """`52,993` -> `52.993` in the decimal columns of a `;` file (Excel, Dutch locale)."""
    for column in DECIMAL_COLUMNS:
        value = row.get(column)
        if value and DECIMAL_COMMA.match(value):
            row[column] = value.replace(",", ".")


def read_csv_file(
    path: Path,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    max_rows: int | None = None,
) -> CsvTable:
    """Read and parse a CSV file; a file that cannot be read is a problem, not an exception.

    A file over `max_rows` rows is refused after counting its lines, before any row is parsed;
    a file that does not end with a line break is refused as cut off (see `cut_off_problem`).
    """
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as error:
        return CsvTable([], [], [Problem(name, 0, "file", f"cannot be read: {error.strerror}")])
    if b"\x00" in raw and not raw.startswith(UTF16_BOMS):
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        message = f"contains a NUL byte: not a text file? {SAVE_AS_UTF8}"
        return CsvTable([], [], [Problem(name, line, "encoding", message)])
    if max_rows is not None and (too_many := row_limit_problem(raw, name, max_rows)):
        return CsvTable([], [], [too_many])
    text, problems = decode(raw, name)
    if text is None:
        return CsvTable([], [], problems)
    table = read_csv_text(text, name, required, optional)
    cut = cut_off_problem(raw, name)
    if cut is not None:
        table.problems.append(cut)
    return table


def cut_off_problem(raw: bytes, name: str) -> Problem | None:
    """A file whose last line has no line break may be cut off, even when what is left parses
    (a source_url cut to `https://www.omropfryslan.nl/ni` is still a web address). Every
    spreadsheet program and CSV writer ends the last row with a line break, so a file without
    one is taken as still being written, or truncated, and never served."""
    if not raw or raw.endswith(b"\n"):
        return None
    line = raw.count(b"\n") + 1
    message = (
        "the file does not end with a line break: it looks cut off (still being written?); "
        "save it again, or copy it in under another name and rename it"
    )
    return Problem(name, line, "file", message)


def data_rows(raw: bytes) -> int:
    """How many rows hold data (lines after the header that are not blank); exact because no
    value may span lines (the reader refuses that)."""
    lines = raw.splitlines()[1:]
    return sum(1 for line in lines if line.strip(b" \t\r,;"))


def row_limit_problem(raw: bytes, name: str, max_rows: int) -> Problem | None:
    """The refusal of a file over MAX_ROWS, counted on the bytes before any row is parsed: a
    line count bounds the rows, and only a file near the limit is counted exactly."""
    if raw.count(b"\n") <= max_rows:
        return None
    rows = data_rows(raw)
    if rows <= max_rows:
        return None
    message = (
        f"has {rows:,} rows, more than the limit of {max_rows:,} (setting MAX_ROWS); "
        "raise MAX_ROWS or shorten the file"
    )
    return Problem(name, 0, "rows", message)
