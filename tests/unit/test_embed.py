"""Embed mode (issue 17.2): the `embed` link parameter, the layout built for it and the CSP
`frame-ancestors` that FRAME_ANCESTORS sets."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

import app  # (configures the runtime with the shipped data)
from kansenkaart import runtime
from kansenkaart.state import FiltersReset, reduce
from kansenkaart.view import View
from server.web import ContentSecurityPolicy, add_headers, content_security_policy
from tests.unit.dash_calls import fire
from tests.unit.test_layout_ids import layout_ids
from ui.embed import EMBED_BAR, EMBED_LINK
from ui.layout import page


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


# --- the page built for embed mode and the CSP ----------------------------------------------


def find(node, ident: str):
    """The component with id `ident` in a layout tree."""
    if getattr(node, "id", None) == ident:
        return node
    children = node if isinstance(node, list | tuple) else getattr(node, "children", None)
    if children is None or isinstance(children, str):
        return None
    for child in children if isinstance(children, list | tuple) else [children]:
        found = find(child, ident)
        if found is not None:
            return found
    return None


def test_the_embed_page_is_marked_and_links_to_the_same_view_without_embed():
    layout = page(runtime.data(), View(embed=True, theme=("energy",), lang="en"))
    assert getattr(layout, "data-embed") == "1"
    assert find(layout, EMBED_BAR).hidden is False
    link = find(layout, EMBED_LINK)
    assert link.href == "/?theme=energy&lang=en" and link.target == "_blank"
    assert link.children[0] == "Open the full map"


def test_the_full_page_has_the_embed_bar_hidden_and_the_same_ids():
    full = page(runtime.data(), View())
    assert getattr(full, "data-embed") == "0"
    assert find(full, EMBED_BAR).hidden is True
    assert layout_ids(full) == layout_ids(page(runtime.data(), View(embed=True)))


def test_csp_frame_ancestors_follows_the_setting():
    assert "frame-ancestors 'none'" in content_security_policy([])
    allowed = content_security_policy([], ("https://www.drenthe.nl", "https://www.zeeland.nl"))
    assert "frame-ancestors https://www.drenthe.nl https://www.zeeland.nl;" in allowed
    assert "'none'" not in allowed.split("frame-ancestors")[1].split(";")[0]


@pytest.mark.parametrize(
    ("origins", "frame_options"), [((), "DENY"), (("http://127.0.0.1:8201",), None)]
)
def test_x_frame_options_only_while_no_origin_may_frame(origins, frame_options):
    from flask import Response

    policy = ContentSecurityPolicy(app.app, origins)
    with app.app.server.test_request_context("/"):
        headers = add_headers(Response("page"), policy, app.app).headers
    assert headers.get("X-Frame-Options") == frame_options
    expected = " ".join(origins) or "'none'"
    assert f"frame-ancestors {expected};" in headers["Content-Security-Policy"]


def test_the_links_follow_the_view_in_process(monkeypatch):
    """callbacks/view_links.py through Dash's own route: the embed bar and the page's feedback
    link follow a click (the view store) and the language."""
    settings = replace(runtime.settings(), feedback_url="mailto:kaart@example.nl")
    monkeypatch.setattr(runtime, "_settings", settings)
    sent = fire(
        app.app,
        "follow_view",
        "view-shown.data",
        {"view-shown.data": "?province=PV22&lang=en&embed=1"},
    )
    bar = json.dumps(sent[EMBED_BAR]["children"])
    assert '"href": "/?province=PV22&lang=en"' in bar and "Open the full map" in bar
    missing = sent["feedback-missing"]
    assert missing["hidden"] is False and missing["children"] == "Missing an initiative?"
    assert "province%3DPV22" in missing["href"]
    monkeypatch.setattr(runtime, "_settings", replace(settings, feedback_url=""))
    off = fire(app.app, "follow_view", "view-shown.data", {"view-shown.data": ""})
    assert off["feedback-missing"]["hidden"] is True and off["feedback-missing"]["href"] == ""


def test_a_link_with_embed_gets_the_embed_layout_on_first_paint():
    """The layout Dash fetches is built for the page's own link (named in the Referer)."""
    client = app.app.server.test_client()
    reply = client.get("/_dash-layout", headers={"Referer": "http://localhost/?embed=1&lang=en"})
    props = reply.get_json()["props"]
    assert props["data-embed"] == "1"
    plain = client.get("/_dash-layout", headers={"Referer": "http://localhost/?lang=en"})
    assert plain.get_json()["props"]["data-embed"] == "0"
