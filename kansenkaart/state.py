"""The page's state model: every event the page knows, and the one function that applies it.

`reduce(view, event)` is the whole of "what happens when a person does X": pure, so every click
and every sequence of clicks is a unit test (tests/unit/test_state.py). The callbacks only turn
Dash's inputs into one of these events (callbacks/events.py) and show the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from kansenkaart.dataset import DataSet
from kansenkaart.view import ParamProblem, View


@dataclass(frozen=True)
class UrlChanged:
    """First load, a shared link, back or forward: the URL is the view."""

    search: str
    default_lang: str = "nl"


@dataclass(frozen=True)
class ControlsChanged:
    """A filter, the metric or the language changed. It carries every control's raw value, not
    just the one that changed: two quick changes send two requests, and the second may leave
    before the first has written the URL."""

    values: Mapping[str, str]


@dataclass(frozen=True)
class ProvinceClicked:
    """A click on a province's area: selects it, or deselects it when it is selected. An open
    card of an initiative in another province closes, so the profile shows first;
    `card_province` is the open card's province (the callback looks it up in the data)."""

    code: str
    card_province: str | None = None


@dataclass(frozen=True)
class InitiativeOpened:
    """A marker, a table row or an item of the profile's list: open that initiative's card."""

    initiative: str


@dataclass(frozen=True)
class ProvinceCleared:
    pass


@dataclass(frozen=True)
class CardClosed:
    pass


@dataclass(frozen=True)
class FiltersReset:
    """Back to the whole country; the language and the metric are the reader's, they stay."""


@dataclass(frozen=True)
class PresentationStarted:
    pass


@dataclass(frozen=True)
class PresentationLeft:
    pass


@dataclass(frozen=True)
class TourStepped:
    """The tour shows a step: the step's view is shown (the URL keeps the view it started from)."""

    step_view: View


@dataclass(frozen=True)
class DataReloaded:
    """New data on disk: an open card whose initiative is gone closes, and says so."""

    initiatives: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Nothing:
    """An input that fired without a person doing anything (a list rendered with n_clicks=0)."""


@dataclass(frozen=True)
class CompareChosen:
    """The compare control's "Vergelijk": these provinces side by side (two to four, else a
    problem names why and the view keeps its comparison)."""

    provinces: tuple[str, ...]


@dataclass(frozen=True)
class CompareClosed:
    pass


@dataclass(frozen=True)
class YearClicked:
    """A bar of the time view: that start year becomes the range; the same year again (the
    range is just that year) clears the range."""

    year: int


Event = (
    UrlChanged
    | ControlsChanged
    | ProvinceClicked
    | InitiativeOpened
    | ProvinceCleared
    | CardClosed
    | FiltersReset
    | PresentationStarted
    | PresentationLeft
    | TourStepped
    | DataReloaded
    | Nothing
    | CompareChosen
    | CompareClosed
    | YearClicked
)


def reduce(view: View, event: Event) -> tuple[View, list[ParamProblem]]:
    """The view after `event`, and the parameters that had to be dropped on the way."""
    match event:
        case UrlChanged(search, default_lang):
            return View.from_query(search, default_lang)
        case ControlsChanged(values):
            return view.updated(values)
        case ProvinceClicked(code, card_province):
            if code == view.province:
                return view.without("province"), []
            chosen, problems = view.updated({"province": code})
            if chosen.province == code and card_province not in (None, code):
                chosen = chosen.without("initiative")
            return chosen, problems
        case InitiativeOpened(initiative):
            return view.updated({"initiative": initiative})
        case ProvinceCleared():
            return view.without("province"), []
        case CardClosed():
            return view.without("initiative"), []
        case FiltersReset():
            return View(lang=view.lang, metric=view.metric, mode=view.mode, embed=view.embed), []
        case PresentationStarted():
            return replace(view, mode="demo"), []
        case PresentationLeft():
            return view.without("mode"), []
        case TourStepped(step_view):
            return step_view, []
        case DataReloaded(initiatives):
            return known_initiative(view, initiatives)
        case Nothing():
            return view, []
        case CompareChosen(provinces):
            return view.updated({"compare": ",".join(provinces)})
        case CompareClosed():
            return view.without("compare"), []
        case YearClicked(year):
            if view.year_from == year and view.year_to == year:
                return view.without("year_from", "year_to"), []
            return view.updated({"from": str(year), "to": str(year)})
    raise TypeError(f"not an event: {event!r}")  # pragma: no cover - the type checker sees to it


def known_initiative(view: View, initiatives: frozenset[str]) -> tuple[View, list[ParamProblem]]:
    """An initiative id (from a link or old data) that is not in the data is dropped and named."""
    if view.initiative and view.initiative not in initiatives:
        return view.without("initiative"), [
            ParamProblem.of("initiative", "param.not_in_data", {"value": repr(view.initiative)})
        ]
    return view, []


def link_view(query: str, default_lang: str, initiatives: frozenset[str]) -> View:
    """The view a page address's query opens, bad parameters left out (the page's first callback
    names them in its notice): one rule for the index HTML and the layout."""
    return known_initiative(View.from_query(query, default_lang)[0], initiatives)[0]


def reduce_in(data: DataSet, view: View, event: Event) -> tuple[View, list[ParamProblem]]:
    """`reduce` with what only the data knows: the open card's province (a province click closes
    a card from elsewhere) and whether an initiative from a link exists."""
    if isinstance(event, ProvinceClicked) and view.initiative:
        event = replace(event, card_province=data.province_of(view.initiative))
    after, problems = reduce(view, event)
    after, unknown = known_initiative(after, data.initiative_ids)
    return after, [*problems, *unknown]
