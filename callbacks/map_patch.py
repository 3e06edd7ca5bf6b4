"""The map's updates as a dash.Patch: only the changed values travel to the browser."""

from __future__ import annotations

from dash import Patch

from layers.figure_patch import Updates, write_into


def as_patch(updates: Updates) -> Patch:
    return write_into(Patch(), updates, lambda target, key: target[key])
