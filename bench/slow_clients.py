"""Slow clients against the production setup: do normal requests still get answers?

16 clients send their request headers one line every 1.5 s and 16 send a large body 4 bytes a
second (each reconnects when the server drops it), on loopback only, for a bounded time. Meanwhile
normal requests (the page, /healthz, a real callback) are made one after another, each with a 10 s
client timeout, and checked for a full, correct answer.

`.venv/bin/python -m bench.slow_clients` runs this against `scripts/serve` (nginx in front of
gunicorn) and against plain `gunicorn -c gunicorn.conf.py` (the setup before), and prints the
figures for docs/deployment.md "Slow clients". tests/server/test_slow_clients.py runs the same
attack against `scripts/serve` and asserts that every normal request succeeded.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER_CLIENTS = 16
BODY_CLIENTS = 16
ATTACK_SECONDS = 12.0
#: A normal request that gets no full answer within this is counted as failed.
CLIENT_TIMEOUT = 10.0
START_SECONDS = 120.0
UPDATE = "/_dash-update-component"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(port: int, path: str, timeout: float = CLIENT_TIMEOUT) -> tuple[int, bytes]:
    return request(port, "GET", path, None, timeout)


def request(
    port: int, method: str, path: str, body: bytes | None, timeout: float = CLIENT_TIMEOUT
) -> tuple[int, bytes]:
    """One request on a new connection; (status, whole body). Raises OSError on a time-out."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@dataclass
class Server:
    """The app started by `command` on a free loopback port; its output goes to `log_path`."""

    command: list[str]
    log_path: Path
    workers: int = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> Server:
        env = {
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WORKERS": str(self.workers),
            "ACCESS_LOG": "",
        }
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "wb") as log:
            # A session of its own: stop() can end the script and everything it started.
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.command[0]} exited:\n{self.log()}")
            try:
                if get(self.port, "/healthz", timeout=2)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.command[0]} did not answer in {START_SECONDS} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> int | None:
        """SIGTERM, as a process manager stops it; the exit status (None if it had to be killed)."""
        if self.process is None:
            return None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            return None


def served(log_path: Path, workers: int = 2) -> Server:
    """The documented production command (README, docs/deployment.md)."""
    return Server([str(ROOT / "scripts" / "serve")], log_path, workers)


def plain_gunicorn(log_path: Path, workers: int = 2) -> Server:
    """The production command before nginx: gunicorn's gthread workers facing clients directly."""
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    return Server([str(gunicorn), "-c", "gunicorn.conf.py"], log_path, workers)


def language_callback(port: int) -> bytes:
    """The page's language callback asked for English, as the renderer sends it (about 4.5 KB)."""
    dependencies = json.loads(get(port, "/_dash-dependencies")[1])
    callback = next(c for c in dependencies if c["output"].startswith("..title.children."))
    outputs = [
        dict(zip(("id", "property"), output.split(".", 1), strict=True))
        for output in callback["output"].strip(".").split("...")
    ]
    return json.dumps(
        {
            "output": callback["output"],
            "outputs": outputs,
            "inputs": [{"id": "lang-store", "property": "data", "value": "en"}],
            "state": [],
            "changedPropIds": ["lang-store.data"],
        }
    ).encode()


def is_full_answer(path: str, status: int, body: bytes) -> bool:
    """The answer a person's browser needs: the whole page, a healthy status, a callback result."""
    if status != 200:
        return False
    if path == "/":
        return b"_dash-config" in body and body.rstrip().endswith(b"</html>")
    answer = json.loads(body)
    if path == "/healthz":
        return bool(answer["status"] == "ok")
    title = answer["response"]["title"]["children"]
    return isinstance(title, str) and bool(title)


@dataclass
class Outcome:
    path: str
    ok: bool
    seconds: float
    error: str = ""


def normal_requests(port: int, seconds: float, callback: bytes) -> list[Outcome]:
    """Page, health check and callback in turn, one at a time, for `seconds`."""
    mix: list[tuple[str, str, bytes | None]] = [
        ("GET", "/", None),
        ("GET", "/healthz", None),
        ("POST", UPDATE, callback),
    ]
    outcomes: list[Outcome] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        method, path, body = mix[len(outcomes) % len(mix)]
        started = time.monotonic()
        try:
            status, answer = request(port, method, path, body)
            ok, error = is_full_answer(path, status, answer), f"status {status}"
        except (OSError, http.client.HTTPException, ValueError, KeyError) as exc:
            ok, error = False, f"{type(exc).__name__}: {exc}"
        outcomes.append(Outcome(path, ok, time.monotonic() - started, "" if ok else error))
    return outcomes


