"""Server time of a theme change: replay the browser's own callback requests in-process.

Run in a fresh process per app and data set (it imports the app with DATA_DIR set):

    python -m bench.replay optimised DATA_DIR chains.json out.json [--changes 60] [--profile P]

`chains.json` holds, per recorded click, the POST bodies the browser sent to
/_dash-update-component, in order. Each is posted through Flask's test client with the browser's
Accept-Encoding, so routing, the callback, JSON serialisation and compression are all timed; the
network and the browser are not. A change's time is the sum of its requests (the browser runs
some of them in parallel, so this is the CPU cost, an upper bound of the server's share).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = {"optimised": "app", "naive": "bench.naive_app"}
UPDATE = "/_dash-update-component"


def load_server(name: str, data_dir: Path):
    """Import the app with DATA_DIR pointing at `data_dir`; returns the Flask server."""
    os.environ["DATA_DIR"] = str(data_dir)
    sys.path.insert(0, str(ROOT))
    return importlib.import_module(MODULES[name]).server


def post(client, body: str, encoding: str) -> tuple[float, int]:
    headers = {"Content-Type": "application/json", "Accept-Encoding": encoding}
    begin = time.perf_counter()
    response = client.post(UPDATE, data=body, headers=headers)
    elapsed = time.perf_counter() - begin
    return elapsed * 1000, response.status_code


def replay(client, chains: list[list[dict]], changes: int, budget_s: float) -> list[dict]:
    """Replay chains round-robin until `changes` theme changes or the time budget is spent."""
    results = []
    begin = time.monotonic()
    for n in range(changes):
        if n >= 5 and time.monotonic() - begin > budget_s:
            break
        chain = chains[n % len(chains)]
        total = 0.0
        map_ms = None  # stays None when no request carries the map (drawn in the browser)
        statuses = []
        for request in chain:
            ms, status = post(client, request["post"], request["accept_encoding"])
            total += ms
            statuses.append(status)
            if request["has_map"]:
                map_ms = (map_ms or 0.0) + ms
        results.append({"total_ms": total, "map_ms": map_ms, "statuses": statuses})
    return results


def profile(client, chains: list[list[dict]], repeats: int, out: Path) -> None:
    """pyinstrument over the map requests only; writes a call tree and a flat self-time list."""
    from pyinstrument import Profiler

    maps = [r for chain in chains for r in chain if r["has_map"]]
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for n in range(repeats):
        request = maps[n % len(maps)]
        post(client, request["post"], request["accept_encoding"])
    profiler.stop()
    out.with_suffix(".tree.txt").write_text(
        profiler.output_text(unicode=False, color=False, show_all=False)
    )
    out.with_suffix(".flat.txt").write_text(
        profiler.output_text(unicode=False, color=False, flat=True, flat_time="self")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", choices=MODULES)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("chains", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--changes", type=int, default=60)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds")
    parser.add_argument("--profile", type=Path, help="write pyinstrument output to this stem")
    parser.add_argument("--profile-repeats", type=int, default=10)
    args = parser.parse_args()
    chains = json.loads(args.chains.read_text())
    client = load_server(args.app, args.data_dir).test_client()
    client.get("/")  # first request sets Dash up; not timed
    replay(client, chains[:2], 4, args.budget)  # warm-up
    results = replay(client, chains, args.changes, args.budget)
    args.out.write_text(json.dumps(results))
    if args.profile:
        profile(client, chains, args.profile_repeats, args.profile)


if __name__ == "__main__":
    main()
