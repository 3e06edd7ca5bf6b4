"""Dash's own id check is off (suppress_callback_exceptions, to keep a second copy of the layout
out of the page), so this test does its job: every id a callback uses exists in the layout."""

from __future__ import annotations

import json

import app
from kansenkaart import runtime
from kansenkaart.view import View
from ui.layout import page


def layout_ids(component) -> set[str]:
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, list | tuple):
            for child in node:
                walk(child)
            return
        ident = getattr(node, "id", None)
        if isinstance(ident, str):
            found.add(ident)
        walk_children = getattr(node, "children", None)
        if walk_children is not None and not isinstance(walk_children, str):
            walk(walk_children)

    walk(component)
    return found


def callback_ids() -> set[str]:
    """Every plain (not pattern-matching) id among the callbacks' outputs, inputs and states."""
    used: set[str] = set()
    for key, spec in app.app.callback_map.items():
        outputs = key.strip(".").split("...")
        used |= {part.split(".")[0] for part in outputs}
        for item in [*spec["inputs"], *spec["state"]]:
            if not item["id"].startswith("{"):
                used.add(item["id"])
    return used


def pattern_types() -> set[str]:
    return {
        json.loads(item["id"])["type"]
        for spec in app.app.callback_map.values()
        for item in spec["inputs"]
        if item["id"].startswith("{")
    }


def test_every_id_a_callback_uses_is_in_the_layout():
    present = layout_ids(page(runtime.data(), View()))
    missing = callback_ids() - present
    assert not missing, f"callbacks use ids the layout lacks: {sorted(missing)}"


#: Ids inside the profile's content, there only when a province's profile is (no callback
#: reads them; assets/print.js listens for the print button's clicks; the charts are drawn only
#: with data, ui/charts.py).
PROFILE_CONTENT_IDS = {"print-profile", "profile-chart", "transition-chart"}


def test_the_layout_for_any_view_has_the_same_ids():
    chosen = View(theme=("energy",), province="PV22", lang="en", mode="demo")
    plain, with_profile = (
        layout_ids(page(runtime.data(), View())),
        layout_ids(page(runtime.data(), chosen)),
    )
    assert with_profile - plain == PROFILE_CONTENT_IDS
    assert plain <= with_profile


def pattern_ids(node) -> set[str]:
    """The types of the pattern-matching (dict) ids in a component tree."""
    if isinstance(node, list | tuple):
        return set().union(*(pattern_ids(child) for child in node)) if node else set()
    found = {node.id["type"]} if isinstance(getattr(node, "id", None), dict) else set()
    children = getattr(node, "children", None)
    return found | (
        pattern_ids(children) if children is not None and not isinstance(children, str) else set()
    )


def test_the_pattern_matching_ids_are_drawn_by_the_details():
    """The profile's list and the card's related rows draw the buttons the callbacks listen to."""
    from ui.details import present_details

    details = present_details(runtime.data(), View(province="PV22", initiative="DR-01"))
    assert pattern_ids([details.listing, details.card]) == pattern_types()


def test_this_check_finds_a_missing_id():
    """The check itself can fail: a layout without the map misses it."""
    without_map = page(runtime.data(), View())
    ids_present = layout_ids(without_map) - {"map"}
    assert "map" in callback_ids() - ids_present
