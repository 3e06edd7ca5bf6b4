"""The page's parts for issue 17: the embed bar (`?embed=1`), the "report a correction" and
"missing an initiative?" links, and the profile's print button. Each is built for a view here,
for the first paint (ui/layout.py, ui/details.py) and for the callback that follows the view
(callbacks/view_links.py), so both always show the same thing.
"""

from __future__ import annotations

from dash import html

from kansenkaart import runtime
from kansenkaart.feedback import correction_link, full_view_href, missing_link, view_link
from kansenkaart.i18n import t
from kansenkaart.settings import Settings
from kansenkaart.view import View

EMBED_BAR = "embed-bar"
EMBED_LINK = "embed-full-map"
FEEDBACK_MISSING = "feedback-missing"
PRINT_PROFILE = "print-profile"


def current_settings() -> Settings:
    """The running app's settings; the defaults (embed links relative, feedback off) where a
    test builds the page without configuring the app."""
    try:
        return runtime.settings()
    except AssertionError:
        return Settings()


def embed_bar_children(view: View) -> list:
    """Title and "open the full map" (the same view without embed, in a new window)."""
    settings = current_settings()
    label = t("embed_full_map", view.lang)
    new_window = t("embed_new_window", view.lang)
    return [
        html.Span(t("title", view.lang), className="embed-title"),
        html.A(
            [label, " ↗"],
            id=EMBED_LINK,
            href=full_view_href(view, settings.public_url, settings.default_lang),
            target="_blank",
            rel="noopener",
            title=f"{label} ({new_window})",
            className="embed-link",
        ),
    ]


def embed_bar(view: View) -> html.Div:
    """Shown only in embed mode; always in the layout, so its callback always has its output."""
    return html.Div(
        embed_bar_children(view), id=EMBED_BAR, className="embed-bar", hidden=not view.embed
    )


def missing_href(view: View) -> str | None:
    """The page's "missing an initiative?" message link; None when FEEDBACK_URL is empty."""
    settings = current_settings()
    link = view_link(view, settings.public_url, settings.default_lang)
    return missing_link(settings.feedback_url, link, view.lang)


def missing_initiative(view: View) -> html.A:
    """Near the coverage note: the collection lives from readers' additions. Hidden (and without
    an address) when the feature is off."""
    href = missing_href(view)
    return html.A(
        t("feedback_missing", view.lang),
        id=FEEDBACK_MISSING,
        href=href or "",
        hidden=href is None,
        title=t("feedback_opens", view.lang),
        className="feedback-link",
    )


def correction(view: View, initiative_id: str, name: str) -> list:
    """The card's "report a correction" link, or nothing when the feature is off."""
    settings = current_settings()
    link = view_link(view, settings.public_url, settings.default_lang)
    href = correction_link(settings.feedback_url, initiative_id, name, link, view.lang)
    if href is None:
        return []
    return [
        html.A(
            t("feedback_correction", view.lang),
            href=href,
            title=t("feedback_opens", view.lang),
            className="feedback-link card-feedback",
        )
    ]


def print_button(lang: str) -> html.Button:
    """Prints the province's profile on one A4 page (assets/print.js calls window.print();
    assets/style.css's print section lays it out)."""
    return html.Button(
        t("print_profile", lang), id=PRINT_PROFILE, className="button small print-button"
    )
