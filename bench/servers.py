"""Start and stop the app under test as production runs it: gunicorn, 2 workers, loopback only."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
LOGS = ROOT / "bench" / "out" / "logs"

#: App under test -> WSGI target.
TARGETS = {"optimised": "app:server", "naive": "bench.naive_app:server"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


#: An empty config for the naive app (see its docstring).
NAIVE_CONFIG = ROOT / "bench" / "naive_gunicorn.conf.py"


@dataclass
class Server:
    """One gunicorn process (and its workers) serving `target` with DATA_DIR=`data_dir`."""

    name: str
    data_dir: Path
    workers: int = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    started_in: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        command = [str(GUNICORN)]
        config = ROOT / "gunicorn.conf.py"
        if self.name == "optimised" and config.exists():
            command += ["-c", str(config)]
        else:  # not gunicorn's default ./gunicorn.conf.py: the baseline gets gunicorn's defaults
            command += ["-c", str(NAIVE_CONFIG)]
        # Command-line flags win over the config: loopback, a free port, 2 workers, and a long
        # timeout so a slow naive callback is measured rather than killed.
        command += ["-w", str(self.workers), "-b", f"127.0.0.1:{self.port}", "--timeout", "300"]
        return [*command, TARGETS[self.name]]

    def start(self, timeout: float = 240.0) -> Server:
        LOGS.mkdir(parents=True, exist_ok=True)
        log = open(LOGS / f"{self.name}-{self.data_dir.name}.log", "w")  # noqa: SIM115
        env = {
            **os.environ,
            "DATA_DIR": str(self.data_dir),
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WORKERS": str(self.workers),
            "DEBUG": "0",
        }
        begin = time.monotonic()
        self.process = subprocess.Popen(
            self.command(), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        while time.monotonic() - begin < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} server exited; see {log.name}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5) as response:
                    if response.status == 200:
                        # Both workers must be up before timing; ask a few times.
                        for _ in range(4):
                            urllib.request.urlopen(self.url + "/", timeout=30).read()
                        self.started_in = time.monotonic() - begin
                        return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{self.name} server did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
