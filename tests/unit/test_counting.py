"""Same-initiative rows (same_as) count once per province, whichever of them a filter matches."""

from __future__ import annotations

import pandas as pd

from kansenkaart.counting import count_keys, distinct_per_province, distinct_total, related_rows

PROVINCES = ("PV20", "PV21", "PV22")


def frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """(id, province, same_as) rows with their count_key, as initiative_frame builds it."""
    data = pd.DataFrame(rows, columns=["id", "province", "same_as"])
    data["count_key"] = count_keys(data["id"], data["same_as"], data["province"])
    return data


# A-1 is a programme with a later phase A-2 in its own province and a partner B-1 in PV21.
LINKED = frame(
    [("A-1", "PV20", ""), ("A-2", "PV20", "A-1"), ("B-1", "PV21", "A-1"), ("C-1", "PV20", "")]
)


def every_row(data: pd.DataFrame) -> pd.Series:
    return pd.Series(True, index=data.index)


def test_a_duplicate_in_the_same_province_counts_once():
    assert distinct_per_province(LINKED, every_row(LINKED), PROVINCES).tolist() == [2, 1, 0]


def test_a_link_to_another_province_counts_in_both():
    only_programme = LINKED["id"].isin(["A-1", "B-1"])
    assert distinct_per_province(LINKED, only_programme, PROVINCES).tolist() == [1, 1, 0]
    assert distinct_total(LINKED, only_programme) == 2


def test_a_filter_matching_only_the_duplicate_still_counts_the_initiative_once():
    only_phase = LINKED["id"] == "A-2"
    assert distinct_per_province(LINKED, only_phase, PROVINCES).tolist() == [1, 0, 0]
    both = LINKED["id"].isin(["A-1", "A-2"])
    assert distinct_per_province(LINKED, both, PROVINCES).tolist() == [1, 0, 0]


def test_no_rows_gives_zeros_in_the_given_order():
    none = pd.Series(False, index=LINKED.index)
    assert distinct_per_province(LINKED, none, ("PV22", "PV20")).tolist() == [0, 0]


def test_count_key_names_the_main_row_and_the_province():
    assert LINKED["count_key"].tolist() == ["A-1@PV20", "A-1@PV20", "A-1@PV21", "C-1@PV20"]


def test_related_rows_from_the_main_row_and_from_a_linked_row():
    assert related_rows(LINKED, "A-1") == ["A-2", "B-1"]
    assert related_rows(LINKED, "A-2") == ["A-1", "B-1"]
    assert related_rows(LINKED, "C-1") == []
    assert related_rows(LINKED, "nope") == []
