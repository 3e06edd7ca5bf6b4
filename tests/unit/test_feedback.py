"""The feedback links (kansenkaart/feedback.py): a prefilled message to FEEDBACK_URL carrying the
initiative's id and the view's absolute link, for mail and for an issue tracker; off when unset."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

import app  # noqa: F401 (configures the runtime with the shipped data)
from kansenkaart import runtime
from kansenkaart.feedback import (
    BROWSER_ORIGIN,
    correction_link,
    full_view_href,
    message_link,
    missing_link,
    view_link,
)
from kansenkaart.view import View
from ui.details import present_details
from ui.embed import missing_initiative

VIEW = View(theme=("energy",), province="PV22", initiative="dr-07", embed=True)


def test_view_link_is_absolute_on_public_url_and_never_embedded():
    assert view_link(VIEW, "https://kaart.example.nl") == (
        "https://kaart.example.nl/?theme=energy&province=PV22&initiative=dr-07"
    )
    assert view_link(View(lang="en"), "https://kaart.example.nl/") == (
        "https://kaart.example.nl/?lang=en"
    )


def test_without_public_url_the_browser_fills_in_its_origin():
    assert view_link(VIEW, "").startswith(BROWSER_ORIGIN + "/?theme=energy")


def test_full_view_link_drops_embed_and_keeps_the_view():
    assert full_view_href(VIEW, "") == "/?theme=energy&province=PV22&initiative=dr-07"
    assert full_view_href(View(embed=True), "https://kaart.example.nl") == (
        "https://kaart.example.nl/"
    )


def mail_fields(link: str) -> dict[str, list[str]]:
    address, _, query = link.partition("?")
    assert address == "mailto:kaart@example.nl"
    return parse_qs(query, keep_blank_values=True)


def test_mailto_gets_subject_and_body_with_id_and_view_encoded():
    link = view_link(VIEW, "https://kaart.example.nl")
    made = correction_link("mailto:kaart@example.nl", "dr-07", "Repair & Co: 100%", link, "nl")
    assert made is not None
    assert "+" not in made  # RFC 6068: a space is %20 (a mail program shows a + as a +)
    assert " " not in made and "\n" not in made
    fields = mail_fields(made)
    assert fields["subject"] == ["Correctie: Repair & Co: 100% (dr-07)"]
    body = fields["body"][0]
    assert "Id: dr-07" in body and f"Weergave: {link}" in body
    assert "\r\n" in body  # line breaks as CRLF


def test_mailto_keeps_parameters_of_the_setting():
    made = message_link("mailto:kaart@example.nl?cc=team@example.nl", "Titel", "tekst")
    assert mail_fields(made) == {"cc": ["team@example.nl"], "subject": ["Titel"], "body": ["tekst"]}


def test_issue_tracker_gets_title_and_body_query_parameters():
    link = view_link(VIEW, "https://kaart.example.nl")
    made = correction_link(
        "https://github.com/org/kaart/issues/new?labels=data", "dr-07", "Café", link, "en"
    )
    assert made is not None
    parts = urlsplit(made)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "github.com",
        "/org/kaart/issues/new",
    )
    fields = parse_qs(parts.query)
    assert fields["labels"] == ["data"]
    assert fields["title"] == ["Correction: Café (dr-07)"]
    assert f"View: {link}" in fields["body"][0] and "Id: dr-07" in fields["body"][0]
    # the view's own `&` and `=` are encoded, so they cannot split the tracker's parameters
    assert "province=PV22" not in parts.query and "%26province%3DPV22" in parts.query


def test_the_browser_origin_marker_is_encoded_once_for_the_page_script():
    made = missing_link("https://gitlab.example.nl/kaart/-/issues/new", view_link(VIEW, ""), "nl")
    assert made is not None and "%7Borigin%7D%2F%3Ftheme%3Denergy" in made
    assert unquote(parse_qs(urlsplit(made).query)["body"][0]).count(BROWSER_ORIGIN) == 1


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_off_when_the_setting_is_empty(lang):
    assert correction_link("", "dr-07", "X", "https://k/", lang) is None
    assert missing_link("", "https://k/", lang) is None


def test_missing_initiative_message_in_both_languages():
    nl = missing_link("mailto:kaart@example.nl", "https://k/?lang=nl", "nl")
    en = missing_link("mailto:kaart@example.nl", "https://k/?lang=en", "en")
    assert nl is not None and en is not None
    assert mail_fields(nl)["subject"] == ["Ontbrekend initiatief"]
    assert mail_fields(en)["subject"] == ["Missing initiative"]
    assert "https://k/?lang=en" in mail_fields(en)["body"][0]


# --- on the page: the card's link, the page's link, the printed sources ----------------------


@pytest.fixture
def feedback_to(monkeypatch):
    """Run with FEEDBACK_URL (and PUBLIC_URL) set, as the app would at start-up."""

    def configure(feedback_url: str, public_url: str = "") -> None:
        from dataclasses import replace

        settings = replace(runtime.settings(), feedback_url=feedback_url, public_url=public_url)
        monkeypatch.setattr(runtime, "_settings", settings)

    return configure


def links_in(node) -> list:
    found = []
    if getattr(node, "href", None) is not None:
        found.append(node)
    children = node if isinstance(node, list | tuple) else getattr(node, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            found += links_in(child)
    elif children is not None and not isinstance(children, str):
        found += links_in(children)
    return found


def test_a_card_links_a_correction_with_its_id_and_the_views_link(feedback_to):
    feedback_to("https://github.com/org/kaart/issues/new", "https://kaart.example.nl")
    view = View(province="PV22", initiative="DR-01", lang="en")
    card = present_details(runtime.data(), view).card
    [link] = [a for a in links_in(card) if "feedback-link" in a.className]
    assert link.children == "Report a correction"
    body = parse_qs(urlsplit(link.href).query)["body"][0]
    assert "Id: DR-01" in body
    assert "View: https://kaart.example.nl/?province=PV22&lang=en&initiative=DR-01" in body


def test_no_feedback_link_anywhere_when_the_setting_is_empty(feedback_to):
    feedback_to("")
    card = present_details(runtime.data(), View(initiative="DR-01")).card
    assert card and not [a for a in links_in(card) if "feedback-link" in a.className]
    page_link = missing_initiative(View())
    assert page_link.hidden is True and page_link.href == ""


def test_the_page_link_asks_for_a_missing_initiative(feedback_to):
    feedback_to("mailto:kaart@example.nl")
    page_link = missing_initiative(View(theme=("energy",)))
    assert page_link.hidden is False and page_link.children == "Mis je een initiatief?"
    assert mail_fields(page_link.href)["subject"] == ["Ontbrekend initiatief"]
    assert f"{BROWSER_ORIGIN}/?theme=energy" in mail_fields(page_link.href)["body"][0]


def test_the_profile_has_a_print_button_and_each_initiatives_source_for_print():
    details = present_details(runtime.data(), View(province="PV22"))
    assert details.profile[0].id == "print-profile"
    assert details.profile[0].children == "Profiel afdrukken"
    buttons = [
        item.children
        for group in details.listing
        if getattr(group, "className", "") == "initiative-list"
        for item in group.children
    ]
    rows = runtime.data().initiatives
    sources = dict(zip(rows["id"], rows["source_url"], strict=True))
    assert buttons and all(
        sources[b.id["index"]].rstrip("/").endswith(getattr(b, "data-source")) for b in buttons
    )
    assert not any(getattr(b, "data-source").startswith("http") for b in buttons)
