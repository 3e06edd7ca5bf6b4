"""Download links follow the view: the same query string the page has, on the export URLs, and
for a CSV the dialect of the page's language (`;` and decimal commas for a Dutch Excel), as
`exports.download_href` writes them into the first page.

A clientside callback: it only joins strings, so it costs no request to the server.
"""

from __future__ import annotations

import json

from dash import Input, Output, clientside_callback

from kansenkaart.exports import EXPORT_FORMATS, PAGE_DIALECTS
from ui import ids

_FORMATS = [[ids.DOWNLOADS[name], EXPORT_FORMATS[name].takes_dialect] for name in ids.DOWNLOADS]

#: The links' addresses from the view's query and the page's language (tested with node).
LINKS_FUNCTION = f"""function (query, lang) {{
        const formats = {json.dumps(_FORMATS)};
        const dialects = {json.dumps(PAGE_DIALECTS)};
        return formats.map(([path, takesDialect]) => {{
            const href = path + (query || "");
            const dialect = takesDialect ? dialects[lang] : undefined;
            return dialect ? href + (href.includes("?") ? "&" : "?") + "dialect=" + dialect : href;
        }});
    }}"""

clientside_callback(
    LINKS_FUNCTION,
    *[Output(f"{ids.DOWNLOAD_PREFIX}{kind}", "href") for kind in ids.DOWNLOADS],
    # once the map has painted (callbacks/after_paint.py): six links re-rendered are not its path
    Input(ids.VIEW_SHOWN, "data"),
    Input(ids.LANG_STORE, "data"),
    prevent_initial_call=True,  # the layout's links are the link's view's (ui/layout.py)
)
