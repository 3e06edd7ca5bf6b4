"""Holds the current DataSet of a process and follows the data files on disk.

Why a lazy check and not a watcher thread: gunicorn forks its workers (threads started before a
fork do not survive it), and a worker only needs fresh data when it answers a request. So
`current()` looks at the files' size, mtime and inode at most every `check_seconds` (three
`os.stat` calls, microseconds). A change is read only once the files have settled: unchanged
over two consecutive checks at least `settle_seconds` apart, so a file still being written
(copied slowly, rewritten in place) is "pending", never read half-way. The settled files are then
read in a background thread (at most one per process), while every request, including the one
that noticed, is answered at once from the last good DataSet: a 200,000-row file takes about
20 s to validate, far beyond what a load balancer's health check waits.

A new version replaces the served one only when it validates completely; otherwise the last good
DataSet stays and the rejection (with every problem) is kept for /healthz and the page.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from kansenkaart.dataset import (
    DEFAULT_LIMITS,
    INDICATORS_FILE,
    INITIATIVES_FILE,
    PROVINCES_FILE,
    DataSet,
    Limits,
    load_dataset,
)
from kansenkaart.i18n import t
from kansenkaart.problems import DataError, Problem, format_problems

log = logging.getLogger("kansenkaart.data")

WATCHED_FILES = (PROVINCES_FILE, INITIATIVES_FILE, INDICATORS_FILE)
#: How many problems the one-line notice names before saying "...".
NOTICE_PROBLEMS = 1
#: The shortest time a changed file must stay unchanged before it is read, even when the files
#: are checked on every request (DATA_CHECK_SECONDS=0).
MIN_SETTLE_SECONDS = 1.0
#: How long the reload thread may keep the interpreter lock while a request waits for it.
RELOAD_SWITCH_SECONDS = 0.001
#: What an update is doing: waiting for the files to settle, or being read and validated.
PENDING, RELOADING = "pending", "reloading"

#: (size, mtime in ns, inode) per watched file; None when the file cannot be stat'ed.
Fingerprint = tuple[tuple[int, int, int] | None, ...]
#: Runs a reload job; a daemon thread in production, the job itself in unit tests.
Runner = Callable[[Callable[[], None]], None]


@dataclass(frozen=True)
class DataStatus:
    """What a process serves, an update under way (pending or reloading), and whether the last
    update of the files was refused."""

    version: str
    initiatives: int
    loaded_at: datetime
    rejected: list[Problem] | None = None
    rejected_at: datetime | None = None
    update: str | None = None
    update_since: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.rejected is None


def fingerprint(data_dir: Path) -> Fingerprint:
    """Cheap identity of the files on disk: any save changes the size or the mtime, a rename
    over the file the inode."""
    stamps: list[tuple[int, int, int] | None] = []
    for name in WATCHED_FILES:
        try:
            stat = os.stat(data_dir / name)
        except OSError:
            stamps.append(None)
        else:
            stamps.append((stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return tuple(stamps)


def untouched_for(stamps: Fingerprint, seconds: float) -> bool:
    """Whether no file was modified in the last `seconds` (by its mtime): then it has settled
    already and is read at once. This matters for a worker gunicorn starts later (a renewal, a
    replacement, MAX_REQUESTS): it inherits the data the master loaded at start and must catch up
    at once, before serving (`catch_up`)."""
    newest = max((stamp[1] for stamp in stamps if stamp is not None), default=0)
    return newest <= time.time_ns() - seconds * 1e9


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def in_background(job: Callable[[], None]) -> None:
    """Run a reload in a daemon thread, so the request that noticed the change is not held."""
    threading.Thread(target=job, name="data-reload", daemon=True).start()


def release_freed_memory() -> None:
    """Hand memory freed by the old data back to the system. glibc keeps freed heap pages for
    reuse, so without this a worker that once held 200,000 rows stays near its peak size after
    the data shrinks again (measured in docs/deployment.md, "Large data")."""
    gc.collect()
    name = ctypes.util.find_library("c")
    if name is None:
        return
    try:
        libc = ctypes.CDLL(name)
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return
    trim(0)


#: References to a DataSet (and to its frame) that `let_go` itself holds: the caller's name, its
#: own parameter (or the DataSet's attribute), and getrefcount's argument.
OWN_REFERENCES = 3


def let_go(data: DataSet) -> None:
    """Free a DataSet no longer served one column at a time, when nothing else holds it. Freed at
    once, 200,000 rows are one C call holding the interpreter lock for about 0.7 s; column by
    column, requests get in between. A DataSet a request still uses is left to that request."""
    frame = data.initiatives
    if sys.getrefcount(data) > OWN_REFERENCES or sys.getrefcount(frame) > OWN_REFERENCES:
        return
    for column in list(frame.columns):
        del frame[column]


@contextmanager
def yielding_to_requests() -> Iterator[None]:
    """A reload that leaves the interpreter lock to the request threads. No cyclic garbage
    collection while it builds millions of objects: each full collection walks all of them holding
    the lock (up to 1.2 s at 200,000 rows, which kept /healthz waiting); reference counting still
    frees nearly everything, and the collection after the reload takes about 40 ms. And a waiting
    request gets the lock after 1 ms instead of Python's default 5 ms, for each of the dozens of
    times a request lets go of it (every socket read and write)."""
    was_enabled = gc.isenabled()
    interval = sys.getswitchinterval()
    gc.disable()
    sys.setswitchinterval(RELOAD_SWITCH_SECONDS)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)
        if was_enabled:
            gc.enable()


class DataStore:
    """The validated data of one process; loaded once per data version, never per request."""

    def __init__(
        self,
        data_dir: Path,
        check_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        limits: Limits = DEFAULT_LIMITS,
        run: Runner = in_background,
    ) -> None:
        """Load the data now; raises DataError so a process never starts without good data."""
        self.data_dir = data_dir
        self.check_seconds = check_seconds
        self.settle_seconds = max(check_seconds, MIN_SETTLE_SECONDS)
        self.limits = limits
        self._clock = clock
        self._run = run
        self._lock = threading.Lock()
        self._seen = fingerprint(data_dir)
        self._data = load_dataset(data_dir, limits)
        self._status = DataStatus(self._data.version, len(self._data.initiatives), _now())
        self._checked = clock()
        #: A changed fingerprint waiting to settle, and when it was first seen.
        self._candidate: Fingerprint | None = None
        self._candidate_since = 0.0
        self._reloading = False
        #: Called with the rows served after each reload (gunicorn.conf.py: worker renewal).
        self.after_reload: Callable[[int], None] | None = None
        _log_warnings(self._data)

    def current(self) -> DataSet:
        """The last good DataSet, first looking for changed files if it is time to look."""
        if self._clock() - self._checked >= self.check_seconds:
            self.refresh()
        return self._data

    def status(self) -> DataStatus:
        """Version served, when it was loaded, an update under way, and the last refused one."""
        self.current()
        return self._status

    def catch_up(self, sleep: Callable[[float], None] = time.sleep) -> None:
        """Read changed files now, in this thread, before serving. For a worker gunicorn forks
        later (a renewal, a timeout, MAX_REQUESTS): it inherits the data the master loaded at
        start, possibly older than what its predecessor served. Files still being written are
        waited for until they have settled, as `refresh` would."""
        while True:
            seen = fingerprint(self.data_dir)
            if seen == self._seen:
                return
            if untouched_for(seen, self.settle_seconds):
                break
            sleep(self.settle_seconds)
        with self._lock:
            self._reloading = True
            self._set_update(RELOADING)
        self._reload(seen)

    def refresh(self) -> None:
        """Look at the files; start a background reload once a change has settled. Never waits:
        a thread that finds another one looking simply goes on with the current data."""
        if not self._lock.acquire(blocking=False):
            return
        try:
            job = self._next_step()
        finally:
            self._lock.release()
        if job is not None:
            self._run(job)

    def _next_step(self) -> Callable[[], None] | None:
        now = self._checked = self._clock()
        if self._reloading:
            return None
        seen = fingerprint(self.data_dir)
        if seen == self._seen:
            self._candidate = None  # back as they were (or never changed)
            self._set_update(None)
            return None
        if seen != self._candidate:
            self._candidate, self._candidate_since = seen, now
            if not untouched_for(seen, self.settle_seconds):
                self._set_update(PENDING)
                return None
        elif now - self._candidate_since < self.settle_seconds:
            return None
        self._reloading = True
        self._set_update(RELOADING)
        return lambda: self._reload(seen)

    def _set_update(self, state: str | None) -> None:
        if self._status.update != state:
            since = _now() if state else None
            self._status = replace(self._status, update=state, update_since=since)

    def _reload(self, before: Fingerprint) -> None:
        """Read and validate the settled files; serve them only if they are still the files
        that settled and every row passed."""
        try:
            with yielding_to_requests():
                data: DataSet | None = load_dataset(self.data_dir, self.limits)
            problems: list[Problem] = []
        except DataError as error:
            data, problems = None, error.problems
        except Exception:  # a bug must not leave the store "reloading" for ever
            log.exception("data %s: reading the update failed", self.data_dir)
            message = "reading the update failed unexpectedly; see the server log"
            data, problems = None, [Problem(self.data_dir.name, 0, "reload", message)]
        unused = data  # what is not served after this: the new data, or the data it replaces
        with self._lock:
            self._reloading = False
            self._candidate = None
            if fingerprint(self.data_dir) != before:
                # Changed while read: what was read may be half old, half new. Settle again.
                self._set_update(PENDING)
            else:
                self._seen = before
                if data is not None:
                    unused = self._accept(data)
                else:
                    self._reject(problems)
                self._set_update(None)
        del data
        if unused is not None:
            let_go(unused)
        del unused
        release_freed_memory()
        if self.after_reload is not None:
            self.after_reload(self._status.initiatives)

    def _accept(self, data: DataSet) -> DataSet:
        """Serve `data` if it is a new version; returns the DataSet no longer served."""
        if data.version == self._data.version:
            if not self._status.ok:
                log.info("data %s: files back to version %s, rejection cleared", *self._ids())
            self._status = DataStatus(data.version, len(data.initiatives), self._status.loaded_at)
            return data
        log.info(
            "data %s: now serving version %s (%d initiatives), was %s",
            self.data_dir,
            data.version,
            len(data.initiatives),
            self._data.version,
        )
        _log_warnings(data)
        replaced, self._data = self._data, data
        self._status = DataStatus(data.version, len(data.initiatives), _now())
        return replaced

    def _ids(self) -> tuple[Path, str]:
        return self.data_dir, self._data.version

    def _reject(self, problems: list[Problem]) -> None:
        log.error(
            "data %s: update rejected, still serving version %s; %d problem(s):\n%s",
            self.data_dir,
            self._data.version,
            len(problems),
            format_problems(problems),
        )
        self._status = DataStatus(
            self._status.version,
            self._status.initiatives,
            self._status.loaded_at,
            rejected=sorted(problems),
            rejected_at=_now(),
        )


def _log_warnings(data: DataSet) -> None:
    for warning in data.warnings:
        log.warning("data: %s", warning)


def rejection_notice(status: DataStatus, lang: str) -> str | None:
    """One line for the page when an update was refused; None while the data is current.

    e.g. "Gegevensupdate geweigerd: 3 problemen in initiatives.csv (regel 14, lat: '52,9x' is
    not a number; ...). De kaart toont de vorige versie (f7805afac609)."
    """
    if status.rejected is None:
        return None
    problems = status.rejected
    files = ", ".join(sorted({p.file for p in problems}))
    count_key = "data_rejected.one" if len(problems) == 1 else "data_rejected.many"
    shown = "; ".join(_problem_text(p, lang) for p in problems[:NOTICE_PROBLEMS])
    if len(problems) > NOTICE_PROBLEMS:
        shown += "; ..."
    return t(
        "data_rejected",
        lang,
        problems=t(count_key, lang, count=len(problems)),
        files=files,
        first=shown,
        version=status.version,
    )


def update_notice(status: DataStatus, lang: str) -> str | None:
    """The page's data status: a refused update (with its problems) first, else an update under
    way (files still being written, or being checked), else None."""
    rejected = rejection_notice(status, lang)
    if rejected is not None or status.update is None:
        return rejected
    return t(f"data_{status.update}", lang, version=status.version)


def _problem_text(problem: Problem, lang: str) -> str:
    where = t("data_rejected.line", lang, line=problem.line) + ", " if problem.line else ""
    return f"{where}{problem.field}: {problem.message}"
