"""Memory and health-check latency of one gunicorn worker while its data grows to N synthetic
rows and shrinks back to the shipped data (issue 15, item 5). Figures: docs/deployment.md,
"Large data".

The worker runs exactly the production setup (`gunicorn -c gunicorn.conf.py`, gthread, preload),
one worker so its RSS is the figure per worker. The steps:
1. serve a copy of the shipped data; a few requests; RSS "before";
2. rename a synthetic N-row initiatives.csv (bench/generate.py, labelled synthetic) over it, as
   docs/deployment.md advises; ask /healthz every 0.1 s until it serves N rows, noting each
   answer's latency and state, and the worker's RSS every 0.05 s (peak);
3. rename the shipped file back; ask /healthz every 0.1 s until it is served and, with worker
   renewal on (RENEW_AFTER_SHRINK, the default), until a new worker answers: the workers that
   answered, failed requests and the latency across the renewal (with one worker, requests wait
   in the socket's backlog while the master forks the new one); RSS "after" of whichever worker
   the master then has, once settled and after a page load (as "before").
`--no-renew` runs the same with RENEW_AFTER_SHRINK=0 (the memory a worker keeps); `--no-trim`
without `malloc_trim` (the store's `release_freed_memory` replaced by a plain `gc.collect`), to
measure what the trim gives back.

    .venv/bin/python -m bench.reload_memory                 # 200,000 rows, trim, renewal
    .venv/bin/python -m bench.reload_memory --no-renew --cycles 2
    .venv/bin/python -m bench.reload_memory --no-trim --no-renew
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from bench.generate import generate

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SETTLED_SECONDS = 3.0
#: How long after the shrink is served the bench waits for a renewed worker before giving up.
RENEWAL_WAIT_SECONDS = 15.0


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def get(url: str, timeout: float = 60) -> tuple[float, bytes]:
    begin = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        body = response.read()
    return time.perf_counter() - begin, body


class Sampler(threading.Thread):
    """The RSS of the master's worker every 50 ms, whichever worker that is (a renewal replaces
    it); `peak` since the last `reset`."""

    def __init__(self, master: int) -> None:
        super().__init__(daemon=True)
        self.master, self.peak, self.running = master, 0.0, True

    def run(self) -> None:
        while self.running:
            with contextlib.suppress(OSError, IndexError, RuntimeError):  # between two workers
                self.peak = max(self.peak, rss_mb(worker_pid(self.master)))
            time.sleep(0.05)

    def reset(self) -> None:
        self.peak = rss_mb(worker_pid(self.master))


def serve_without_trim() -> None:
    """The worker process of `--no-trim`: gunicorn with the trim switched off."""
    import kansenkaart.store

    kansenkaart.store.release_freed_memory = gc.collect
    from gunicorn.app.wsgiapp import run

    sys.argv = ["gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
    run()


def start(data_dir: Path, port: int, trim: bool, renew: bool, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATA_DIR": str(data_dir),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": "1",
        "DATA_CHECK_SECONDS": "1",
        "ACCESS_LOG": "",
        "TIMEOUT": "120",
        "RENEW_AFTER_SHRINK": "1" if renew else "0",
    }
    if trim:
        command = [str(ROOT / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py"]
    else:
        command = [sys.executable, "-c", "from bench.reload_memory import *; serve_without_trim()"]
    with open(log, "w") as handle:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=handle)
    url = f"http://127.0.0.1:{port}/healthz"
    for _ in range(600):
        try:
            get(url, timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"the server did not start; see {log}")


def worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def swap_in(source: Path, data_dir: Path) -> None:
    """Copy aside, then rename over: the atomic update docs/deployment.md advises."""
    shutil.copyfile(source, data_dir / ".initiatives.csv.tmp")
    os.replace(data_dir / ".initiatives.csv.tmp", data_dir / "initiatives.csv")


def wait_served(base: str, rows: int, renewal_from: int | None = None) -> dict[str, object]:
    """Ask /healthz every 0.1 s until `rows` are served (and, given `renewal_from`, until a worker
    other than that one answers, or RENEWAL_WAIT_SECONDS passed without one): latencies, states,
    failed requests, the workers that answered, reload time."""
    latencies: list[float] = []
    states: list[str | None] = []
    pids: list[int] = []
    failures = 0
    begin = time.perf_counter()
    reloading_from = reloading_to = served_at = None
    while True:
        now = time.perf_counter() - begin
        if now > 600:
            raise RuntimeError("not served within 10 minutes")
        try:
            seconds, body = get(base + "/healthz")
        except OSError:
            failures += 1
            time.sleep(0.1)
            continue
        report = json.loads(body)
        latencies.append(seconds)
        state = (report["update"] or {}).get("state")
        states.append(state)
        if not pids or pids[-1] != report["pid"]:
            pids.append(report["pid"])
        now = time.perf_counter() - begin
        if state == "reloading":
            reloading_from = reloading_from if reloading_from is not None else now
            reloading_to = now
        if report["data"]["initiatives"] == rows:
            served_at = served_at if served_at is not None else now
            if renewal_from is None or report["pid"] != renewal_from:
                break
            if now - served_at > RENEWAL_WAIT_SECONDS:
                break
        time.sleep(0.1)
    return {
        "served_after_s": round(served_at, 1),
        "reloading_s": round((reloading_to or 0) - (reloading_from or 0), 1),
        "healthz_answers": len(latencies),
        "healthz_failed": failures,
        "healthz_during_reload": sum(s == "reloading" for s in states),
        "healthz_median_ms": round(statistics.median(latencies) * 1000, 1),
        "healthz_p95_ms": round(
            statistics.quantiles(latencies, n=20, method="inclusive")[-1] * 1000, 1
        ),
        "healthz_max_ms": round(max(latencies) * 1000, 1),
        "workers": pids,
    }


def warm_up(base: str) -> float:
    """What a visitor asks for: the page and its layout; returns the page's seconds."""
    seconds, _ = get(base + "/")
    get(base + "/_dash-layout")
    return round(seconds, 2)


