"""A worker whose data shrank makes way for a fresh one (docs/deployment.md, "Large data"): under
the production gunicorn setup, with synthetic data of a few thousand rows and the memory threshold
set to 0 MB so the small sizes trigger it."""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from bench.generate import synthetic_frame
from tests.conftest import fixture_records, write_data_dir
from tests.server.conftest import Gunicorn, wait_for

pytestmark = pytest.mark.slow

LARGE, SMALL = 3_000, 100


def swap_in(data_dir: Path, rows: int, seed: int) -> None:
    """A synthetic initiatives.csv renamed over the served one, as docs/deployment.md advises."""
    aside = data_dir.parent / f"aside-{rows}"
    aside.mkdir(exist_ok=True)
    synthetic_frame(rows, seed).to_csv(aside / "initiatives.csv", index=False, float_format="%.5f")
    os.replace(aside / "initiatives.csv", data_dir / "initiatives.csv")


class HealthPoller(threading.Thread):
    """/healthz every 50 ms: each answer's pid and data, and every request that failed."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.running = url + "/healthz", True
        self.answers: list[dict] = []
        self.failures: list[str] = []

    def run(self) -> None:
        while self.running:
            try:
                with urllib.request.urlopen(self.url, timeout=30) as response:
                    self.answers.append(json.loads(response.read()))
            except OSError as error:
                self.failures.append(repr(error))
            time.sleep(0.05)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_data_dir(tmp_path / "data", fixture_records())


@pytest.fixture(params=["4", "1"], ids=["gthread", "sync"])
def server(request: pytest.FixtureRequest, tmp_path: Path, data_dir: Path):
    server = Gunicorn(
        tmp_path / "server.log",
        workers=1,
        DATA_DIR=str(data_dir),
        DATA_CHECK_SECONDS="0.2",
        RENEW_GROWTH_MB="0",
        THREADS=request.param,
    )
    yield server
    server.stop()


def served_rows(server: Gunicorn) -> int:
    return server.get("/healthz").json()["data"]["initiatives"]


def test_a_shrink_renews_the_worker_which_serves_the_current_files_at_once(server, data_dir):
    started = server.get("/healthz").json()  # what the master loaded, and every fork inherits
    [first] = server.worker_pids()
    swap_in(data_dir, LARGE, seed=1)
    wait_for(lambda: served_rows(server) == LARGE, seconds=120, what="the large file served")
    assert server.get("/").status == 200
    assert server.worker_pids() == [first], "growing does not renew"

    poller = HealthPoller(server.url)
    poller.start()
    swap_in(data_dir, SMALL, seed=2)
    renewed = wait_for(
        lambda: [a for a in poller.answers if a["pid"] != first], seconds=120, what="a new worker"
    )
    wait_for(lambda: len(poller.answers) > len(renewed) + 5, what="a few more answers")
    poller.running = False
    poller.join()

    assert poller.failures == [], "no health check failed across the renewal"
    [second] = server.worker_pids()
    assert second != first
    from_new = [a for a in poller.answers if a["pid"] == second]
    assert from_new, "the new worker answered"
    # Not the master's (inherited) data, not even for its first answer: the current file's.
    assert {(a["data"]["version"], a["data"]["initiatives"]) for a in from_new} == {
        (from_new[0]["data"]["version"], SMALL)
    }
    assert from_new[0]["data"]["version"] != started["data"]["version"]
    assert "asking gunicorn for a fresh worker" in server.log()
