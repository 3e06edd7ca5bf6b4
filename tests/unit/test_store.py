"""DataStore follows the files on disk: good versions are served, bad ones refused and reported."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kansenkaart import store as store_module
from kansenkaart.dataset import Limits, load_dataset
from kansenkaart.problems import DataError
from kansenkaart.store import DataStore, let_go, rejection_notice, update_notice
from tests.conftest import COLUMNS, fixture_records, write_data_dir


class FakeClock:
    """Time that moves only when the test says so, so no test waits."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float = 2.0) -> None:
        self.now += seconds


def rewrite(folder: Path, records: list[dict[str, str]]) -> None:
    """Write new rows and make sure the mtime moves even on coarse file systems (and stays
    recent, so the change waits to settle however slowly the test runs)."""
    path = folder / "initiatives.csv"
    stamp = max(path.stat().st_mtime_ns + 1_000_000_000, time.time_ns())
    write_data_dir(folder, records, COLUMNS)
    os.utime(path, ns=(stamp, stamp))


def broken_records() -> list[dict[str, str]]:
    records = fixture_records()
    records[1]["lat"] = "52,9x"
    records[2]["province"] = "PV99"
    return records


def at_once(job) -> None:
    """Runs a reload in the calling thread, so a test sees its result right after the check."""
    job()


def settle(store: DataStore, clock: FakeClock) -> None:
    """Two checks a check interval apart: the first sees the change, the second reads it."""
    clock.advance()
    store.current()
    clock.advance()
    store.current()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(fixture_dir: Path, clock: FakeClock) -> DataStore:
    return DataStore(fixture_dir, check_seconds=2.0, clock=clock, run=at_once)


def test_refuses_to_start_on_bad_data(tmp_path):
    folder = write_data_dir(tmp_path / "data", broken_records())
    with pytest.raises(DataError):
        DataStore(folder)


def test_a_valid_change_is_served_after_the_check_interval(store, fixture_dir, clock):
    first = store.current()
    rewrite(fixture_dir, fixture_records()[:4])
    assert store.current() is first, "looks at the disk at most every check_seconds"
    clock.advance()
    assert store.current() is first, "a change is read only once it stayed the same for a check"
    assert store.status().update == "pending"
    clock.advance()
    assert len(store.current().initiatives) == 4
    status = store.status()
    assert (status.ok, status.initiatives, status.version) == (True, 4, store.current().version)
    assert status.version != first.version


def test_an_invalid_change_keeps_the_last_good_data_and_says_why(store, fixture_dir, clock):
    good = store.current()
    rewrite(fixture_dir, broken_records())
    settle(store, clock)
    assert store.current() is good
    status = store.status()
    assert not status.ok and status.rejected_at is not None
    assert [str(p) for p in status.rejected] == [
        "initiatives.csv:3: lat: '52,9x' is not a number",
        "initiatives.csv:4: province: 'PV99' is not a CBS province code (PV20..PV31)",
    ]
    assert (status.version, status.initiatives) == (good.version, len(fixture_records()))


def test_fixing_the_file_clears_the_rejection(store, fixture_dir, clock):
    rewrite(fixture_dir, broken_records())
    settle(store, clock)
    assert not store.status().ok
    rewrite(fixture_dir, fixture_records()[:5])
    settle(store, clock)
    status = store.status()
    assert status.ok and status.rejected is None and status.initiatives == 5


def test_restoring_the_served_version_clears_the_rejection(store, fixture_dir, clock):
    version = store.current().version
    rewrite(fixture_dir, broken_records())
    settle(store, clock)
    rewrite(fixture_dir, fixture_records())
    settle(store, clock)
    assert store.status().ok and store.status().version == version


def test_a_file_changing_while_read_is_not_judged(store, fixture_dir, clock, monkeypatch):
    """Caught half-written: neither served nor rejected; the next check reads it again."""
    good = store.current()
    rewrite(fixture_dir, broken_records())
    real_fingerprint = store_module.fingerprint
    calls = iter(range(100))

    def still_being_written(folder: Path):
        stamps = real_fingerprint(folder)
        return (*stamps, (0, time.time_ns(), next(calls)))  # differs at every look

    monkeypatch.setattr(store_module, "fingerprint", still_being_written)
    settle(store, clock)
    assert store.current() is good and store.status().ok
    monkeypatch.setattr(store_module, "fingerprint", real_fingerprint)
    rewrite(fixture_dir, fixture_records()[:3])
    settle(store, clock)
    assert len(store.current().initiatives) == 3


def test_a_missing_file_is_a_rejection_not_a_crash(store, fixture_dir, clock):
    (fixture_dir / "provinces.geojson").unlink()
    settle(store, clock)
    assert len(store.current().initiatives) == len(fixture_records())
    assert [p.file for p in store.status().rejected] == ["provinces.geojson"]


def test_touching_without_changing_keeps_the_same_data(store, fixture_dir, clock):
    first = store.current()
    rewrite(fixture_dir, fixture_records())
    settle(store, clock)
    assert store.current() is first


def test_rejection_notice_in_both_languages(store, fixture_dir, clock):
    assert rejection_notice(store.status(), "nl") is None
    rewrite(fixture_dir, broken_records())
    settle(store, clock)
    status = store.status()
    assert rejection_notice(status, "nl") == (
        "Gegevensupdate geweigerd: 2 problemen in initiatives.csv "
        "(regel 3, lat: '52,9x' is not a number; ...). "
        f"De kaart toont de vorige versie ({status.version})."
    )
    assert rejection_notice(status, "en").startswith(
        "Data update rejected: 2 problems in initiatives.csv (line 3, lat: "
    )


