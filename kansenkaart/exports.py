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

from kansenkaart.coverage import Coverage
from kansenkaart.dataset import fold_text
from kansenkaart.i18n import t
from kansenkaart.metrics import METRIC_REGISTRY, shown_metric
from kansenkaart.schema import InitiativeRow
from kansenkaart.settings import ROOT
from kansenkaart.view import View

#: The data file's columns, plus the province's name beside its code; helper columns stay home.
EXPORT_COLUMNS: tuple[str, ...] = tuple(
    name
    for field in InitiativeRow.model_fields
    for name in ((field, "province_name") if field == "province" else (field,))
)
NUMERIC_COLUMNS = ("lat", "lon", "start_year")
TEXT_COLUMNS = tuple(c for c in EXPORT_COLUMNS if c not in NUMERIC_COLUMNS)

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


def export_frame(filtered: pd.DataFrame, province_names: pd.Series) -> pd.DataFrame:
    """The filtered rows with the export columns only, in the same order and with the same values."""
    frame = filtered.assign(province_name=filtered["province"].map(province_names))
    return frame.loc[:, list(EXPORT_COLUMNS)].reset_index(drop=True)


def neutralise(value: str) -> str:
    """A text cell a spreadsheet shows as text: formula-like starts get a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _safe_text(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in TEXT_COLUMNS:
        safe[column] = safe[column].fillna("").astype(str).map(neutralise)
    return safe


# --- CSV ------------------------------------------------------------------------------------


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads 'Fryslân' right; a missing year or point is an
    empty cell, never the text 'nan'."""
    text_frame = _safe_text(frame)
    return text_frame.to_csv(index=False, lineterminator="\r\n", na_rep="").encode("utf-8-sig")


# --- XLSX -----------------------------------------------------------------------------------


def xlsx_bytes(frame: pd.DataFrame, about: list[tuple[str, str | int]], lang: str) -> bytes:
    """A workbook with the rows on one sheet and what they are (filters, sources) on another."""
    book = Workbook()
    data_sheet = book.active
    data_sheet.title = "initiatives"
    _write_table(data_sheet, _safe_text(frame))
    about_sheet = book.create_sheet(text("about_title", lang)[:31])
    _write_about(about_sheet, about)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_table(sheet: Worksheet, frame: pd.DataFrame) -> None:
    sheet.append(list(frame.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    numeric = {frame.columns.get_loc(c) for c in NUMERIC_COLUMNS if c in frame.columns}
    for row_number, row in enumerate(frame.itertuples(index=False), start=2):
        for index, value in enumerate(row):
            if index in numeric:
                sheet.cell(row_number, index + 1, None if pd.isna(value) else value)
            else:
                _put_text(sheet, row_number, index + 1, value)
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


def _write_about(sheet: Worksheet, about: list[tuple[str, str | int]]) -> None:
    for row_number, (label, value) in enumerate(about, start=1):
        _put_text(sheet, row_number, 1, label)
        if isinstance(value, int):
            sheet.cell(row_number, 2, value)
        else:
            _put_text(sheet, row_number, 2, neutralise(value))
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
) -> list[tuple[str, str | int]]:
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


def export_filename(view: View, extension: str, day: datetime) -> str:
    """`kansenkaart_2026-11-24_energy_PV22.csv`: ASCII only, so every browser and shell keeps it."""
    parts = [*view.theme]
    if len(view.theme) > 1 and view.match == "all":
        parts.append("allthemes")
    if view.province:
        parts.append(view.province)
    parts += [*view.kind, *view.status]
    if view.has_year_range:
        parts.append(_years_slug(view))
    if view.q and _slug(view.q):
        parts.append("q-" + _slug(view.q)[:24].strip("-"))
    summary = "_".join(p for p in parts if p)[:80].strip("_-")
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
    """What a table format writes: the rows, the about lines and the reader's language."""

    frame: pd.DataFrame
    about: list[tuple[str, str | int]]
    lang: str


@dataclass(frozen=True)
class ExportFormat:
    """One download. Adding a format is an entry here and its `download.<key>` label in the
    translation table: the route, the page's link and the OpenAPI document read this list."""

    key: str
    #: `initiatives` (the filtered rows, written by `write`) or `map` (an image of the map)
    subject: str
    mimetype: str
    summary: str
    description: str
    write: Callable[[TableFile], bytes] | None = None

    @property
    def path(self) -> str:
        return f"/export/{self.subject}.{self.key}"


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat(
            "csv",
            "initiatives",
            CSV_TYPE,
            "Filtered initiatives (CSV)",
            "UTF-8 with byte-order mark; text cells starting with = + - @ tab or CR are prefixed with an apostrophe.",
            lambda out: csv_bytes(out.frame),
        ),
        ExportFormat(
            "xlsx",
            "initiatives",
            XLSX_TYPE,
            "Filtered initiatives (Excel)",
            "Sheet 'initiatives' with the rows; an about sheet with filters, row count, export time, sources, licences and a link back to the view.",
            lambda out: xlsx_bytes(out.frame, out.about, out.lang),
        ),
        ExportFormat(
            "geojson",
            "initiatives",
            GEOJSON_TYPE,
            "Filtered initiatives (GeoJSON file)",
            "The same FeatureCollection as /api/initiatives.",
            lambda out: geojson_bytes(out.frame),
        ),
        ExportFormat(
            "png",
            "map",
            IMAGE_TYPES["png"],
            "Map image (PNG)",
            "The map as shown on the page for this view, with a title naming the filters and a credit line. The first image of a server process takes a few seconds.",
        ),
        ExportFormat(
            "svg",
            "map",
            IMAGE_TYPES["svg"],
            "Map image (SVG)",
            "As map.png, as scalable vector graphics.",
        ),
    )
}
