"""Curate data/initiatives.csv from the researched reference list in ../shared/reference.

Run from the repository root:  python scripts/curate_initiatives.py [SHARED_DIR]
It keeps every reference row (each cites a page that was read), maps the province name to
its CBS code and writes `unknown` where the source did not state a status. Hand edits made
to data/initiatives.csv afterwards are the stewards' to keep: re-running overwrites them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kansenkaart.schema import CSV_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = list(CSV_COLUMNS)


def curate(shared: Path) -> pd.DataFrame:
    reference = pd.read_csv(shared / "reference" / "ce_initiatives_reference.csv", dtype=str)
    facts = pd.read_csv(shared / "reference" / "province_facts.csv", dtype=str)
    codes = dict(zip(facts["name"], facts["statcode"], strict=True))
    frame = reference.copy()
    frame["province"] = frame["province"].map(codes)
    if frame["province"].isna().any():
        raise SystemExit("a province name in the reference has no CBS code")
    frame["status"] = frame["status"].fillna("unknown")
    return frame[COLUMNS].fillna("")


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    out = ROOT / "data" / "initiatives.csv"
    curate(shared).to_csv(out, index=False, encoding="utf-8", lineterminator="\n")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
