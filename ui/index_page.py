"""The index HTML of a link: `<html lang>`, the tab's title and presentation mode's class are the
link's in the very first frame, before any script runs (the layout that follows is built for the
same view, app.py `serve_layout`). It also carries a static copy of that layout (ui/first_frame.py),
so the link's page is seen before any script has run; assets/first_frame.js swaps it for the app.

Dash writes one index HTML for every address; `interpolate_index` is its documented hook for a
custom one. The query is read through Dash's own request adapter, so this module stays free of
Flask (tests/unit/test_architecture.py).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

import dash
from dash import html

from kansenkaart import runtime
from kansenkaart.dataset import DataSet
from kansenkaart.state import TourStepped, link_view, reduce
from kansenkaart.tour import tour_step_for
from kansenkaart.view import View
from ui import ids
from ui.first_frame import render
from ui.layout import page
from ui.presenter import page_title
from ui.scripts import without_polyfill

log = logging.getLogger("kansenkaart")

#: Where Dash draws the app; the copy goes just before it (first_frame.css lays the app over it).
APP_ENTRY = '<div id="react-entry-point">'


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
    """The head for a page address's query."""
    return view_head(data, link_view(query, default_lang, data.initiative_ids))


def view_head(data: DataSet, view: View) -> IndexHead:
    return IndexHead(view.lang, page_title(data, view), view.mode == "demo")


class FirstFrames:
    """The first frame's HTML per (data version, view), the last `size` of them: building the
    layout takes tens of milliseconds, and most visits open a few common links."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._frames: OrderedDict[tuple[str, str], str] = OrderedDict()
        self._lock = threading.Lock()  # gunicorn's threads share it

    def html(self, data: DataSet, view: View, tour_step_seconds: float, default_lang: str) -> str:
        key = (data.version, view.to_query(default_lang))
        with self._lock:
            frame = self._frames.get(key)
            if frame is not None:
                self._frames.move_to_end(key)
                return frame
        # built outside the lock: two first visits of one link at once may both build it
        frame = render(first_frame_layout(data, view, tour_step_seconds, default_lang))
        with self._lock:
            self._frames[key] = frame
            while len(self._frames) > self.size:
                self._frames.popitem(last=False)
        return frame

    def __len__(self) -> int:
        return len(self._frames)


FIRST_FRAMES = FirstFrames()


def first_frame_layout(
    data: DataSet, view: View, tour_step_seconds: float, default_lang: str
) -> html.Div:
    """The layout the app shows first: the link's (app.py `serve_layout`); in presentation mode
    its tour's first step with the caption (callbacks/presentation.py shows that step at once),
    the caption being the largest text of the screen."""
    if view.mode != "demo":
        return page(data, view, tour_step_seconds, default_lang)
    step = tour_step_for(data.initiatives, data.provinces["name"], view, 0)
    shown, _ = reduce(view, TourStepped(step.view))
    layout = page(data, shown, tour_step_seconds, default_lang)
    layout[ids.TOUR_CAPTION].children = step.caption
    return layout


def with_first_frame(index: str, frame: str | None) -> str:
    """The index HTML with the link's layout drawn before the app's entry point; without one
    (it failed) the app shows as it draws, as before the first frame existed."""
    if frame is None:
        return index
    copy = f'<div id="kk-first-frame">{frame}</div>'
    return index.replace(APP_ENTRY, copy + APP_ENTRY, 1)


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
        kwargs["scripts"] = without_polyfill(kwargs.get("scripts", ""))
        index = super().interpolate_index(**kwargs)
        try:
            request = self.backend.request_adapter()
            query = urlsplit(request.full_path).query
        except RuntimeError:  # no request (Dash renders the index once without one in tests)
            query = ""
        settings, data = runtime.settings(), runtime.data()
        view = link_view(query, settings.default_lang, data.initiative_ids)
        try:
            frame: str | None = FIRST_FRAMES.html(
                data, view, settings.tour_step_seconds, settings.default_lang
            )
        except Exception:  # a page without its first frame still works; one without HTML not
            log.exception("the first frame of %r could not be drawn", query)
            frame = None
        return with_first_frame(with_head(index, view_head(data, view)), frame)
