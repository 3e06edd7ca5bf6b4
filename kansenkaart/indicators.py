"""Province indicators (data/indicators.csv): what each one measures, its caveat, and the few
sums and ratios the page may show. Every figure keeps its own year and source; nothing here
estimates a value that the file does not hold or that cannot be derived from it."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from kansenkaart.csv_reading import read_csv_file
from kansenkaart.problems import Problem

#: The columns of data/indicators.csv, exactly (long form: one value per province and key).
INDICATOR_COLUMNS = ("statcode", "indicator", "value", "unit", "year", "source_url", "note")
PROVINCES = tuple(f"PV{n}" for n in range(20, 32))
INDICATOR_THEMES = ("climate", "energy", "environment")
#: How a national figure follows from the provinces: a sum, a ratio of sums, or none at all
#: (a share per province cannot be averaged into a national share without the weights).
AGGREGATES = ("sum", "ratio", "none")

Text = Mapping[str, str]


@dataclass(frozen=True)
class Indicator:
    """One indicator: texts in both languages, and how to compute or aggregate it."""

    key: str
    label: Text
    unit: Text
    explanation: Text
    high_means: Text
    theme: str | None  # None: context (population), not one of the map's themes
    aggregate: str
    decimals: int
    computed: bool = False
    #: For computed keys: numerator / denominator, or the sum of `parts`.
    numerator: str = ""
    denominator: str = ""
    parts: tuple[str, ...] = field(default=())


def _t(nl: str, en: str) -> Text:
    return {"nl": nl, "en": en}


_MKI_UNIT = _t("mln euro milieukosten", "million EUR environmental cost")
_MKI_HIGH = _t(
    "meer milieukosten van de materialen in deze transitieagenda",
    "more environmental cost of the materials in this transition agenda",
)


def _mki(key: str, nl: str, en: str) -> Indicator:
    return Indicator(
        key=f"mki_dmi_{key}",
        label=_t(f"Milieukosten grondstoffen: {nl}", f"Environmental cost of materials: {en}"),
        unit=_MKI_UNIT,
        explanation=_t(
            f"Milieukosten (MKI) van de directe materiaalinzet voor de transitieagenda {nl}, "
            "2020 (geoFluxus/ICER 2023).",
            f"Environmental cost (MKI) of the direct material input for the {en} transition "
            "agenda, 2020 (geoFluxus/ICER 2023).",
        ),
        high_means=_MKI_HIGH,
        theme="environment",
        aggregate="sum",
        decimals=0,
    )


#: The national transition agendas (the profile chart); `overig` counts in the total only.
TRANSITION_AGENDAS: Mapping[str, Text] = {
    "biomassa_voedsel": _t("Biomassa en voedsel", "Biomass and food"),
    "kunststoffen": _t("Kunststoffen", "Plastics"),
    "maakindustrie": _t("Maakindustrie", "Manufacturing industry"),
    "bouwmaterialen": _t("Bouwmaterialen", "Construction materials"),
    "consumptiegoederen": _t("Consumptiegoederen", "Consumer goods"),
}
ALL_AGENDAS = (*TRANSITION_AGENDAS, "overig")

INDICATORS: Mapping[str, Indicator] = {
    i.key: i
    for i in (
        Indicator(
            key="population",
            label=_t("Inwoners", "Inhabitants"),
            unit=_t("inwoners", "inhabitants"),
            explanation=_t(
                "Inwoners op 1 januari 2024 (CBS StatLine 70072ned).",
                "Inhabitants on 1 January 2024 (CBS StatLine 70072ned).",
            ),
            high_means=_t("meer inwoners", "more inhabitants"),
            theme=None,
            aggregate="sum",
            decimals=0,
        ),
        Indicator(
            key="icer_company_waste_registered",
            label=_t("Geregistreerd bedrijfsafval", "Registered company waste"),
            unit=_t("ton", "t"),
            explanation=_t(
                "Bij het LMA gemelde bedrijfsafval dat in de provincie ontstaat, 2020 "
                "(geoFluxus/ICER 2023; het bronbestand zegt jaar 2021).",
                "Company waste reported to the LMA that originates in the province, 2020 "
                "(geoFluxus/ICER 2023; the source file says year 2021).",
            ),
            high_means=_t("meer geregistreerd bedrijfsafval", "more registered company waste"),
            theme="environment",
            aggregate="sum",
            decimals=0,
        ),
        Indicator(
            key="icer_waste_improvement_potential",
            label=_t("Verbeterpotentieel afvalverwerking", "Waste treatment improvement potential"),
            unit=_t("% van het afval", "% of the waste"),
            explanation=_t(
                "Aandeel bedrijfsafval dat lager op de R-ladder wordt verwerkt dan elders in NL "
                "al gebeurt voor dezelfde afvalsoort, 2020 (geoFluxus/ICER 2023).",
                "Share of company waste treated lower on the R-ladder than is already done "
                "elsewhere in NL for the same waste type, 2020 (geoFluxus/ICER 2023).",
            ),
            high_means=_t(
                "meer ruimte om afval hoogwaardiger te verwerken",
                "more room to treat waste at higher value",
            ),
            theme="environment",
            aggregate="none",
            decimals=1,
        ),
        _mki("biomassa_voedsel", "biomassa en voedsel", "biomass and food"),
        _mki("kunststoffen", "kunststoffen", "plastics"),
        _mki("maakindustrie", "maakindustrie", "manufacturing industry"),
        _mki("bouwmaterialen", "bouwmaterialen", "construction materials"),
        _mki("consumptiegoederen", "consumptiegoederen", "consumer goods"),
        _mki("overig", "overig", "other"),
        Indicator(
            key="co2_total_known_klimaatmonitor",
            label=_t("CO2-uitstoot (2017)", "CO2 emissions (2017)"),
            unit=_t("ton CO2", "t CO2"),
            explanation=_t(
                "Totaal bekende CO2-uitstoot 2017 (Klimaatmonitor); industrie alleen via gas- en "
                "stroomgebruik, dus industrieprovincies lijken laag.",
                "Total known CO2 emissions 2017 (Klimaatmonitor); industry only through its gas "
                "and electricity use, so industrial provinces look low.",
            ),
            high_means=_t("meer CO2-uitstoot", "more CO2 emissions"),
            theme="climate",
            aggregate="sum",
            decimals=0,
        ),
        Indicator(
            key="other_ghg_klimaatmonitor",
            label=_t("Overige broeikasgassen (2016)", "Other greenhouse gases (2016)"),
            unit=_t("ton CO2-eq", "t CO2-eq"),
            explanation=_t(
                "Methaan, lachgas en F-gassen in CO2-equivalenten, 2016 (Klimaatmonitor).",
                "Methane, nitrous oxide and F-gases in CO2 equivalents, 2016 (Klimaatmonitor).",
            ),
            high_means=_t(
                "meer uitstoot van overige broeikasgassen", "more other greenhouse gases"
            ),
            theme="climate",
            aggregate="sum",
            decimals=0,
        ),
        Indicator(
            key="wind_onshore_capacity",
            label=_t("Windvermogen op land", "Onshore wind capacity"),
            unit=_t("MW", "MW"),
            explanation=_t(
                "Opgesteld windvermogen op land eind 2021, voorlopige cijfers (CBS 70960ned); "
                "zes provincies uit een secundaire bron.",
                "Installed onshore wind capacity at the end of 2021, provisional (CBS 70960ned); "
                "six provinces from a secondary source.",
            ),
            high_means=_t("meer windvermogen", "more wind capacity"),
            theme="energy",
            aggregate="sum",
            decimals=0,
        ),
        Indicator(
            key="co2_per_inhabitant",
            label=_t(
                "CO2-uitstoot per inwoner (berekend)", "CO2 emissions per inhabitant (computed)"
            ),
            unit=_t("ton CO2 per inwoner", "t CO2 per inhabitant"),
            explanation=_t(
                "Berekend: CO2-uitstoot 2017 (Klimaatmonitor) gedeeld door inwoners 2024 (CBS); "
                "industrie alleen via gas- en stroomgebruik.",
                "Computed: CO2 emissions 2017 (Klimaatmonitor) divided by inhabitants 2024 (CBS); "
                "industry only through its gas and electricity use.",
            ),
            high_means=_t("meer CO2-uitstoot per inwoner", "more CO2 emissions per inhabitant"),
            theme="climate",
            aggregate="ratio",
            decimals=1,
            computed=True,
            numerator="co2_total_known_klimaatmonitor",
            denominator="population",
        ),
        Indicator(
            key="waste_per_inhabitant",
            label=_t(
                "Bedrijfsafval per inwoner (berekend)", "Company waste per inhabitant (computed)"
            ),
            unit=_t("ton per inwoner", "t per inhabitant"),
            explanation=_t(
                "Berekend: geregistreerd bedrijfsafval 2020 (geoFluxus/ICER 2023) gedeeld door "
                "inwoners 2024 (CBS).",
                "Computed: registered company waste 2020 (geoFluxus/ICER 2023) divided by "
                "inhabitants 2024 (CBS).",
            ),
            high_means=_t("meer bedrijfsafval per inwoner", "more company waste per inhabitant"),
            theme="environment",
            aggregate="ratio",
            decimals=1,
            computed=True,
            numerator="icer_company_waste_registered",
            denominator="population",
        ),
        Indicator(
            key="mki_dmi_total",
            label=_t(
                "Milieukosten grondstoffen, totaal (berekend)",
                "Environmental cost of materials, total (computed)",
            ),
            unit=_MKI_UNIT,
            explanation=_t(
                "Berekend: som van de milieukosten (MKI) van de zes transitieagenda's, 2020 "
                "(geoFluxus/ICER 2023).",
                "Computed: sum of the environmental cost (MKI) of the six transition agendas, "
                "2020 (geoFluxus/ICER 2023).",
            ),
            high_means=_t(
                "meer milieukosten van de materiaalinzet",
                "more environmental cost of material input",
            ),
            theme="environment",
            aggregate="sum",
            decimals=0,
            computed=True,
            parts=tuple(f"mki_dmi_{a}" for a in ALL_AGENDAS),
        ),
    )
}
#: The keys the file holds; computed keys are derived from these and never stored.
BASE_KEYS = tuple(k for k, i in INDICATORS.items() if not i.computed)


# --- loading ---------------------------------------------------------------------------------


def load_indicators(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """The file as a long frame (value as float, NaN for explicit gaps) and every problem in it."""
    name = path.name
    table = read_csv_file(path, INDICATOR_COLUMNS)
    problems = list(table.problems)
    for column in table.header:
        if column not in INDICATOR_COLUMNS:
            problems.append(Problem(name, 1, column or "header", "unknown column"))
    if problems:
        return _empty_frame(), problems
    records: list[dict[str, object]] = []
    seen: dict[tuple[str, str], int] = {}
    for line, raw in table.rows:
        record, row_problems = _parse_indicator_row(raw, name, line)
        problems.extend(row_problems)
        pair = (raw.get("statcode", "").strip(), raw.get("indicator", "").strip())
        if pair in seen:
            message = f"{pair[1]} for {pair[0]} is given before, on line {seen[pair]}"
            problems.append(Problem(name, line, "indicator", message))
            continue
        seen[pair] = line  # a row with a bad value still covers its province: one problem only
        if record is not None:
            records.append(record)
    problems.extend(_coverage_problems(seen, name))
    frame = pd.DataFrame(records, columns=list(INDICATOR_COLUMNS)) if records else _empty_frame()
    frame["value"] = frame["value"].astype(float)
    frame["year"] = frame["year"].astype("Int64")
    return frame, problems


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in INDICATOR_COLUMNS})


def _parse_indicator_row(
    raw: dict[str, str], name: str, line: int
) -> tuple[dict[str, object] | None, list[Problem]]:
    row = {c: raw.get(c, "").strip() for c in INDICATOR_COLUMNS}
    problems = []
    if row["statcode"] not in PROVINCES:
        message = f"{row['statcode']!r} is not a CBS province code (PV20..PV31)"
        problems.append(Problem(name, line, "statcode", message))
    if row["indicator"] not in BASE_KEYS:
        message = f"{row['indicator']!r} is not a known indicator ({', '.join(BASE_KEYS)})"
        problems.append(Problem(name, line, "indicator", message))
    gap = not row["value"]
    value: float | None = math.nan
    if gap and not row["note"]:
        message = "is empty; a gap row needs a note saying why the value is missing"
        problems.append(Problem(name, line, "value", message))
    elif not gap:
        value = _number(row["value"])
        if value is None:
            problems.append(Problem(name, line, "value", f"{row['value']!r} is not a number"))
    year = None if gap and not row["year"] else _integer(row["year"])
    if year is None and not (gap and not row["year"]):
        problems.append(Problem(name, line, "year", f"{row['year']!r} is not a whole year"))
    if not (gap and not row["source_url"]) and not _is_web_address(row["source_url"]):
        message = f"{row['source_url']!r} is not an http(s) web address"
        if not row["source_url"]:
            message = "is empty; every value needs the page it was read from"
        problems.append(Problem(name, line, "source_url", message))
    if problems:
        return None, problems
    return {**row, "value": value, "year": year}, []


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _integer(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) == 4 else None


def _is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and "." in parts.netloc and " " not in value


def _coverage_problems(seen: Mapping[tuple[str, str], int], name: str) -> list[Problem]:
    """Each indicator needs all 12 provinces: a value, or a gap row that says why not."""
    problems = []
    for key in BASE_KEYS:
        missing = [code for code in PROVINCES if (code, key) not in seen]
        if missing:
            message = (
                f"{key} has no row for {', '.join(missing)}; add the value or a row with an "
                "empty value and a note saying why"
            )
            problems.append(Problem(name, 0, "indicator", message))
    return problems


# --- values ----------------------------------------------------------------------------------


def indicator_values(frame: pd.DataFrame, key: str) -> pd.Series:
    """The twelve provinces' values in CBS order; NaN for a gap. Computed keys from their parts."""
    spec = INDICATORS[key]
    if spec.parts:
        return _sum_of(frame, spec.parts).rename(key)
    if spec.computed:
        ratio = indicator_values(frame, spec.numerator) / indicator_values(frame, spec.denominator)
        return ratio.rename(key)
    rows = frame.loc[frame["indicator"] == key]
    values = pd.Series(rows["value"].astype(float).to_numpy(), index=rows["statcode"].to_numpy())
    return values.reindex(list(PROVINCES)).astype(float).rename(key)


