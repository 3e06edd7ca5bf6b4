"""The shipped plotly.js geo bundle fits plotly.py, and figures use only the traces it draws."""

from __future__ import annotations

import hashlib

import pandas as pd

from layers.profile_chart import profile_figure
from ui import plotly_bundle


def test_the_geo_bundle_is_there_and_matches_plotly_py():
    assert plotly_bundle.problem() is None


def test_the_bundle_is_npm_s_file_after_the_compile_hint():
    body = plotly_bundle.BUNDLE.read_bytes()
    assert body.startswith(plotly_bundle.COMPILE_HINT)
    upstream = body[len(plotly_bundle.COMPILE_HINT) :]
    assert hashlib.sha256(upstream).hexdigest() == plotly_bundle.UPSTREAM_SHA256


def test_a_bundle_without_the_hint_is_named_as_a_problem(tmp_path, monkeypatch):
    plain = tmp_path / "plotly-geo-4.1.1.min.js"
    plain.write_bytes(plotly_bundle.BUNDLE.read_bytes()[len(plotly_bundle.COMPILE_HINT) :])
    monkeypatch.setattr(plotly_bundle, "BUNDLE", plain)
    message = plotly_bundle.problem()
    assert message is not None and "compile hint" in message


def test_the_profile_chart_uses_only_traces_the_bundle_draws():
    profile = pd.DataFrame(
        {"count": [2, 0, 1, 0], "lq": [2.5, 0.0, 0.5, float("nan")]},
        index=["climate", "jobs", "innovation", "energy"],
    )
    figure = profile_figure(profile, "en")
    assert {trace["type"] for trace in figure["data"]} <= plotly_bundle.TRACE_TYPES
    bars = [s for s in figure["layout"]["shapes"] if s["type"] == "rect"]
    # no bar where there is no data; the value and 'no data' are the labels
    assert [(b["x0"], b["x1"]) for b in bars] == [(1, 2.5), (1, 0.0), (1, 0.5)]
    assert list(figure["data"][0]["text"]) == ["2.50", "0.00", "0.50", "too few initiatives"]
