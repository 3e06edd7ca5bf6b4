"""Download links follow the view: the same query string the page has, on the export URLs."""

from __future__ import annotations

from dash import Input, Output, callback

from ui import ids


@callback(
    *[Output(f"{ids.DOWNLOAD_PREFIX}{kind}", "href") for kind in ids.DOWNLOADS],
    Input(ids.VIEW, "data"),
)
def download_links(query: str | None) -> list[str]:
    return [f"{path}{query or ''}" for path in ids.DOWNLOADS.values()]
