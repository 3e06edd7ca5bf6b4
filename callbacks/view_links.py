"""Links that follow the view: the embed's "open the full map" and the page's "missing an
initiative?" (its message carries the view's link). The first paint has them from the layout."""

from __future__ import annotations

from dash import Input, Output, callback

from kansenkaart import runtime
from ui.embed import EMBED_BAR, FEEDBACK_MISSING, embed_bar_children, missing_initiative
from ui.ids import VIEW_SHOWN


@callback(
    output={
        "bar": Output(EMBED_BAR, "children"),
        "missing_href": Output(FEEDBACK_MISSING, "href"),
        "missing_hidden": Output(FEEDBACK_MISSING, "hidden"),
        "missing_text": Output(FEEDBACK_MISSING, "children"),
        "missing_title": Output(FEEDBACK_MISSING, "title"),
    },
    inputs={"query": Input(VIEW_SHOWN, "data")},
    prevent_initial_call=True,
)
def follow_view(query):
    view = runtime.view_of(query)
    link = missing_initiative(view)
    return {
        "bar": embed_bar_children(view),
        "missing_href": link.href,
        "missing_hidden": link.hidden,
        "missing_text": link.children,
        "missing_title": link.title,
    }
