"""Holds the current DataSet of a process and follows the data files on disk.

Why a lazy check and not a watcher thread: gunicorn forks its workers (threads started before a
fork do not survive it), and a worker only needs fresh data when it answers a request. So
`current()` looks at the files' size and mtime at most every `check_seconds` (two `os.stat`
calls, microseconds) and reloads in the request that notices a change (about 20 ms for the
shipped data). This works the same under `python app.py`, gunicorn and the tests, with nothing
to start or stop; every worker follows the files on its own.

A new version replaces the served one only when it validates completely; otherwise the last good
DataSet stays and the rejection (with every problem) is kept for /healthz and the page.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kansenkaart.dataset import (
    INDICATORS_FILE,
    INITIATIVES_FILE,
    PROVINCES_FILE,
    DataSet,
    load_dataset,
)
from kansenkaart.i18n import t
from kansenkaart.problems import DataError, Problem, format_problems

log = logging.getLogger("kansenkaart.data")

WATCHED_FILES = (PROVINCES_FILE, INITIATIVES_FILE, INDICATORS_FILE)
#: How many problems the one-line notice names before saying "...".
NOTICE_PROBLEMS = 1

#: (size, mtime in ns) per watched file; None when the file cannot be stat'ed.
Fingerprint = tuple[tuple[int, int] | None, ...]


@dataclass(frozen=True)
class DataStatus:
    """What a process serves and whether the last update of the files was refused."""

    version: str
    initiatives: int
    loaded_at: datetime
    rejected: list[Problem] | None = None
    rejected_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.rejected is None


def fingerprint(data_dir: Path) -> Fingerprint:
    """Cheap identity of the files on disk: any save changes the size or the mtime."""
    stamps: list[tuple[int, int] | None] = []
    for name in WATCHED_FILES:
        try:
            stat = os.stat(data_dir / name)
        except OSError:
            stamps.append(None)
        else:
            stamps.append((stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class DataStore:
    """The validated data of one process; loaded once per data version, never per request."""

    def __init__(
        self,
        data_dir: Path,
        check_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Load the data now; raises DataError so a process never starts without good data."""
        self.data_dir = data_dir
        self.check_seconds = check_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._seen = fingerprint(data_dir)
        self._data = load_dataset(data_dir)
        self._status = DataStatus(self._data.version, len(self._data.initiatives), _now())
        self._checked = clock()
        _log_warnings(self._data)

    def current(self) -> DataSet:
        """The last good DataSet, first picking up a changed file if it is time to look."""
        if self._clock() - self._checked >= self.check_seconds:
            self.refresh()
        return self._data

    def status(self) -> DataStatus:
        """Version served, when it was loaded, and the last refused update (if not yet fixed)."""
        self.current()
        return self._status

    def refresh(self) -> None:
        """Reload if the files changed; one thread reloads while the others keep serving."""
        if not self._lock.acquire(blocking=False):
            return
        try:
            self._checked = self._clock()
            seen = fingerprint(self.data_dir)
            if seen != self._seen:
                self._try_load(seen)
        finally:
            self._lock.release()

    def _try_load(self, before: Fingerprint) -> None:
        try:
            data = load_dataset(self.data_dir)
        except DataError as error:
            if fingerprint(self.data_dir) != before:
                return  # still being written: look again at the next check
            self._seen = before
            self._reject(error.problems)
            return
        if fingerprint(self.data_dir) != before:
            return  # changed while we read it; what we read may be half old, half new
        self._seen = before
        self._accept(data)

    def _accept(self, data: DataSet) -> None:
        if data.version == self._data.version:
            if not self._status.ok:
                log.info("data %s: files back to version %s, rejection cleared", *self._ids())
            self._status = DataStatus(data.version, len(data.initiatives), self._status.loaded_at)
            return
        log.info(
            "data %s: now serving version %s (%d initiatives), was %s",
            self.data_dir,
            data.version,
            len(data.initiatives),
            self._data.version,
        )
        _log_warnings(data)
        self._data = data
        self._status = DataStatus(data.version, len(data.initiatives), _now())

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


def _problem_text(problem: Problem, lang: str) -> str:
    where = t("data_rejected.line", lang, line=problem.line) + ", " if problem.line else ""
    return f"{where}{problem.field}: {problem.message}"
