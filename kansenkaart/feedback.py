"""Links that let a reader report a correction or a missing initiative, and the view's own link.

The app stores nothing: a link opens the reader's mail program (`mailto:`) or an issue tracker's
new-issue form (GitHub and GitLab take `title` and `body` query parameters) with the message
filled in, so the makers get the initiative's id and the exact view the reader was looking at.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from kansenkaart.i18n import t
from kansenkaart.view import View

#: Stands for the browser's own origin where PUBLIC_URL is not set: the server must not trust a
#: request's Host header, and the browser knows where it is (assets/feedback.js fills it in).
BROWSER_ORIGIN = "{origin}"


def view_link(view: View, public_url: str, default_lang: str = "nl") -> str:
    """The absolute address of a view, as a reader would share it (never in embed mode): built
    on PUBLIC_URL, else on BROWSER_ORIGIN for the page's script to fill in."""
    return full_view_href(view, public_url.rstrip("/") or BROWSER_ORIGIN, default_lang)


def full_view_href(view: View, public_url: str, default_lang: str = "nl") -> str:
    """The embed's "open the full map" link: the same view without embed. Relative when PUBLIC_URL
    is not set: inside the frame it resolves against the app's own address."""
    return f"{public_url.rstrip('/')}/{view.without('embed').to_query(default_lang)}"


def message_link(feedback_url: str, title: str, body: str) -> str:
    """`feedback_url` with a prefilled message: a mailto's `subject` and `body` (RFC 6068, spaces
    as %20), or an issue tracker's `title` and `body`. Parameters already in the setting (a
    tracker's `labels=data`, a mailto's `cc=`) are kept."""
    if feedback_url.lower().startswith("mailto:"):
        address, _, query = feedback_url.partition("?")
        kept = parse_qsl(query, keep_blank_values=True)
        # RFC 6068: a line break in a mailto body is CRLF
        pairs = [*kept, ("subject", title), ("body", body.replace("\n", "\r\n"))]
        return address + "?" + urlencode(pairs, quote_via=quote, safe="@")
    parts = urlsplit(feedback_url)
    pairs = [*parse_qsl(parts.query, keep_blank_values=True), ("title", title), ("body", body)]
    return urlunsplit(parts._replace(query=urlencode(pairs, quote_via=quote)))


def correction_link(
    feedback_url: str, initiative_id: str, name: str, link: str, lang: str
) -> str | None:
    """The card's "report a correction" link; None when the setting is empty (feature off)."""
    if not feedback_url:
        return None
    title = t("feedback_correction_title", lang, id=initiative_id, name=name)
    body = t("feedback_correction_body", lang, id=initiative_id, name=name, link=link)
    return message_link(feedback_url, title, body)


def missing_link(feedback_url: str, link: str, lang: str) -> str | None:
    """The page's "missing an initiative?" link; None when the setting is empty (feature off)."""
    if not feedback_url:
        return None
    body = t("feedback_missing_body", lang, link=link)
    return message_link(feedback_url, t("feedback_missing_title", lang), body)