def _sum_of(frame: pd.DataFrame, keys: tuple[str, ...]) -> pd.Series:
    """A sum that stays NaN where any part is missing (no silent zero)."""
    parts = pd.concat([indicator_values(frame, k) for k in keys], axis=1)
    return parts.sum(axis=1, min_count=len(keys)).where(parts.notna().all(axis=1))


def base_keys_of(key: str) -> tuple[str, ...]:
    """The stored indicators a key is read or computed from."""
    spec = INDICATORS[key]
    if spec.parts:
        return spec.parts
    if spec.computed:
        return (spec.numerator, spec.denominator)
    return (key,)


def indicator_meta(frame: pd.DataFrame, key: str) -> tuple[str, list[str], str]:
    """(year, source URLs, note) for a hover, a colour bar or an export. The year is that of the
    figure itself: for a per-inhabitant value, the year of the numerator."""
    spec = INDICATORS[key]
    leading = spec.numerator if spec.computed and spec.numerator else base_keys_of(key)[0]
    years = frame.loc[frame["indicator"] == leading, "year"].dropna().astype(int).unique()
    year = "/".join(str(y) for y in sorted(years))
    rows = frame.loc[frame["indicator"].isin(base_keys_of(key))]
    sources = list(dict.fromkeys(u for u in rows["source_url"] if u))
    notes = list(dict.fromkeys(n for n in rows["note"] if n))
    if spec.computed:
        notes.insert(0, spec.explanation["en"])
    return year, sources, " | ".join(notes)


