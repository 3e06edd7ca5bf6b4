"""What production serving promises over HTTP: workers, health, compression, caching, security
headers and short error messages. Runs against gunicorn as configured by gunicorn.conf.py."""

from __future__ import annotations

import gzip
import http.client
import io
import json
import re
import zipfile
from pathlib import Path

import brotli
import dash
import pytest

from kansenkaart.dataset import load_dataset
from server import compile_hint
from tests.conftest import DATA_DIR
from tests.server.conftest import Gunicorn, Reply
from ui import plotly_bundle

pytestmark = pytest.mark.slow

SHIPPED = load_dataset(DATA_DIR)
IMMUTABLE = "public, max-age=31536000, immutable"


def page_urls(server: Gunicorn) -> list[str]:
    html = server.get("/").text
    return re.findall(r'(?:src|href)="(/[^"]+)"', html)


def component_suite_url(server: Gunicorn) -> str:
    return next(u for u in page_urls(server) if "dash_renderer" in u)


def asset_url(server: Gunicorn) -> str:
    return next(u for u in page_urls(server) if u.startswith("/assets/style.css?m="))


def without_page_token(body: bytes) -> bytes:
    """Each page load carries its own signed token (Dash's `end_id`); the rest is identical."""
    return re.sub(rb'"end_id":\s*"[^"]*"', b"", body)


# --- workers and health ---------------------------------------------------------------------


def test_gunicorn_serves_with_two_workers(gunicorn):
    assert len(gunicorn.worker_pids()) == 2
    reply = gunicorn.get("/")
    assert reply.status == 200 and "DashRenderer" in reply.text


def test_healthz_reports_the_data_served(gunicorn):
    reply = gunicorn.get("/healthz")
    assert reply.status == 200
    report = reply.json()
    assert report["status"] == "ok" and report["rejected"] is None
    assert report["data"]["version"] == SHIPPED.version
    assert report["data"]["initiatives"] == len(SHIPPED.initiatives)
    assert report["data"]["loaded_at"].endswith("+00:00")
    assert report["pid"] in gunicorn.worker_pids()
    assert reply.headers["Cache-Control"] == "no-store"


# --- compression ----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gzip", "br"])
@pytest.mark.parametrize(
    "path", ["/", "DASH_RENDERER", "/_dash-layout", "/_dash-dependencies", "/api/initiatives"]
)
def test_responses_are_compressed(gunicorn, path, encoding):
    path = component_suite_url(gunicorn) if path == "DASH_RENDERER" else path
    plain, reply = plain_and_compressed(gunicorn, path, encoding)
    assert reply.status == 200
    assert reply.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in reply.headers["Vary"]
    decompress = gzip.decompress if encoding == "gzip" else brotli.decompress
    assert without_page_token(decompress(reply.body)) == without_page_token(plain)
    assert len(reply.body) < len(plain)


