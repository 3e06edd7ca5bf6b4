"""Load: a bounded burst of theme changes against the production server on loopback.

Each theme change is the browser's recorded chain of /_dash-update-component POSTs, sent in order
over a fresh connection each (gunicorn's sync workers close after every response). A fixed pool
of client threads runs a fixed number of changes (or stops at a time cap). The client runs on the
same 2 cores as the server, so the figures are a floor for a separate load generator.
"""

from __future__ import annotations

import http.client
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

UPDATE = "/_dash-update-component"


def _post(host: str, port: int, body: bytes, encoding: str) -> int:
    connection = http.client.HTTPConnection(host, port, timeout=120)
    try:
        headers = {"Content-Type": "application/json", "Accept-Encoding": encoding}
        connection.request("POST", UPDATE, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def run_load(
    url: str, chains: list[list[dict]], *, changes: int, threads: int, cap_s: float
) -> dict:
    """Send `changes` theme changes from `threads` threads; latency per change, changes/s."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    prepared = [[(r["post"].encode(), r["accept_encoding"]) for r in chain] for chain in chains]
    deadline = time.monotonic() + cap_s

    def one(n: int) -> tuple[float, bool] | None:
        if time.monotonic() > deadline:
            return None
        begin = time.perf_counter()
        ok = all(
            _post(host, port, body, enc) in (200, 204) for body, enc in prepared[n % len(prepared)]
        )
        return (time.perf_counter() - begin) * 1000, ok

    begin = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        done = [r for r in pool.map(one, range(changes)) if r is not None]
    wall = time.perf_counter() - begin
    latencies = sorted(ms for ms, _ in done)
    return {
        "changes": len(done),
        "errors": sum(1 for _, ok in done if not ok),
        "threads": threads,
        "wall_s": wall,
        "per_s": len(done) / wall if wall else 0.0,
        "latencies_ms": latencies,
        "capped": len(done) < changes,
    }
