"""Settings read from the environment in one place, each with a safe default."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from kansenkaart.registry import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
#: Addresses only this machine reaches: the only ones Dash's debugger may listen on.
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def default_workers() -> int:
    """One worker per core (callbacks are CPU-bound), at least 2 so one slow request never
    blocks everybody, at most 8 (each worker holds its own copy of the data, ~150 MB)."""
    return max(2, min(os.cpu_count() or 1, 8))


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8050
    debug: bool = False
    workers: int = 2
    data_dir: Path = ROOT / "data"
    default_lang: str = "nl"
    #: How often (at most) a process looks whether the data files changed on disk.
    data_check_seconds: float = 2.0
    #: Seconds per step of the presentation-mode tour.
    tour_step_seconds: float = 6.0
    #: The address people reach the app at (e.g. https://kansenkaart.example.nl); links written
    #: into exports are built from it, never from a request's Host header. Empty: the local address.
    public_url: str = ""
    #: Largest data files accepted (rows of initiatives.csv, bytes of each file); above, an update
    #: is refused with a clear message and the last good data keeps serving.
    max_rows: int = 250_000
    max_bytes: int = 150_000_000
    #: Origins that may show the page in a frame (CSP frame-ancestors); empty: none.
    frame_ancestors: tuple[str, ...] = ()
    #: Where "report a correction" sends people (mailto: or an issue tracker's new-issue link);
    #: empty: the feature is off.
    feedback_url: str = ""
    #: gunicorn only: replace a worker whose data shrank to under half the rows it once held while
    #: it stays more than `renew_growth_mb` MB above its start size (docs/deployment.md, Large data).
    renew_after_shrink: bool = True
    renew_growth_mb: int = 64


def _flag(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Settings from `env` (default os.environ); a bad value stops start-up with its name."""
    env = dict(os.environ if env is None else env)
    try:
        settings = Settings(
            host=env.get("HOST", Settings.host),
            port=int(env.get("PORT", Settings.port)),
            debug=_flag(env.get("DEBUG", "0")),
            workers=int(env.get("WORKERS", default_workers())),
            data_dir=Path(env.get("DATA_DIR", str(Settings.data_dir))),
            default_lang=env.get("DEFAULT_LANG", Settings.default_lang),
            data_check_seconds=float(env.get("DATA_CHECK_SECONDS", Settings.data_check_seconds)),
            tour_step_seconds=float(env.get("TOUR_STEP_SECONDS", Settings.tour_step_seconds)),
            public_url=env.get("PUBLIC_URL", "").strip().rstrip("/"),
            max_rows=int(env.get("MAX_ROWS", Settings.max_rows)),
            max_bytes=int(env.get("MAX_BYTES", Settings.max_bytes)),
            frame_ancestors=tuple(env.get("FRAME_ANCESTORS", "").split()),
            feedback_url=env.get("FEEDBACK_URL", "").strip(),
            renew_after_shrink=_flag(env.get("RENEW_AFTER_SHRINK", "1")),
            renew_growth_mb=int(env.get("RENEW_GROWTH_MB", Settings.renew_growth_mb)),
        )
    except ValueError as error:
        raise SystemExit(
            f"invalid setting: {error}; PORT, WORKERS, MAX_ROWS, MAX_BYTES and RENEW_GROWTH_MB must be "
            "whole numbers, "
            "DATA_CHECK_SECONDS and TOUR_STEP_SECONDS a number of seconds"
        ) from None
    if settings.tour_step_seconds < 0.5:
        raise SystemExit("invalid setting: TOUR_STEP_SECONDS must be at least 0.5")
    if settings.workers < 1 or settings.data_check_seconds < 0:
        raise SystemExit("invalid setting: WORKERS must be 1 or more, DATA_CHECK_SECONDS 0 or more")
    if settings.debug and settings.host not in LOOPBACK:
        raise SystemExit(
            f"invalid setting: DEBUG=1 with HOST={settings.host}: the debugger runs code for anyone "
            "who reaches it; use DEBUG only with HOST=127.0.0.1"
        )
    if settings.renew_growth_mb < 0:
        raise SystemExit("invalid setting: RENEW_GROWTH_MB must be 0 or more")
    if settings.max_rows < 1 or settings.max_bytes < 1:
        raise SystemExit("invalid setting: MAX_ROWS and MAX_BYTES must be 1 or more")
    if settings.public_url and not re.fullmatch(
        r"https?://[^/\s?#]+(/[^\s?#]*)?", settings.public_url
    ):
        raise SystemExit(
            f"invalid setting: PUBLIC_URL={settings.public_url!r}, use an address like "
            "https://kansenkaart.example.nl"
        )
    for origin in settings.frame_ancestors:
        if not re.fullmatch(r"https?://[^/\s?#;,']+", origin):
            raise SystemExit(
                f"invalid setting: FRAME_ANCESTORS holds {origin!r}; give origins like "
                "https://www.drenthe.nl, separated by spaces"
            )
    if settings.feedback_url and not re.match(r"(mailto:|https?://)\S+$", settings.feedback_url):
        raise SystemExit(
            f"invalid setting: FEEDBACK_URL={settings.feedback_url!r}, use mailto:... or https://..."
        )
    if settings.default_lang not in LANGUAGES:
        raise SystemExit(
            f"invalid setting: DEFAULT_LANG={settings.default_lang!r}, use {' or '.join(LANGUAGES)}"
        )
    return settings
