"""Expected map values computed straight from the CSV with pandas, independent of the app code."""

from __future__ import annotations

import pandas as pd

from tests.conftest import DATA_DIR

CODES = [f"PV{n}" for n in range(20, 32)]


def counts_for(themes: list[str], csv_path=DATA_DIR / "initiatives.csv") -> dict[str, float]:
    frame = pd.read_csv(csv_path, dtype=str)
    tags = frame["themes"].str.split(";")
    keep = tags.map(lambda ts: not themes or any(t in ts for t in themes))
    counts = frame[keep]["province"].value_counts()
    return {code: float(counts.get(code, 0)) for code in CODES}


def filtered_ids(
    themes=(),
    match="any",
    province=None,
    kinds=(),
    statuses=(),
    year_from=None,
    year_to=None,
    q="",
    csv_path=DATA_DIR / "initiatives.csv",
) -> list[str]:
    """The ids a view should show, by a plain pandas reading of the CSV."""
    import unicodedata

    def fold(text: str) -> str:
        text = unicodedata.normalize("NFKD", text.casefold())
        return "".join(c for c in text if not unicodedata.combining(c))

    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    tags = frame["themes"].str.split(";")
    keep = pd.Series(True, index=frame.index)
    if themes:
        test = all if match == "all" else any
        keep &= tags.map(lambda ts: test(t in ts for t in themes))
    if province:
        keep &= frame["province"] == province
    if kinds:
        keep &= frame["kind"].isin(kinds)
    if statuses:
        keep &= frame["status"].isin(statuses)
    if year_from is not None or year_to is not None:
        years = pd.to_numeric(frame["start_year"], errors="coerce")
        keep &= years.notna() & years.between(year_from or 0, year_to or 9999)
    if q:
        text = (frame["name"] + " " + frame["summary"] + " " + frame["organisations"]).map(fold)
        keep &= text.str.contains(fold(q), regex=False)
    return frame.loc[keep, "id"].tolist()


def counts_of(ids: list[str], csv_path=DATA_DIR / "initiatives.csv") -> dict[str, float]:
    frame = pd.read_csv(csv_path, dtype=str)
    counts = frame[frame["id"].isin(ids)]["province"].value_counts()
    return {code: float(counts.get(code, 0)) for code in CODES}


def row(ident: str, csv_path=DATA_DIR / "initiatives.csv") -> dict[str, str]:
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    return frame[frame["id"] == ident].iloc[0].to_dict()


def tour_captions(csv_path=DATA_DIR / "initiatives.csv") -> list[str]:
    """The presentation tour's theme captions and visited provinces, from the CSV and the facts.

    Themes: the two provinces with most initiatives in the theme (ties by name).
    Then the three provinces with most initiatives; their captions start with name and count.
    """
    import geopandas as gpd

    names = gpd.read_file(DATA_DIR / "provinces.geojson").set_index("statcode")["name"]
    labels = {
        "climate": "Klimaat",
        "jobs": "Werkgelegenheid",
        "innovation": "Innovatie",
        "energy": "Energie",
    }
    captions = []
    for theme, label in labels.items():
        counts = counts_for([theme], csv_path)
        ranked = sorted((c for c in counts if counts[c] > 0), key=lambda c: (-counts[c], names[c]))
        leaders = [names[c] for c in ranked[:2]]
        captions.append(f"{label}: {leaders[0]} en {leaders[1]} lopen voorop")
    totals = counts_for([], csv_path)
    ranked = sorted(totals, key=lambda c: (-totals[c], names[c]))[:3]
    captions += [f"{names[c]}: {int(totals[c])} initiatieven" for c in ranked]
    return captions
