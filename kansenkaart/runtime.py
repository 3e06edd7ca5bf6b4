"""The process's settings and data, set once at start-up; callbacks, API and exports read them."""

from __future__ import annotations

from kansenkaart.dataset import DataSet, Limits
from kansenkaart.settings import Settings
from kansenkaart.store import DataStatus, DataStore
from kansenkaart.view import View

_settings: Settings | None = None
_store: DataStore | None = None


def configure(settings: Settings) -> None:
    """Load and validate the data; raises DataError so the app refuses to start on bad data."""
    global _settings, _store
    limits = Limits(max_rows=settings.max_rows, max_bytes=settings.max_bytes)
    store = DataStore(settings.data_dir, check_seconds=settings.data_check_seconds, limits=limits)
    _settings, _store = settings, store


def settings() -> Settings:
    assert _settings is not None, "runtime.configure() was not called"
    return _settings


def data() -> DataSet:
    """The last good data, at once; a changed file on disk is read in the background once it
    has settled, and served from the first request after it validated."""
    return store().current()


def status() -> DataStatus:
    """What this process serves and whether the last data update was rejected (for the page)."""
    return store().status()


def store() -> DataStore:
    assert _store is not None, "runtime.configure() was not called"
    return _store


def view_of(query: str | None) -> View:
    """The View a stored query string stands for (the page stores only valid, canonical ones)."""
    return View.from_query(query or "", settings().default_lang)[0]
