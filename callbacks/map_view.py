"""New data on disk: the whole map for the view shown (the shapes may have changed too)."""

from __future__ import annotations

from dash import Input, Output, State, callback, no_update

from callbacks.outputs import map_outputs
from callbacks.view_events import MAP_OUTPUTS
from kansenkaart import runtime
from kansenkaart.state import DataReloaded, reduce
from ui import ids
from ui.presenter import present_map


@callback(
    output={**MAP_OUTPUTS, "url": Output(ids.URL, "search", allow_duplicate=True)},
    inputs={"version": Input(ids.DATA_VERSION, "data")},
    state={"shown": State(ids.VIEW, "data")},
    prevent_initial_call=True,
)
def redraw_for_new_data(version, shown):
    """A card whose initiative left the data closes (the URL changes, and the notice says so)."""
    data, shown_view = runtime.data(), runtime.view_of(shown)
    view, problems = reduce(shown_view, DataReloaded(data.initiative_ids))
    url = view.to_query(runtime.settings().default_lang) if problems else no_update
    return {**map_outputs(present_map(data, view, None)), "url": url}
