"""The shape of one initiative row, checked field by field with pydantic."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from kansenkaart.problems import Problem
from kansenkaart.registry import (
    FIRST_YEAR,
    KINDS,
    LAST_YEAR,
    NL_BOUNDS,
    PROVINCE_CODES,
    STATUSES,
    THEMES,
)

#: The columns of data/initiatives.csv, in file order.
CSV_COLUMNS = (
    "id",
    "name",
    "province",
    "municipality",
    "lat",
    "lon",
    "coord_basis",
    "kind",
    "themes",
    "status",
    "start_year",
    "organisations",
    "summary",
    "source_url",
    "location_precision",
    "place",
    "same_as",
)
OPTIONAL_COLUMNS = ("coord_basis", "same_as")
#: How precisely a row is located: a named site, a town the source names, or the whole province.
PRECISIONS = ("site", "place", "province")
#: Precisions that carry a point on the map; `province` rows have none (no fake capital point).
POINT_PRECISIONS = ("site", "place")
REQUIRED_COLUMNS = tuple(c for c in CSV_COLUMNS if c not in OPTIONAL_COLUMNS)


def _blank_to_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


#: Control characters (other than tab and line breaks) have no place in a text cell; they break
#: XML (the XLSX export) and can hide text in a spreadsheet.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _stripped(value: object) -> object:
    if isinstance(value, str):
        found = CONTROL_CHARACTERS.search(value)
        if found:
            raise ValueError(f"contains a control character ({found.group()!r})")
        return value.strip()
    return value


Text = Annotated[str, BeforeValidator(_stripped)]
OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]


class InitiativeRow(BaseModel):
    """One initiative as stored in data/initiatives.csv."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    id: Text = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
    name: Text = Field(min_length=1, max_length=200)
    province: Text
    municipality: Text = ""
    lat: Annotated[
        Annotated[float, Field(ge=NL_BOUNDS["lat"][0], le=NL_BOUNDS["lat"][1])] | None,
        BeforeValidator(_blank_to_none),
    ] = None
    lon: Annotated[
        Annotated[float, Field(ge=NL_BOUNDS["lon"][0], le=NL_BOUNDS["lon"][1])] | None,
        BeforeValidator(_blank_to_none),
    ] = None
    coord_basis: Text = ""
    kind: Text
    themes: Text
    status: Annotated[str, BeforeValidator(lambda v: _blank_to_none(v) or "unknown")]
    start_year: Annotated[int | None, BeforeValidator(_blank_to_none)] = None
    organisations: Text = ""
    summary: Text = Field(min_length=1, max_length=600)
    source_url: Text
    location_precision: Text
    place: Text = ""
    same_as: Text = ""

    @field_validator("location_precision")
    @classmethod
    def _known_precision(cls, value: str) -> str:
        return _one_of(value, PRECISIONS)

    @field_validator("province")
    @classmethod
    def _known_province(cls, value: str) -> str:
        if value not in PROVINCE_CODES:
            raise ValueError(f"'{value}' is not a CBS province code (PV20..PV31)")
        return value

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        return _one_of(value, KINDS)

    @field_validator("status")
    @classmethod
    def _known_status(cls, value: str) -> str:
        return _one_of(value, STATUSES)

    @field_validator("themes")
    @classmethod
    def _known_themes(cls, value: str) -> str:
        themes = [t.strip() for t in value.split(";") if t.strip()]
        if not themes:
            raise ValueError("needs at least one theme")
        for theme in themes:
            _one_of(theme, THEMES)
        if len(set(themes)) != len(themes):
            raise ValueError("names a theme twice")
        return ";".join(themes)

    @field_validator("start_year")
    @classmethod
    def _plausible_year(cls, value: int | None) -> int | None:
        if value is not None and not FIRST_YEAR <= value <= LAST_YEAR:
            raise ValueError(f"{value} is outside {FIRST_YEAR}..{LAST_YEAR}")
        return value

    @field_validator("source_url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if not is_web_address(value):
            raise ValueError(f"'{value}' is not an http(s) web address")
        return value


#: A host name: dot-separated labels of letters, digits and inner hyphens, ending in a top-level
#: domain of at least two letters (`omropfryslan.n`, a cut address, is not one).
HOST_NAME = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]+)$")


def is_web_address(value: str) -> bool:
    """An http(s) address with a real host name, a valid port if any, and no spaces. A cut that
    still leaves a well-formed address (`https://www.omropfryslan.nl/ni`) is caught by the file
    check instead: the cut file does not end with a line break (csv_reading.cut_off_problem)."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
        host = (parts.hostname or "").encode("idna").decode("ascii").lower()
    except ValueError:  # UnicodeError too: a label IDNA cannot encode
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(HOST_NAME.match(host))
        and not any(c.isspace() for c in value)
    )


def _one_of(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"'{value}' is not one of {', '.join(allowed)}")
    return value


def parse_row(
    raw: dict[str, str], file: str, line: int
) -> tuple[InitiativeRow | None, list[Problem]]:
    """Check one row; every failing field becomes its own Problem."""
    try:
        row = InitiativeRow.model_validate(raw)
    except ValidationError as error:
        return None, [_to_problem(e, raw, file, line) for e in error.errors()]
    # The row is still returned, so rows that refer to it (same_as) are not reported too.
    return row, location_problems(row, file, line)


def location_problems(row: InitiativeRow, file: str, line: int) -> list[Problem]:
    """A site or place row needs a place and a point; a province row has neither, so the map
    never draws a province-wide programme as if it sat in one town."""
    has_point = row.location_precision in POINT_PRECISIONS
    problems = []
    if has_point and not row.place:
        message = f"is required for a {row.location_precision} row"
        problems.append(Problem(file, line, "place", message))
    if not has_point and row.place:
        message = f"must be empty for a province row, found {row.place!r}"
        problems.append(Problem(file, line, "place", message))
    for name, value in (("lat", row.lat), ("lon", row.lon)):
        if has_point and value is None:
            message = f"is required for a {row.location_precision} row"
            problems.append(Problem(file, line, name, message))
        if not has_point and value is not None:
            message = f"must be empty for a province row (no point), found {value}"
            problems.append(Problem(file, line, name, message))
    return problems


def _to_problem(error: ErrorDetails, raw: dict[str, str], file: str, line: int) -> Problem:
    field = str(error["loc"][0]) if error["loc"] else "row"
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] in ("greater_than_equal", "less_than_equal"):
        message = f"{raw.get(field)!r} is outside the Netherlands ({message.lower()})"
    elif error["type"] in ("float_parsing", "int_parsing", "int_from_float"):
        message = f"{raw.get(field)!r} is not a number"
    elif error["type"] == "string_pattern_mismatch":
        message = f"{raw.get(field)!r} must be letters, digits, '-' or '_' (at most 32)"
    elif error["type"] == "string_too_short":
        message = "is empty"
    return Problem(file, line, field, message)
