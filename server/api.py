"""The read-only HTTP API and the export downloads, as one Flask Blueprint (no Dash).

Every endpoint takes the page's own query parameters, parsed by `View.from_query`, and filters
with `filter_initiatives`, so a URL shows, exports and answers exactly the same initiatives.
Bad parameters are refused with HTTP 400 naming each one, never silently dropped: a script
should learn about its typo rather than receive the whole country.
"""

from __future__ import annotations

import json
import logging
import math
import numbers
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import lru_cache, wraps
from urllib.parse import urlencode

import pandas as pd
from flask import Blueprint, Response, request
from werkzeug.datastructures import MultiDict

from kansenkaart import exports, runtime
from kansenkaart.comparison import province_codes
from kansenkaart.coverage import coverage
from kansenkaart.dataset import DataSet
from kansenkaart.filtering import filter_initiatives
from kansenkaart.i18n import t
from kansenkaart.indicators import INDICATORS, indicator_meta, indicator_values
from kansenkaart.metrics import (
    METRIC_REGISTRY,
    count_by_province,
    lq_comparisons,
    metric_line,
    metric_source,
    metric_values,
    per_100k,
    shown_metric,
)
from kansenkaart.registry import (
    FILTER_THEMES,
    FIRST_YEAR,
    KINDS,
    LANGUAGES,
    LAST_YEAR,
    MATCH_MODES,
    METRICS,
    MODES,
    PROVINCE_CODES,
    STATUSES,
)
from kansenkaart.statistics import ALPHA, MIN_SELECTED, MIN_TOTAL
from kansenkaart.view import (
    COMPARE_MAX,
    COMPARE_MIN,
    MAX_ID_LENGTH,
    MAX_QUERY_LENGTH,
    PARAMETERS,
    ParamProblem,
    View,
)
from layers.map_figure import image_figure
from server import links, query_rules

log = logging.getLogger("kansenkaart.api")

blueprint = Blueprint("api", __name__)

#: Routes accept every method so that a wrong one gets a JSON 405 instead of Dash's page.
ANY_METHOD = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]
READ_METHODS = ("GET", "HEAD")
CACHE_SECONDS = 300


class InvalidParameters(Exception):
    """The request's query string has problems; answered as HTTP 400."""

    def __init__(self, problems: list[ParamProblem]) -> None:
        super().__init__(f"{len(problems)} invalid parameter(s)")
        self.problems = problems


# --- request handling -----------------------------------------------------------------------


def read_only(view_function: Callable[..., Response]) -> Callable[..., Response]:
    """GET and HEAD run the endpoint; OPTIONS says what is allowed; anything else is a 405."""

    @wraps(view_function)
    def wrapper(*args: object, **kwargs: object) -> Response:
        if request.method == "OPTIONS":
            response = Response(status=204)
        elif request.method not in READ_METHODS:
            response = error_response(
                405,
                "method not allowed",
                f"{request.method} is not allowed; this API is read-only (GET)",
            )
        else:
            return view_function(*args, **kwargs)
        response.headers["Allow"] = "GET, HEAD, OPTIONS"
        return response

    return wrapper


#: Reads one request parameter that is not part of the page's View; ValueError says why not.
Reader = Callable[[str], object]


