"""The view once the map shows it: the signal the panels beside the map follow.

The event callback answers with the map and the view store together. Were the table, the card,
the comparison, the time view and the links to listen to the store itself, dash-renderer would
prepare their six requests, and apply their answers (the table's rows are the largest), in the
very moments the map should paint. These stores take the value on only after the browser has
painted the next frame (assets/after_paint.js), so the map goes first and the panels follow.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, clientside_callback

from ui import ids

AFTER_PAINT = ClientsideFunction(namespace="kansenkaart", function_name="afterPaint")

# The view store (the tour writes it too) and the link (the comparison and the time view follow
# the link, not the tour's steps).
clientside_callback(
    AFTER_PAINT,
    Output(ids.VIEW_SHOWN, "data"),
    Input(ids.VIEW, "data"),
    State(ids.VIEW_SHOWN, "data"),
    prevent_initial_call=True,  # the layout is built for the link's view
)
clientside_callback(
    AFTER_PAINT,
    Output(ids.LINK_SHOWN, "data"),
    Input(ids.URL, "search"),
    State(ids.LINK_SHOWN, "data"),
    prevent_initial_call=True,
)
