"""Slow clients cannot starve the app: the documented production command, `scripts/serve`, keeps
answering normal requests while 16 slow-header and 16 slow-body clients hold connections.

Against plain `gunicorn -c gunicorn.conf.py` (the setup before) the same attack left every normal
request unanswered for 10 s (docs/deployment.md "Slow clients"; `python -m bench.slow_clients`).
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from bench.slow_clients import BODY_CLIENTS, HEADER_CLIENTS, attack, served

pytestmark = pytest.mark.slow


def test_normal_requests_are_answered_during_a_slow_client_attack(tmp_path: Path) -> None:
    server = served(tmp_path / "serve.log", workers=2).start()
    try:
        result = attack(server.port)
    finally:
        status = server.stop()
    assert result.slow_connections >= HEADER_CLIENTS + BODY_CLIENTS
    assert result.failed == [], f"not answered in full: {result.failed[:5]}"
    # One after another for 12 s with none lost: far more than the 8 gunicorn threads.
    assert len(result.outcomes) >= 30
    assert {outcome.path for outcome in result.outcomes} == {
        "/",
        "/healthz",
        "/_dash-update-component",
    }
    print(
        f"{len(result.outcomes)} normal requests, p95 {result.percentile(0.95) * 1000:.0f} ms",
    )
    # SIGTERM stops nginx and gunicorn with it, and the run folder goes.
    assert status == 128 + signal.SIGTERM, server.log()
    with pytest.raises(ProcessLookupError):
        os.killpg(server.process.pid, 0)  # type: ignore[union-attr]
    run_folders = [line for line in server.log().splitlines() if "run files" in line]
    assert run_folders, server.log()
    assert not Path(run_folders[0].rsplit("run files ", 1)[1].rstrip(")")).exists()
