"""Every stylesheet closes what it opens: one missing brace (a merge once dropped one) makes the
browser read all later rules as part of the open block, and print and embed lost their layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ASSETS = Path(__file__).resolve().parents[2] / "assets"


def unclosed(css: str) -> list[int]:
    """Line numbers where the nesting depth goes below zero, and the final depth's line if not 0."""
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), css, flags=re.S)
    text = re.sub(r'"[^"\n]*"|\'[^\'\n]*\'', '""', text)
    depth, lines = 0, []
    for number, line in enumerate(text.split("\n"), 1):
        depth += line.count("{") - line.count("}")
        if depth < 0:
            lines.append(number)
            depth = 0
    return lines + ([len(text.split("\n"))] if depth else [])


@pytest.mark.parametrize("sheet", sorted(ASSETS.glob("*.css")), ids=lambda p: p.name)
def test_braces_are_balanced(sheet: Path):
    assert unclosed(sheet.read_text(encoding="utf-8")) == []


def test_an_unclosed_block_is_found():
    assert unclosed("@media (max-width: 1px) {\n  a { color: red; }\n") == [3]
    assert unclosed("a { }\n}\n") == [2]