def test_a_broken_indicators_file_keeps_the_last_good_data(store, fixture_dir, clock):
    good = store.current()
    path = fixture_dir / "indicators.csv"
    before = path.stat().st_mtime_ns
    text = path.read_text("utf-8")
    path.write_text(text.replace(",601510,", ",601.510x,", 1), "utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))
    settle(store, clock)
    assert store.current() is good
    assert [str(p) for p in store.status().rejected] == [
        "indicators.csv:2: value: '601.510x' is not a number"
    ]
    path.write_text(text.replace(",601510,", ",601511,", 1), "utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))
    settle(store, clock)
    assert store.status().ok and store.current().version != good.version


# --- updates that settle, reload in the background, and stay within the limits -------------


class HeldJobs:
    """Keeps the reload jobs the store starts, to run them when the test says so (a reload
    that takes as long as the test wants)."""

    def __init__(self) -> None:
        self.jobs: list = []

    def __call__(self, job) -> None:
        self.jobs.append(job)


@pytest.fixture
def held() -> HeldJobs:
    return HeldJobs()


@pytest.fixture
def held_store(fixture_dir: Path, clock: FakeClock, held: HeldJobs) -> DataStore:
    """A store whose reloads run only when the test runs `held.jobs`."""
    return DataStore(fixture_dir, check_seconds=2.0, clock=clock, run=held)


def test_a_growing_file_stays_pending_and_is_never_read(store, fixture_dir, clock, monkeypatch):
    good = store.current()
    reads = []
    monkeypatch.setattr(store_module, "load_dataset", lambda *a: reads.append(a))
    for rows in range(1, 6):  # the file grows between every two checks
        rewrite(fixture_dir, fixture_records()[:rows])
        clock.advance()
        assert store.current() is good
        assert store.status().update == "pending" and store.status().ok
    assert reads == [], "a file that changed since the last check is not read"


def test_a_reload_runs_in_the_background_while_the_old_data_is_served(
    held_store, held, fixture_dir, clock
):
    store = held_store
    good = store.current()
    rewrite(fixture_dir, fixture_records()[:4])
    settle(store, clock)
    assert store.current() is good and len(held.jobs) == 1
    status = store.status()
    assert (status.update, status.version) == ("reloading", good.version)
    clock.advance()
    store.current()
    assert len(held.jobs) == 1, "at most one reload at a time"
    held.jobs.pop()()
    assert len(store.current().initiatives) == 4
    assert store.status().update is None and store.status().ok


def test_a_file_changed_during_the_reload_is_not_served(held_store, held, fixture_dir, clock):
    store = held_store
    good = store.current()
    rewrite(fixture_dir, fixture_records()[:4])
    settle(store, clock)
    rewrite(fixture_dir, fixture_records()[:3])  # the writer was not done after all
    held.jobs.pop()()
    assert store.current() is good and store.status().update == "pending"
    settle(store, clock)
    held.jobs.pop()()
    assert len(store.current().initiatives) == 3


def test_an_update_over_the_row_limit_is_refused_and_the_old_data_kept(fixture_dir, clock):
    limits = Limits(max_rows=len(fixture_records()))
    store = DataStore(fixture_dir, check_seconds=2.0, clock=clock, limits=limits, run=at_once)
    good = store.current()
    rewrite(fixture_dir, [*fixture_records(), {**fixture_records()[0], "id": "T-99"}])
    settle(store, clock)
    assert store.current() is good
    assert [str(p) for p in store.status().rejected] == [
        f"initiatives.csv: rows: has {len(fixture_records()) + 1} rows, more than the limit of "
        f"{len(fixture_records())} (setting MAX_ROWS); raise MAX_ROWS or shorten the file"
    ]


def test_pending_and_reloading_are_shown_on_the_page(held_store, fixture_dir, clock):
    store = held_store
    version = store.current().version
    assert update_notice(store.status(), "en") is None
    rewrite(fixture_dir, fixture_records()[:4])
    clock.advance()
    assert update_notice(store.status(), "nl") == (
        f"Nieuwe gegevens worden nog geschreven; de kaart toont versie {version} tot ze compleet zijn."
    )
    clock.advance()
    assert update_notice(store.status(), "en") == (
        f"New data is being checked; the map shows version {version} meanwhile."
    )


def test_data_no_longer_served_is_freed_column_by_column_unless_in_use(fixture_dir):
    unused = load_dataset(fixture_dir)
    let_go(unused)
    assert list(unused.initiatives.columns) == [], "nothing else held it: emptied"
    in_use = load_dataset(fixture_dir)
    request_holds = in_use.initiatives  # noqa: F841 - a request still filtering it
    let_go(in_use)
    assert len(in_use.initiatives.columns) > 0, "a frame someone uses is left alone"
    also_in_use = load_dataset(fixture_dir)
    request_holds_dataset = also_in_use  # noqa: F841
    let_go(also_in_use)
    assert len(also_in_use.initiatives.columns) > 0


def test_files_untouched_for_the_settle_time_are_read_at_the_first_check(store, fixture_dir, clock):
    """A worker started later (a replacement) inherits the start-up data: it catches up at once."""
    rewrite(fixture_dir, fixture_records()[:4])
    an_hour_ago = time.time_ns() - 3600 * 10**9
    for path in fixture_dir.iterdir():
        os.utime(path, ns=(an_hour_ago, an_hour_ago))
    clock.advance()
    assert len(store.current().initiatives) == 4
