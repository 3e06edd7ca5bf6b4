"""Filters and per-province counts on the small fixture, against hand-computed numbers."""

from __future__ import annotations

import pytest

from kansenkaart.dataset import load_dataset
from kansenkaart.filtering import filter_initiatives
from kansenkaart.metrics import count_by_province
from kansenkaart.view import View


@pytest.fixture
def frame(fixture_dir):
    return load_dataset(fixture_dir).initiatives


def ids(frame, **view) -> list[str]:
    return filter_initiatives(frame, View(**view))["id"].tolist()


def test_no_theme_selected_means_all(frame):
    assert ids(frame) == ["T-1", "T-2", "T-3", "T-4", "T-5", "T-6"]


def test_any_selected_theme_matches(frame):
    assert ids(frame, theme=("energy",)) == ["T-3", "T-4", "T-6"]
    assert ids(frame, theme=("climate", "innovation")) == ["T-1", "T-2", "T-3", "T-6"]


def test_match_all_needs_every_theme(frame):
    assert ids(frame, theme=("climate", "energy"), match="all") == ["T-3"]


def test_counts_cover_every_province(frame):
    counts = count_by_province(frame, View(theme=("energy",)))
    assert len(counts) == 12
    assert counts[["PV20", "PV22", "PV31"]].tolist() == [1, 1, 1]
    assert counts.sum() == 3


def test_counts_without_filter(frame):
    counts = count_by_province(frame, View())
    assert counts["PV22"] == 3 and counts["PV20"] == 2 and counts["PV31"] == 1
    assert counts["PV27"] == 0
