"""Browser fixtures: the real app in a subprocess, headless system Chromium, and a guard that
fails a test whenever the page asks for anything outside the app's own origin."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: KK_CPU_SLOWDOWN=4 runs every page on a CPU 4x slower (Chromium's throttling): a slow CI
#: machine's races, reproduced at will.
SLOWDOWN = float(os.environ.get("KK_CPU_SLOWDOWN", "0"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """`python app.py` on a free port, as a user starts it."""

    def __init__(self, data_dir: Path | None = None, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = {**os.environ, "PORT": str(self.port), "HOST": "127.0.0.1", **env}
        if data_dir is not None:
            environment["DATA_DIR"] = str(data_dir)
        # The log goes to a file: an unread pipe fills up and then blocks the server.
        self.log = tempfile.NamedTemporaryFile(prefix="kansenkaart-app-", suffix=".log")  # noqa: SIM115 (lives as long as the server)
        self.process = subprocess.Popen(
            [sys.executable, "app.py"],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"app exited: {Path(self.log.name).read_text()}")
            try:
                urllib.request.urlopen(self.url + "/", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("app did not start within 60 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    server = AppServer()
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OutsideRequests(list):
    """Every request the page made to another origin (blocked, and recorded to fail the test)."""


@pytest.fixture
def outside_requests() -> OutsideRequests:
    return OutsideRequests()


@pytest.fixture
def page_factory(browser: Browser, app_url: str, outside_requests: OutsideRequests):
    """Pages on the app, each guarded: outside requests are blocked, recorded and fail the test,
    and so do JavaScript errors."""
    contexts = []
    errors: list[str] = []

    def make(base_url: str | None = None, **context_options) -> Page:
        origin = base_url or app_url
        options = {"viewport": {"width": 1400, "height": 900}, "locale": "nl-NL", **context_options}
        context = browser.new_context(**options)
        contexts.append(context)

        def guard(route) -> None:
            if route.request.url.startswith(origin + "/"):
                route.continue_()
            else:
                outside_requests.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        if SLOWDOWN:
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.base_url = origin  # type: ignore[attr-defined]
        return page

    yield make
    for context in contexts:
        context.close()
    assert outside_requests == [], f"page asked for outside resources: {outside_requests}"
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture
def page(page_factory) -> Page:
    return page_factory()
