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
