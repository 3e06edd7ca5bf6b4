"""Registries are complete: every entry of every vocabulary has its texts in every language, so
adding a metric, an export format or a language fails here until it is finished."""

from __future__ import annotations

import pytest

from kansenkaart.exports import EXPORT_FORMATS
from kansenkaart.i18n import STRINGS, format_number, t
from kansenkaart.metrics import METRIC_REGISTRY
from kansenkaart.registry import (
    FILTER_THEMES,
    KINDS,
    LANGUAGE_REGISTRY,
    LANGUAGES,
    MATCH_MODES,
    STATUSES,
    THEMES,
)


def required_keys() -> set[str]:
    keys = {f"theme.{x}" for x in THEMES} | {f"kind.{x}" for x in KINDS}
    keys |= {f"status.{x}" for x in STATUSES} | {f"match.{x}" for x in MATCH_MODES}
    for metric in METRIC_REGISTRY.values():
        if metric.indicator is None:  # an indicator brings its labels (kansenkaart/indicators.py)
            keys |= {f"metric.{metric.key}", f"metric.short.{metric.key}", f"unit.{metric.key}"}
    keys |= {f"download.{key}" for key in EXPORT_FORMATS}
    return keys


def gaps(strings: dict[str, dict[str, str]], languages: tuple[str, ...]) -> list[str]:
    """Entries missing a language, and registry entries with no entry at all."""
    missing = [
        f"{key}: {lang}"
        for key, entry in strings.items()
        for lang in languages
        if not entry.get(lang)
    ]
    return missing + [f"{key}: no entry" for key in sorted(required_keys() - set(strings))]


def test_every_string_and_registry_entry_is_translated():
    assert gaps(STRINGS, LANGUAGES) == []


def test_a_third_language_would_be_caught():
    found = gaps(STRINGS, (*LANGUAGES, "fy"))
    assert len(found) == len(STRINGS)


def test_a_metric_without_labels_would_be_caught():
    strings = {k: v for k, v in STRINGS.items() if k != "metric.short.lq"}
    assert gaps(strings, LANGUAGES) == ["metric.short.lq: no entry"]


def test_no_silent_fallback_to_dutch():
    with pytest.raises(KeyError):
        t("title", "fy")


@pytest.mark.parametrize(("lang", "expected"), [("nl", "1.234,5"), ("en", "1,234.5")])
def test_numbers_follow_the_language_registry(lang, expected):
    assert format_number(1234.5, lang, 1) == expected
    language = LANGUAGE_REGISTRY[lang]
    assert language.plotly_separators == language.decimal + language.thousands


def test_filter_themes_are_themes_and_formats_have_paths():
    assert set(FILTER_THEMES) <= set(THEMES)
    assert {f.path for f in EXPORT_FORMATS.values()} == {
        "/export/initiatives.csv",
        "/export/initiatives.xlsx",
        "/export/initiatives.geojson",
        "/export/map.png",
        "/export/map.svg",
        "/export/provinces.csv",
        "/export/provinces.xlsx",
        "/export/provinces.geojson",
    }
