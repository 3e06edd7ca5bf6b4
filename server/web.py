"""Flask-level hardening of the Dash app: compression, caching, security headers, errors, health.

Everything here is about HTTP, not about the map: `create_server()` makes the Flask server with
compression configured before Dash wraps it, and `install(app)` adds the rest. The app keeps no
per-user state on the server, so any number of workers or machines can serve it.
"""

from __future__ import annotations

import html
import logging
import os
import secrets
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import dash
from dash.exceptions import DependencyException, MissingCallbackContextException
from dash.fingerprint import check_fingerprint
from flask import Flask, Response, abort, has_request_context, jsonify, request
from werkzeug.exceptions import InternalServerError, MethodNotAllowed, NotFound
from werkzeug.security import safe_join
from werkzeug.serving import WSGIRequestHandler

from kansenkaart import runtime
from kansenkaart.i18n import t
from kansenkaart.registry import LANGUAGES
from kansenkaart.state import link_view as state_link_view
from kansenkaart.store import DataStatus
from kansenkaart.view import View
from server import callback_requests

log = logging.getLogger("kansenkaart.web")

IMMUTABLE = "public, max-age=31536000, immutable"
#: Revalidate every time (cheap with ETag / Last-Modified): HTML and unversioned files.
REVALIDATE = "no-cache"
#: Answers that depend on the moment (data version, health): never stored.
NO_STORE = "no-store"
NO_STORE_PREFIXES = ("/_dash-layout", "/_dash-dependencies", "/_dash-update-component", "/healthz")
JSON_PREFIXES = ("/api/", "/api", "/export/", "/_dash-", "/_map-first", "/healthz")
COMPONENT_SUITES = "/_dash-component-suites/"
ASSETS = "/assets/"
#: Callback requests are a few KB; this refuses absurd bodies before they are parsed.
MAX_REQUEST_BYTES = 2 * 1024 * 1024
#: A test-only route that raises, to check what a user sees of an internal error.
TEST_ROUTES_ENV = "KANSENKAART_TEST_ROUTES"

COMPRESS_MIMETYPES = [
    "text/html",
    "text/css",
    "text/plain",
    "text/csv",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/geo+json",
    "application/manifest+json",
    "image/svg+xml",
    "image/x-icon",
]

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # Outbound source links tell the source site only that the visit came from this origin.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


# --- the server -----------------------------------------------------------------------------


class QuietFlask(Flask):
    """Flask that leaves logging an unhandled error to `internal_error`, which logs the
    traceback once, together with the reference the user is shown."""

    def log_exception(self, exc_info: object) -> None:
        return None


def create_server(import_name: str = "app") -> Flask:
    """The Flask server for Dash, configured before Dash's flask-compress reads the settings."""
    server = QuietFlask(import_name)
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_ALGORITHM_STREAMING=["br", "deflate"],
        COMPRESS_BR_LEVEL=5,
        COMPRESS_LEVEL=6,
        COMPRESS_MIN_SIZE=1024,
        COMPRESS_MIMETYPES=COMPRESS_MIMETYPES,
        COMPRESS_CACHE_BACKEND=StaticCompressionCache,
        COMPRESS_CACHE_KEY=compression_cache_key,
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        PROPAGATE_EXCEPTIONS=False,
    )
    return server


def install(app: dash.Dash) -> None:
    """Add health, headers and error handling to a Dash app built on `create_server()`."""
    configure_logging()
    server = app.server
    server.add_url_rule("/healthz", "healthz", healthz, methods=["GET"])
    server.register_error_handler(InternalServerError, internal_error)
    server.register_error_handler(DependencyException, unknown_component_file)
    server.register_error_handler(NotFound, not_found)
    server.register_error_handler(MethodNotAllowed, method_not_allowed)
    server.add_url_rule("/robots.txt", "robots", robots_txt, methods=["GET"])
    server.before_request(lambda: refuse_unknown_paths(app))
    hide_versions(app)
    server.before_request(CallbackChecker(app).refuse_malformed)
    policy = ContentSecurityPolicy(app, runtime.settings().frame_ancestors)
    server.after_request(lambda response: add_headers(response, policy, app))
    if os.environ.get(TEST_ROUTES_ENV) == "1":
        server.add_url_rule("/_test/error", "test_error", _raise_for_test)


