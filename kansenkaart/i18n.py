"""Every string a user sees, in Dutch and English, in one table."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, dict[str, str]]] = {
    "title": {"nl": "Kansenkaart Circulaire Economie", "en": "Circular Economy Opportunity Map"},
    "subtitle": {
        "nl": "Wie doet wat, waar? Circulaire initiatieven per provincie.",
        "en": "Who does what, where? Circular initiatives per province.",
    },
    "themes_label": {"nl": "Thema's", "en": "Themes"},
    "theme.climate": {"nl": "klimaat", "en": "climate"},
    "theme.jobs": {"nl": "werkgelegenheid", "en": "jobs"},
    "theme.innovation": {"nl": "innovatie", "en": "innovation"},
    "theme.energy": {"nl": "energie", "en": "energy"},
    "theme.environment": {"nl": "milieu", "en": "environment"},
    "kind.programme": {"nl": "programma", "en": "programme"},
    "kind.initiative": {"nl": "initiatief", "en": "initiative"},
    "kind.result": {"nl": "resultaat", "en": "result"},
    "kind.icoonproject": {"nl": "icoonproject", "en": "flagship project"},
    "kind.network": {"nl": "netwerk", "en": "network"},
    "kind.roadmap": {"nl": "roadmap", "en": "roadmap"},
    "status.ongoing": {"nl": "lopend", "en": "ongoing"},
    "status.completed": {"nl": "afgerond", "en": "completed"},
    "status.planned": {"nl": "gepland", "en": "planned"},
    "status.unknown": {"nl": "onbekend", "en": "unknown"},
    "summary": {
        "nl": "{shown} van {total} initiatieven",
        "en": "{shown} of {total} initiatives",
    },
    "metric.count": {"nl": "Aantal initiatieven", "en": "Number of initiatives"},
    "metric.per100k": {
        "nl": "Initiatieven per 100.000 inwoners",
        "en": "Initiatives per 100,000 inhabitants",
    },
    "metric.lq": {"nl": "Locatiequotiënt", "en": "Location quotient"},
    "unit.count": {"nl": "initiatieven", "en": "initiatives"},
    "unit.per100k": {"nl": "per 100.000 inwoners", "en": "per 100,000 inhabitants"},
    "unit.lq": {"nl": "t.o.v. landelijk (1 = gemiddeld)", "en": "vs national (1 = average)"},
    "no_data": {"nl": "geen gegevens", "en": "no data"},
    "legend_kinds": {"nl": "Soort", "en": "Kind"},
    "hover_themes": {"nl": "Thema's", "en": "Themes"},
    "map_label": {
        "nl": "Kaart van de twaalf provincies, gekleurd naar {metric}",
        "en": "Map of the twelve provinces, coloured by {metric}",
    },
    "credit": {
        "nl": "Grenzen: CBS / Kadaster (PDOK), CC BY 4.0. Initiatieven: openbare bronnen, zie de bronlinks.",
        "en": "Boundaries: CBS / Kadaster (PDOK), CC BY 4.0. Initiatives: public sources, see the source links.",
    },
    "error_page": {
        "nl": "Er ging iets mis. Probeer het opnieuw.",
        "en": "Something went wrong. Please try again.",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The string for `key` in `lang` (falling back to Dutch), with `{placeholders}` filled."""
    entry = STRINGS[key]
    return entry.get(lang, entry["nl"]).format(**values)


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' in Dutch, '1,234.5' in English."""
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.translate(str.maketrans(",.", ".,"))
    return text
