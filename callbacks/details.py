"""The details panel follows the view: the open initiative's card, the province's profile."""

from __future__ import annotations

from dash import Input, Output, callback

from kansenkaart import runtime
from ui import ids
from ui.details import present_details


@callback(
    output={
        "card_hidden": Output(ids.CARD, "hidden"),
        "card": Output(ids.CARD_BODY, "children"),
        "profile_hidden": Output(ids.PROFILE, "hidden"),
        "profile": Output(ids.PROFILE_BODY, "children"),
        "chart": Output(ids.PROFILE_CHART, "figure"),
        "transition": Output(ids.TRANSITION_CHART, "figure"),
        "on_map": Output(ids.PROFILE_ON_MAP, "children"),
        "listing": Output(ids.PROFILE_LIST, "children"),
        "hint_hidden": Output(ids.DETAILS_HINT, "hidden"),
    },
    inputs={"query": Input(ids.VIEW, "data"), "version": Input(ids.DATA_VERSION, "data")},
)
def update_details(query, version):
    details = present_details(runtime.data(), runtime.view_of(query))
    return {
        "card_hidden": not details.card,
        "card": details.card,
        "profile_hidden": not details.profile,
        "profile": details.profile,
        "chart": details.chart,
        "transition": details.transition,
        "on_map": details.on_map,
        "listing": details.listing,
        "hint_hidden": details.hint_hidden,
    }
