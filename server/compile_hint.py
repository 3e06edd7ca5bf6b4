"""Dash's own scripts are served with V8's compile hint as their first line.

V8 compiles a function only when it is first called, on the main thread, so a script that runs
much of itself at load (React, Dash's renderer, dcc) blocks the page while it compiles piece by
piece. The magic comment `//# allFunctionsCalledOnLoad` (Chrome 136+, a plain comment in other
browsers) asks V8 to compile the whole file while it streams in, off the main thread. The page's
plotly.js bundle carries the same line in its vendored file (ui/plotly_bundle.py); Dash's files
live in the installed package, so the line is added as they are served.

Only the response body changes: one comment line before the file, the same for every request, so
the component-suite caching (a year for fingerprinted paths) and compression stay as Dash and
server/web.py set them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import dash
from flask import Response

#: The magic comment; it counts only as a file's first line. The vendored plotly.js bundle starts
#: with the same line (ui.plotly_bundle.COMPILE_HINT; the layers keep server and ui apart, and
#: tests/server/test_http.py checks that the two are one line).
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"
#: Dash's route for its packages' files (`Dash._add_url` names the endpoint by its rule).
SUITES_RULE = "_dash-component-suites/<string:package_name>/<path:fingerprinted_path>"


def with_hint(body: bytes) -> bytes:
    """A script's body with the compile hint first (once, however often it is asked)."""
    return body if body.startswith(COMPILE_HINT) else COMPILE_HINT + body


def install(app: dash.Dash) -> None:
    """Wrap Dash's component-suite view so that its JavaScript answers carry the hint."""
    server = app.server
    endpoint = app.config.routes_pathname_prefix + SUITES_RULE
    view: Callable[..., Any] = server.view_functions[endpoint]

    @functools.wraps(view)
    def hinted(*args: Any, **kwargs: Any) -> Any:
        response = view(*args, **kwargs)
        if (
            isinstance(response, Response)
            and response.status_code == 200
            and response.mimetype in {"application/javascript", "text/javascript"}
            and not response.direct_passthrough
        ):
            response.set_data(with_hint(response.get_data()))
        return response

    server.view_functions[endpoint] = hinted
