"""The index HTML of a link: `<html lang>`, the tab's title and presentation mode's class are the
link's in the very first frame, before any script runs (the layout that follows is built for the
same view, app.py `serve_layout`).

Dash writes one index HTML for every address; `interpolate_index` is its documented hook for a
custom one. The query is read through Dash's own request adapter, so this module stays free of
Flask (tests/unit/test_architecture.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

import dash

from kansenkaart import runtime
from kansenkaart.dataset import DataSet
from kansenkaart.state import known_initiative
from kansenkaart.view import View
from ui.presenter import page_title


@dataclass(frozen=True)
class IndexHead:
    """What the index HTML says about the view before the page's scripts run."""

    lang: str
    title: str
    demo: bool

    def html_tag(self) -> str:
        """`html.kk-demo` lays presentation mode out from the first paint (style.css)."""
        demo = ' class="kk-demo"' if self.demo else ""
        return f'<html lang="{escape(self.lang)}"{demo}>'


def index_head(data: DataSet, query: str, default_lang: str) -> IndexHead:
    """The head for a page address's query; invalid parameters are left out (the page's first
    callback names them in its notice)."""
    view, _ = known_initiative(View.from_query(query, default_lang)[0], data.initiative_ids)
    return IndexHead(view.lang, page_title(data, view), view.mode == "demo")


def with_head(index: str, head: IndexHead) -> str:
    """Dash's index HTML with the link's language, mode and title."""
    html = index.replace("<html>", head.html_tag(), 1)
    start, end = html.find("<title>"), html.find("</title>")
    if start < 0 or end < start:
        return html
    return html[: start + len("<title>")] + escape(head.title) + html[end:]


class LinkedIndexDash(dash.Dash):
    """A Dash app whose index HTML is built for the request's query."""

    def interpolate_index(self, **kwargs) -> str:  # type: ignore[override]
        index = super().interpolate_index(**kwargs)
        try:
            request = self.backend.request_adapter()
            query = urlsplit(request.full_path).query
        except RuntimeError:  # no request (Dash renders the index once without one in tests)
            query = ""
        settings = runtime.settings()
        return with_head(index, index_head(runtime.data(), query, settings.default_lang))