def parse_view(
    args: MultiDict[str, str], default_lang: str, extra: Mapping[str, Reader] | None = None
) -> tuple[View, dict[str, object]]:
    """The View the query string describes, and the endpoint's own parameters (`extra`, e.g.
    `limit`) read by their readers; raises InvalidParameters naming every bad one.

    A parameter given twice is refused rather than guessed at: `theme=a,b` says it once.
    """
    extra = extra or {}
    problems = [
        ParamProblem(
            key,
            f"is given {len(values)} times; give it once, with values separated by commas (e.g. theme=climate,energy)",
        )
        for key, values in args.lists()
        if len(values) > 1
    ]
    given = {k: v[0] for k, v in args.lists()}
    read: dict[str, object] = {}
    for name, reader in extra.items():
        if name in given:
            try:
                read[name] = reader(given.pop(name))
            except ValueError as error:
                problems.append(ParamProblem(name, str(error)))
    view, parse_problems = View.from_query(given, default_lang)
    # A corrected value (a year range the wrong way round, read the right way round, as on the
    # page) is not refused: the schema allows it, and the page's link shows the same rows.
    problems += [p for p in parse_problems if p.dropped]
    named = {p.param for p in problems}
    rules = _view_parameter_schemas(default_lang)
    problems += [p for p in query_rules.schema_problems(given, rules) if p.param not in named]
    if problems:
        raise InvalidParameters(problems)
    return view, read


@lru_cache(maxsize=4)
def _view_parameter_schemas(default_lang: str) -> dict[str, dict]:
    """The page's parameters as the OpenAPI document describes them: the rule the API reads by."""
    return {p["name"]: p for p in view_parameters(default_lang)}


def request_view(extra: Mapping[str, Reader] | None = None) -> View:
    view, _ = parse_view(request.args, runtime.settings().default_lang, extra)
    return view


def request_view_and(extra: Mapping[str, Reader]) -> tuple[View, dict[str, object]]:
    return parse_view(request.args, runtime.settings().default_lang, extra)


def _choice_of(allowed: tuple[str, ...]) -> Reader:
    def read(raw: str) -> str:
        if raw not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}, not {raw[:40]!r}")
        return raw

    return read


def _whole_number(low: int, high: int | None = None) -> Reader:
    def read(raw: str) -> int:
        if not raw.isascii() or not raw.isdigit():
            raise ValueError(f"must be a whole number, not {raw[:40]!r}")
        number = int(raw)
        if number < low or (high is not None and number > high):
            allowed = f"{low} to {high}" if high is not None else f"{low} or more"
            raise ValueError(f"must be {allowed}, not {number}")
        return number

    return read


#: Paging of /api/initiatives: a page holds `limit` features (at most MAX_LIMIT), from `offset`.
DEFAULT_LIMIT = 1000
MAX_LIMIT = 5000
PAGING: dict[str, Reader] = {"limit": _whole_number(1, MAX_LIMIT), "offset": _whole_number(0)}
#: The CSV exports' own parameter (not part of the page's View: the page adds it to its links).
DIALECT: dict[str, Reader] = {"dialect": _choice_of(tuple(exports.CSV_DIALECTS))}


