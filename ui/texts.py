"""Which component property shows which translated string: one table for the layout and for the
language callback, so a string can never be translated in one place and forgotten in another."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kansenkaart.i18n import t
from kansenkaart.metrics import METRIC_GROUPS, METRIC_REGISTRY
from kansenkaart.registry import FILTER_THEMES, FIRST_YEAR, KINDS, LAST_YEAR, MATCH_MODES, STATUSES
from ui import ids


def _options(prefix: str, keys: tuple[str, ...]) -> Callable[[str], list[dict]]:
    return lambda lang: [{"label": t(f"{prefix}.{k}", lang), "value": k} for k in keys]


def metric_options(lang: str) -> list[dict]:
    """ "Kaart kleurt naar": the initiative metrics, then the province figures, each under a
    heading (a disabled option, so the list reads as two groups)."""
    options: list[dict] = []
    for group in METRIC_GROUPS:
        heading = t(f"metric_group.{group}", lang)
        options.append({"label": f"— {heading} —", "value": f"group:{group}", "disabled": True})
        options += [
            {"label": metric.short(lang), "value": metric.key}
            for metric in METRIC_REGISTRY.values()
            if metric.group == group
        ]
    return options


def _text(key: str) -> Callable[[str], str]:
    return lambda lang: t(key, lang)


DROPDOWN_LABELS = (
    "select_all",
    "deselect_all",
    "selected_count",
    "search",
    "clear_search",
    "clear_selection",
    "no_options_found",
)


def dropdown_labels(lang: str) -> dict[str, str]:
    """Dash's Dropdown has its own texts (search box, clear button): translate them too."""
    return {key: t(f"dropdown.{key}", lang) for key in DROPDOWN_LABELS}


def column_defs(lang: str) -> list[dict]:
    """Table columns; the header names come from the translation table."""
    wide = {"flex": 3, "minWidth": 240}
    return [
        {"field": "name", "headerName": t("col.name", lang), **wide},
        {"field": "province_name", "headerName": t("col.province", lang), "flex": 1},
        {"field": "municipality", "headerName": t("col.municipality", lang), "flex": 1},
        {"field": "kind_label", "headerName": t("col.kind", lang), "flex": 1},
        {"field": "theme_labels", "headerName": t("col.themes", lang), "flex": 2},
        {"field": "status_label", "headerName": t("col.status", lang), "flex": 1},
        {"field": "start_year", "headerName": t("col.start_year", lang), "width": 110},
    ]


def _download_title(kind: str) -> Callable[[str], str]:
    return lambda lang: t("download_title", lang, what=t(f"download.{kind}", lang))


#: (component id, property) -> the value in a language.
TEXTS: dict[tuple[str, str], Callable[[str], Any]] = {
    ("title", "children"): _text("title"),
    ("subtitle", "children"): _text("subtitle"),
    ("lang-label", "children"): _text("language_label"),
    ("filters-heading", "children"): _text("filters_heading"),
    ("themes-legend", "children"): _text("themes_label"),
    (ids.THEMES, "options"): _options("theme", FILTER_THEMES),
    ("match-legend", "children"): _text("match_label"),
    (ids.MATCH, "options"): _options("match", MATCH_MODES),
    ("kind-label", "children"): _text("kind_label"),
    (ids.KINDS, "options"): lambda lang: [
        {"label": t(f"kind.{k}", lang), "value": k, "title": t(f"kind_explain.{k}", lang)}
        for k in KINDS
    ],
    (ids.KINDS, "placeholder"): _text("any_placeholder"),
    ("status-label", "children"): _text("status_label"),
    (ids.STATUSES, "options"): _options("status", STATUSES),
    (ids.STATUSES, "placeholder"): _text("any_placeholder"),
    ("years-legend", "children"): _text("years_label"),
    ("year-from-label", "children"): _text("year_from"),
    ("year-to-label", "children"): _text("year_to"),
    ("years-hint", "children"): lambda lang: t(
        "years_hint", lang, first=FIRST_YEAR, last=LAST_YEAR
    ),
    ("search-label", "children"): _text("search_label"),
    (ids.SEARCH, "placeholder"): _text("search_placeholder"),
    ("metric-legend", "children"): _text("metric_label"),
    (ids.METRIC, "options"): metric_options,
    (ids.METRIC, "labels"): dropdown_labels,
    ("province-label", "children"): _text("province_label"),
    (ids.PROVINCE, "placeholder"): _text("province_placeholder"),
    (ids.PROVINCE, "labels"): dropdown_labels,
    (ids.KINDS, "labels"): dropdown_labels,
    (ids.STATUSES, "labels"): dropdown_labels,
    (ids.RESET, "children"): _text("reset_filters"),
    (ids.DETAILS_HINT, "children"): _text("details_hint"),
    (ids.CLOSE_CARD, "children"): _text("close"),
    (ids.CLEAR_PROVINCE, "children"): _text("clear_province"),
    ("table-heading", "children"): _text("table_heading"),
    ("table-filter-label", "children"): _text("table_quick_filter"),
    (ids.TABLE, "columnDefs"): column_defs,
    ("credit", "children"): _text("credit"),
    ("ranking-heading", "children"): _text("ranking_heading"),
    ("downloads-note", "children"): _text("downloads_note"),
    ("downloads-label", "children"): _text("downloads_label"),
    (ids.DEMO_START, "children"): _text("demo_start"),
    (ids.DEMO_EXIT, "children"): _text("demo_exit"),
    (ids.TOUR_RESUME, "children"): _text("demo_resume"),
    ("tour-paused", "children"): _text("demo_paused"),
    **{
        (f"{ids.DOWNLOAD_PREFIX}{kind}", "children"): _text(f"download.{kind}")
        for kind in ids.DOWNLOADS
    },
    **{
        (f"{ids.DOWNLOAD_PREFIX}{kind}", "title"): (_download_title(kind)) for kind in ids.DOWNLOADS
    },
    (ids.NOTICE_CLOSE, "aria-label"): _text("dismiss"),
}


#: Texts used when the layout is built but set by their own callback (not a plain property).
BUILD_TEXTS: dict[tuple[str, str], Callable[[str], Any]] = {
    (ids.TABLE, "empty"): _text("table_empty"),
}


def text(component: str, prop: str, lang: str) -> Any:
    """The translated value of one component property, for building the layout."""
    return {**TEXTS, **BUILD_TEXTS}[(component, prop)](lang)