class SlowClients:
    """Slow-header and slow-body connections, each thread reconnecting when the server drops it."""

    def __init__(self, port: int, header_clients: int, body_clients: int) -> None:
        self.port = port
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.connections = 0
        self.connected = threading.Semaphore(0)
        self.threads = [
            threading.Thread(target=self._run, args=(self._slow_header,), daemon=True)
            for _ in range(header_clients)
        ] + [
            threading.Thread(target=self._run, args=(self._slow_body,), daemon=True)
            for _ in range(body_clients)
        ]

    def _run(self, attack: Callable[[socket.socket, bool], None]) -> None:
        first = True
        while not self.stopping.is_set():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
                    with self.lock:
                        self.connections += 1
                    attack(sock, first)
            except OSError:
                # Dropped by the server (its time-out): come back, as an attacker would.
                self.stopping.wait(0.2)
            first = False

    def _trickle(
        self, sock: socket.socket, first: bool, head: bytes, piece: bytes, pause: float
    ) -> None:
        sock.sendall(head)
        if first:
            self.connected.release()
        while not self.stopping.wait(pause):
            sock.sendall(piece)

    def _slow_header(self, sock: socket.socket, first: bool) -> None:
        """A request line, then one made-up header line every 1.5 s, never the blank line."""
        head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        self._trickle(sock, first, head, b"X-Slow: 1\r\n", 1.5)

    def _slow_body(self, sock: socket.socket, first: bool) -> None:
        """A callback POST announcing 100 KB, then 4 bytes a second."""
        head = (
            f"POST {UPDATE} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: 100000\r\n\r\n"
        ).encode()
        self._trickle(sock, first, head, b"    ", 1.0)

    def __enter__(self) -> SlowClients:
        for thread in self.threads:
            thread.start()
        # Every client has sent its first bytes before the normal requests start.
        for _ in self.threads:
            if not self.connected.acquire(timeout=CLIENT_TIMEOUT):
                break
        return self

    def __exit__(self, *_: object) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=10)


@dataclass
class Attack:
    outcomes: list[Outcome]
    slow_connections: int

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.ok]

    def percentile(self, share: float) -> float:
        """A request that failed counts as the client's time-out."""
        seconds = sorted(o.seconds if o.ok else CLIENT_TIMEOUT for o in self.outcomes)
        return statistics.quantiles(seconds, n=100, method="inclusive")[round(share * 100) - 1]


def attack(
    port: int,
    seconds: float = ATTACK_SECONDS,
    header_clients: int = HEADER_CLIENTS,
    body_clients: int = BODY_CLIENTS,
) -> Attack:
    """Normal requests for `seconds` while the slow clients hold their connections."""
    callback = language_callback(port)
    with SlowClients(port, header_clients, body_clients) as slow:
        outcomes = normal_requests(port, seconds, callback)
    return Attack(outcomes, slow.connections)


@contextmanager
def running(server: Server) -> Iterator[Server]:
    server.start()
    try:
        yield server
    finally:
        server.stop()


def main() -> None:
    logs = ROOT / "bench" / "out" / "logs"
    for name, make in (("scripts/serve", served), ("gunicorn -c gunicorn.conf.py", plain_gunicorn)):
        with running(
            make(logs / f"slow-clients-{name.split()[0].replace('/', '-')}.log")
        ) as server:
            quiet = attack(server.port, seconds=5, header_clients=0, body_clients=0)
            result = attack(server.port)
        print(
            f"{name}: {len(result.outcomes)} normal requests under {HEADER_CLIENTS}+{BODY_CLIENTS} "
            f"slow clients ({result.slow_connections} slow connections), "
            f"{len(result.failed)} without a full answer within {CLIENT_TIMEOUT:.0f} s; "
            f"p50 {result.percentile(0.5) * 1000:.0f} ms, p95 {result.percentile(0.95) * 1000:.0f} ms"
            f" (no attack: {len(quiet.outcomes)} requests, p95 {quiet.percentile(0.95) * 1000:.0f} ms)"
        )


if __name__ == "__main__":
    main()