def configure_logging() -> None:
    """Log INFO and up to stderr (gunicorn's error log) unless the host configured logging."""
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO,
            format="%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s",
        )


# --- compression of static files ------------------------------------------------------------


def compression_cache_key(req: object) -> str:
    """Component-suite files never change while a process runs: compress each once.

    The fingerprint is stripped, so made-up version stamps map to the same few keys.
    """
    path = request.path
    if request.method == "GET" and path.startswith(COMPONENT_SUITES):
        return "static:" + check_fingerprint(path)[0]
    return "-"


class StaticCompressionCache:
    """flask-compress cache that keeps only component-suite files (plotly.js is 4.8 MB and
    takes 0.1 s to compress); everything else is compressed per response as before."""

    LIMIT = 64

    def __init__(self) -> None:
        self._entries: OrderedDict[str, bytes] = OrderedDict()

    def get(self, key: str) -> bytes | None:
        return self._entries.get(key)

    def set(self, key: str, value: bytes) -> None:
        if ";static:" not in key or key in self._entries:
            return
        self._entries[key] = value
        while len(self._entries) > self.LIMIT:
            self._entries.popitem(last=False)


# --- headers --------------------------------------------------------------------------------


class ContentSecurityPolicy:
    """The CSP header, built on the first response: by then every inline script Dash writes
    into the page (the renderer, clientside callbacks) is known and can be allowed by hash."""

    def __init__(self, app: dash.Dash, frame_ancestors: tuple[str, ...] = ()) -> None:
        self._app = app
        self._value: str | None = None
        #: Origins that may frame the page (FRAME_ANCESTORS); empty: none may.
        self.frame_ancestors = frame_ancestors

    @property
    def value(self) -> str:
        if self._value is None:
            hashes = list(self._app.csp_hashes())
            self._value = content_security_policy(hashes, self.frame_ancestors)
        return self._value


