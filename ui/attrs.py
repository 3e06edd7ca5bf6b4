"""HTML attributes Dash takes only as keyword arguments with hyphens (aria-*, data-*)."""

from __future__ import annotations

from typing import Any


def attrs(values: dict[str, str]) -> dict[str, Any]:
    """`html.Div(**attrs({"aria-live": "polite"}))`: typed so that mypy accepts the spread."""
    return dict(values)
