"""The filter controls: which URL parameter each one edits, and how it shows a view's value."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kansenkaart.view import View, query_value
from ui import ids

#: Control id -> (URL parameter, the control's value for a view).
CONTROLS: dict[str, tuple[str, Callable[[View], object]]] = {
    ids.LANG: ("lang", lambda v: v.lang),
    ids.THEMES: ("theme", lambda v: list(v.theme)),
    ids.MATCH: ("match", lambda v: v.match),
    ids.PROVINCE: ("province", lambda v: v.province),
    ids.KINDS: ("kind", lambda v: list(v.kind)),
    ids.STATUSES: ("status", lambda v: list(v.status)),
    ids.YEAR_FROM: ("from", lambda v: v.year_from),
    ids.YEAR_TO: ("to", lambda v: v.year_to),
    ids.SEARCH: ("q", lambda v: v.q),
    ids.METRIC: ("metric", lambda v: v.metric),
}


def control_values(view: View) -> dict[str, object]:
    """What every control shows for this view."""
    return {control: show(view) for control, (_, show) in CONTROLS.items()}


def params_from_controls(values: Mapping[str, object]) -> dict[str, str]:
    """The controls' values as the raw URL parameters they stand for."""
    return {param: query_value(values.get(control)) for control, (param, _) in CONTROLS.items()}  # type: ignore[arg-type]
