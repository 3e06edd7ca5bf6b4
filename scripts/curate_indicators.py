"""Curate data/indicators.csv from the researched province indicators.

Run from the repository root:  python scripts/curate_indicators.py [--sources DIR] [--out FILE]
DIR defaults to data/sources (a copy of ../shared/reference, see data/README.md). Keys, values,
units, years and source pages are kept as read; the long research notes become one short note
per value that keeps each caveat a reader needs (year, secondary source, provisional figure).
Deterministic: same input, same bytes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kansenkaart.indicators import BASE_KEYS, INDICATOR_COLUMNS  # noqa: E402

SOURCE = "province_indicators.csv"
_ICER = "geoFluxus, ICER 2023 (PBL), in opdracht van IPO"
#: One note per indicator key; the caveats come from the reference notes and README.
NOTES = {
    "population": "CBS StatLine 70072ned, inhabitants on 1 January 2024",
    "icer_company_waste_registered": (
        f"{_ICER}: company waste registered with the LMA, by province of origin; LMA data year "
        "2020 per the repository README (the file's jaar field says 2021)"
    ),
    "icer_waste_improvement_potential": (
        f"{_ICER}: share of that waste treated lower on the R-ladder than the best treatment "
        "already used in NL for the same waste code; final (2022-09-02) method; LMA data year "
        "2020 per the repository README (the file's jaar field says 2021)"
    ),
    "co2_total_known_klimaatmonitor": (
        "Klimaatmonitor (Rijkswaterstaat), Totaal bekende CO2-uitstoot, 2017, via a CSV export "
        "kept on GitHub; industry counted by its gas and electricity use only (not the full ETS "
        "inventory)"
    ),
    "other_ghg_klimaatmonitor": (
        "Klimaatmonitor (Rijkswaterstaat), other greenhouse gases (CH4, N2O, F-gases, IPCC AR5), "
        "2016, via a CSV export kept on GitHub"
    ),
    "wind_onshore_capacity": (
        "CBS StatLine 70960ned, installed capacity at the end of 2021, provisional (2021**); "
        "read on the CBS page; CBS later revised some values"
    ),
}
WIND_SECONDARY = (
    "CBS StatLine 70960ned, installed capacity at the end of 2021, provisional (2021**); "
    "secondary source: not visible on the stored CBS page, taken from a public code file "
    "(Apache-2.0, Bas Jansen 2023) quoting the same table"
)


def note_for(indicator: str, research_note: str) -> str:
    """The short note for one value; the six wind values not read on the CBS page say so."""
    if indicator == "wind_onshore_capacity" and "NOT visible" in research_note:
        return WIND_SECONDARY
    if indicator.startswith("mki_dmi_"):
        agenda = research_note.split('transition agenda "', 1)[1].split('"', 1)[0]
        return (
            f"{_ICER}: environmental cost (MKI) of the direct material input, transition "
            f"agenda {agenda}, 2020"
        )
    return NOTES[indicator]


def curate(sources: Path) -> pd.DataFrame:
    reference = pd.read_csv(sources / SOURCE, dtype=str, keep_default_na=False)
    unknown = sorted(set(reference["indicator"]) - set(BASE_KEYS))
    if unknown:
        raise SystemExit(f"{SOURCE}: indicator keys not in kansenkaart/indicators.py: {unknown}")
    frame = reference.copy()
    frame["note"] = [
        note_for(k, n) for k, n in zip(frame["indicator"], frame["notes"], strict=True)
    ]
    order = {key: n for n, key in enumerate(BASE_KEYS)}
    frame = frame.sort_values(
        ["indicator", "statcode"], key=lambda c: c.map(order) if c.name == "indicator" else c
    )
    return frame[list(INDICATOR_COLUMNS)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sources", type=Path, default=ROOT / "data" / "sources")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "indicators.csv")
    args = parser.parse_args(argv)
    frame = curate(args.sources)
    frame.to_csv(args.out, index=False, encoding="utf-8", lineterminator="\n")
    print(f"wrote {args.out} ({len(frame)} rows)")


if __name__ == "__main__":
    main()
