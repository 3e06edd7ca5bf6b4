"""gunicorn settings from the environment: `gunicorn -c gunicorn.conf.py` serves the app.

HOST, PORT and WORKERS are read (and checked) by kansenkaart.settings, like the app itself does;
the rest only matter to gunicorn. Every variable and its default: docs/deployment.md.
"""

from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING

from kansenkaart.renewal import ShrinkWatch, leave_at_once, rss_mb, with_heartbeat
from kansenkaart.settings import load_settings

if TYPE_CHECKING:
    from gunicorn.arbiter import Arbiter
    from gunicorn.workers.base import Worker

_settings = load_settings()


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"invalid setting: {name}={value!r} must be a whole number") from None


wsgi_app = "app:server"
bind = [f"{_settings.host}:{_settings.port}"]
workers = _settings.workers
# Threads let a worker send plotly.js to one browser while it runs another's callback; the
# data store is thread-safe. THREADS=1 gives plain one-request-at-a-time workers.
threads = _int("THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
# A callback taking longer than this is stuck: the worker is replaced, the others keep serving.
timeout = _int("TIMEOUT", 30)
graceful_timeout = _int("GRACEFUL_TIMEOUT", 30)
keepalive = _int("KEEPALIVE", 5)
# Load the app (and validate the data) once in the master: bad data stops the start with the
# list of problems instead of workers failing one by one; workers share the loaded code.
preload_app = os.environ.get("PRELOAD", "1") != "0"
# Optional safety net against slow leaks: replace a worker after this many requests (0 = never).
max_requests = _int("MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
# Hostile or broken clients: bounded request lines and headers (gunicorn answers 4xx).
limit_request_line = 8190
limit_request_fields = 100
# X-Forwarded-For/-Proto are trusted from these addresses only (gunicorn's own default). Behind
# scripts/serve's nginx gunicorn listens on a unix socket, whose peer gunicorn always trusts.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
# Heartbeat files in memory, not on a possibly slow or read-only disk (containers).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
proc_name = "kansenkaart"
# gunicorn's control socket defaults to one path per user, which two instances on one machine
# would fight over; set CONTROL_SOCKET=/run/kansenkaart.ctl to use `gunicornc`.
control_socket_disable = not os.environ.get("CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["CONTROL_SOCKET"]


def post_worker_init(worker: Worker) -> None:
    """Before a worker serves: catch up with the files (a worker forked from the preloaded master
    holds the data as it was at start, maybe older than what its predecessor served), then watch
    for a shrink after which only a fresh worker gives the memory back (kansenkaart/renewal.py)."""
    from kansenkaart import runtime  # the app's, loaded by now (in the master, with PRELOAD)

    store = runtime.store()
    with_heartbeat(store.catch_up, worker.notify)
    start_rss = rss_mb()
    if not _settings.renew_after_shrink or start_rss is None:
        return
    store.after_reload = ShrinkWatch(
        start_rss=start_rss,
        peak_rows=store.status().initiatives,
        growth_mb=_settings.renew_growth_mb,
        ask=lambda: _renew(worker),
    ).after_reload


def _renew(worker: Worker) -> None:
    """gunicorn's graceful exit (SIGTERM): in-flight requests finish, the master forks anew."""
    worker.renewing = True
    os.kill(os.getpid(), signal.SIGTERM)


def worker_exit(server: Arbiter, worker: Worker) -> None:
    """A renewed worker, its requests answered, skips the interpreter's teardown: freeing its few
    hundred MB object by object took 260 ms, and the master forks the new worker only after."""
    if getattr(worker, "renewing", False):
        leave_at_once()