def measure(rows: int, port: int, trim: bool, renew: bool, cycles: int) -> dict[str, object]:
    large = generate(rows) / "initiatives.csv"
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data_dir)
        shipped = Path(tmp) / "shipped-initiatives.csv"
        shutil.copyfile(data_dir / "initiatives.csv", shipped)
        process = start(data_dir, port, trim, renew, OUT / f"reload_memory-{port}.log")
        base = f"http://127.0.0.1:{port}"
        try:
            master = process.pid
            warm_up(base)
            sampler = Sampler(master)
            sampler.start()
            result: dict[str, object] = {
                "rows": rows,
                "malloc_trim": trim,
                "renew_after_shrink": renew,
                "pythonmalloc": os.environ.get("PYTHONMALLOC", "pymalloc"),
                "rss_before_mb": round(rss_mb(worker_pid(master))),
            }
            shipped_rows = sum(1 for _ in shipped.open(encoding="utf-8")) - 1
            for cycle in range(1, cycles + 1):
                sampler.reset()
                swap_in(large, data_dir)
                result[f"grow_{cycle}"] = wait_served(base, rows)
                result[f"page_at_large_{cycle}_s"] = warm_up(base)
                time.sleep(SETTLED_SECONDS)
                result[f"rss_peak_{cycle}_mb"] = round(sampler.peak)
                large_worker = worker_pid(master)
                result[f"rss_large_{cycle}_mb"] = round(rss_mb(large_worker))
                swap_in(shipped, data_dir)
                renewal_from = large_worker if renew else None
                result[f"shrink_{cycle}"] = wait_served(base, shipped_rows, renewal_from)
                warm_up(base)
                time.sleep(SETTLED_SECONDS)
                result[f"renewed_{cycle}"] = worker_pid(master) != large_worker
                result[f"rss_after_{cycle}_mb"] = round(rss_mb(worker_pid(master)))
            sampler.running = False
            return result
        finally:
            process.terminate()
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--port", type=int, default=8141)
    parser.add_argument("--no-trim", action="store_true", help="without malloc_trim")
    parser.add_argument("--no-renew", action="store_true", help="RENEW_AFTER_SHRINK=0")
    parser.add_argument("--cycles", type=int, default=1, help="grow and shrink this many times")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    renew = not args.no_renew
    result = measure(args.rows, args.port, not args.no_trim, renew, args.cycles)
    print(json.dumps(result, indent=2))
    allocator = os.environ.get("PYTHONMALLOC", "pymalloc")
    trim = "no-trim" if args.no_trim else "trim"
    name = f"reload_memory-{args.rows}-{trim}-{'renew' if renew else 'no-renew'}-{allocator}.json"
    (OUT / name).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
