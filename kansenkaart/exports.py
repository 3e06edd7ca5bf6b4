"""Filtered initiatives as files an analyst opens elsewhere: CSV, XLSX, GeoJSON and map images.

Every writer takes the frame `filter_initiatives` returned and builds the whole file in memory,
so a failed export never leaves half a file behind. Text cells that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) get a leading apostrophe, in CSV and
XLSX alike, so both files carry the same text.

Province-wide rows (`location_precision` = province) have no point: their lat/lon are empty cells
in CSV and XLSX and their GeoJSON geometry is null, so a GIS user sees which rows have no place
instead of a stand-in point.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import textwrap
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from shapely.geometry import mapping

from kansenkaart.comparison import province_codes
from kansenkaart.coverage import COLLECTED_UNTIL, Coverage
from kansenkaart.dataset import DataSet, fold_text
from kansenkaart.geometry import COUNTER_CLOCKWISE, oriented
from kansenkaart.i18n import t
from kansenkaart.indicators import INDICATORS, indicator_meta, indicator_values, source_names
from kansenkaart.metrics import (
    METRIC_REGISTRY,
    count_by_province,
    lq_comparisons,
    metric_source,
    metric_values,
    per_100k,
    shown_metric,
)
from kansenkaart.registry import FILTER_THEMES
from kansenkaart.schema import InitiativeRow
from kansenkaart.settings import ROOT
from kansenkaart.view import View

#: Columns whose English keys get a label in the export's language in the column beside them.
LABELLED = {
    "province": "province_name",
    "themes": "themes_label",
    "kind": "kind_label",
    "status": "status_label",
}

#: The data file's columns, each labelled one followed by its label; helper columns stay home.
EXPORT_COLUMNS: tuple[str, ...] = tuple(
    name
    for field in InitiativeRow.model_fields
    for name in ((field, LABELLED[field]) if field in LABELLED else (field,))
)
NUMERIC_COLUMNS = ("lat", "lon", "start_year")
TEXT_COLUMNS = tuple(c for c in EXPORT_COLUMNS if c not in NUMERIC_COLUMNS)

#: How a CSV is written: `standard` (comma, decimal point) for tools, `excel-nl` (semicolon,
#: decimal comma) for Excel under Dutch regional settings, which splits a comma file wrongly.
CSV_DIALECTS: dict[str, tuple[str, str]] = {"standard": (",", "."), "excel-nl": (";", ",")}
DEFAULT_DIALECT = "standard"
#: The dialect of the CSV links on the page, per page language: a Dutch Excel opens `;` files.
PAGE_DIALECTS: dict[str, str] = {"nl": "excel-nl"}

#: The CBS population figures in data/provinces.geojson are those of 1 January of this year.
POPULATION_YEAR = 2024

#: First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Province names by CBS code: the provinces frame's `name` column, or a plain dict.
ProvinceNames = pd.Series | Mapping[str, str]

CSV_TYPE = "text/csv"  # Flask adds "; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GEOJSON_TYPE = "application/geo+json"
IMAGE_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


def text(key: str, lang: str, **values: object) -> str:
    """Export strings live in the one translation table, under `export.`."""
    return t(f"export.{key}", lang, **values)


# --- the rows ---------------------------------------------------------------------------------


def export_frame(
    filtered: pd.DataFrame, province_names: ProvinceNames, lang: str = "en"
) -> pd.DataFrame:
    """The filtered rows with the export columns only, in the same order and with the same values;
    the keys of province, themes, kind and status labelled in `lang` in the column beside them."""
    frame = filtered.assign(
        province_name=filtered["province"].map(province_names),
        themes_label=filtered["themes"].map(lambda keys: _labels("theme", keys, lang)),
        kind_label=filtered["kind"].map(lambda key: _labels("kind", key, lang)),
        status_label=filtered["status"].map(lambda key: _labels("status", key, lang)),
    )
    return frame.loc[:, list(EXPORT_COLUMNS)].reset_index(drop=True)


def _labels(group: str, keys: object, lang: str) -> str:
    """'energy;climate' -> 'energie; klimaat' (the file's `;` between keys, as in the data)."""
    if not isinstance(keys, str) or not keys:
        return ""
    return "; ".join(t(f"{group}.{key}", lang) for key in keys.split(";") if key)


def neutralise(value: str) -> str:
    """A text cell a spreadsheet shows as text: formula-like starts get a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def text_columns(frame: pd.DataFrame) -> list[str]:
    """Every column that is not numbers: those are the cells a spreadsheet might run."""
    return [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]


def _safe_text(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in text_columns(frame):
        safe[column] = safe[column].fillna("").astype(str).map(neutralise)
    return safe


# --- CSV ------------------------------------------------------------------------------------


def csv_bytes(frame: pd.DataFrame, dialect: str = DEFAULT_DIALECT) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads 'Fryslân' right; a missing year or point is an
    empty cell, never the text 'nan'. Every field is quoted, so a `;` or `,` inside a text never
    splits it, whichever separator a spreadsheet guesses; numbers have no thousands separator."""
    separator, decimal = CSV_DIALECTS[dialect]
    text_frame = _safe_text(frame)
    written = text_frame.to_csv(
        index=False,
        sep=separator,
        decimal=decimal,
        quoting=csv.QUOTE_ALL,
        lineterminator="\r\n",
        na_rep="",
    )
    return written.encode("utf-8-sig")


# --- XLSX -----------------------------------------------------------------------------------


#: One line of the about sheet: a label and a text, a whole number or a web address (a link).
AboutRow = tuple[str, str | int]


def xlsx_bytes(
    frame: pd.DataFrame,
    about: list[AboutRow],
    lang: str,
    provinces: pd.DataFrame | None = None,
    *,
    first_sheet: str = "initiatives",
) -> bytes:
    """A workbook with the rows on one sheet, the province figures (when given) on the next and
    what they are (filters, metric, sources, coverage) on the last."""
    book = Workbook()
    data_sheet = book.active
    data_sheet.title = first_sheet
    _write_table(data_sheet, _safe_text(frame))
    if provinces is not None:
        _write_table(book.create_sheet("provinces"), _safe_text(provinces))
    about_sheet = book.create_sheet(text("about_title", lang)[:31])
    _write_about(about_sheet, about)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_table(sheet: Worksheet, frame: pd.DataFrame) -> None:
    sheet.append(list(frame.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    text = {frame.columns.get_loc(c) for c in text_columns(frame)}
    for row_number, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        for index, value in enumerate(row):
            if index in text:
                _put_text(sheet, row_number, index + 1, value)
            else:
                sheet.cell(row_number, index + 1, None if pd.isna(value) else value)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(frame.columns):
        width = 60 if column in ("summary", "organisations", "source_url") else 24
        sheet.column_dimensions[sheet.cell(1, index + 1).column_letter].width = width


def _put_text(sheet: Worksheet, row: int, column: int, value: str) -> None:
    """Always a string cell: openpyxl would otherwise store '=…' as a formula."""
    if not value:
        return
    cell = sheet.cell(row, column)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)  # XML 1.0 cannot hold control characters
    cell.data_type = "s"


def is_web_address(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"https?://\S+", value) is not None


def _write_about(sheet: Worksheet, about: list[AboutRow]) -> None:
    """Web addresses become real links (a click opens them), never a HYPERLINK formula."""
    for row_number, (label, value) in enumerate(about, start=1):
        _put_text(sheet, row_number, 1, label)
        if isinstance(value, int):
            sheet.cell(row_number, 2, value)
        else:
            _put_text(sheet, row_number, 2, neutralise(value))
            if is_web_address(value):
                cell = sheet.cell(row_number, 2)
                cell.hyperlink = value
                cell.style = "Hyperlink"
        sheet.cell(row_number, 1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100


def about_rows(
    view: View,
    province_names: ProvinceNames,
    rows: int,
    exported: datetime,
    link: str,
    *,
    coverage: Coverage | None = None,
) -> list[AboutRow]:
    """The about sheet: what was filtered, how many rows, how complete the collection is, when,
    from which sources under which licences, and the way back. Without `coverage` that row is
    left out, not guessed: rows are not initiatives once `same_as` rows are among them."""
    lang = view.lang
    filters = "; ".join(describe_filters(view, province_names))
    covered = [] if coverage is None else [(text("about_coverage", lang), coverage.note(lang))]
    return [
        (text("about_filters", lang), filters),
        (text("about_rows", lang), rows),
        *covered,
        (text("about_exported", lang), exported.isoformat(timespec="seconds")),
        (text("about_sources", lang), text("about_sources_text", lang)),
        (text("about_initiatives", lang), text("about_initiatives_text", lang)),
        (text("about_location", lang), text("about_location_text", lang)),
        (text("about_link", lang), link),
        (text("about_formulas", lang), text("about_formulas_text", lang)),
    ]


def data_rows(data: DataSet, view: View) -> list[AboutRow]:
    """The about sheet's lines on the figures: what the map shows (label, unit, year, source, with
    each source's address a link), which data version, and the population's year."""
    lang = view.lang
    metric = METRIC_REGISTRY[shown_metric(view)]
    source = metric_source(data, metric.key, lang)
    described = f"{metric.label(lang)} ({metric.unit(lang)})"
    return [
        (t("metric_label", lang), f"{described}: {source.line(lang)}"),
        *((text("about_metric_source", lang), url) for url in source.urls),
        (
            text("about_data_version", lang),
            text("about_data_version_text", lang, version=data.version, until=COLLECTED_UNTIL),
        ),
        (text("about_population_year", lang), POPULATION_YEAR),
    ]


# --- province figures -----------------------------------------------------------------------


def province_table(data: DataSet, view: View) -> pd.DataFrame:
    """One row per province (just one under a province filter), the figures of /api/provinces
    flattened into columns: count and rate for the view, each theme's location quotient with its
    verdict and, when there is none, why; then every indicator with its unit, year and source.
    Labels and units are in the view's language; keys, verdicts and reasons stay English keys."""
    lang = view.lang
    frame, provinces = data.initiatives, data.provinces
    counts = count_by_province(frame, view)
    codes = province_codes(view)
    table = pd.DataFrame(index=pd.Index(codes, name="statcode"))
    table["name"] = [data.province_name(code) for code in codes]
    table["population"] = provinces["population"].reindex(codes).round().astype("Int64")
    table["population_year"] = POPULATION_YEAR
    table["count"] = counts.reindex(codes).astype(int)
    table["per_100k"] = per_100k(counts, provinces["population"]).reindex(codes)
    table["metric"] = shown_metric(view)
    table["value"] = metric_values(data, view).reindex(codes).astype(float)
    for theme in FILTER_THEMES:
        compared = lq_comparisons(frame, view, (theme,), "any")
        table[f"lq_{theme}"] = [_float(compared[code].lq) for code in codes]
        table[f"lq_{theme}_verdict"] = [str(compared[code].verdict) for code in codes]
        table[f"lq_{theme}_reason"] = [compared[code].reason or "" for code in codes]
    for key, indicator in INDICATORS.items():
        year, _, _ = indicator_meta(data.indicators, key)
        # `population` and its year are already there, as whole numbers (the same CBS figures)
        if key not in table:
            table[key] = indicator_values(data.indicators, key).reindex(codes).astype(float)
        table[f"{key}_unit"] = indicator.unit[lang]
        if f"{key}_year" not in table:
            table[f"{key}_year"] = year
        table[f"{key}_source"] = ", ".join(source_names(key))
    return table.reset_index()


def _float(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def counter_clockwise(geometry: dict) -> dict:
    """RFC 7946 section 3.1.6: exterior rings counter-clockwise, holes clockwise."""
    return dict(mapping(oriented(geometry, COUNTER_CLOCKWISE)))


def province_collection(table: pd.DataFrame, geojson: dict) -> dict:
    """The province figures as polygons: one Feature per row of `table`, its columns the properties."""
    shapes = {f["properties"]["statcode"]: f["geometry"] for f in geojson["features"]}
    records = table.astype(object).where(table.notna(), None).to_dict("records")
    features = [
        {
            "type": "Feature",
            "id": record["statcode"],
            "geometry": counter_clockwise(shapes[record["statcode"]]),
            "properties": record,
        }
        for record in records
    ]
    return {"type": "FeatureCollection", "features": features}


def province_geojson_bytes(table: pd.DataFrame, geojson: dict) -> bytes:
    collection = province_collection(table, geojson)
    return json.dumps(collection, ensure_ascii=False, allow_nan=False).encode("utf-8")


# --- GeoJSON --------------------------------------------------------------------------------


def feature_collection(frame: pd.DataFrame) -> dict:
    """RFC 7946: one Feature per row with every column a property; a Point at [lon, lat], or a
    null geometry (RFC 7946 section 3.2) for a province-wide row, never a stand-in point."""
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return {"type": "FeatureCollection", "features": [_feature(r) for r in records]}


def _feature(record: dict) -> dict:
    return {
        "type": "Feature",
        "id": record["id"],
        "geometry": point_geometry(record["lat"], record["lon"]),
        "properties": record,
    }


def point_geometry(lat: float | None, lon: float | None) -> dict | None:
    """A GeoJSON Point, or None (JSON null) when the row has no point."""
    if lat is None or lon is None:
        return None
    return {"type": "Point", "coordinates": [lon, lat]}


def geojson_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 JSON; NaN is not JSON, so one slipping through fails here rather than in a GIS."""
    collection = feature_collection(frame)
    return json.dumps(collection, ensure_ascii=False, allow_nan=False).encode("utf-8")


# --- describing a view ----------------------------------------------------------------------


def describe_filters(view: View, province_names: ProvinceNames) -> list[str]:
    """The view's filters as a reader says them, one line per filter group, in `view.lang`."""
    lang = view.lang
    parts = []
    if view.theme:
        themes = ", ".join(t(f"theme.{x}", lang) for x in view.theme)
        match = f" ({t(f'match.{view.match}', lang)})" if len(view.theme) > 1 else ""
        parts.append(f"{t('themes_label', lang)}: {themes}{match}")
    if view.province:
        parts.append(f"{t('province_label', lang)}: {province_names[view.province]}")
    if view.kind:
        kinds = ", ".join(t(f"kind.{x}", lang) for x in view.kind)
        parts.append(f"{t('kind_label', lang)}: {kinds}")
    if view.status:
        statuses = ", ".join(t(f"status.{x}", lang) for x in view.status)
        parts.append(f"{t('status_label', lang)}: {statuses}")
    if view.has_year_range:
        parts.append(f"{t('years_label', lang)}: {_describe_years(view)}")
    if view.q:
        parts.append(f"{t('search_label', lang)}: “{view.q}”")
    return parts or [text("no_filters", view.lang)]


def _describe_years(view: View) -> str:
    if view.year_from is not None and view.year_to is not None:
        return f"{view.year_from}-{view.year_to}"
    if view.year_from is not None:
        return text("years_from", view.lang, year=view.year_from)
    return text("years_to", view.lang, year=view.year_to)


def export_filename(
    view: View,
    extension: str,
    day: datetime,
    province_names: ProvinceNames,
    subject: str = "initiatives",
) -> str:
    """`kansenkaart_2026-12-02_drenthe_energie_per100k.csv`: the province's name, the filters'
    labels in the export's language and the metric (unless the count), ASCII only, so every
    browser and shell keeps it."""
    lang = view.lang
    parts = [text(f"file_{subject}", lang)] if subject == "provinces" else []
    if view.province:
        parts.append(_slug(str(province_names[view.province])))
    parts += [_slug(t(f"theme.{x}", lang)) for x in view.theme]
    if len(view.theme) > 1 and view.match == "all":
        parts.append(text("file_all_themes", lang))
    parts += [_slug(t(f"kind.{x}", lang)) for x in view.kind]
    parts += [_slug(t(f"status.{x}", lang)) for x in view.status]
    if view.has_year_range:
        parts.append(_years_slug(view))
    if view.q and _slug(view.q):
        parts.append("q-" + _slug(view.q)[:24].strip("-"))
    metric = shown_metric(view)
    if metric != "count":
        parts.append(metric)
    summary = "_".join(p for p in parts if p)[:100].strip("_-")
    stem = f"kansenkaart_{day:%Y-%m-%d}" + (f"_{summary}" if summary else "")
    return f"{stem}.{extension}"


def _years_slug(view: View) -> str:
    if view.year_from is not None and view.year_to is not None:
        return f"{view.year_from}-{view.year_to}"
    if view.year_from is not None:
        return f"from{view.year_from}"
    return f"to{view.year_to}"


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_text(value)).strip("-")


def content_disposition(filename: str) -> str:
    return f'attachment; filename="{filename}"'


# --- map images -----------------------------------------------------------------------------

#: plotly.js's base-map topojson, served from the repository: images render without internet.
TOPOJSON_URL = (ROOT / "assets" / "topojson").as_uri()
IMAGE_SIZE = {"width": 1000, "height": 1150}
IMAGE_SCALE = {"png": 2, "svg": 1}


#: Characters per credit line at 11 px on the 1000 px wide image.
CREDIT_WIDTH = 170


def titled_figure(figure: dict, title: str, subtitle: str, credit: list[str]) -> dict:
    """The page's map with a title naming the filter and the data credit, on a white sheet.
    Credit lines are wrapped to the image's width; the bottom margin grows with them."""
    lines = [part for line in credit for part in textwrap.wrap(line, CREDIT_WIDTH) or [""]]
    layout = {
        **figure["layout"],
        "title": {
            "text": f"<b>{_escape(title)}</b><br><span style='font-size:15px'>{_escape(subtitle)}</span>",
            "x": 0.02,
            "xanchor": "left",
            "y": 0.98,
            "yanchor": "top",
            "pad": {"t": 10},
            "font": {"size": 22},
        },
        "margin": {"l": 10, "r": 10, "t": 100, "b": 24 + 16 * len(lines)},
        "paper_bgcolor": "white",
        "annotations": [
            *figure["layout"].get("annotations", []),
            {
                "text": "<br>".join(_escape(line) for line in lines),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "yshift": -10,
                "xanchor": "left",
                "yanchor": "top",
                "align": "left",
                "showarrow": False,
                "font": {"size": 11, "color": "#4d4d4d"},
            },
        ],
    }
    layout.pop("uirevision", None)
    return {**figure, "layout": layout}


def _escape(value: str) -> str:
    """Plotly reads a few HTML tags in titles; user text (the search term) must stay text."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def map_title(view: View, province_names: ProvinceNames, count: int) -> tuple[str, str]:
    """Title and subtitle of a map image: what is shown, filtered how, and how many."""
    metric = shown_metric(view)
    filters = "; ".join(describe_filters(view, province_names))
    subtitle = f"{filters} · {text('map_count', view.lang, count=count)}"
    return f"{t('title', view.lang)}: {METRIC_REGISTRY[metric].label(view.lang)}", subtitle


class MapRenderer:
    """One headless Chromium per process, started on first use and kept for later images.

    The first image of a process takes 3-5 s (Chromium starts); a kept one draws an image in a
    few tenths of a second. Under gunicorn each worker starts its own, on its first image.
    Kaleido's server handles one figure at a time, hence the lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid: int | None = None

    def render(self, figure: dict, image_format: str) -> bytes:
        import kaleido  # imported late: loading it costs time the rest of the app need not pay

        opts = {**IMAGE_SIZE, "format": image_format, "scale": IMAGE_SCALE[image_format]}
        with self._lock:
            self._start(kaleido)
            try:
                return kaleido.calc_fig_sync(figure, opts=opts, topojson=TOPOJSON_URL)
            except Exception:
                # A crashed browser must not poison later requests: start afresh next time.
                kaleido.stop_sync_server(silence_warnings=True)
                self._pid = None
                raise

    def _start(self, kaleido) -> None:
        if self._pid == os.getpid():
            return
        # A server inherited through fork (gunicorn) has no thread behind it: replace it.
        kaleido.stop_sync_server(silence_warnings=True)
        kaleido.start_sync_server(
            mathjax=False, plotlyjs=plotly_js_url(), timeout=60, silence_warnings=True
        )
        self._pid = os.getpid()


def plotly_js_url() -> str:
    """plotly.js as shipped inside plotly.py, so Chromium never fetches it from a CDN."""
    import plotly

    return (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").as_uri()


renderer = MapRenderer()


# --- the formats --------------------------------------------------------------------------


@dataclass(frozen=True)
class TableFile:
    """What a table format writes from: the rows, the province figures (read only by the writers
    that need them: computing every location quotient costs time), the province shapes, the about
    lines, the reader's language and the CSV dialect."""

    frame: pd.DataFrame
    provinces: Callable[[], pd.DataFrame]
    geojson: dict
    about: list[AboutRow]
    lang: str
    dialect: str = DEFAULT_DIALECT


@dataclass(frozen=True)
class ExportFormat:
    """One download. Adding a format is an entry here and its `download.<name>` label in the
    translation table: the route, the page's link and the OpenAPI document read this registry."""

    #: unique in the registry: the page's link is `download-<name>`, its label `download.<name>`
    name: str
    key: str
    #: `initiatives` (the filtered rows), `provinces` (the figures per province) or `map` (an
    #: image of the map); a table format has a `write`, the map images are drawn by the server
    subject: str
    mimetype: str
    summary: str
    description: str
    write: Callable[[TableFile], bytes] | None = None

    @property
    def path(self) -> str:
        return f"/export/{self.subject}.{self.key}"

    @property
    def takes_dialect(self) -> bool:
        return self.key == "csv"


DIALECT_NOTE = " With dialect=excel-nl: `;`-separated with decimal commas, for Excel under Dutch regional settings."
FORMULA_NOTE = "text cells starting with = + - @ tab or CR are prefixed with an apostrophe."

EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "csv",
            "csv",
            "initiatives",
            CSV_TYPE,
            "Filtered initiatives (CSV)",
            f"UTF-8 with byte-order mark, every field quoted; {FORMULA_NOTE}" + DIALECT_NOTE,
            lambda out: csv_bytes(out.frame, out.dialect),
        ),
        ExportFormat(
            "xlsx",
            "xlsx",
            "initiatives",
            XLSX_TYPE,
            "Filtered initiatives (Excel)",
            "Sheet 'initiatives' with the rows, sheet 'provinces' with the figures per province (as provinces.xlsx); an about sheet with filters, row count, metric, data version, population year, coverage, sources, licences and a link back to the view.",
            lambda out: xlsx_bytes(out.frame, out.about, out.lang, out.provinces()),
        ),
        ExportFormat(
            "geojson",
            "geojson",
            "initiatives",
            GEOJSON_TYPE,
            "Filtered initiatives (GeoJSON file)",
            "Every filtered initiative in one FeatureCollection (the unpaged /api/initiatives).",
            lambda out: geojson_bytes(out.frame),
        ),
        ExportFormat(
            "provinces_csv",
            "csv",
            "provinces",
            CSV_TYPE,
            "Figures per province (CSV)",
            "Per province: name, code, population and its year, the view's count, per 100,000 inhabitants and metric value, per theme the location quotient (lq_<theme>) with its verdict (lq_<theme>_verdict: strength, gap, average, too_few) and reason, and every indicator (<key>) with <key>_unit, <key>_year and <key>_source. "
            + f"Every field quoted; {FORMULA_NOTE}"
            + DIALECT_NOTE,
            lambda out: csv_bytes(out.provinces(), out.dialect),
        ),
        ExportFormat(
            "provinces_xlsx",
            "xlsx",
            "provinces",
            XLSX_TYPE,
            "Figures per province (Excel)",
            "Sheet 'provinces' with the columns of provinces.csv, and the about sheet.",
            lambda out: xlsx_bytes(out.provinces(), out.about, out.lang, first_sheet="provinces"),
        ),
        ExportFormat(
            "provinces_geojson",
            "geojson",
            "provinces",
            GEOJSON_TYPE,
            "Figures per province (GeoJSON polygons)",
            "RFC 7946 FeatureCollection: each province's polygons (exterior rings counter-clockwise), the columns of provinces.csv as properties.",
            lambda out: province_geojson_bytes(out.provinces(), out.geojson),
        ),
        ExportFormat(
            "png",
            "png",
            "map",
            IMAGE_TYPES["png"],
            "Map image (PNG)",
            "The map as shown on the page for this view, with a title naming the filters and a credit line. The first image of a server process takes a few seconds.",
        ),
        ExportFormat(
            "svg",
            "svg",
            "map",
            IMAGE_TYPES["svg"],
            "Map image (SVG)",
            "As map.png, as scalable vector graphics.",
        ),
    )
}


def download_href(chosen: ExportFormat, query: str, lang: str) -> str:
    """The page's link to a download: the view's query (`?theme=...` or empty), and for a CSV the
    dialect of the page's language. callbacks/downloads.py does the same in the browser."""
    href = chosen.path + query
    dialect = PAGE_DIALECTS.get(lang) if chosen.takes_dialect else None
    if dialect:
        href += ("&" if "?" in href else "?") + f"dialect={dialect}"
    return href


#: The formats by address, for the route.
FORMATS_BY_PATH: dict[str, ExportFormat] = {f.path: f for f in EXPORT_FORMATS.values()}
assert len(FORMATS_BY_PATH) == len(EXPORT_FORMATS), "two formats share an address"
