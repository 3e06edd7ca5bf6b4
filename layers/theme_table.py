"""Every theme selection's map for one view, so a theme click redraws the map in the browser.

A theme click is the change people make most, and waiting for the server before plotly can
redraw cost about a third of the time from click to map. So with each view the page also gets,
for every selection of the four filter themes and both match modes, the values of the figure
properties that differ between those selections (province values and colour range, marker
latitudes, and whatever else turns out to differ: they are found by comparing, not listed by
hand). `assets/theme_table.js` looks the clicked selection up and writes its values into the
figure; no filter logic runs in the browser. The table depends on the view without its theme
selection (`table_view`), so it travels again only when another filter, the metric or the
language changes.

Only for data small enough to keep every initiative in the figure (`Markers.STATIC`): with more,
markers are sent per view and the server draws the map as before.
"""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import combinations

from kansenkaart.dataset import DataSet
from kansenkaart.registry import FILTER_THEMES, MATCH_MODES
from kansenkaart.view import View
from layers.map_figure import (
    STATIC_LIMIT,
    Updates,
    province_updates,
    selection_marker_updates,
)

#: Theme selections: (themes in registry order, match mode).
Selection = tuple[tuple[str, ...], str]

_cache: dict[tuple[str, View], dict | None] = {}
_CACHE_SIZE = 64


def selection_key(themes: tuple[str, ...] | list[str], match: str) -> str:
    """How the browser names a selection: sorted themes, then the match mode (theme_table.js)."""
    return ",".join(sorted(themes)) + "|" + match


def selections() -> list[Selection]:
    """Every selection the theme checkboxes and the match switch can make."""
    subsets = [c for n in range(len(FILTER_THEMES) + 1) for c in combinations(FILTER_THEMES, n)]
    return [(themes, match) for themes in subsets for match in MATCH_MODES]


def table_view(view: View) -> View:
    """The part of a view the table is built for: everything but the selection it varies over,
    and the card and mode, which change only marker sizes (never part of a theme change)."""
    return view.without("theme", "match", "initiative", "mode")


def selection_updates(data: DataSet, view: View) -> Updates:
    """Everything of the map a theme change can alter, for this view, complete."""
    return {**province_updates(data, view), **selection_marker_updates(data, view)}


def theme_table(data: DataSet, view: View) -> dict | None:
    """The table for this view (cached per data version), or None for data too large for it.

    `paths` lists (trace index or None for the layout, property path); `entries` holds one
    list of values per distinct selection, in that order; `index` maps `selection_key` to it.
    """
    if len(data.initiatives) > STATIC_LIMIT:
        return None
    key = (data.version, table_view(view))
    if key not in _cache:
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()
        _cache[key] = _build(data, table_view(view))
    return _cache[key]


def table_for(data: DataSet, query: str) -> dict:
    """What the page stores beside the table: the view it was sent with and the data version.
    The browser uses the table only while the view is still that one; the server also checks
    the version, since new data on disk makes every table stale."""
    return {"view": query, "version": data.version}


def entry_for(table: dict, view: View) -> Updates:
    """The updates the table holds for this view's own selection."""
    values = table["entries"][table["index"][selection_key(view.theme, view.match)]]
    return {
        (index, path): value for (index, path), value in zip(table["paths"], values, strict=True)
    }


def left_after_drawing(updates: Updates, table: dict) -> Updates:
    """What the server still sends after the browser drew a theme click from `table`."""
    drawn = {tuple(path) for path in table["paths"]}
    return {key: value for key, value in updates.items() if key not in drawn}


def _build(data: DataSet, base: View) -> dict:
    computed: dict[Selection, Updates] = {}
    per_selection: dict[str, Updates] = {}
    for themes, match in selections():
        # With one theme or none, "all" selects what "any" does: computed once.
        same = (themes, match if len(themes) > 1 else MATCH_MODES[0])
        if same not in computed:
            computed[same] = selection_updates(data, replace(base, theme=themes, match=same[1]))
        per_selection[selection_key(themes, match)] = computed[same]
    first = next(iter(per_selection.values()))
    # A property belongs in the table when some selection gives it another value.
    varying = [
        path
        for path, value in first.items()
        if any(updates[path] != value for updates in per_selection.values())
    ]
    entries: list[list] = []
    seen: dict[str, int] = {}  # one entry per distinct list of values
    index: dict[str, int] = {}
    for name, updates in per_selection.items():
        values = [updates[path] for path in varying]
        text = json.dumps(values)
        if text not in seen:
            seen[text] = len(entries)
            entries.append(values)
        index[name] = seen[text]
    return {"paths": [list(path) for path in varying], "entries": entries, "index": index}
