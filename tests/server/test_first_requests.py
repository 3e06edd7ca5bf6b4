"""A fresh threaded worker answers its very first requests, in parallel, without 404s.

Dash sets itself up lazily on the first request and marks that done before it is, so parallel
first requests used to get 404s for Dash's own scripts (the page then never drew). app.py now
sets Dash up before serving.
"""

from __future__ import annotations

import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor

from tests.server.conftest import Gunicorn


class ColdGunicorn(Gunicorn):
    """Ready as soon as the port accepts connections: no warm-up request before the test's own."""

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"gunicorn did not listen:\n{self.log()}")


def test_parallel_first_requests_get_the_page_and_its_scripts(tmp_path):
    server = ColdGunicorn(tmp_path / "gunicorn.log", workers=1, THREADS="8", PRELOAD="0")
    try:
        first = ["/", "/_dash-layout", "/_dash-dependencies"] * 3
        with ThreadPoolExecutor(max_workers=9) as pool:
            replies = list(pool.map(server.get, first))
        assert [r.status for r in replies] == [200] * len(first)
        assert all(len(r.json()) > 5 for r in replies[2::3])  # every callback is known
        scripts = re.findall(r'src="([^"]+\.js[^"]*)"', replies[0].text)
        assert scripts, "the page names its scripts"
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(lambda path: server.get(path).status, scripts))
        assert set(statuses) == {200}
    finally:
        server.stop()
