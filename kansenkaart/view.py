"""The view state: one value object, parsed from and written to a query string in one place.

The page URL, the exports and the API all take the same parameters, so the same View (and
the same allow-lists) decide what every one of them shows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, Self
from urllib.parse import parse_qsl, urlencode

from kansenkaart.i18n import t
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


#: The twelve provinces by their CBS names, so a link may say `province=Fryslan` or
#: `province=noord-holland`; matched by `_name_key` and written back as the code.
PROVINCE_NAMES: dict[str, str] = {
    "PV20": "Groningen",
    "PV21": "Fryslân",
    "PV22": "Drenthe",
    "PV23": "Overijssel",
    "PV24": "Flevoland",
    "PV25": "Gelderland",
    "PV26": "Utrecht",
    "PV27": "Noord-Holland",
    "PV28": "Zuid-Holland",
    "PV29": "Zeeland",
    "PV30": "Noord-Brabant",
    "PV31": "Limburg",
}


@dataclass(frozen=True)
class ParamProblem:
    """A query parameter (or part of one) that was dropped or corrected, and why.

    `message` is English, for the API's 400 answers (scripts read it); `key` and `values` say the
    same in any language of the translation table, for the page's notice. A problem made without
    a key (older callers) shows its message as it is.
    """

    param: str
    message: str
    key: str = ""
    values: tuple[tuple[str, str], ...] = ()
    #: False when the value was corrected and kept (a swapped year range), not dropped.
    dropped: bool = True

    @classmethod
    def of(
        cls, param: str, key: str, values: Mapping[str, object] | None = None, dropped: bool = True
    ) -> ParamProblem:
        """A problem whose English message comes from the translation table."""
        pairs = tuple((name, str(value)) for name, value in (values or {}).items())
        return cls(param, t(key, "en", **dict(pairs)), key, pairs, dropped)

    def text(self, lang: str) -> str:
        """What went wrong, in `lang`."""
        return t(self.key, lang, **dict(self.values)) if self.key else self.message

    def __str__(self) -> str:
        return f"{self.param}: {self.message}"


class _Refused(ValueError):
    """A raw value the parser cannot use, or can use only in part (`kept`)."""

    def __init__(self, key: str, kept: Any = None, **values: object) -> None:
        super().__init__(key)
        self.key, self.kept, self.values = key, kept, values


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
    #: Two to four provinces side by side (CBS order); () when not comparing.
    compare: tuple[str, ...] = ()
    #: `?embed=1`: the map alone, for an iframe on another site (no filters, no table).
    embed: bool = False

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
                problems.append(ParamProblem.of(key, "param.unknown"))
                continue
            if not raw.strip():  # an emptied control, or `?from=`: back to no filter
                values[_FIELD_FOR[key]] = _DEFAULTS[_FIELD_FOR[key]]
                continue
            try:
                values[_FIELD_FOR[key]] = parser(raw)
            except _Refused as refused:
                problems.append(ParamProblem.of(key, refused.key, refused.values))
                if refused.kept:  # `theme=climate,foo`: climate stays
                    values[_FIELD_FOR[key]] = refused.kept
        view = replace(self, **values)
        if (
            view.year_from is not None
            and view.year_to is not None
            and view.year_from > view.year_to
        ):  # typed the wrong way round: the reader meant the range, so keep it, the right way
            later, earlier = view.year_from, view.year_to
            problems.append(
                ParamProblem.of(
                    "from", "param.years_swapped", {"later": later, "earlier": earlier}, False
                )
            )
            view = replace(view, year_from=earlier, year_to=later)
        return view, problems

    def to_query(self, default_lang: str = "nl") -> str:
        """The shortest query string that reopens this view (defaults left out), with '?'."""
        pairs = []
        for key, name in _FIELD_FOR.items():
            value = getattr(self, name)
            default = default_lang if name == "lang" else _DEFAULTS[name]
            if value == default:
                continue
            if isinstance(value, bool):  # a switch: `embed=1`
                pairs.append((key, "1"))
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


def _shown(raw: str) -> str:
    return repr(raw[:20])


def _keys(allowed: tuple[str, ...], what: str):
    def parse(raw: str) -> tuple[str, ...]:
        items = [s.strip() for s in raw.split(",") if s.strip()]
        kept = tuple(a for a in allowed if a in items)  # canonical order, no duplicates
        bad = list(dict.fromkeys(s for s in items if s not in allowed))
        if bad:
            named = ", ".join(_shown(b) for b in bad[:3]) + (", ..." if len(bad) > 3 else "")
            raise _Refused(f"param.not_a.{what}", kept, items=named, allowed=", ".join(allowed))
        return kept

    return parse


def _choice(allowed: tuple[str, ...]):
    def parse(raw: str) -> str:
        if raw not in allowed:
            raise _Refused("param.not_one_of", value=_shown(raw), allowed=", ".join(allowed))
        return raw

    return parse


def _year(raw: str) -> int:
    if not raw.strip().isdigit() or len(raw.strip()) > 4:
        raise _Refused("param.not_a_year", value=_shown(raw))
    year = int(raw)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _Refused("param.year_outside", year=year, first=FIRST_YEAR, last=LAST_YEAR)
    return year


def _name_key(name: str) -> str:
    """`Fryslân`, `fryslan`, `FRYSLAN` alike; `Noord-Holland`, `noord holland` alike."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[\s_-]+", " ", plain).strip().casefold()


