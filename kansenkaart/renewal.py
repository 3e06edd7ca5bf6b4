"""When a gunicorn worker makes way for a fresh one: after its data shrank a lot.

Why: a worker that once held 200,000 rows keeps most of that memory after the data shrinks again,
even after `gc.collect()` and `malloc_trim(0)` (Python's small-object arenas stay while any object
in them lives, and the new data's objects land among the old ones). Only a new process starts
small again, so the worker asks gunicorn to replace it: it finishes its requests and exits, and
the master forks a fresh one (docs/deployment.md, "Large data"). The dev server cannot do this.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("kansenkaart.renewal")

#: Renew only when the data served is under this share of the most rows the worker has held.
SHRINK_SHARE = 0.5
#: How often a long catch-up tells gunicorn's master the worker is alive (its timeout is 30 s).
HEARTBEAT_SECONDS = 1.0


def should_renew(start_rss: float, rss: float, peak_rows: int, rows: int, growth_mb: float) -> bool:
    """Whether a worker should be replaced: it is more than `growth_mb` above the size it had when
    it started serving, and it now serves under half the rows it once held (a worker that simply
    holds more data is not renewed; that memory is in use)."""
    return rows < peak_rows * SHRINK_SHARE and rss > start_rss + growth_mb


def rss_mb() -> float | None:
    """This process's resident memory (Linux /proc); None where there is no /proc."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


@dataclass
class ShrinkWatch:
    """One worker's size when it started serving and the most rows it has held; after each
    reload it asks for a replacement (once) when `should_renew` says so."""

    start_rss: float
    peak_rows: int
    growth_mb: float
    ask: Callable[[], None]
    measure: Callable[[], float | None] = rss_mb
    asked: bool = False

    def after_reload(self, rows: int) -> None:
        self.peak_rows = max(self.peak_rows, rows)
        rss = self.measure()
        if self.asked or rss is None:
            return
        if should_renew(self.start_rss, rss, self.peak_rows, rows, self.growth_mb):
            self.asked = True
            log.info(
                "worker %d: %.0f MB (%.0f MB at start) serving %d initiatives after %d; "
                "asking gunicorn for a fresh worker",
                os.getpid(),
                rss,
                self.start_rss,
                rows,
                self.peak_rows,
            )
            self.ask()


def with_heartbeat(job: Callable[[], None], beat: Callable[[], None]) -> None:
    """Run `job` to its end while calling `beat` every second: gunicorn's master replaces a worker
    silent for TIMEOUT seconds, and reading 200,000 rows before serving takes longer than that."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            job()
        except BaseException as error:  # handed to the caller's thread below
            failure.append(error)

    thread = threading.Thread(target=run, name="data-catch-up", daemon=True)
    thread.start()
    while thread.is_alive():
        beat()
        thread.join(HEARTBEAT_SECONDS)
    if failure:
        raise failure[0]


def leave_at_once() -> None:
    """End this process now, its log written out, without freeing every object first."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
