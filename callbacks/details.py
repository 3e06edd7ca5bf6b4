"""The details panel follows the view: the open initiative's card, the province's profile."""

from __future__ import annotations

from dash import Input, Output, State, callback, clientside_callback, no_update

from kansenkaart import runtime
from ui import ids
from ui.charts import profile_chart
from ui.details import present_details


@callback(
    output={
        "card_hidden": Output(ids.CARD, "hidden"),
        "card": Output(ids.CARD_BODY, "children"),
        "profile_hidden": Output(ids.PROFILE, "hidden"),
        "profile": Output(ids.PROFILE_BODY, "children"),
        "chart": Output(ids.PROFILE_CHART_SLOT, "children"),
        "transition": Output(ids.TRANSITION_CHART_SLOT, "children"),
        "on_map": Output(ids.PROFILE_ON_MAP, "children"),
        "listing": Output(ids.PROFILE_LIST, "children"),
        "hint_hidden": Output(ids.DETAILS_HINT, "hidden"),
    },
    inputs={"query": Input(ids.VIEW_SHOWN, "data"), "version": Input(ids.DATA_VERSION, "data")},
    # The layout is built for the link's view: answering the load would only draw the panel, and
    # a province's two charts, a second time.
    prevent_initial_call=True,
)
def update_details(query, version):
    """A closed card or profile keeps its (hidden) buttons: Dash re-fires the event callback
    with no trigger when pattern-matching buttons all disappear, which would read as a page
    load and, during the tour, put the URL's view back on the map."""
    details = present_details(runtime.data(), runtime.view_of(query))
    return {
        "card_hidden": not details.card,
        "card": details.card or no_update,
        "profile_hidden": not details.profile,
        "profile": details.profile,
        "chart": profile_chart(ids.PROFILE_CHART, details.chart),
        "transition": profile_chart(ids.TRANSITION_CHART, details.transition),
        "on_map": details.on_map,
        "listing": details.listing or no_update,
        "hint_hidden": details.hint_hidden,
    }


# Opening a card moves focus to its title, so a keyboard or screen-reader user lands on it; only
# when another initiative opens (a theme click redraws the same card and must keep the focus).
clientside_callback(
    """function (card, query) {
        const opened = new URLSearchParams(query || "").get("initiative");
        if (opened && opened !== window.kansenkaartCard) {
            setTimeout(function () {
                const title = document.querySelector("#card .card-title");
                if (title) title.focus();
            }, 0);
        }
        window.kansenkaartCard = opened;
        return window.dash_clientside.no_update;
    }""",
    Output(ids.CARD, "title"),
    Input(ids.CARD_BODY, "children"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)


# On a phone the profile is below the map: tapping a province brings it into view.
clientside_callback(
    """function (hidden) {
        if (!hidden && window.innerWidth <= 760) {
            setTimeout(function () {
                const profile = document.getElementById("profile");
                if (profile) profile.scrollIntoView({behavior: "smooth", block: "start"});
            }, 50);
        }
        return window.dash_clientside.no_update;
    }""",
    Output(ids.PROFILE, "title"),
    Input(ids.PROFILE, "hidden"),
    prevent_initial_call=True,
)
