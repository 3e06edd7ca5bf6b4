"""Rewriting the data while gunicorn runs: good versions are picked up by every worker, a bad
one is refused (old data still served, /healthz says why), and fixing the file clears it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import fixture_records, write_data_dir
from tests.server.conftest import Gunicorn, wait_for

pytestmark = pytest.mark.slow

WORKERS = 2


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_data_dir(tmp_path / "data", fixture_records())


@pytest.fixture
def server(tmp_path: Path, data_dir: Path):
    server = Gunicorn(
        tmp_path / "server.log", workers=WORKERS, DATA_DIR=str(data_dir), DATA_CHECK_SECONDS="0.5"
    )
    yield server
    server.stop()


def every_worker(server: Gunicorn, accept: Callable[[dict], bool]) -> dict[int, dict]:
    """Ask /healthz until each worker has answered in a way `accept` likes."""
    reports: dict[int, dict] = {}

    def all_agree() -> bool:
        report = server.get("/healthz").json()
        reports[report["pid"]] = report
        return len(reports) == WORKERS and all(accept(r) for r in reports.values())

    wait_for(all_agree, what="every worker to see the change")
    return reports


def served_count(server: Gunicorn) -> int:
    return len(server.get("/api/initiatives").json()["features"])


def write(data_dir: Path, records: list[dict[str, str]]) -> None:
    write_data_dir(data_dir, records)


def test_valid_invalid_and_fixed_updates(server, data_dir):
    first = server.get("/healthz").json()
    assert first["data"]["initiatives"] == 6 and first["status"] == "ok"

    write(data_dir, fixture_records()[:4])
    reports = every_worker(server, lambda r: r["data"]["initiatives"] == 4)
    second = next(iter(reports.values()))
    assert second["data"]["version"] != first["data"]["version"]
    assert second["status"] == "ok" and second["rejected"] is None
    assert served_count(server) == 4

    broken = fixture_records()
    broken[2]["lat"] = "abc"
    broken[3]["themes"] = "circularity"
    write(data_dir, broken)
    reports = every_worker(server, lambda r: r["status"] == "degraded")
    for report in reports.values():
        served = (report["data"]["version"], report["data"]["initiatives"])
        assert served == (second["data"]["version"], 4), "still serving the last good version"
        rejected = report["rejected"]
        assert rejected["count"] == 2
        assert [(p["line"], p["field"]) for p in rejected["problems"]] == [
            (4, "lat"),
            (5, "themes"),
        ]
        assert "'abc' is not a number" in rejected["problems"][0]["message"]
    assert server.get("/healthz").status == 200
    assert served_count(server) == 4
    assert "update rejected" in server.log()

    write(data_dir, fixture_records()[:5])
    reports = every_worker(server, lambda r: r["status"] == "ok" and r["data"]["initiatives"] == 5)
    assert all(r["rejected"] is None for r in reports.values())
    assert served_count(server) == 5
