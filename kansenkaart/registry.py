"""The closed vocabularies of the data and the view: themes, kinds, statuses, metrics.

They are data, not `if` chains, so the validator, the filters, the UI and the API all read
the same lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kansenkaart.indicators import INDICATORS

#: Every theme a row may carry (IPO's contribution areas for circularity).
THEMES: Final = ("climate", "jobs", "innovation", "energy", "environment")

#: The themes a user filters by: all five, so no initiative is out of the theme filter's reach
#: (47 rows carry only `environment`, and IPO names milieu among the goals circularity serves).
FILTER_THEMES: Final = THEMES

KINDS: Final = ("programme", "initiative", "result", "icoonproject", "network", "roadmap")

#: `unknown` is written where the source page did not say.
STATUSES: Final = ("ongoing", "completed", "planned", "unknown")

#: Metrics on the collected initiatives; the province indicators (kansenkaart/indicators.py)
#: are metrics too, each under its own key.
INITIATIVE_METRICS: Final = ("count", "per100k", "lq")
METRICS: Final = INITIATIVE_METRICS + tuple(INDICATORS)

MATCH_MODES: Final = ("any", "all")


@dataclass(frozen=True)
class Language:
    """A language of the page: its code, its button label and how it writes numbers. Adding one
    touches this list and the translation table (kansenkaart/i18n.py; a test finds gaps there)."""

    code: str
    label: str
    decimal: str
    thousands: str

    @property
    def plotly_separators(self) -> str:
        """plotly's `layout.separators`: decimal point, then thousands separator."""
        return self.decimal + self.thousands


LANGUAGE_REGISTRY: Final = {
    lang.code: lang for lang in (Language("nl", "NL", ",", "."), Language("en", "EN", ".", ","))
}
LANGUAGES: Final = tuple(LANGUAGE_REGISTRY)

#: `demo`: presentation mode (large type, controls hidden, automatic tour).
MODES: Final = ("demo",)

#: Earliest and latest start year a row may claim.
FIRST_YEAR: Final = 1990
LAST_YEAR: Final = 2030

#: A box around the Netherlands (WGS84), a cheap first check before point-in-polygon.
NL_BOUNDS: Final = {"lat": (50.7, 53.6), "lon": (3.3, 7.3)}

#: CBS province codes, in CBS order.
PROVINCE_CODES: Final = tuple(f"PV{n}" for n in range(20, 32))
