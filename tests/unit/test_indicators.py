"""Province indicators: each refusal names line and field; the computed figures are checked
against hand arithmetic; the registry is complete for the shipped file."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from kansenkaart.indicators import (
    BASE_KEYS,
    INDICATOR_COLUMNS,
    INDICATOR_THEMES,
    INDICATORS,
    indicator_meta,
    indicator_values,
    load_indicators,
    national_value,
    rank,
    transition_profile,
)
from tests.conftest import DATA_DIR

SHIPPED = DATA_DIR / "indicators.csv"


def shipped_rows() -> list[dict[str, str]]:
    with open(SHIPPED, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / "indicators.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(INDICATOR_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def problems_after(tmp_path: Path, line: int, **changes: str) -> list[str]:
    rows = shipped_rows()
    rows[line - 2].update(changes)
    return [str(p) for p in load_indicators(write(tmp_path, rows))[1]]


def test_shipped_file_loads_with_every_key_for_every_province():
    frame, problems = load_indicators(SHIPPED)
    assert problems == []
    assert len(frame) == 12 * len(BASE_KEYS)
    assert frame.groupby("indicator")["statcode"].nunique().eq(12).all()
    assert frame["value"].notna().all()


def test_registry_entries_are_complete():
    for key, spec in INDICATORS.items():
        for text in (spec.label, spec.unit, spec.explanation, spec.high_means):
            assert set(text) == {"nl", "en"} and all(text.values()), key
        assert spec.theme in (*INDICATOR_THEMES, None), key
        assert spec.computed == ("berekend" in spec.label["nl"]), key


def test_secondary_wind_values_say_so():
    frame, _ = load_indicators(SHIPPED)
    wind = frame.loc[frame["indicator"] == "wind_onshore_capacity"]
    secondary = wind.loc[wind["note"].str.contains("secondary source"), "statcode"]
    assert sorted(secondary) == ["PV26", "PV27", "PV28", "PV29", "PV30", "PV31"]


def test_unknown_key_names_line_and_value(tmp_path):
    problems = problems_after(tmp_path, 5, indicator="happiness")
    assert "indicators.csv:5: indicator: 'happiness' is not a known indicator" in problems[0]


def test_non_number_names_line_and_field(tmp_path):
    assert problems_after(tmp_path, 7, value="12,5x") == [
        "indicators.csv:7: value: '12,5x' is not a number"
    ]


def test_missing_source_is_refused(tmp_path):
    problems = problems_after(tmp_path, 3, source_url="")
    assert problems == [
        "indicators.csv:3: source_url: is empty; every value needs the page it was read from"
    ]


def test_missing_province_without_gap_row_is_refused(tmp_path):
    rows = [r for r in shipped_rows() if (r["statcode"], r["indicator"]) != ("PV24", "population")]
    problems = [str(p) for p in load_indicators(write(tmp_path, rows))[1]]
    assert problems == [
        "indicators.csv: indicator: population has no row for PV24; add the value or a row "
        "with an empty value and a note saying why"
    ]


def test_duplicate_and_bad_code_and_year(tmp_path):
    rows = shipped_rows()
    rows.append(dict(rows[0]))
    rows[1]["statcode"] = "PV99"
    rows[2]["year"] = "2020a"
    problems = {(p.line, p.field) for p in load_indicators(write(tmp_path, rows))[1]}
    assert {(146, "indicator"), (3, "statcode"), (4, "year")} <= problems


def test_an_explicit_gap_is_allowed_and_becomes_nan(tmp_path):
    rows = shipped_rows()
    gap = next(
        r for r in rows if (r["statcode"], r["indicator"]) == ("PV29", "other_ghg_klimaatmonitor")
    )
    gap.update(value="", note="not published for Zeeland in this export")
    frame, problems = load_indicators(write(tmp_path, rows))
    assert problems == []
    values = indicator_values(frame, "other_ghg_klimaatmonitor")
    assert math.isnan(values["PV29"]) and values.notna().sum() == 11
    assert math.isnan(national_value(frame, "other_ghg_klimaatmonitor"))
    assert math.isnan(rank(values)["PV29"]) and rank(values).max() == 11


def test_a_gap_without_a_note_is_refused(tmp_path):
    problems = problems_after(tmp_path, 2, value="", note="")
    assert problems[0].startswith("indicators.csv:2: value: is empty; a gap row needs a note")


def hand_frame(values: dict[str, dict[str, float]]) -> pd.DataFrame:
    """Long rows for all 12 provinces: the given values for PV20/PV21, 1.0 elsewhere."""
    rows = []
    for key, per_province in values.items():
        for n in range(20, 32):
            code = f"PV{n}"
            rows.append(
                {
                    "statcode": code,
                    "indicator": key,
                    "value": per_province.get(code, 1.0),
                    "unit": "",
                    "year": 2017 if key.startswith("co2") else 2024,
                    "source_url": f"https://example.org/{key}",
                    "note": "",
                }
            )
    return pd.DataFrame(rows)


def test_per_inhabitant_is_computed_from_the_base_rows():
    # PV20: 10,000 t / 2,000 inhabitants = 5 t; PV21: 3,000 / 1,000 = 3 t. Others 1 / 1 = 1.
    frame = hand_frame(
        {
            "co2_total_known_klimaatmonitor": {"PV20": 10_000, "PV21": 3_000},
            "population": {"PV20": 2_000, "PV21": 1_000},
        }
    )
    values = indicator_values(frame, "co2_per_inhabitant")
    assert values["PV20"] == 5.0 and values["PV21"] == 3.0 and values["PV22"] == 1.0
    # National: a ratio of sums, (10,000 + 3,000 + 10) / (2,000 + 1,000 + 10), not a mean.
    assert national_value(frame, "co2_per_inhabitant") == pytest.approx(13_010 / 3_010)
    year, sources, note = indicator_meta(frame, "co2_per_inhabitant")
    assert year == "2017"
    assert sources == [
        "https://example.org/co2_total_known_klimaatmonitor",
        "https://example.org/population",
    ]
    assert note.startswith("Computed")


def test_shares_get_no_invented_national_value():
    frame, _ = load_indicators(SHIPPED)
    assert math.isnan(national_value(frame, "icer_waste_improvement_potential"))
    assert national_value(frame, "population") == 17_947_684


def test_rank_puts_the_highest_first():
    ranks = rank(pd.Series([3.0, 9.0, float("nan"), 9.0, 1.0]))
    assert ranks.tolist()[:2] == [3.0, 1.0] and math.isnan(ranks[2])
    assert ranks.tolist()[3:] == [1.0, 4.0]


def test_transition_profile_on_two_hand_made_provinces():
    # Only PV20 and PV21 differ; the ten others have 1.0 per agenda (6 each, 60 in all).
    # PV20: biomassa 30, maakindustrie 10, the other four 0 -> total 40; biomassa share 0.75.
    # National biomassa: 30 + 10 (PV21) + 10 = 50; national total: 40 + 40 (PV21) + 60 = 140.
    # National biomassa share 50/140 = 0.357142...; quotient 0.75 / (50/140) = 2.1.
    agendas = ["biomassa_voedsel", "kunststoffen", "maakindustrie", "bouwmaterialen"]
    agendas += ["consumptiegoederen", "overig"]
    pv20 = {"biomassa_voedsel": 30, "maakindustrie": 10}
    pv21 = {"biomassa_voedsel": 10, "maakindustrie": 30}
    frame = hand_frame(
        {f"mki_dmi_{a}": {"PV20": pv20.get(a, 0.0), "PV21": pv21.get(a, 0.0)} for a in agendas}
    )
    profile = transition_profile(frame, "PV20").set_index("agenda")
    assert "overig" not in profile.index and len(profile) == 5
    assert profile.at["biomassa_voedsel", "share"] == pytest.approx(0.75)
    assert profile.at["biomassa_voedsel", "national_share"] == pytest.approx(50 / 140)
    assert profile.at["biomassa_voedsel", "quotient"] == pytest.approx(2.1)
    # Maakindustrie: PV20 10/40 = 0.25; national 50/140; quotient 0.25 * 140 / 50 = 0.7.
    assert profile.at["maakindustrie", "quotient"] == pytest.approx(0.7)
    assert profile.at["kunststoffen", "share"] == 0.0
