"""A bounded load run on loopback: thousands of requests, valid and hostile, no 5xx, and worker
memory that levels off instead of growing with every request."""

from __future__ import annotations

import http.client
import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.server.conftest import Gunicorn, wait_for

pytestmark = pytest.mark.slow

CLIENTS = 8
ROUNDS = 3
REQUESTS_PER_ROUND = 1200
#: Memory the workers may still gain between the 2nd and 3rd round (allocator noise).
RSS_SLACK_KB = 20 * 1024

HOSTILE = [
    "/?theme=%3Cscript%3Ealert(1)%3C/script%3E",
    "/?theme=" + "energy," * 300,
    "/?q=%00%ff%fe&lang=xx&province=PV99",
    "/?" + "a=1&" * 500,
    "/api/initiatives?theme=bogus&year_from=-1&year_to=99999999999999999999",
    "/api/initiatives?q=" + "x" * 3000,
    "/api/provinces?metric=%27;DROP%20TABLE",
    "/api/../../etc/passwd",
    "/assets/../app.py",
    "/assets/%2e%2e/app.py",
    "/_dash-component-suites/dash/../../../etc/passwd",
    "/_dash-component-suites/plotly/nope.v1_0m1.js",
    "/export/initiatives.exe",
    "/healthz?verbose=%ff",
]


def request_mix(callback_body: bytes) -> list[tuple[str, str, bytes | None]]:
    """One cycle of what browsers, scripts and scanners send."""
    valid = [
        ("GET", "/", None),
        ("GET", "/?theme=climate,energy&lang=en", None),
        ("GET", "/_dash-layout", None),
        ("GET", "/_dash-dependencies", None),
        ("GET", "/healthz", None),
        ("GET", "/api/initiatives?theme=energy", None),
        ("GET", "/api/provinces", None),
        ("POST", "/_dash-update-component", callback_body),
    ]
    junk = [
        ("POST", "/_dash-update-component", b"{not json"),
        ("POST", "/_dash-update-component", b'{"output": "x.y", "outputs": [], "inputs": []}'),
        ("DELETE", "/api/initiatives", None),
        ("POST", "/", b"x" * 10_000),
    ]
    return valid + [("GET", path, None) for path in HOSTILE] + junk


def a_real_callback(server: Gunicorn) -> bytes:
    """The first callback of the page with empty inputs, as the renderer would send it."""
    callback = server.get("/_dash-dependencies").json()[0]

    def spec(dep: dict) -> dict:
        return {"id": dep["id"], "property": dep["property"], "value": None}

    outputs = [
        {"id": o.split(".")[0], "property": o.split(".")[1]}
        for o in callback["output"].strip(".").split("...")
    ]
    body = {
        "output": callback["output"],
        "outputs": outputs if callback["output"].startswith("..") else outputs[0],
        "inputs": [spec(d) for d in callback["inputs"]],
        "state": [spec(d) for d in callback["state"]],
        "changedPropIds": [],
    }
    return json.dumps(body).encode()


class Client:
    """One keep-alive connection, reopened when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def send(self, method: str, path: str, body: bytes | None) -> tuple[int, float]:
        headers = {"Accept-Encoding": "gzip, br"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            response.read()
        except (http.client.HTTPException, ConnectionError):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            return self.send(method, path, body)
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        return response.status, time.perf_counter() - start


def run_round(server: Gunicorn, mix: list, count: int) -> list[tuple[str, str, int, float]]:
    jobs = [mix[i % len(mix)] for i in range(count)]
    shares = [jobs[i::CLIENTS] for i in range(CLIENTS)]

    def work(share: list) -> list:
        client = Client(server.port)
        return [(m, p, *client.send(m, p, b)) for m, p, b in share]

    with ThreadPoolExecutor(CLIENTS) as pool:
        return [r for results in pool.map(work, shares) for r in results]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for {pid}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    server = Gunicorn(tmp_path_factory.mktemp("load") / "server.log", workers=2)
    # gunicorn answers as soon as one worker runs; the second forks a moment later.
    wait_for(lambda: len(server.worker_pids()) == 2, what="both workers")
    yield server
    server.stop()


def test_load_run_has_no_5xx_and_bounded_memory(server, capsys):
    mix = request_mix(a_real_callback(server))
    pids = server.worker_pids()
    rss = {"start": {pid: rss_kb(pid) for pid in pids}}
    results = []
    started = time.perf_counter()
    for round_number in range(1, ROUNDS + 1):
        results += run_round(server, mix, REQUESTS_PER_ROUND)
        rss[f"after round {round_number}"] = {pid: rss_kb(pid) for pid in pids}
    elapsed = time.perf_counter() - started

    assert server.worker_pids() == pids, "no worker died or was replaced"
    errors = [(m, p, s) for m, p, s, _ in results if s >= 500]
    assert errors == [], errors[:10]
    statuses = {s for *_, s, _ in results}
    assert 200 in statuses and statuses & {400, 404, 405}
    for pid in pids:
        growth = rss[f"after round {ROUNDS}"][pid] - rss["after round 2"][pid]
        assert growth < RSS_SLACK_KB, f"worker {pid} still grows: {rss}"

    latencies = sorted(d for *_, d in results)
    with capsys.disabled():
        print(
            f"\nload: {len(results)} requests, {CLIENTS} clients, {elapsed:.1f} s, "
            f"{len(results) / elapsed:.0f} req/s, p50 {statistics.median(latencies) * 1000:.1f} ms, "
            f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.1f} ms, "
            f"statuses {sorted(statuses)}"
        )
        for label, sample in rss.items():
            print(f"  RSS {label}: " + ", ".join(f"{kb / 1024:.0f} MB" for kb in sample.values()))