#: The publisher a figure is credited to, by the start of its key (short, for a colour bar).
SOURCE_NAMES: Mapping[str, str] = {
    "population": "CBS StatLine",
    "wind_": "CBS StatLine",
    "icer_": "geoFluxus, ICER 2023 (PBL)",
    "mki_": "geoFluxus, ICER 2023 (PBL)",
    "co2_": "Klimaatmonitor (Rijkswaterstaat)",
    "other_ghg": "Klimaatmonitor (Rijkswaterstaat)",
}


def source_names(key: str) -> list[str]:
    """Who publishes the figures behind a key, once each, e.g. ["Klimaatmonitor (...)", "CBS"]."""
    names = [
        next(name for prefix, name in SOURCE_NAMES.items() if base.startswith(prefix))
        for base in base_keys_of(key)
    ]
    return list(dict.fromkeys(names))


def province_note(frame: pd.DataFrame, key: str, statcode: str) -> str:
    """The note of one province's row(s), e.g. that a wind value comes from a secondary source."""
    rows = frame.loc[frame["indicator"].isin(base_keys_of(key)) & (frame["statcode"] == statcode)]
    return " | ".join(dict.fromkeys(n for n in rows["note"] if n))


def national_value(frame: pd.DataFrame, key: str) -> float:
    """The Netherlands as a whole, where the registry says how: a sum, a ratio of sums, or NaN.
    NaN too when a province is missing, since a partial sum is not a national figure."""
    spec = INDICATORS[key]
    if spec.aggregate == "sum":
        return float(indicator_values(frame, key).sum(min_count=len(PROVINCES)))
    if spec.aggregate == "ratio":
        numerator = indicator_values(frame, spec.numerator).sum(min_count=len(PROVINCES))
        denominator = indicator_values(frame, spec.denominator).sum(min_count=len(PROVINCES))
        return float(numerator / denominator) if denominator else math.nan
    return math.nan


