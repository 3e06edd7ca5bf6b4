"""Embed mode (issue 17.2): the `embed` link parameter, the layout built for it and the CSP
`frame-ancestors` that FRAME_ANCESTORS sets."""

from __future__ import annotations

import pytest

from kansenkaart.state import FiltersReset, reduce
from kansenkaart.view import View


def test_embed_is_a_link_parameter():
    view, problems = View.from_query("?embed=1&theme=energy")
    assert view.embed and view.theme == ("energy",) and problems == []
    assert view.to_query() == "?theme=energy&embed=1"
    assert View.from_query(view.to_query())[0] == view
    assert View.from_query("?embed=0")[0].embed is False
    assert View(embed=False).to_query() == ""


@pytest.mark.parametrize("raw", ["yes", "2", "true<script>"])
def test_a_bad_embed_value_is_dropped_and_named(raw):
    view, problems = View.from_query({"embed": raw})
    assert view.embed is False
    assert [p.param for p in problems] == ["embed"]
    assert "0, 1" in problems[0].text("nl") and "0, 1" in problems[0].text("en")


def test_reset_keeps_the_embed():
    view, _ = reduce(View(embed=True, theme=("energy",), province="PV22"), FiltersReset())
    assert view == View(embed=True)
