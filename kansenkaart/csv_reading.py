"""Read a CSV as data stewards produce it: UTF-8 with or without BOM, CRLF, `,` or `;` (Excel),
trailing blank lines. Every failure becomes a Problem with a line (and column where known).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from kansenkaart.problems import Problem


@dataclass
class CsvTable:
    """Rows as dicts with the physical line each row starts on, plus what was noticed."""

    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def decode(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (BOM optional); name the line and column of the first bad byte."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = (
            f"column {column}: byte 0x{raw[error.start]:02x} is not UTF-8; "
            "save the file as 'CSV UTF-8'"
        )
        return None, [Problem(name, line, "encoding", message)]


def sniff_delimiter(header_line: str) -> str:
    """Excel in a Dutch locale saves with `;`; the header tells which one was used."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_csv_text(
    text: str, name: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> CsvTable:
    """Parse text into rows keyed by header; blank lines are skipped, missing columns reported."""
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first_line))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return CsvTable([], [], [Problem(name, 1, "header", "the file is empty")])
    table = CsvTable(header, [])
    missing = [c for c in required if c not in header]
    for column in missing:
        table.problems.append(Problem(name, 1, column, "required column is missing"))
    extra = [c for c in header if c not in required and c not in optional]
    for column in extra:
        table.warnings.append(Problem(name, 1, column, "unknown column, kept but not used"))
    if missing:
        return table
    line = reader.line_num + 1
    try:
        for values in reader:
            _add_row(table, name, line, header, values)
            line = reader.line_num + 1
    except csv.Error as error:
        table.problems.append(Problem(name, reader.line_num, "csv", str(error)))
    return table


def _add_row(table: CsvTable, name: str, line: int, header: list[str], values: list[str]) -> None:
    if not any(v.strip() for v in values):
        return
    if len(values) != len(header):
        table.problems.append(
            Problem(name, line, "row", f"has {len(values)} fields, the header has {len(header)}")
        )
        return
    table.rows.append((line, dict(zip(header, values, strict=True))))


def read_csv_file(
    path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> CsvTable:
    """Read and parse a CSV file; a file that cannot be read is a problem, not an exception."""
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as error:
        return CsvTable([], [], [Problem(name, 0, "file", f"cannot be read: {error.strerror}")])
    text, problems = decode(raw, name)
    if text is None:
        return CsvTable([], [], problems)
    return read_csv_text(text, name, required, optional)