def rank(values: pd.Series) -> pd.Series:
    """1 = highest; ties share the better rank; NaN stays NaN."""
    return values.rank(ascending=False, method="min", na_option="keep")


def transition_profile(frame: pd.DataFrame, statcode: str) -> pd.DataFrame:
    """Per transition agenda: the province's share of its own MKI total, the national share and
    their quotient (above 1: the province's material economy leans towards that agenda)."""
    values = pd.concat(
        [indicator_values(frame, f"mki_dmi_{a}").rename(a) for a in ALL_AGENDAS], axis=1
    )
    province_total = values.loc[statcode].sum(min_count=len(ALL_AGENDAS))
    national = values.sum(axis=0, min_count=len(PROVINCES))
    national_total = national.sum(min_count=len(ALL_AGENDAS))
    rows = []
    for agenda, label in TRANSITION_AGENDAS.items():
        share = float(values.loc[statcode, agenda]) / province_total  # type: ignore[arg-type]
        national_share = national[agenda] / national_total
        rows.append(
            {
                "agenda": agenda,
                "label_nl": label["nl"],
                "label_en": label["en"],
                "value": values.at[statcode, agenda],
                "share": share,
                "national_share": national_share,
                "quotient": share / national_share,
            }
        )
    return pd.DataFrame(rows)
