"""What the collection covers, said wherever its numbers go (page, Excel's about sheet, API):
how many initiatives, from what, until when, and that it is not a census."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from kansenkaart.i18n import format_number, t

#: The reference list the data were curated from was researched until this date (its README:
#: compiled 2026-11-24, revised 2026-12-02). Re-curating the data means updating this.
COLLECTED_UNTIL: Final = "2026-12-02"


@dataclass(frozen=True)
class Coverage:
    rows: int
    initiatives: int  # counted once per province (same_as rows of one province are one)
    collected_until: str

    def note(self, lang: str) -> str:
        return t(
            "coverage_note",
            lang,
            rows=format_number(self.rows, lang),
            initiatives=format_number(self.initiatives, lang),
            until=self.collected_until,
        )

    def as_json(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "initiatives_counted_once_per_province": self.initiatives,
            "collected_from": "public sources (each row cites its page)",
            "collected_until": self.collected_until,
            "complete": False,
            "note": self.note("en"),
        }


def coverage(initiatives: pd.DataFrame) -> Coverage:
    keys = initiatives["count_key"] if "count_key" in initiatives else initiatives["id"]
    return Coverage(len(initiatives), int(keys.nunique()), COLLECTED_UNTIL)
