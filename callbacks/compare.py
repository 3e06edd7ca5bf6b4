"""The compare panel follows the view; its buttons change the view through the URL.

"Vergelijk" and "Vergelijking sluiten" go through the reducer (`CompareChosen`, `CompareClosed`)
and write the URL, whose change the event callback (callbacks/view_events.py) shows like any
link: one way in for every view. A choice of one or five provinces writes nothing and says why.
"""

from __future__ import annotations

from dash import Input, Output, State, callback, ctx, no_update

from kansenkaart import runtime
from kansenkaart.state import CompareChosen, CompareClosed, reduce
from ui import compare, ids
from ui.compare import present_compare


@callback(
    output={
        "heading": Output(compare.HEADING, "children"),
        "label": Output(compare.LABEL, "children"),
        "go": Output(compare.GO, "children"),
        "close": Output(compare.CLOSE, "children"),
        "close_hidden": Output(compare.CLOSE, "hidden"),
        "placeholder": Output(compare.SELECT, "placeholder"),
        "labels": Output(compare.SELECT, "labels"),
        "chosen": Output(compare.SELECT, "value"),
        "body": Output(compare.BODY, "children"),
        "chart": Output(compare.CHART_BOX, "children"),
        "chart_hidden": Output(compare.CHART_BOX, "hidden"),
        "lists": Output(compare.LISTS, "children"),
        "class_name": Output(compare.PANEL, "className"),
    },
    # The link's view, not the view store: the presentation tour writes the store on every step,
    # and the panel need not follow it (one request less per step on a projector's laptop).
    inputs={"query": Input(ids.LINK_SHOWN, "data"), "version": Input(ids.DATA_VERSION, "data")},
    prevent_initial_call=True,  # the layout is built for the link's view
)
def update_compare(query, version):
    return vars(present_compare(runtime.data(), runtime.view_of(query)))


@callback(
    Output(ids.URL, "search", allow_duplicate=True),
    Output(compare.MESSAGE, "children"),
    Input(compare.GO, "n_clicks"),
    Input(compare.CLOSE, "n_clicks"),
    State(compare.SELECT, "value"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def choose(_go, _close, chosen, search):
    """The chosen provinces side by side, or the comparison closed."""
    view = runtime.view_of(search)
    if ctx.triggered_id == compare.CLOSE:
        event: CompareChosen | CompareClosed = CompareClosed()
    else:
        event = CompareChosen(_codes(chosen))
    after, problems = reduce(view, event)
    if problems:
        return no_update, " ".join(p.text(view.lang) for p in problems)
    return after.to_query(runtime.settings().default_lang), ""


def _codes(chosen: object) -> tuple[str, ...]:
    """The chooser's value as text: Dash lets a dropdown's value also be one number or a boolean,
    which the reducer then names as an unknown province instead of failing."""
    if chosen is None or chosen is False:
        return ()
    return tuple(str(item) for item in (chosen if isinstance(chosen, list) else [chosen]))
