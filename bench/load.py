"""Load: a bounded burst of theme changes against the production server on loopback.

Each theme change is the browser's recorded chain of /_dash-update-component POSTs, sent in order
either over a fresh connection each (`keepalive=False`: what sync workers force) or, as a browser
does, over one kept-alive connection per client thread (`keepalive=True`; the optimised app's
gthread workers keep connections open, the naive app's sync workers close them and the client
reconnects). A fixed pool of client threads runs a fixed number of changes (or stops at a time
cap). The client runs on the same 2 cores as the server, so the figures are a floor for a
separate load generator.
"""

from __future__ import annotations

import http.client
import threading
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


class _Kept(threading.local):
    """One connection per client thread, reopened when the server closed it."""

    connection: http.client.HTTPConnection | None = None


def _post_kept(kept: _Kept, host: str, port: int, body: bytes, encoding: str) -> int:
    headers = {"Content-Type": "application/json", "Accept-Encoding": encoding}
    for attempt in range(2):
        if kept.connection is None:
            kept.connection = http.client.HTTPConnection(host, port, timeout=120)
        try:
            kept.connection.request("POST", UPDATE, body=body, headers=headers)
            response = kept.connection.getresponse()
            response.read()
        except (http.client.HTTPException, ConnectionError):
            kept.connection.close()
            kept.connection = None
            if attempt:
                raise
            continue  # the server closed an idle connection: once more on a new one
        if response.will_close:
            kept.connection.close()
            kept.connection = None
        return response.status
    return 0


def run_load(
    url: str,
    chains: list[list[dict]],
    *,
    changes: int,
    threads: int,
    cap_s: float,
    keepalive: bool = False,
) -> dict:
    """Send `changes` theme changes from `threads` threads; latency per change, changes/s."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    prepared = [[(r["post"].encode(), r["accept_encoding"]) for r in chain] for chain in chains]
    deadline = time.monotonic() + cap_s
    kept = _Kept()

    def send(body: bytes, enc: str) -> int:
        return (
            _post_kept(kept, host, port, body, enc) if keepalive else _post(host, port, body, enc)
        )

    def one(n: int) -> tuple[float, bool] | None:
        if time.monotonic() > deadline:
            return None
        begin = time.perf_counter()
        ok = all(send(body, enc) in (200, 204) for body, enc in prepared[n % len(prepared)])
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
        "keepalive": keepalive,
        "wall_s": wall,
        "per_s": len(done) / wall if wall else 0.0,
        "latencies_ms": latencies,
        "capped": len(done) < changes,
    }
