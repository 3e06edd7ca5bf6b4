"""The view state: one value object, parsed from and written to a query string in one place.

The page URL, the exports and the API all take the same parameters, so the same View (and
the same allow-lists) decide what every one of them shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, Self
from urllib.parse import parse_qsl, urlencode

from kansenkaart.registry import (
    FILTER_THEMES,
    FIRST_YEAR,
    KINDS,
    LANGUAGES,
    LAST_YEAR,
    MATCH_MODES,
    METRICS,
    MODES,
    PROVINCE_CODES,
    STATUSES,
)

MAX_QUERY_LENGTH = 200
MAX_ID_LENGTH = 32


@dataclass(frozen=True)
class ParamProblem:
    """A query parameter that was dropped, and why."""

    param: str
    message: str

    def __str__(self) -> str:
        return f"{self.param}: {self.message}"


@dataclass(frozen=True)
class View:
    """What the user looks at: filters, selection, metric and language."""

    theme: tuple[str, ...] = ()
    match: str = "any"
    province: str | None = None
    kind: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    q: str = ""
    metric: str = "count"
    lang: str = "nl"
    initiative: str | None = None
    mode: str = ""

    @classmethod
    def from_query(
        cls, query: str | Mapping[str, str], default_lang: str = "nl"
    ) -> tuple[Self, list[ParamProblem]]:
        """Parse a query string (or mapping); invalid parameters are dropped and reported."""
        return cls(lang=default_lang).updated(_as_mapping(query))

    def updated(self, params: Mapping[str, str]) -> tuple[Self, list[ParamProblem]]:
        """This view with the given raw parameters applied, each validated as in a URL."""
        problems: list[ParamProblem] = []
        values: dict[str, Any] = {}
        for key, raw in params.items():
            parser = _PARSERS.get(key)
            if parser is None:
                problems.append(ParamProblem(key, "unknown parameter"))
                continue
            if not raw.strip():  # an emptied control, or `?from=`: back to no filter
                values[_FIELD_FOR[key]] = _DEFAULTS[_FIELD_FOR[key]]
                continue
            try:
                values[_FIELD_FOR[key]] = parser(raw)
            except ValueError as error:
                problems.append(ParamProblem(key, str(error)))
        view = replace(self, **values)
        if (
            view.year_from is not None
            and view.year_to is not None
            and view.year_from > view.year_to
        ):
            problems.append(ParamProblem("from", f"{view.year_from} is after to={view.year_to}"))
            view = replace(view, year_from=None, year_to=None)
        return view, problems

    def to_query(self, default_lang: str = "nl") -> str:
        """The shortest query string that reopens this view (defaults left out), with '?'."""
        pairs = []
        for key, name in _FIELD_FOR.items():
            value = getattr(self, name)
            default = default_lang if name == "lang" else _DEFAULTS[name]
            if value == default:
                continue
            pairs.append((key, ",".join(value) if isinstance(value, tuple) else str(value)))
        return "?" + urlencode(pairs, safe=",") if pairs else ""

    def without(self, *names: str) -> Self:
        """The same view with the named fields back at their defaults."""
        return replace(self, **{n: _DEFAULTS[n] for n in names})

    @property
    def has_year_range(self) -> bool:
        return self.year_from is not None or self.year_to is not None


def _as_mapping(query: str | Mapping[str, str]) -> dict[str, str]:
    if isinstance(query, Mapping):
        return {str(k): str(v) for k, v in query.items()}
    return dict(parse_qsl(query.lstrip("?"), keep_blank_values=True))


def query_value(values: list[str] | tuple[str, ...] | str | int | None) -> str:
    """A control's value as the raw text a URL would carry."""
    if values is None:
        return ""
    if isinstance(values, list | tuple):
        return ",".join(str(v) for v in values)
    return str(values)


def _keys(allowed: tuple[str, ...], what: str):
    def parse(raw: str) -> tuple[str, ...]:
        items = [s.strip() for s in raw.split(",") if s.strip()]
        bad = [s for s in items if s not in allowed]
        if bad:
            shown = ", ".join(repr(b[:20]) for b in bad[:3])
            raise ValueError(f"{shown} is not a {what}; use {', '.join(allowed)}")
        return tuple(a for a in allowed if a in items)  # canonical order, no duplicates

    return parse


def _choice(allowed: tuple[str, ...]):
    def parse(raw: str) -> str:
        if raw not in allowed:
            raise ValueError(f"{raw[:20]!r} is not one of {', '.join(allowed)}")
        return raw

    return parse


def _year(raw: str) -> int:
    if not raw.strip().isdigit() or len(raw.strip()) > 4:
        raise ValueError(f"{raw[:20]!r} is not a year")
    year = int(raw)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{year} is outside {FIRST_YEAR}..{LAST_YEAR}")
    return year


def _province(raw: str) -> str:
    code = raw.strip().upper()
    if code not in PROVINCE_CODES:
        raise ValueError(f"{raw[:20]!r} is not a CBS province code (PV20..PV31)")
    return code


def _search(raw: str) -> str:
    text = " ".join(raw.split())
    if len(text) > MAX_QUERY_LENGTH:
        raise ValueError(f"is longer than {MAX_QUERY_LENGTH} characters")
    if any(ord(c) < 32 for c in text):
        raise ValueError("contains control characters")
    return text


def _initiative_id(raw: str) -> str:
    if not raw or len(raw) > MAX_ID_LENGTH or not all(c.isalnum() or c in "-_" for c in raw):
        raise ValueError(f"{raw[:20]!r} is not an initiative id")
    return raw


_PARSERS = {
    "theme": _keys(FILTER_THEMES, "theme"),
    "match": _choice(MATCH_MODES),
    "province": _province,
    "kind": _keys(KINDS, "kind"),
    "status": _keys(STATUSES, "status"),
    "from": _year,
    "to": _year,
    "q": _search,
    "metric": _choice(METRICS),
    "lang": _choice(LANGUAGES),
    "initiative": _initiative_id,
    "mode": _choice(MODES),
}
#: Every query parameter, in the order the page writes them.
PARAMETERS = tuple(_PARSERS)
#: Query key -> View field (`from` is a Python keyword).
_FIELD_FOR = {k: {"from": "year_from", "to": "year_to"}.get(k, k) for k in _PARSERS}
_DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(View)}
