"""Rewriting the data while gunicorn runs: good versions are picked up by every worker, a bad
one is refused (old data still served, /healthz says why), and fixing the file clears it."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.generate import synthetic_frame
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


# --- half-written files and large reloads (issue 15, items 3 and 5) -------------------------


def many_records(copies: int) -> list[dict[str, str]]:
    """The fixture rows `copies` times under new ids: a file big enough to write slowly."""
    return [
        {**record, "id": f"{record['id']}-{copy}"}
        for copy in range(copies)
        for record in fixture_records()
    ]


def csv_bytes(folder: Path, records: list[dict[str, str]]) -> bytes:
    """The bytes write_data_dir writes for these records (written aside, then read back)."""
    return (write_data_dir(folder, records) / "initiatives.csv").read_bytes()


def cut_points(raw: bytes, chunks: int) -> list[int]:
    """Where a slow writer pauses: every other pause right after a line break (a file of whole
    rows, only shorter), the others inside the last value of a row (a cut URL)."""
    ends = [i + 1 for i, byte in enumerate(raw) if byte == ord("\n")][1:-1]
    picked = ends[:: max(1, len(ends) // chunks)][:chunks]
    return sorted({end if n % 2 else end - 5 for n, end in enumerate(picked)} | {len(raw)})


def write_slowly(path: Path, raw: bytes, pause: float, done: threading.Event) -> None:
    """Rewrite the file in place, in chunks with pauses, as a slow copy over a share does."""
    with open(path, "wb") as handle:
        start = 0
        for end in cut_points(raw, 24):
            handle.write(raw[start:end])
            handle.flush()
            start = end
            time.sleep(pause)
    done.set()


def one_worker(tmp_path: Path, data_dir: Path, check_seconds: str) -> Gunicorn:
    return Gunicorn(
        tmp_path / "server.log", workers=1, DATA_DIR=str(data_dir), DATA_CHECK_SECONDS=check_seconds
    )


@pytest.fixture
def often_checking_server(tmp_path: Path, data_dir: Path):
    """One worker looking at the files four times a second: before, it served a half-written file
    whenever a look fell between two chunks that ended a row. A change must now stay unchanged
    for store.MIN_SETTLE_SECONDS (1 s), five times the writer's pauses."""
    server = one_worker(tmp_path, data_dir, "0.25")
    yield server
    server.stop()


@pytest.fixture
def slow_check_server(tmp_path: Path, data_dir: Path):
    server = one_worker(tmp_path, data_dir, "1")
    yield server
    server.stop()


def test_a_slow_non_atomic_rewrite_is_never_served_half_way(
    often_checking_server, data_dir, tmp_path
):
    server = often_checking_server
    first = server.get("/healthz").json()
    records = many_records(40)
    raw = csv_bytes(tmp_path / "aside", records)
    done = threading.Event()
    writer = threading.Thread(
        target=write_slowly, args=(data_dir / "initiatives.csv", raw, 0.2, done)
    )
    writer.start()
    states: list[str | None] = []
    served: set[tuple[str, int]] = set()

    def new_data_served() -> bool:
        report = server.get("/healthz").json()
        states.append((report["update"] or {}).get("state"))
        served.add((report["data"]["version"], report["data"]["initiatives"]))
        return done.is_set() and report["data"]["initiatives"] == len(records)

    wait_for(new_data_served, seconds=60, what="the whole new file to be served")
    writer.join()
    assert {count for _, count in served} == {6, len(records)}, "no partial file was served"
    assert len(served) == 2 and (first["data"]["version"], 6) in served
    assert "pending" in states, "the growing file was reported as pending"
    final = server.get("/healthz").json()
    assert final["status"] == "ok" and final["update"] is None
    assert served_count(server) == len(records)


def test_a_large_reload_runs_in_the_background_while_the_old_data_serves(
    slow_check_server, data_dir, tmp_path
):
    """Synthetic rows (bench/generate.py); the reload takes seconds, /healthz answers meanwhile."""
    server = slow_check_server
    first = server.get("/healthz").json()
    aside = tmp_path / "large"
    aside.mkdir()
    rows = 40_000
    synthetic_frame(rows).to_csv(aside / "initiatives.csv", index=False, float_format="%.5f")
    os.replace(aside / "initiatives.csv", data_dir / "initiatives.csv")  # atomic, as documented
    while_reloading: list[dict] = []

    def reloaded() -> bool:
        report = server.get("/healthz").json()
        if (report["update"] or {}).get("state") == "reloading":
            while_reloading.append(report)
        return report["data"]["initiatives"] == rows

    wait_for(reloaded, seconds=180, what="the large file to be served")
    assert while_reloading, "the reload was seen running"
    for report in while_reloading:
        assert report["data"]["version"] == first["data"]["version"], "old data served meanwhile"
        assert report["status"] == "ok"
    assert server.get("/healthz").json()["update"] is None
