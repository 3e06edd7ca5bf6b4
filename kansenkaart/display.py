"""Initiatives as a reader sees them: translated labels, province names, plain text fields."""

from __future__ import annotations

import pandas as pd

from kansenkaart.i18n import t

TABLE_FIELDS = (
    "id",
    "name",
    "province_name",
    "municipality",
    "kind_label",
    "theme_labels",
    "status_label",
    "start_year",
)


def theme_labels(themes: str, lang: str) -> str:
    return ", ".join(t(f"theme.{x}", lang) for x in themes.split(";"))


def table_rows(frame: pd.DataFrame, province_names: pd.Series, lang: str) -> list[dict]:
    """One dict per initiative with the table's columns (texts stay text: the grid escapes them)."""
    shown = pd.DataFrame(
        {
            "id": frame["id"],
            "name": frame["name"],
            "province_name": frame["province"].map(province_names),
            "municipality": frame["municipality"],
            "kind_label": frame["kind"].map(lambda k: t(f"kind.{k}", lang)),
            "theme_labels": frame["themes"].map(lambda x: theme_labels(x, lang)),
            "status_label": frame["status"].map(lambda s: t(f"status.{s}", lang)),
            "start_year": frame["start_year"]
            .astype(object)
            .where(frame["start_year"].notna(), None),
        }
    )
    return shown.to_dict("records")


def kind_text(kind: str, lang: str) -> str:
    """The kind with its one-line explanation: 'netwerk: samenwerkingsverband, ...'."""
    return f"{t(f'kind.{kind}', lang)}: {t(f'kind_explain.{kind}', lang)}"


def initiative_details(row: pd.Series, province_name: str, lang: str) -> dict[str, str]:
    """The card's labelled fields, in reading order."""
    unknown = t("unknown", lang)
    year = row["start_year"]
    return {
        t("card_kind", lang): kind_text(str(row["kind"]), lang),
        t("card_themes", lang): theme_labels(row["themes"], lang),
        t("card_status", lang): t(f"status.{row['status']}", lang),
        t("card_start", lang): str(int(year)) if pd.notna(year) else unknown,
        t("card_province", lang): province_name,
        t("card_municipality", lang): row["municipality"] or unknown,
        t("card_organisations", lang): row["organisations"] or unknown,
        t("card_location", lang): location_text(row, lang),
    }


def location_text(row: pd.Series, lang: str) -> str:
    """Where the initiative is, as precisely as the source says and no more precisely."""
    precision = str(row.get("location_precision") or "place")
    place = str(row.get("place") or "")
    return t(f"location.{precision}", lang, place=place)
