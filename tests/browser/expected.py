"""Expected map values computed straight from the CSV with pandas, independent of the app code."""

from __future__ import annotations

import pandas as pd

from tests.conftest import DATA_DIR

CODES = [f"PV{n}" for n in range(20, 32)]


def _frame(csv_path=DATA_DIR / "initiatives.csv") -> pd.DataFrame:
    return pd.read_csv(csv_path, dtype=str, keep_default_na=False)


def _once_per_initiative(frame: pd.DataFrame, keep: pd.Series) -> list[str]:
    """One row per initiative and province (data/README.md: a `same_as` row counts with its
    main row in the same province, and in its own province otherwise); the main row first."""
    rows = frame[keep].copy()
    rows["key"] = rows["same_as"].where(rows["same_as"] != "", rows["id"]) + "@" + rows["province"]
    rows["main"] = rows["same_as"] == ""
    kept = set(
        rows.sort_values("main", ascending=False, kind="stable").drop_duplicates("key")["id"]
    )
    return [i for i in frame["id"] if i in kept]


def counts_for(themes: list[str], csv_path=DATA_DIR / "initiatives.csv") -> dict[str, float]:
    return counts_of(filtered_ids(themes=tuple(themes), csv_path=csv_path), csv_path)


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

    frame = _frame(csv_path)
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
    return _once_per_initiative(frame, keep)


def point_ids(ids: list[str], csv_path=DATA_DIR / "initiatives.csv") -> list[str]:
    """Those of the ids that are drawn as a marker: not the province-wide ones (no point)."""
    frame = _frame(csv_path)
    wide = set(frame.loc[frame["location_precision"] == "province", "id"])
    return [i for i in ids if i not in wide]


#: Initiatives in the data, each counted once per province it works in.
TOTAL = len(filtered_ids())


def counts_of(ids: list[str], csv_path=DATA_DIR / "initiatives.csv") -> dict[str, float]:
    frame = pd.read_csv(csv_path, dtype=str)
    counts = frame[frame["id"].isin(ids)]["province"].value_counts()
    return {code: float(counts.get(code, 0)) for code in CODES}


def row(ident: str, csv_path=DATA_DIR / "initiatives.csv") -> dict[str, str]:
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    return frame[frame["id"] == ident].iloc[0].to_dict()


def named_leaders_pass_the_test(caption: str, csv_path=DATA_DIR / "initiatives.csv") -> bool:
    """Whether every province a theme caption names as leading has a share in that theme that
    Fisher's exact test (province vs the rest, two-sided) finds higher at 10%, with at least 5
    initiatives in the theme and 10 in all: docs/methodology.md's rule, computed here from the
    CSV with scipy, apart from the app's code."""
    import geopandas as gpd
    from scipy.stats import fisher_exact

    names = gpd.read_file(DATA_DIR / "provinces.geojson").set_index("statcode")["name"]
    labels = {
        "Klimaat": "climate",
        "Werkgelegenheid": "jobs",
        "Innovatie": "innovation",
        "Energie": "energy",
        "Milieu": "environment",
    }
    theme = labels[caption.split(":")[0]]
    if "voorop" not in caption:
        return True
    named = [code for code, name in names.items() if name in caption.split(";")[-1]]
    hits, totals = counts_for([theme], csv_path), counts_for([], csv_path)
    all_hits, all_total = sum(hits.values()), sum(totals.values())
    for code in named:
        h, n = hits[code], totals[code]
        if h < 5 or n < 10:
            return False
        table = [[h, n - h], [all_hits - h, all_total - n - (all_hits - h)]]
        if not (fisher_exact(table).pvalue < 0.10 and h / n > (all_hits - h) / (all_total - n)):
            return False
    return bool(named)


def tour_province_captions(csv_path=DATA_DIR / "initiatives.csv") -> list[str]:
    """The tour's province steps: the three provinces with most initiatives (ties by name),
    each caption starting with its name and count."""
    import geopandas as gpd

    names = gpd.read_file(DATA_DIR / "provinces.geojson").set_index("statcode")["name"]
    totals = counts_for([], csv_path)
    ranked = sorted(totals, key=lambda c: (-totals[c], names[c]))[:3]
    return [f"{names[c]}: {int(totals[c])} initiatieven" for c in ranked]
