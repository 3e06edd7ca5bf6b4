"""A failed callback tells the user in a sentence and a reference, never with a traceback."""

from __future__ import annotations

import dash

import app  # noqa: F401  (configures the runtime and registers the callbacks)
from callbacks.errors import show_callback_error
from server import web


def test_failed_callback_shows_a_short_notice(monkeypatch):
    shown: dict[str, dict] = {}
    monkeypatch.setattr(
        dash, "set_props", lambda component, props: shown.update({component: props})
    )
    web.log_callback_error(RuntimeError("boom"))
    assert shown["notice"] == {"hidden": False}
    text = repr(shown["notice-text"]["children"])
    assert "Er ging iets mis" in text and "Foutcode:" in text
    assert "boom" not in text and "Traceback" not in text


def test_the_notice_names_the_reference(monkeypatch):
    shown: dict[str, dict] = {}
    monkeypatch.setattr(
        dash, "set_props", lambda component, props: shown.update({component: props})
    )
    show_callback_error("abcd1234")
    assert "abcd1234" in repr(shown["notice-text"]["children"])
