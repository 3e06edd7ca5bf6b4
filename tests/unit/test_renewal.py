"""Worker renewal after a shrink: when a worker asks to be replaced, and that a fresh worker
catches up with the files before it serves (docs/deployment.md, "Large data")."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kansenkaart.renewal import ShrinkWatch, should_renew, with_heartbeat
from kansenkaart.settings import ROOT, load_settings
from kansenkaart.store import DataStore
from tests.conftest import fixture_records
from tests.unit.test_store import FakeClock, HeldJobs, rewrite

# --- the decision ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rss", "peak_rows", "rows", "renew"),
    [
        (300, 200_000, 253, True),  # the measured case: 162 -> 848 -> 298 MB
        (300, 200_000, 99_999, True),  # under half
        (300, 200_000, 100_000, False),  # half is not "much smaller"
        (750, 200_000, 200_000, False),  # large data served: that memory is in use
        (226, 200_000, 253, False),  # exactly start + growth: not above it
        (227, 200_000, 253, True),
        (170, 200_000, 253, False),  # memory came back by itself
    ],
)
def test_renews_only_after_a_shrink_that_left_the_memory_behind(rss, peak_rows, rows, renew):
    assert should_renew(162, rss, peak_rows, rows, growth_mb=64) is renew


class Asked:
    def __init__(self) -> None:
        self.times = 0

    def __call__(self) -> None:
        self.times += 1


def watch(sizes: list[float | None], asked: Asked, growth_mb: float = 64) -> ShrinkWatch:
    """A watch that started at 162 MB serving 253 rows and then measures `sizes` in turn."""
    return ShrinkWatch(162, 253, growth_mb, ask=asked, measure=iter(sizes).__next__)


def test_a_worker_asks_once_after_growing_and_shrinking_and_says_so(caplog):
    asked = Asked()
    shrink = watch([750, 298, 298], asked)
    with caplog.at_level(logging.INFO, logger="kansenkaart.renewal"):
        shrink.after_reload(200_000)
        assert asked.times == 0, "growing is no reason"
        shrink.after_reload(253)
        shrink.after_reload(200)
    assert asked.times == 1
    assert shrink.peak_rows == 200_000
    [line] = caplog.messages
    assert "298 MB (162 MB at start) serving 253 initiatives after 200000" in line


def test_the_start_data_counts_as_held_and_no_rss_means_no_renewal():
    asked = Asked()
    ShrinkWatch(162, 200_000, 64, ask=asked, measure=lambda: 400).after_reload(253)
    assert asked.times == 1, "a worker that started with the large data also renews"
    asked = Asked()
    ShrinkWatch(162, 200_000, 64, ask=asked, measure=lambda: None).after_reload(253)
    assert asked.times == 0, "no /proc: nothing to go by"


def test_the_heartbeat_runs_while_the_job_does_and_its_error_reaches_the_caller():
    beats: list[int] = []
    released: list[bool] = []
    release = threading.Event()

    def job() -> None:
        released.append(release.wait(timeout=30))

    def beat() -> None:
        beats.append(1)
        release.set()  # the job ends only once the master has heard from the worker

    with_heartbeat(job, beat)
    assert beats and released == [True], "the worker beat while the job was still running"

    def failing() -> None:
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        with_heartbeat(failing, lambda: None)


# --- a fresh worker catches up before serving ----------------------------------------------------


def age(folder: Path, seconds: float = 3600) -> None:
    """Files last written `seconds` ago: settled."""
    then = time.time_ns() - int(seconds * 1e9)
    for path in folder.iterdir():
        os.utime(path, ns=(then, then))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def inherited(fixture_dir: Path, clock: FakeClock) -> tuple[DataStore, HeldJobs]:
    """The store a forked worker inherits: loaded by the master at start, 6 rows; its
    background reloads are held, so the test sees what is served without them."""
    held = HeldJobs()
    return DataStore(fixture_dir, check_seconds=2.0, clock=clock, run=held), held


def test_a_fresh_worker_reads_changed_files_before_serving(inherited, fixture_dir):
    store, held = inherited
    rewrite(fixture_dir, fixture_records()[:4])  # what the predecessor served
    age(fixture_dir)
    store.catch_up()
    assert len(store.current().initiatives) == 4, "at once, not from a background reload"
    assert held.jobs == [] and store.status().update is None


def test_without_catching_up_the_first_answers_are_the_masters_data(inherited, fixture_dir, clock):
    """Why catch_up exists: the lazy check starts a background reload and answers meanwhile."""
    store, held = inherited
    rewrite(fixture_dir, fixture_records()[:4])
    age(fixture_dir)
    clock.advance()
    assert len(store.current().initiatives) == 6
    assert len(held.jobs) == 1


def test_a_fresh_worker_waits_for_files_still_being_written(inherited, fixture_dir):
    store, _ = inherited
    rewrite(fixture_dir, fixture_records()[:4])  # modified just now
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        age(fixture_dir)  # the writer is done and time has passed

    store.catch_up(sleep)
    assert waits == [store.settle_seconds]
    assert len(store.current().initiatives) == 4


def test_unchanged_files_are_not_read_again(inherited):
    store, _ = inherited
    before = store.current()
    store.catch_up(sleep=lambda seconds: pytest.fail("nothing to wait for"))
    assert store.current() is before


def test_each_completed_reload_reports_the_rows_served(inherited, fixture_dir):
    store, _ = inherited
    reported: list[int] = []
    store.after_reload = reported.append
    rewrite(fixture_dir, fixture_records()[:3])
    age(fixture_dir)
    store.catch_up()
    assert reported == [3]


# --- settings ------------------------------------------------------------------------------------


def test_renewal_settings_are_read_checked_and_documented():
    assert load_settings({}).renew_after_shrink is True
    assert load_settings({"RENEW_AFTER_SHRINK": "0"}).renew_after_shrink is False
    assert load_settings({"RENEW_GROWTH_MB": "0"}).renew_growth_mb == 0
    with pytest.raises(SystemExit, match="RENEW_GROWTH_MB"):
        load_settings({"RENEW_GROWTH_MB": "-1"})
    docs = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert "| `RENEW_AFTER_SHRINK` |" in docs and "| `RENEW_GROWTH_MB` |" in docs


def test_a_renewed_worker_leaves_at_once_with_its_log_written(tmp_path):
    log_file = tmp_path / "worker.log"
    script = (
        "import logging, atexit\n"
        f"logging.basicConfig(filename={str(log_file)!r}, level=logging.INFO)\n"
        "atexit.register(lambda: print('teardown ran'))\n"
        "logging.getLogger('w').info('asking gunicorn for a fresh worker')\n"
        "from kansenkaart.renewal import leave_at_once\n"
        "leave_at_once()\n"
        "print('not reached')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout == ""
    assert "asking gunicorn for a fresh worker" in log_file.read_text()
