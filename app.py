"""Kansenkaart CE: create the Dash app, compose the layout, register the callbacks.

`python app.py` serves it for one user; `gunicorn app:server` serves it in production.
"""

from __future__ import annotations

import logging
import sys

import dash

from callbacks.map_first import blueprint as map_first_blueprint
from kansenkaart import runtime
from kansenkaart.problems import DataError, format_problems
from kansenkaart.settings import load_settings
from kansenkaart.store import update_notice
from layers.map_figure import warm
from server import compile_hint, docs, web
from server.api import blueprint as api_blueprint
from server.ogc import blueprint as ogc_blueprint
from ui import lazy_table, plotly_bundle
from ui.index_page import LinkedIndexDash
from ui.layout import page

log = logging.getLogger("kansenkaart")


def serve_layout():
    """Built per page load from the current data and for the link's own view, so the first
    paint of a shared link is its view (map, texts, controls) and new data shows at once."""
    settings = runtime.settings()
    data = runtime.data()
    view = web.link_view(data.initiative_ids, settings.default_lang)
    notice = update_notice(runtime.status(), view.lang)
    return page(data, view, settings.tour_step_seconds, settings.default_lang, notice)


def create_app() -> dash.Dash:
    settings = load_settings()
    try:
        runtime.configure(settings)
    except DataError as error:
        print(format_problems(error.problems), file=sys.stderr)
        print(
            f"Kansenkaart refuses to start: {len(error.problems)} problem(s) in {settings.data_dir}",
            file=sys.stderr,
        )
        raise SystemExit(1) from None
    warm(runtime.data(), settings.default_lang)  # per-data-version work, before the first view
    # Importing a callback module registers its callbacks.
    import callbacks.compare
    import callbacks.data_status
    import callbacks.details
    import callbacks.downloads
    import callbacks.errors
    import callbacks.language
    import callbacks.map_first
    import callbacks.map_view
    import callbacks.presentation
    import callbacks.table
    import callbacks.timeline
    import callbacks.view_events
    import callbacks.view_links  # noqa: F401

    # Dash's own hints say `server` is a bool and `update_title` a str; both accept what we pass
    # (a Flask app, and None for "no title while updating"), as its documentation says.
    # LinkedIndexDash: the index HTML's lang, title and mode are the link's (ui/index_page.py).
    app = LinkedIndexDash(
        __name__,
        # compression configured before Dash enables it
        server=web.create_server(__name__),  # type: ignore[arg-type]
        on_error=web.log_callback_error,  # a failing callback logs; the browser gets no traceback
        title="Kansenkaart CE",
        compress=True,
        serve_locally=True,
        update_title=None,  # type: ignore[arg-type]
        # Keeps Dash from embedding a second copy of the whole layout in the page; Dash's own
        # check that every callback id exists is tests/unit/test_layout_ids.py instead.
        suppress_callback_exceptions=True,
    )
    app.layout = serve_layout
    lazy_table.defer_bundle()  # AG Grid loads after the map (ui/lazy_table.py)
    web.install(app)  # /healthz, security and cache headers, short error pages
    compile_hint.install(app)  # Dash's scripts compile off the main thread (server/compile_hint.py)
    docs.install(app.server)  # /methodologie
    plotly_bundle.check()  # the page draws with assets/vendor's geo bundle, not the full plotly.js
    app.server.register_blueprint(api_blueprint)  # /api/* and /export/*
    app.server.register_blueprint(ogc_blueprint)  # /ogc: OGC API - Features for GIS
    app.server.register_blueprint(map_first_blueprint)  # /_map-first: the map before the page
    # Dash sets itself up on the first request and marks that done before it is: in a fresh
    # threaded worker, parallel first requests then get 404s for Dash's own scripts. Do it now.
    with app.server.app_context():
        app._setup_server()
    return app


app = create_app()
server = app.server


if __name__ == "__main__":
    config = runtime.settings()
    app.run(
        host=config.host,
        port=config.port,
        debug=config.debug,
        request_handler=web.QuietRequestHandler,  # no Werkzeug or Python version in `Server`
    )