def content_security_policy(script_hashes: list[str], frame_ancestors: tuple[str, ...] = ()) -> str:
    """Only this origin; inline scripts only by hash; inline styles because plotly sets them;
    framed only by the origins of FRAME_ANCESTORS (none by default)."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "frame-ancestors": list(frame_ancestors) or ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add_headers(response: Response, policy: ContentSecurityPolicy, app: dash.Dash) -> Response:
    """Security headers on every response; a cache lifetime that fits what was served."""
    response.headers["Content-Security-Policy"] = policy.value
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if policy.frame_ancestors:  # X-Frame-Options cannot name origins: CSP alone decides then
        response.headers.pop("X-Frame-Options", None)
    cache_control = cache_policy(response, app.config.assets_folder)
    if cache_control:
        response.headers["Cache-Control"] = cache_control
    return response


def cache_policy(response: Response, assets_folder: str) -> str | None:
    """A year for URLs that change with their content, revalidation for the rest.

    Returns None to keep what the view set (the API caches its answers for 5 minutes).
    """
    path = request.path
    if response.status_code not in (200, 304):
        return None if "Cache-Control" in response.headers else NO_STORE
    if path.startswith(COMPONENT_SUITES):
        return IMMUTABLE if check_fingerprint(path)[1] else REVALIDATE
    if path.startswith(ASSETS):
        fingerprinted = asset_is_fingerprinted(path.removeprefix(ASSETS), assets_folder)
        return IMMUTABLE if fingerprinted else REVALIDATE
    if path.startswith(NO_STORE_PREFIXES):
        return NO_STORE
    if "Cache-Control" in response.headers:
        return None
    return REVALIDATE


def asset_is_fingerprinted(relative: str, assets_folder: str) -> bool:
    """Dash links assets as `/assets/x.css?m=<mtime>`; only that exact version may be kept."""
    stamp = request.args.get("m")
    full = safe_join(assets_folder, relative)
    if not stamp or full is None:
        return False
    try:
        return float(stamp) == Path(full).stat().st_mtime
    except (OSError, ValueError):
        return False


# --- requests -------------------------------------------------------------------------------

CALLBACK_PATH = "/_dash-update-component"


class CallbackChecker:
    """Checks callback requests against the app's callbacks and the layout's component types
    (learnt from the layout at the first callback request: by then every module has added to it)."""

    def __init__(self, app: dash.Dash) -> None:
        self._app = app
        self._types: callback_requests.PropertyTypes | None = None

    def types(self) -> callback_requests.PropertyTypes:
        if self._types is None:
            layout = self._app.layout
            self._types = callback_requests.PropertyTypes(layout() if callable(layout) else layout)
        return self._types

    def refuse_malformed(self) -> Response | None:
        """A callback request the page could not have sent is a 4xx with a short message, not
        a 500 and a traceback in the log: Dash itself assumes a well-formed body."""
        if request.path != CALLBACK_PATH or request.method != "POST":
            return None
        try:
            body = callback_requests.read_body(request.get_data(cache=True), request.mimetype)
            callback_requests.check(body, self._app.callback_map, self.types())
        except callback_requests.BadCallbackRequest as problem:
            return bad_request(problem.message, problem.status)
        return None


def bad_request(message: str, status: int = 400) -> Response:
    """A client's mistake: JSON naming it, never stored; nothing in the log (the access log has
    the request)."""
    response = jsonify(error="bad request", message=message)
    response.status_code = status
    response.headers["Cache-Control"] = NO_STORE
    return response


# --- what exists, and what it tells -----------------------------------------------------------

#: Crawlers may index the page; the data routes are for scripts and would only cost CPU.
ROBOTS_TXT = """User-agent: *
Allow: /$
Allow: /methodologie
Disallow: /api/
Disallow: /export/
Disallow: /ogc
Disallow: /_dash-
"""
#: Keys of Dash's page config (`_dash-config`) that name the software and its versions; only
#: Dash's dev tools (DEBUG) read them.
VERSION_KEYS = (
    "dash_version",
    "python_version",
    "plotly_version",
    "ddk_version",
    "dash_version_url",
)


def robots_txt() -> Response:
    return Response(ROBOTS_TXT, mimetype="text/plain")


def refuse_unknown_paths(app: dash.Dash) -> None:
    """Dash answers every unknown path with the page (its catch-all, for multi-page apps): this
    app has one page, so `/.env` or `/wp-login.php` is a 404. `/_reload-hash` serves Dash's hot
    reload and exists only with DEBUG."""
    prefix = app.config.routes_pathname_prefix
    if request.endpoint == prefix + "<path:path>":
        abort(404)
    if request.endpoint == prefix + "_reload-hash" and not app._dev_tools.hot_reload:
        abort(404)


def not_found(error: NotFound) -> tuple[Response | str, int]:
    """A short page in the visitor's language (JSON for scripts), never the app page."""
    lang = _language()
    if wants_json():
        response = jsonify(error="not found", message=f"nothing at {request.path[:200]}")
        response.headers["Cache-Control"] = NO_STORE
        return response, 404
    return _error_page(t("not_found_page", lang), request.path[:200], lang), 404


def method_not_allowed(error: MethodNotAllowed) -> tuple[Response, int]:
    response = jsonify(error="method not allowed", message=f"{request.method} is not allowed here")
    response.headers["Cache-Control"] = NO_STORE
    if error.valid_methods:
        response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
    return response, 405


def hide_versions(app: dash.Dash) -> None:
    """The page config Dash embeds names the Python, Dash and plotly versions (for its dev tools'
    update check): an attacker's shortcut to known bugs. Left out unless the dev tools are on."""
    full_config = app._config

    def config() -> dict:
        shown = full_config()
        if not app._dev_tools.ui:
            for key in VERSION_KEYS:
                shown.pop(key, None)
        return shown

    app._config = config  # type: ignore[method-assign]


class QuietRequestHandler(WSGIRequestHandler):
    """Werkzeug's development server (`python app.py`) names itself and Python's version in
    `Server`; this one names the app (app.py passes it to `app.run`). gunicorn sends `Server:
    gunicorn` itself, without a version."""

    def version_string(self) -> str:
        return "Kansenkaart CE"


# --- health ---------------------------------------------------------------------------------


def healthz() -> tuple[Response, int]:
    """For load balancers and operators: 200 while serving data (even if an update was
    refused: then "degraded", with the problems), 503 when this process has no data."""
    try:
        status = runtime.status()
    except Exception:
        log.exception("health check: no data")
        return jsonify(status="unavailable", pid=os.getpid()), 503
    return jsonify(health_report(status)), 200


