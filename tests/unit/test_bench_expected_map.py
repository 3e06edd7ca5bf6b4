"""The benchmark's expected map, read straight from the files: what both apps must draw."""

from __future__ import annotations

import pandas as pd

from bench.browser import counts_for


def rows(*items: tuple[str, str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(items, columns=["id", "province", "themes", "same_as", "lat"])


def test_a_partner_row_in_its_main_rows_province_is_one_point_and_one_count() -> None:
    frame = rows(
        ("A", "PV20", "energy", "", "52.1"),
        ("A2", "PV20", "energy", "A", "52.2"),  # the same initiative, same province
        ("A3", "PV21", "energy", "A", "53.0"),  # the same programme in another province
        ("B", "PV21", "climate", "", ""),  # province-wide: counted, no point
    )
    want = counts_for(frame, frozenset(), ["PV20", "PV21"])
    assert want == {"PV20": 1, "PV21": 2, "__markers": 2}


def test_the_partner_row_is_drawn_when_only_it_passes_the_filter() -> None:
    frame = rows(
        ("A", "PV20", "climate", "", "52.1"),
        ("A2", "PV20", "energy", "A", "52.2"),
        ("C", "PV20", "energy", "", ""),
    )
    want = counts_for(frame, frozenset({"energy"}), ["PV20"])
    assert want == {"PV20": 2, "__markers": 1}