_PROVINCE_BY_NAME = {_name_key(name): code for code, name in PROVINCE_NAMES.items()}


def _province(raw: str) -> str:
    code = raw.strip().upper()
    if code in PROVINCE_CODES:
        return code
    by_name = _PROVINCE_BY_NAME.get(_name_key(raw))
    if by_name is None:
        raise _Refused("param.not_a_province", value=_shown(raw))
    return by_name


def _search(raw: str) -> str:
    text = " ".join(raw.split())
    if len(text) > MAX_QUERY_LENGTH:
        raise _Refused("param.too_long", limit=MAX_QUERY_LENGTH)
    if any(ord(c) < 32 for c in text):
        raise _Refused("param.control_characters")
    return text


def _initiative_id(raw: str) -> str:
    if not raw or len(raw) > MAX_ID_LENGTH or not all(c.isalnum() or c in "-_" for c in raw):
        raise _Refused("param.not_an_initiative_id", value=_shown(raw))
    return raw


#: How many provinces a comparison holds: fewer says nothing, more does not fit side by side.
COMPARE_MIN, COMPARE_MAX = 2, 4


def _compare(raw: str) -> tuple[str, ...]:
    """`PV22,PV28` or `drenthe,Zuid-Holland`: two to four provinces, each once, in CBS order."""
    chosen: set[str] = set()
    for item in (s for s in raw.split(",") if s.strip()):
        chosen.add(_province(item))
    if not COMPARE_MIN <= len(chosen) <= COMPARE_MAX:
        raise _Refused("param.compare_count", count=len(chosen), low=COMPARE_MIN, high=COMPARE_MAX)
    return tuple(code for code in PROVINCE_CODES if code in chosen)


def _switch(raw: str) -> bool:
    """`1` or `0`; anything else would leave a reader guessing what the link meant."""
    if raw.strip() not in ("0", "1"):
        raise _Refused("param.not_one_of", value=_shown(raw), allowed="0, 1")
    return raw.strip() == "1"


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
    "compare": _compare,
    "embed": _switch,
}
#: Every query parameter, in the order the page writes them.
PARAMETERS = tuple(_PARSERS)
#: Query key -> View field (`from` is a Python keyword).
_FIELD_FOR = {k: {"from": "year_from", "to": "year_to"}.get(k, k) for k in _PARSERS}
_DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(View)}