def plain_and_compressed(server: Gunicorn, path: str, encoding: str) -> tuple[bytes, Reply]:
    """Both over one keep-alive connection, so from the same worker (each worker walks the
    assets folder at its first request, and the page lists what it found)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", path)
    plain = connection.getresponse().read()
    connection.request("GET", path, headers={"Accept-Encoding": encoding})
    response = connection.getresponse()
    reply = Reply(response.status, dict(response.headers), response.read())
    connection.close()
    return plain, reply


def test_geojson_is_compressed(gunicorn):
    reply = gunicorn.get("/api/initiatives", headers={"Accept-Encoding": "gzip"})
    assert reply.headers["Content-Type"].startswith("application/geo+json")
    assert reply.headers["Content-Encoding"] == "gzip"


def test_tiny_answers_are_left_alone(gunicorn):
    reply = gunicorn.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in reply.headers


# --- compile hint -------------------------------------------------------------------------


def test_dash_scripts_ask_v8_to_compile_them_while_they_stream_in(gunicorn):
    page = gunicorn.get("/").text
    scripts = re.findall(r'<script src="([^"]*_dash-component-suites[^"]*\.js)"', page)
    assert len(scripts) >= 5, scripts
    for url in scripts:
        body = gunicorn.get(url).body
        assert body.startswith(compile_hint.COMPILE_HINT), url
        assert body.count(compile_hint.COMPILE_HINT) == 1, url
    plotly = gunicorn.get("/assets/vendor/" + plotly_bundle.BUNDLE.name).body
    assert plotly.startswith(compile_hint.COMPILE_HINT)


def test_the_hinted_script_is_the_package_s_file_after_one_line(gunicorn):
    reply = gunicorn.get(component_suite_url(gunicorn), headers={"Accept-Encoding": "br"})
    installed = (
        Path(dash.__file__).parent / "dash-renderer/build/dash_renderer.min.js"
    ).read_bytes()
    assert brotli.decompress(reply.body) == compile_hint.COMPILE_HINT + installed


def test_the_bundle_and_dash_s_scripts_carry_one_and_the_same_hint():
    assert compile_hint.COMPILE_HINT == plotly_bundle.COMPILE_HINT


def test_the_hint_is_written_once():
    assert compile_hint.with_hint(b"x()") == compile_hint.COMPILE_HINT + b"x()"
    assert compile_hint.with_hint(compile_hint.with_hint(b"x()")) == compile_hint.with_hint(b"x()")


# --- caching --------------------------------------------------------------------------------


def test_fingerprinted_files_are_cached_for_a_year(gunicorn):
    for url in (component_suite_url(gunicorn), asset_url(gunicorn)):
        reply = gunicorn.get(url)
        assert reply.status == 200
        assert reply.headers["Cache-Control"] == IMMUTABLE, url


@pytest.mark.parametrize(
    "path",
    [
        "/assets/style.css",
        "/assets/style.css?m=123",
        "/assets/topojson/world_110m.json",
        "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.min.js",
        "/",
    ],
)
def test_unversioned_urls_are_revalidated(gunicorn, path):
    reply = gunicorn.get(path)
    assert reply.status == 200
    assert reply.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path", ["/_dash-layout", "/_dash-dependencies", "/healthz"])
def test_data_dependent_answers_are_not_stored(gunicorn, path):
    assert gunicorn.get(path).headers["Cache-Control"] == "no-store"


def test_api_keeps_its_own_short_cache(gunicorn):
    cache_control = gunicorn.get("/api/initiatives").headers["Cache-Control"]
    assert "immutable" not in cache_control and "max-age=300" in cache_control


def test_a_revalidated_plotly_costs_no_body(gunicorn):
    path = "/_dash-component-suites/plotly/package_data/plotly.min.js"
    first = gunicorn.get(path, headers={"Accept-Encoding": "br"})
    again = gunicorn.get(
        path, headers={"Accept-Encoding": "br", "If-None-Match": first.headers["ETag"]}
    )
    assert again.status == 304 and again.body == b""


# --- security headers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "ASSET", "/_dash-layout", "/api/initiatives", "/api/nope", "/healthz"]
)
def test_security_headers_on_every_response(gunicorn, path):
    path = asset_url(gunicorn) if path == "ASSET" else path
    headers = gunicorn.get(path).headers
    csp = headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data: blob:",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ):
        assert directive in csp
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'sha256-" in script_src
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


# --- errors ---------------------------------------------------------------------------------

SECRET = "s3cr3t-path"


def test_internal_error_page_is_short_and_logged(gunicorn):
    reply = gunicorn.get("/_test/error", headers={"Accept": "text/html"})
    assert reply.status == 500
    assert reply.headers["Content-Type"].startswith("text/html")
    assert "Er ging iets mis" in reply.text
    assert "Traceback" not in reply.text and SECRET not in reply.text
    reference = re.search(r"Foutcode: ([0-9a-f]{8})", reply.text).group(1)
    log = gunicorn.log()
    assert f"internal error {reference} on GET /_test/error" in log
    assert "Traceback" in log and SECRET in log
    assert "Content-Security-Policy" in reply.headers


def test_internal_error_for_scripts_is_json(gunicorn):
    reply = gunicorn.get("/_test/error", headers={"Accept": "application/json"})
    assert reply.status == 500
    body = reply.json()
    assert set(body) == {"error", "message", "reference"}
    assert SECRET not in reply.text and "Traceback" not in reply.text


def post_callback(server: Gunicorn, body: bytes) -> object:
    return server.request(
        "/_dash-update-component",
        method="POST",
        headers={"Content-Type": "application/json"},
        data=body,
    )


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        json.dumps({"output": "nope.children", "outputs": [], "inputs": []}).encode(),
        json.dumps({"output": None}).encode(),
    ],
)
def test_malformed_callback_requests_are_400_not_500(gunicorn, body):
    reply = post_callback(gunicorn, body)
    assert reply.status == 400
    assert reply.json()["error"] == "bad request"
    assert "Traceback" not in reply.text


def test_a_known_callback_with_nonsense_inputs_is_400_with_one_log_line_at_most(gunicorn):
    """Under gunicorn as in production: the body names a real callback but nothing else fits.
    Before, Dash failed inside (a 500 and a traceback in the log)."""
    dependencies = gunicorn.get("/_dash-dependencies").json()
    callback = next(c for c in dependencies if c["inputs"])
    body = {
        "output": callback["output"],
        "outputs": [{"id": "x", "property": "y"}],
        "inputs": [{"id": {"bogus": 1}, "property": "value", "value": {"x": [1]}}],
        "changedPropIds": ["nope"],
    }
    before = gunicorn.log()
    reply = post_callback(gunicorn, json.dumps(body).encode())
    assert reply.status == 400
    assert set(reply.json()) == {"error", "message"}
    assert "Traceback" not in reply.text and 'File "' not in reply.text
    added = gunicorn.log()[len(before) :]
    assert "Traceback" not in added and len(added.splitlines()) <= 1


@pytest.mark.parametrize(
    "path",
    [
        "/_dash-component-suites/dash/../../../etc/passwd",
        "/_dash-component-suites/plotly/nope.v1_0m1.js",
    ],
)
def test_unknown_component_files_are_404(gunicorn, path):
    reply = gunicorn.get(path)
    assert reply.status == 404
    assert "passwd" not in reply.text or reply.json()["error"] == "not found"


# --- what exists, and what it tells (issue 15) ----------------------------------------------


@pytest.mark.parametrize("path", ["/.env", "/wp-login.php", "/nope/deeper", "/_reload-hash"])
def test_unknown_and_dev_only_paths_are_404(gunicorn, path):
    """Before: 200 with the app page (Dash's catch-all) and Dash's hot-reload hash."""
    reply = gunicorn.get(path, headers={"Accept": "text/html"})
    assert reply.status == 404
    assert "DashRenderer" not in reply.text
    assert "Deze pagina bestaat niet" in reply.text
    english = gunicorn.get(path + "?lang=en", headers={"Accept": "text/html"})
    assert "This page does not exist" in english.text


def test_robots_txt_allows_the_page_and_keeps_crawlers_off_the_data(gunicorn):
    reply = gunicorn.get("/robots.txt")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/plain")
    lines = reply.text.splitlines()
    assert "User-agent: *" in lines and "Allow: /$" in lines
    for path in ("/api/", "/export/", "/ogc", "/_dash-"):
        assert f"Disallow: {path}" in lines


def test_no_software_versions_are_exposed(gunicorn):
    import dash
    import plotly

    page = gunicorn.get("/")
    config = json.loads(
        re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', page.text)
        .group(1)
        .replace("\\u002f", "/")
    )
    assert config["ui"] is False and config["props_check"] is False
    for key in ("dash_version", "python_version", "plotly_version", "ddk_version"):
        assert key not in config
    assert f'"{dash.__version__}"' not in page.text and f'"{plotly.__version__}"' not in page.text
    for path in ("/", "/healthz", "/nope"):
        server = gunicorn.get(path).headers.get("Server", "")
        assert not re.search(r"\d", server), server


# --- links are built from PUBLIC_URL, never from the Host header (issue 15) -----------------

EVIL = "evil.example"
LINKED = [
    "/export/initiatives.xlsx?theme=energy",
    "/export/provinces.xlsx",
    "/export/initiatives.csv",
    "/export/provinces.csv",
    "/export/initiatives.geojson",
    "/export/provinces.geojson",
    "/export/map.svg?theme=energy",
    "/api/initiatives?limit=5",
    "/api/provinces",
    "/api/openapi.json",
    "/ogc",
    "/ogc?f=html",
    "/ogc/collections",
    "/ogc/collections/initiatives",
    "/ogc/collections/initiatives/items?limit=5",
    "/ogc/collections/initiatives/items?limit=5&f=html",
    "/ogc/collections/provinces/items/PV22",
]


def all_text(reply: Reply) -> str:
    """The body as text; an xlsx is a zip of XML parts, all of them read."""
    if reply.body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(reply.body)) as book:
            return "".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    return reply.text


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    """The app with PUBLIC_URL set, one worker."""
    log = tmp_path_factory.mktemp("public") / "server.log"
    server = Gunicorn(log, workers=1, PUBLIC_URL="https://kansenkaart.example.nl/")
    yield server
    server.stop()


@pytest.mark.parametrize("path", LINKED)
def test_a_forged_host_never_reaches_a_link(public, path):
    """Before: the Excel about-sheet link, the map's credit and the API's and OGC's links
    carried whatever Host the client sent."""
    reply = public.get(path, headers={"Host": EVIL, "X-Forwarded-Host": EVIL})
    assert reply.status == 200, reply.text[:300]
    text = all_text(reply)
    assert EVIL not in text and EVIL not in str(reply.headers)
    if path.startswith(("/ogc", "/api/initiatives", "/export/initiatives.xlsx")):
        assert "https://kansenkaart.example.nl/" in text


def test_without_public_url_links_name_the_address_served(gunicorn):
    """The documented fallback: http://HOST:PORT from the settings, still not the Host header."""
    reply = gunicorn.get("/api/initiatives?limit=5", headers={"Host": EVIL})
    hrefs = [link["href"] for link in reply.json()["links"]]
    assert hrefs and all(h.startswith(gunicorn.url + "/api/initiatives?") for h in hrefs)


@pytest.mark.parametrize(
    ("host", "public_url", "expected"),
    [
        ("127.0.0.1", "", "http://127.0.0.1:8050"),
        ("0.0.0.0", "", "http://127.0.0.1:8050"),
        ("::1", "", "http://[::1]:8050"),
        ("0.0.0.0", "https://kaart.example.nl/ce", "https://kaart.example.nl/ce"),
    ],
)
def test_the_site_address_comes_from_the_settings_alone(host, public_url, expected):
    from kansenkaart.settings import Settings
    from server.links import site_url

    assert site_url(Settings(host=host, port=8050, public_url=public_url)) == expected


def test_the_development_server_names_no_version():
    """`python app.py` (scripts/start): before, `Server: Werkzeug/3.x Python/3.11.x`."""
    from tests.browser.conftest import AppServer

    server = AppServer()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        connection.request("GET", "/healthz")
        response = connection.getresponse()
        response.read()
        assert response.msg.get_all("Server") == ["Kansenkaart CE"]
    finally:
        server.stop()