def error_response(
    status: int, error: str, message: str | None = None, **extra: object
) -> Response:
    body: dict[str, object] = {"error": error, **extra}
    if message:
        body["message"] = message
    response = json_response(body, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def json_response(
    payload: object, status: int = 200, mimetype: str = "application/json"
) -> Response:
    """JSON without NaN (not valid JSON): missing numbers are null."""
    text = json.dumps(payload, ensure_ascii=False, allow_nan=False)
    return Response(text, status=status, mimetype=mimetype)


def cacheable(response: Response, data: DataSet) -> Response:
    """Answers change only with the data and the query: cache briefly, revalidate by ETag."""
    response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response.set_etag(
        f"{data.version}:{request.path}?{request.query_string.decode('latin-1')}", weak=True
    )
    response.make_conditional(request)
    return response


def download(body: bytes, mimetype: str, filename: str, data: DataSet) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = exports.content_disposition(filename)
    return cacheable(response, data)


@blueprint.errorhandler(InvalidParameters)
def _invalid_parameters(error: InvalidParameters) -> Response:
    problems = [{"param": p.param[:100], "message": p.message} for p in error.problems]
    return error_response(
        400, "invalid parameters", problems=problems, documentation="/api/openapi.json"
    )


@blueprint.after_app_request
def _allow_any_origin(response: Response) -> Response:
    """Public, read-only data: scripts and notebooks on other origins may read it."""
    if request.blueprint == blueprint.name:
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


# --- the API --------------------------------------------------------------------------------


@blueprint.route("/api/initiatives", methods=ANY_METHOD)
@read_only
def api_initiatives() -> Response:
    """The filtered initiatives as GeoJSON, one page at a time: `limit` features from `offset`,
    with `numberMatched`, `numberReturned` and, while more remain, a `next` link (as OGC API -
    Features does), so a script follows `next` until there is none."""
    view, paging = request_view_and(PAGING)
    data = runtime.data()
    limit, offset = paging.get("limit", DEFAULT_LIMIT), paging.get("offset", 0)
    assert isinstance(limit, int) and isinstance(offset, int)  # the readers return whole numbers
    frame = exported_rows(data, view)
    page = frame.iloc[offset : offset + limit]
    collection = exports.feature_collection(page)
    links = [{"rel": "self", "type": exports.GEOJSON_TYPE, "href": page_link(offset, limit)}]
    if offset + limit < len(frame):
        links.append(
            {"rel": "next", "type": exports.GEOJSON_TYPE, "href": page_link(offset + limit, limit)}
        )
    collection |= {"numberMatched": len(frame), "numberReturned": len(page), "links": links}
    return cacheable(json_response(collection, mimetype=exports.GEOJSON_TYPE), data)


def page_link(offset: int, limit: int) -> str:
    """This request's address with another page: the other parameters as given, in their order."""
    params = [(k, v) for k, v in request.args.items(multi=True) if k not in PAGING]
    params += [("limit", str(limit)), ("offset", str(offset))]
    return links.absolute(request.path + "?" + urlencode(params))


@blueprint.route("/api/provinces", methods=ANY_METHOD)
@read_only
def api_provinces() -> Response:
    view, data = request_view(), runtime.data()
    metric = METRIC_REGISTRY[shown_metric(view)]
    source = metric_source(data, metric.key, view.lang)
    payload = {
        "query": view.to_query(runtime.settings().default_lang),
        "themes": list(FILTER_THEMES),
        "coverage": coverage(data.initiatives).as_json(),
        "metric": {
            "key": metric.key,
            "label": metric.label(view.lang),
            "unit": metric.unit(view.lang),
            "year": source.year or None,
            "sources": source.sources,
            "source_urls": source.urls,
        },
        "lq_rule": {
            "min_selected": MIN_SELECTED,
            "min_total": MIN_TOTAL,
            "test": "Fisher's exact test, province vs rest of the country, two-sided",
            "alpha": ALPHA,
        },
        "provinces": province_figures(data, view),
    }
    return cacheable(json_response(payload), data)


@blueprint.route("/api/openapi.json", methods=ANY_METHOD)
@read_only
def api_openapi() -> Response:
    response = json_response(openapi_document(runtime.settings().default_lang))
    return cacheable(response, runtime.data())


@blueprint.route("/api", methods=ANY_METHOD)
@blueprint.route("/api/", methods=ANY_METHOD)
@blueprint.route("/export", methods=ANY_METHOD)
@blueprint.route("/export/", methods=ANY_METHOD)
def no_endpoint() -> Response:
    """Unknown paths under /api and /export answer JSON, not the page."""
    message = f"no endpoint at {request.path[:200]}; see /api/openapi.json"
    return error_response(404, "not found", message)


@blueprint.route("/api/<path:rest>", methods=ANY_METHOD)
@blueprint.route("/export/<path:rest>", methods=ANY_METHOD)
def no_endpoint_below(rest: str) -> Response:
    return no_endpoint()


def province_figures(data: DataSet, view: View) -> list[dict]:
    """Per province: count, count per 100,000 inhabitants, the view's metric, each theme's
    location quotient with its verdict (or null and why), and the province indicators.

    The count honours every filter; each theme's LQ compares that theme's share in the province
    with its national share among initiatives passing the non-theme filters (kind, status, years,
    search), as the province profile on the page does. A province filter keeps just that province.
    """
    frame, provinces = data.initiatives, data.provinces
    counts = count_by_province(frame, view)
    rates = per_100k(counts, provinces["population"])
    values = metric_values(data, view)
    compared = {theme: lq_comparisons(frame, view, (theme,), "any") for theme in FILTER_THEMES}
    indicators = {key: indicator_values(data.indicators, key) for key in INDICATORS}
    years = {key: indicator_meta(data.indicators, key)[0] or None for key in INDICATORS}
    codes = province_codes(view)
    return [
        {
            "statcode": code,
            "name": data.province_name(code),
            "population": _whole(provinces.at[code, "population"]),
            "count": int(counts[code]),
            "per_100k": _number(rates[code]),
            "value": _number(values[code]),
            "lq": {theme: _number(compared[theme][code].lq) for theme in FILTER_THEMES},
            "lq_verdict": {theme: str(compared[theme][code].verdict) for theme in FILTER_THEMES},
            "lq_null_reason": {theme: compared[theme][code].reason for theme in FILTER_THEMES},
            "indicators": {key: _number(series[code]) for key, series in indicators.items()},
            # each indicator's year beside its value (a figure without its year misleads)
            "indicator_years": years,
        }
        for code in codes
    ]


def _number(value: object) -> float | None:
    """A plain JSON number, full precision, or null where there is no data (NaN)."""
    if not isinstance(value, numbers.Real):  # numpy's numbers are Real too
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _whole(value: object) -> int | None:
    number = _number(value)
    return None if number is None else int(number)


# --- the exports ----------------------------------------------------------------------------


def exported_rows(data: DataSet, view: View) -> pd.DataFrame:
    """Exactly the rows the page shows for this view, with the export columns."""
    filtered = filter_initiatives(data.initiatives, view)
    return exports.export_frame(filtered, data.provinces["name"], view.lang)


@blueprint.route("/export/<subject>.<file_format>", methods=ANY_METHOD)
@read_only
def export(subject: str, file_format: str) -> Response:
    """Every download of exports.EXPORT_FORMATS: the filtered rows, the figures per province, or
    an image of the map."""
    chosen = exports.FORMATS_BY_PATH.get(f"/export/{subject}.{file_format}")
    if chosen is None:
        return no_endpoint()
    view, own = request_view_and(DIALECT)
    data = runtime.data()
    now = datetime.now(UTC)
    names = data.provinces["name"]
    filename = exports.export_filename(view, file_format, now, names, chosen.subject)
    if chosen.write is None:
        return export_map(chosen, view, data, now, filename)
    frame = exported_rows(data, view)
    rows = len(frame) if chosen.subject == "initiatives" else len(province_codes(view))
    about = exports.about_rows(
        view, names, rows, now, view_link(view), coverage=coverage(data.initiatives)
    )
    about += exports.data_rows(data, view)
    table = exports.TableFile(
        frame,
        lambda: exports.province_table(data, view),
        data.geojson,
        about,
        view.lang,
        str(own.get("dialect", exports.DEFAULT_DIALECT)),
    )
    return download(chosen.write(table), chosen.mimetype, filename, data)


def view_link(view: View) -> str:
    """The absolute address of the page showing this view (PUBLIC_URL, never the Host header)."""
    return links.absolute("/" + view.to_query(runtime.settings().default_lang))


def export_map(
    chosen: exports.ExportFormat, view: View, data: DataSet, now: datetime, filename: str
) -> Response:
    count = len(filter_initiatives(data.initiatives, view))
    title, subtitle = exports.map_title(view, data.provinces["name"], count)
    credit = [
        metric_line(data, shown_metric(view), view.lang),
        t("credit", view.lang),
        f"{view_link(view)} · {now:%Y-%m-%d}",
    ]
    figure = exports.titled_figure(image_figure(data, view), title, subtitle, credit)
    try:
        image = exports.renderer.render(figure, chosen.key)
    except Exception as error:  # the browser is outside our control; say so instead of a 500
        log.exception("map image failed")
        return error_response(
            503, "map image unavailable", f"the image renderer failed: {type(error).__name__}"
        )
    return download(image, chosen.mimetype, filename, data)


# --- OpenAPI --------------------------------------------------------------------------------


def _list_parameter(name: str, allowed: tuple[str, ...], description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "description": description,
        "style": "form",
        "explode": False,
        "schema": {
            "type": "array",
            "items": {"type": "string", "enum": list(allowed)},
            "minItems": 1,
            "uniqueItems": True,
        },
    }


def _parameter(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "description": description, "schema": schema}


def view_parameters(default_lang: str) -> list[dict]:
    """The page's query parameters, from the same registry the View validates against."""
    year = {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}
    return [
        _list_parameter(
            "theme",
            FILTER_THEMES,
            "Themes, comma-separated. An initiative matches when it has any of them (or all, with match=all). None: every initiative.",
        ),
        _parameter(
            "match",
            {"type": "string", "enum": list(MATCH_MODES), "default": "any"},
            "Whether an initiative needs any or all of the themes.",
        ),
        _parameter(
            "province",
            {"type": "string", "enum": list(PROVINCE_CODES)},
            "CBS province code (PV20 Groningen .. PV31 Limburg).",
        ),
        _list_parameter("kind", KINDS, "Kinds of initiative, comma-separated."),
        _list_parameter("status", STATUSES, "Statuses, comma-separated."),
        _parameter(
            "from",
            year,
            "Earliest start year. A year range leaves out initiatives without a known start year.",
        ),
        _parameter(
            "to",
            year,
            "Latest start year (inclusive). A range given the wrong way round (`from` after `to`) is read the right way round, as the page does.",
        ),
        _parameter(
            "q",
            {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_QUERY_LENGTH,
                "pattern": query_rules.NO_CONTROL_CHARACTERS,
            },
            "Search in name, summary and organisations; case and accents ignored. No control characters.",
        ),
        _parameter(
            "metric",
            {"type": "string", "enum": list(METRICS), "default": "count"},
            "What the map colours by (map images only).",
        ),
        _parameter(
            "lang",
            {"type": "string", "enum": list(LANGUAGES), "default": default_lang},
            "Language of labels in the XLSX about sheet and map images.",
        ),
        _parameter(
            "initiative",
            {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_ID_LENGTH,
                "pattern": "^[A-Za-z0-9_-]+$",
            },
            "A selected initiative (highlighted on map images; does not filter).",
        ),
        _list_parameter(
            "compare",
            PROVINCE_CODES,
            "Two to four provinces side by side (CBS codes, comma-separated; the page's links also take names), e.g. compare=PV22,PV28. /api/provinces and the province exports return just those; the page shows them compared.",
        )
        | {"schema": compare_schema()},
        _parameter(
            "mode",
            {"type": "string", "enum": list(MODES)},
            "`demo`: presentation mode on the page (larger type on map images; does not filter).",
        ),
        _parameter(
            "embed",
            {"type": "string", "enum": ["0", "1"], "default": "0"},
            "`1`: the page's embed mode, for an iframe (map, legend, a link to the full view); does not filter.",
        ),
    ]


def compare_schema() -> dict:
    """`compare`: two to four province codes (the page's links also take names; the API, like for
    `province`, only codes)."""
    return {
        "type": "array",
        "items": {"type": "string", "enum": list(PROVINCE_CODES)},
        "uniqueItems": True,
        "minItems": COMPARE_MIN,
        "maxItems": COMPARE_MAX,
    }


def _responses(ok: dict) -> dict:
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return {
        "200": ok,
        "304": {"description": "Not modified (If-None-Match matched the ETag)."},
        "400": {"description": "Invalid parameters, each named.", **error},
        "405": {"description": "Not a GET/HEAD request.", **error},
    }


def _get(
    summary: str,
    description: str,
    ok: dict,
    parameters: bool = True,
    own: tuple[str, ...] = (),
) -> dict:
    """A GET operation; with `parameters`, the page's ones and then the endpoint's `own`."""
    operation = {"summary": summary, "description": description, "responses": _responses(ok)}
    if parameters:
        operation["parameters"] = [
            {"$ref": "#/components/parameters/" + p} for p in (*_PARAMETER_NAMES, *own)
        ]
    return {"get": operation}


def own_parameters() -> list[dict]:
    """Parameters of single endpoints, not of the page's view (the page never reads them)."""
    return [
        _parameter(
            "limit",
            {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
            f"/api/initiatives: features per page (at most {MAX_LIMIT}).",
        ),
        _parameter(
            "offset",
            {"type": "integer", "minimum": 0, "default": 0},
            "/api/initiatives: how many matching features to skip. Easier: follow the `next` link.",
        ),
        _parameter(
            "dialect",
            {
                "type": "string",
                "enum": list(exports.CSV_DIALECTS),
                "default": exports.DEFAULT_DIALECT,
            },
            "CSV exports: `standard` is comma-separated with decimal points (for tools); `excel-nl` is semicolon-separated with decimal commas, for Excel under Dutch regional settings. Other formats accept and ignore it.",
        ),
    ]


def _content(mimetype: str, description: str, schema: dict | None = None) -> dict:
    body: dict = {"schema": schema or {"type": "string", "format": "binary"}}
    return {"description": description, "content": {mimetype: body}}


#: Every query parameter the View reads, in its order.
_PARAMETER_NAMES = PARAMETERS


def openapi_document(default_lang: str) -> dict:
    """OpenAPI 3.1 description of the API and the exports."""
    download_note = (
        " Sent as a download (Content-Disposition) named after the date and the filters."
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Kansenkaart CE API",
            "version": "1",
            "description": "Read-only access to the circular-economy initiatives on the map, with the page's own filter parameters. Boundaries: CBS / Kadaster (PDOK), CC BY 4.0. Initiatives: public sources, each with its source_url.",
        },
        "paths": {
            "/api/initiatives": _get(
                "Filtered initiatives (GeoJSON), paged",
                f"RFC 7946 FeatureCollection of Points, in file order: `limit` features (default {DEFAULT_LIMIT}, at most {MAX_LIMIT}) from `offset`. `numberMatched` counts every matching initiative, `numberReturned` those on this page; while more remain, `links` holds one with rel `next`: follow it until there is none.",
                _content(
                    exports.GEOJSON_TYPE,
                    "One page of the initiatives.",
                    {"$ref": "#/components/schemas/Page"},
                ),
                own=tuple(PAGING),
            ),
            "/api/provinces": _get(
                "Figures per province",
                "Count, count per 100,000 inhabitants and location quotient per theme, honouring the filters. A province filter returns that province only. LQ is null where a province has no initiatives.",
                _content(
                    "application/json",
                    "Per-province figures.",
                    {"$ref": "#/components/schemas/Provinces"},
                ),
            ),
            "/api/openapi.json": _get(
                "This description",
                "OpenAPI 3.1.",
                _content("application/json", "OpenAPI document.", {"type": "object"}),
                parameters=False,
            ),
            **{
                chosen.path: _get(
                    chosen.summary,
                    chosen.description + download_note,
                    _content(
                        chosen.mimetype,
                        f"{chosen.key.upper()} file.",
                        _FILE_SCHEMAS.get((chosen.subject, chosen.key)),
                    ),
                    own=tuple(DIALECT),
                )
                for chosen in exports.EXPORT_FORMATS.values()
            },
        },
        "components": {
            "parameters": {
                p["name"]: p for p in [*view_parameters(default_lang), *own_parameters()]
            },
            "schemas": _SCHEMAS,
        },
    }


_NUMBER_OR_NULL = {"type": ["number", "null"]}
_FILE_SCHEMAS: dict[tuple[str, str], dict] = {
    ("initiatives", "geojson"): {"$ref": "#/components/schemas/FeatureCollection"},
    ("provinces", "geojson"): {
        "type": "object",
        "description": "FeatureCollection of (Multi)Polygons, exterior rings counter-clockwise; properties are the columns of provinces.csv.",
        "required": ["type", "features"],
        "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array"}},
    },
}
_SCHEMAS: dict = {
    "Page": {
        "allOf": [
            {"$ref": "#/components/schemas/FeatureCollection"},
            {
                "type": "object",
                "required": ["numberMatched", "numberReturned", "links"],
                "properties": {
                    "numberMatched": {"type": "integer"},
                    "numberReturned": {"type": "integer"},
                    "links": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["rel", "href"],
                            "properties": {
                                "rel": {"enum": ["self", "next"]},
                                "type": {"type": "string"},
                                "href": {"type": "string", "format": "uri"},
                            },
                        },
                    },
                },
            },
        ]
    },
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {"type": "string", "examples": ["invalid parameters"]},
            "message": {"type": "string"},
            "problems": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["param", "message"],
                    "properties": {"param": {"type": "string"}, "message": {"type": "string"}},
                },
            },
        },
    },
    "FeatureCollection": {
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"const": "FeatureCollection"},
            "features": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "type": {"const": "Feature"},
                        "id": {"type": "string"},
                        "geometry": {
                            "type": ["object", "null"],
                            "description": "null for a province-wide initiative: no single place",
                            "properties": {
                                "type": {"const": "Point"},
                                "coordinates": {
                                    "type": "array",
                                    "items": {"type": "number"},
                                    "minItems": 2,
                                    "maxItems": 2,
                                    "description": "[longitude, latitude], WGS 84",
                                },
                            },
                        },
                        "properties": {
                            "type": "object",
                            "properties": {
                                c: (
                                    {"type": ["integer", "null"]}
                                    if c == "start_year"
                                    else {
                                        "type": ["number", "null"],
                                        "description": "null for a province-wide initiative",
                                    }
                                    if c in ("lat", "lon")
                                    else {"type": "string"}
                                )
                                for c in exports.EXPORT_COLUMNS
                            },
                        },
                    },
                },
            },
        },
    },
    "Provinces": {
        "type": "object",
        "properties": {
            "query": {"type": "string", "description": "The canonical query string of the view."},
            "coverage": {"type": "object"},
            "metric": {"type": "object"},
            "lq_rule": {"type": "object"},
            "themes": {"type": "array", "items": {"type": "string"}},
            "provinces": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "statcode": {"type": "string"},
                        "name": {"type": "string"},
                        "population": _NUMBER_OR_NULL,
                        "count": {"type": "integer"},
                        "per_100k": _NUMBER_OR_NULL,
                        "value": {
                            **_NUMBER_OR_NULL,
                            "description": "The view's metric (see `metric`).",
                        },
                        "lq": {
                            "type": "object",
                            "description": "Null where it would rest on too few initiatives.",
                            "properties": dict.fromkeys(FILTER_THEMES, _NUMBER_OR_NULL),
                        },
                        "lq_verdict": {
                            "type": "object",
                            "properties": {
                                key: {"enum": ["strength", "gap", "average", "too_few"]}
                                for key in FILTER_THEMES
                            },
                        },
                        "lq_null_reason": {
                            "type": "object",
                            "properties": {
                                key: {
                                    "enum": [
                                        None,
                                        "too_few_total",
                                        "too_few_selected",
                                        "no_national",
                                    ]
                                }
                                for key in FILTER_THEMES
                            },
                        },
                        "indicators": {
                            "type": "object",
                            "properties": dict.fromkeys(INDICATORS, _NUMBER_OR_NULL),
                        },
                    },
                },
            },
        },
    },
}
