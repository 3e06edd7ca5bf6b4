"""Download links follow the view: the same query string the page has, on the export URLs.

A clientside callback: it only joins two strings, so it costs no request to the server.
"""

from __future__ import annotations

import json

from dash import Input, Output, clientside_callback

from ui import ids

clientside_callback(
    f"""function (query) {{
        const paths = {json.dumps(list(ids.DOWNLOADS.values()))};
        return paths.map(path => path + (query || ""));
    }}""",
    *[Output(f"{ids.DOWNLOAD_PREFIX}{kind}", "href") for kind in ids.DOWNLOADS],
    Input(ids.VIEW, "data"),
)
