"""Dash's inputs as the reducer's events: which input fired, and what it means for the view."""

from __future__ import annotations

import json
from collections.abc import Mapping

from kansenkaart.state import (
    CardClosed,
    ControlsChanged,
    Event,
    FiltersReset,
    InitiativeOpened,
    Nothing,
    PresentationLeft,
    PresentationStarted,
    ProvinceCleared,
    ProvinceClicked,
    UrlChanged,
)
from layers.map_figure import CLUSTERS, MARKERS, PROVINCE_WIDE
from ui import ids
from ui.controls import CONTROLS, params_from_controls

#: Buttons whose every click is the same event.
BUTTON_EVENTS: dict[str, Event] = {
    ids.RESET: FiltersReset(),
    ids.CLEAR_PROVINCE: ProvinceCleared(),
    ids.CLOSE_CARD: CardClosed(),
    ids.DEMO_START: PresentationStarted(),
    ids.DEMO_EXIT: PresentationLeft(),
}


def chosen_trigger(triggered: list[Mapping]) -> tuple[str | dict | None, object]:
    """Which of the inputs that fired together to act on, and its value. Dash sends one request
    for inputs that changed in the same moment, e.g. a search committed when the focus moves to
    "Alle filters wissen": the click is what the person did last, so a button goes before a
    click on the map, the table or a list, which go before a control, which goes before the URL."""
    fired = [
        (_parse_id(str(item.get("prop_id", "")).rsplit(".", 1)[0]), item.get("value"))
        for item in triggered
        if item.get("prop_id", ".") != "."
    ]
    if not fired:
        return None, None

    def rank(entry: tuple[str | dict | None, object]) -> int:
        ident, value = entry
        if isinstance(ident, dict) or ident in BUTTON_EVENTS:
            # A button that fired without a click (a list drawn anew, n_clicks 0) comes last:
            # it must not hide the table row or control that changed in the same request.
            if not value:
                return 4
            return 1 if isinstance(ident, dict) else 0
        if ident in (ids.MAP, ids.TABLE):
            return 1
        return 3 if ident == ids.URL else 2

    return min(fired, key=rank)


def _parse_id(text: str) -> str | dict:
    """A prop id's component part: a plain id, or a pattern-matching one written as JSON."""
    return json.loads(text) if text.startswith("{") else text


def event_for(
    trigger: str | Mapping | None,
    value: object,
    *,
    search: str | None,
    controls: Mapping[str, object],
    map_click: Mapping | None,
    rows: list[Mapping] | None,
    default_lang: str,
) -> Event:
    """The event behind a callback call. `trigger` is Dash's triggered id (a dict for the
    profile list's pattern-matching buttons) and `value` the value that fired it."""
    if trigger is None or trigger == ids.URL:
        return UrlChanged(search or "", default_lang)
    if isinstance(trigger, Mapping):
        # Dash also fires when the list is drawn anew (every button at n_clicks=0): no click.
        return InitiativeOpened(str(trigger["index"])) if value else Nothing()
    if trigger in CONTROLS:
        return ControlsChanged(params_from_controls(controls))
    if trigger == ids.MAP:
        return map_click_event(map_click)
    if trigger == ids.TABLE:
        return InitiativeOpened(str(rows[0]["id"])) if rows else Nothing()
    return BUTTON_EVENTS.get(trigger, Nothing())


def map_click_event(click: Mapping | None) -> Event:
    """A marker opens its card; a province is selected (or deselected); a cluster stands for
    many initiatives, so it selects nothing."""
    points = (click or {}).get("points") or []
    if not points:
        return Nothing()
    point = points[0]
    curve = point.get("curveNumber", 0)
    if curve == CLUSTERS:
        return Nothing()
    if curve == MARKERS:
        return InitiativeOpened(str(point.get("customdata", "")))
    if curve == PROVINCE_WIDE:  # a province's badge of province-wide initiatives
        return ProvinceClicked(str(point.get("customdata", "")))
    return ProvinceClicked(str(point.get("location", "")))