def health_report(status: DataStatus, limit: int = 50) -> dict[str, object]:
    """The JSON of /healthz: what is served and, if refused, why (at most `limit` problems)."""
    rejected = None
    if status.rejected is not None:
        rejected = {
            "at": status.rejected_at.isoformat() if status.rejected_at else None,
            "count": len(status.rejected),
            "problems": [
                {"file": p.file, "line": p.line, "field": p.field, "message": p.message}
                for p in status.rejected[:limit]
            ],
        }
    # An update under way: "pending" (files still changing) or "reloading" (being validated, in
    # the background); the version above is served meanwhile.
    update = None
    if status.update is not None:
        since = status.update_since.isoformat() if status.update_since else None
        update = {"state": status.update, "since": since}
    return {
        "status": "ok" if status.ok else "degraded",
        "data": {
            "version": status.version,
            "initiatives": status.initiatives,
            "loaded_at": status.loaded_at.isoformat(),
        },
        "rejected": rejected,
        "update": update,
        "pid": os.getpid(),
    }


# --- errors ---------------------------------------------------------------------------------


def internal_error(error: InternalServerError) -> tuple[Response | str, int]:
    """Log the traceback with a reference; show the user only a short message and the reference."""
    reference = secrets.token_hex(4)
    original = error.original_exception or error
    log.error(
        "internal error %s on %s %s",
        reference,
        request.method,
        request.path,
        exc_info=(type(original), original, original.__traceback__),
    )
    lang = _language()
    message = t("error_page", lang)
    if wants_json():
        body = jsonify(error="internal error", message=message, reference=reference)
        body.headers["Cache-Control"] = NO_STORE
        return body, 500
    return _error_page(message, t("error_reference", lang, ref=reference), lang), 500


def unknown_component_file(error: DependencyException) -> tuple[Response | str, int]:
    """Dash raises (a 500) for a component-suite path it does not know: that is a 404."""
    if not request.path.startswith(COMPONENT_SUITES):
        return internal_error(InternalServerError(original_exception=error))
    response = jsonify(error="not found", message=f"no such file: {request.path[:200]}")
    response.headers["Cache-Control"] = NO_STORE
    return response, 404


def wants_json() -> bool:
    """Scripts and Dash's own requests get JSON; a person opening a page gets HTML."""
    if request.path.startswith(JSON_PREFIXES):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def link_view(initiatives: frozenset[str], default_lang: str) -> View:
    """The view of the page being loaded. Dash fetches the layout from /_dash-layout, without
    the page's query string; the browser names the page in the Referer (same origin, so the
    full address under our Referrer-Policy). Bad parameters are left out here: the page's first
    callback names them in the notice. No Referer (a privacy setting): the default view."""
    if not has_request_context():  # Dash builds the layout once at start-up, too
        return View(lang=default_lang)
    page = urlsplit(request.referrer or "")
    query = page.query if page.netloc in ("", request.host) else ""
    return state_link_view(query, default_lang, initiatives)


def _language() -> str:
    try:
        default = runtime.settings().default_lang
    except AssertionError:
        default = "nl"
    lang = request.args.get("lang", default)
    return lang if lang in LANGUAGES else default


def _error_page(message: str, reference: str, lang: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        "<title>Kansenkaart CE</title></head><body>"
        f'<h1>Kansenkaart CE</h1><p>{html.escape(message)}</p><p><a href="/">/</a></p>'
        f"<p><small>{html.escape(reference)}</small></p></body></html>"
    )


def _raise_for_test() -> str:
    raise RuntimeError("forced internal error (test route) with a secret: s3cr3t-path")


# --- callbacks ------------------------------------------------------------------------------

_callback_error_listeners: list[Callable[[str], None]] = []


def on_callback_error(show: Callable[[str], None]) -> None:
    """Let the UI show a notice when a callback fails; `show(reference)` runs inside the failed
    callback, so it may call `dash.set_props(...)` on a notice component."""
    _callback_error_listeners.append(show)


def _triggered_id() -> object:
    """What triggered the failing callback; None when called outside one."""
    try:
        return dash.ctx.triggered_id
    except MissingCallbackContextException:
        return None


def log_callback_error(error: Exception) -> None:
    """Dash(on_error=...): log the traceback, send the browser no traceback and no update."""
    reference = secrets.token_hex(4)
    log.error(
        "callback error %s (triggered by %s)",
        reference,
        _triggered_id(),
        exc_info=(type(error), error, error.__traceback__),
    )
    for show in _callback_error_listeners:
        try:
            show(reference)
        except Exception:
            log.exception("callback error notice failed")
    return None
