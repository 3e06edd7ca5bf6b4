"""A presenter's result as Dash outputs: only what the browser does not have yet travels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dash import no_update

from callbacks.map_patch import as_patch
from ui.presenter import MapUpdate, PageUpdate


def changed(new: object, old: object) -> object:
    """`new`, or no_update when the browser already has it."""
    return no_update if new == old else new


def map_outputs(update: MapUpdate) -> dict[str, object]:
    if update.figure is not None:
        figure: object = update.figure
    else:
        figure = as_patch(update.updates) if update.updates else no_update
    message = update.message if update.message_changed else no_update
    return {
        "figure": figure,
        "summary": update.summary,
        "source": update.source,
        "message": message,
    }


def page_outputs(
    update: PageUpdate, browser: Mapping[str, object], controls: Mapping[str, object]
) -> dict[str, object]:
    """`browser`: what the page holds now (search, shown, lang, mode, notice_hidden);
    `controls`: the controls' values now."""
    quiet = not update.notice and browser["notice_hidden"]
    return {
        "url": changed(update.query, browser["search"] or ""),
        "view": changed(update.query, browser["shown"]),
        "lang": changed(update.lang, browser["lang"]),
        "mode": changed(update.mode, browser["mode"]),
        "notice": no_update if quiet else update.notice,
        "notice_hidden": no_update if quiet else not update.notice,
        "controls": {c: changed(v, controls.get(c)) for c, v in update.controls.items()},
        "title": update.title,
        **map_outputs(update.map),
    }


def already_shown(
    query: str, demo: bool, problems: Sequence[object], browser: Mapping[str, object]
) -> bool:
    """A valid URL whose view the page already shows: at most its canonical form to write back.
    So it is on page load, as the URL component reports the link it mounted with: the server built
    the layout for that view (ui/layout.py), in presentation mode on its tour's first step (the
    map then shows the step, the link stays the link). Not answering keeps the title, summary and
    map from being sent and drawn again in the middle of the load. `query`: the URL's view in
    its canonical form; `demo`: that view is in presentation mode; `browser`: shown, link."""
    if problems:
        return False
    return query == browser["shown"] or (demo and query == browser["link"])


def unchanged(controls: Mapping[str, object]) -> dict[str, object]:
    """Every output of the event callback left as the browser has it."""
    keys = (
        "url",
        "view",
        "lang",
        "mode",
        "notice",
        "notice_hidden",
        "title",
        "figure",
        "summary",
        "source",
        "message",
    )
    return {**dict.fromkeys(keys, no_update), "controls": dict.fromkeys(controls, no_update)}
