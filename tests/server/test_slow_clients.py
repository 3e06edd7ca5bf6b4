"""Slow clients cannot starve the app: the documented production command, `scripts/serve`, keeps
answering normal requests while 16 slow-header and 16 slow-body clients hold connections.

Against plain `gunicorn -c gunicorn.conf.py` (the setup before) the same attack left every normal
request unanswered for 10 s (docs/deployment.md "Slow clients"; `python -m bench.slow_clients`).
The tests run in file order on one `scripts/serve`; the last one stops it.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest

from bench.slow_clients import BODY_CLIENTS, HEADER_CLIENTS, ROOT, Server, attack, served

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = served(tmp_path_factory.mktemp("serve") / "serve.log", workers=2).start()
    yield server
    server.stop()


def test_normal_requests_are_answered_during_a_slow_client_attack(serve: Server) -> None:
    result = attack(serve.port)
    assert result.slow_connections >= HEADER_CLIENTS + BODY_CLIENTS
    assert result.failed == [], f"not answered in full: {result.failed[:5]}"
    # One after another for 12 s with none lost: far more than the 8 gunicorn threads.
    assert len(result.outcomes) >= 30
    assert {outcome.path for outcome in result.outcomes} == {
        "/",
        "/healthz",
        "/_dash-update-component",
    }
    print(f"{len(result.outcomes)} normal requests, p95 {result.percentile(0.95) * 1000:.0f} ms")


def answer(
    port: int, method: str, path: str, body: bytes | None = None, **headers: str
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_nginx_passes_the_apps_answers_through(serve: Server) -> None:
    # The app's own brotli, compressed once; no nginx version in the Server header.
    status, headers, body = answer(serve.port, "GET", "/", **{"Accept-Encoding": "br"})
    assert status == 200 and headers["Content-Encoding"] == "br"
    assert brotli.decompress(body).rstrip().endswith(b"</html>")
    assert headers["Server"] == "nginx"
    assert "Content-Security-Policy" in headers
    # A body over the app's 2 MB limit: a short JSON refusal from nginx, not its HTML page.
    status, headers, body = answer(
        serve.port, "POST", "/_dash-update-component", b"x" * (2 * 1024 * 1024 + 1)
    )
    assert status == 413 and headers["Content-Type"] == "application/json"
    assert "2 MB" in json.loads(body)["message"]


def test_sigterm_stops_nginx_and_gunicorn_and_removes_the_run_folder(serve: Server) -> None:
    status = serve.stop()
    assert status == 128 + signal.SIGTERM, serve.log()
    assert serve.process is not None
    with pytest.raises(ProcessLookupError):
        os.killpg(serve.process.pid, 0)
    started = [line for line in serve.log().splitlines() if "run files" in line]
    assert started, serve.log()
    assert not Path(started[0].rsplit("run files ", 1)[1].rstrip(")")).exists()


@pytest.mark.parametrize(
    ("setting", "value"),
    [("HOST", "0.0.0.0; include /etc/passwd"), ("PORT", "80a"), ("TIMEOUT", "1m")],
)
def test_a_bad_setting_stops_the_start_naming_it(setting: str, value: str) -> None:
    done = subprocess.run(
        [str(ROOT / "scripts" / "serve")],
        env={**os.environ, "PORT": "8119", setting: value},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "invalid setting" in done.stderr and setting in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
