"""OGC API - Features under /ogc: the initiatives and the provinces as a live layer for GIS.

QGIS, ArcGIS and GDAL read it as "OGC API - Features" (Part 1, Core, GeoJSON and HTML). The
items take the page's own filter parameters, parsed and refused exactly as /api does
(`server.api.parse_view`), plus the OGC ones: `limit`, `offset` (with `next` links), `bbox`
and `f`. Hand-written rather than pygeoapi mounted; docs/api.md says why.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

import shapely
from flask import Blueprint, Response, request
from shapely.geometry import MultiPolygon, mapping, shape
from werkzeug.datastructures import MultiDict

from kansenkaart import exports, runtime
from kansenkaart.dataset import DataSet
from kansenkaart.geometry import COUNTER_CLOCKWISE, oriented_parts
from kansenkaart.metrics import count_by_province, per_100k
from kansenkaart.registry import PROVINCE_CODES
from kansenkaart.view import ParamProblem, View
from server import links
from server.api import (
    ANY_METHOD,
    CACHE_SECONDS,
    InvalidParameters,
    error_response,
    exported_rows,
    json_response,
    parse_view,
    read_only,
    view_parameters,
)

blueprint = Blueprint("ogc", __name__, url_prefix="/ogc")

GEOJSON = exports.GEOJSON_TYPE
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
#: The OGC parameters of /items; every other one is the page's and goes to parse_view.
PAGING = ("limit", "offset", "bbox", "f")
FORMATS = ("json", "html")


@dataclass(frozen=True)
class Collection:
    id: str
    title: str
    description: str


COLLECTIONS = {
    c.id: c
    for c in (
        Collection(
            "initiatives",
            "Circular-economy initiatives",
            "The initiatives the page shows for the filters (theme, match, province, kind, "
            "status, from, to, q). Points in WGS 84; a province-wide initiative has a null "
            "geometry and is left out when `bbox` is given.",
        ),
        Collection(
            "provinces",
            "Provinces",
            "The 12 provinces (CBS / Kadaster, CC BY 4.0) with population, the number of "
            "initiatives passing the filters (`count`) and that count per 100,000 inhabitants.",
        ),
    )
}


# --- parameters -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int
    bbox: tuple[float, float, float, float] | None


def output_format(args: MultiDict[str, str]) -> str:
    """`f=json|html`, else the Accept header; a browser asks for HTML, a GIS for JSON."""
    chosen = args.get("f")
    if chosen is not None:
        if chosen not in FORMATS:
            raise InvalidParameters([ParamProblem("f", f"{chosen[:50]!r} is not json or html")])
        return chosen
    best = request.accept_mimetypes.best_match([GEOJSON, "application/json", "text/html"])
    return "html" if best == "text/html" else "json"


def only_format(args: MultiDict[str, str]) -> str:
    """Pages other than /items take `f` alone; anything else is named, not ignored."""
    unknown = [ParamProblem(key, "unknown parameter") for key in args if key != "f"]
    if unknown:
        raise InvalidParameters(unknown)
    return output_format(args)


def parse_paging(args: MultiDict[str, str]) -> Paging:
    """`limit` (1.., above MAX_LIMIT served as MAX_LIMIT), `offset` (0..) and `bbox`."""
    problems = [
        ParamProblem(key, "is given more than once") for key in PAGING if len(args.getlist(key)) > 1
    ]
    limit = _whole_number(args.get("limit"), DEFAULT_LIMIT, 1, "limit", problems)
    offset = _whole_number(args.get("offset"), 0, 0, "offset", problems)
    bbox = _bbox(args.get("bbox"), problems)
    if problems:
        raise InvalidParameters(problems)
    return Paging(min(limit, MAX_LIMIT), offset, bbox)


def _whole_number(
    raw: str | None, default: int, minimum: int, name: str, problems: list[ParamProblem]
) -> int:
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < minimum:
        problems.append(ParamProblem(name, f"{raw[:50]!r} is not a whole number >= {minimum}"))
        return default
    return int(raw)


def _bbox(
    raw: str | None, problems: list[ParamProblem]
) -> tuple[float, float, float, float] | None:
    """Four numbers (or six, with heights, which are ignored) in CRS84: lon, lat, lon, lat."""
    if raw is None:
        return None
    try:
        numbers = [float(part) for part in raw.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        problems.append(
            ParamProblem("bbox", "give four numbers: min lon, min lat, max lon, max lat (CRS84)")
        )
        return None
    west, south, east, north = numbers
    if south > north or south < -90 or north > 90:
        problems.append(ParamProblem("bbox", "the latitudes must be -90..90, the first the lower"))
        return None
    return west, south, east, north


def items_request() -> tuple[View, Paging, str]:
    """The view (the page's parameters), paging and format of an /items request; every
    problem in both halves is named at once."""
    args = request.args
    problems: list[ParamProblem] = []
    page_args = MultiDict([(k, v) for k, v in args.items(multi=True) if k not in PAGING])
    view = paging = fmt = None
    try:
        view, _ = parse_view(page_args, runtime.settings().default_lang)
    except InvalidParameters as error:
        problems += error.problems
    try:
        paging = parse_paging(args)
        fmt = output_format(args)
    except InvalidParameters as error:
        problems += error.problems
    if problems or view is None or paging is None or fmt is None:
        raise InvalidParameters(problems)
    return view, paging, fmt


# --- the data as features -------------------------------------------------------------------


def initiative_features(data: DataSet, view: View) -> list[dict]:
    """Exactly the features of /api/initiatives for this view (the same function builds both)."""
    return exports.feature_collection(exported_rows(data, view))["features"]


_shapes: dict[str, dict[str, dict]] = {}


def province_shapes(data: DataSet) -> dict[str, dict]:
    """Statcode -> GeoJSON MultiPolygon, exterior rings counter-clockwise and holes clockwise
    (RFC 7946 3.1.6); the shipped file does not promise an orientation."""
    if data.version not in _shapes:
        _shapes.clear()  # one data version at a time
        _shapes[data.version] = {
            str(feature["properties"]["statcode"]): mapping(
                counter_clockwise(shape(feature["geometry"]))
            )
            for feature in data.geojson["features"]
        }
    return _shapes[data.version]


def counter_clockwise(geometry: shapely.Geometry) -> MultiPolygon:
    """Always a MultiPolygon, so a GIS sees one geometry type for the layer (not "any")."""
    return MultiPolygon(oriented_parts(geometry, COUNTER_CLOCKWISE))


def province_features(data: DataSet, view: View) -> list[dict]:
    """The provinces (only the chosen one with `province=`), with the view's counts."""
    counts = count_by_province(data.initiatives, view)
    rates = per_100k(counts, data.provinces["population"])
    shapes = province_shapes(data)
    codes = [view.province] if view.province else list(PROVINCE_CODES)
    return [
        {
            "type": "Feature",
            "id": code,
            "geometry": shapes[code],
            "properties": {
                "statcode": code,
                "name": data.province_name(code),
                "population": _whole(data.provinces.at[code, "population"]),
                "count": int(counts[code]),
                "per_100k": _number(rates[code]),
            },
        }
        for code in codes
    ]


def features_of(collection: str, data: DataSet, view: View) -> list[dict]:
    if collection == "initiatives":
        return initiative_features(data, view)
    return province_features(data, view)


def in_bbox(features: list[dict], bbox: tuple[float, float, float, float]) -> list[dict]:
    """Features whose geometry touches the box. A null geometry has no place: it is left out.
    A box whose west edge lies east of its east edge crosses the antimeridian."""
    west, south, east, north = bbox
    boxes = (
        [shapely.box(west, south, east, north)]
        if west <= east
        else [shapely.box(west, south, 180, north), shapely.box(-180, south, east, north)]
    )
    return [
        f
        for f in features
        if f["geometry"] is not None
        and any(shapely.intersects(shape(f["geometry"]), b) for b in boxes)
    ]


def extent(features: Iterable[dict]) -> list[float]:
    bounds = [shape(f["geometry"]).bounds for f in features if f["geometry"] is not None]
    return [
        round(min(b[0] for b in bounds), 6),
        round(min(b[1] for b in bounds), 6),
        round(max(b[2] for b in bounds), 6),
        round(max(b[3] for b in bounds), 6),
    ]


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _whole(value: object) -> int | None:
    number = _number(value)
    return None if number is None else int(number)


# --- documents ------------------------------------------------------------------------------


def base() -> str:
    """Where /ogc is, from PUBLIC_URL (server/links.py), never from the Host header."""
    return links.absolute("/ogc")


def link(href: str, rel: str, mimetype: str, title: str) -> dict:
    return {"href": href, "rel": rel, "type": mimetype, "title": title}


def self_links(path: str, json_type: str = "application/json") -> list[dict]:
    """`self` in the format served and `alternate` in the other, by `f`."""
    fmt = "html" if _wants_html() else "json"
    json_link = link(f"{base()}{path}?f=json", "self", json_type, "This document as JSON")
    html_link = link(f"{base()}{path}?f=html", "self", "text/html", "This document as HTML")
    if fmt == "html":
        json_link["rel"] = "alternate"
    else:
        html_link["rel"] = "alternate"
    return [json_link, html_link]


def _wants_html() -> bool:
    if request.args.get("f") in FORMATS:
        return request.args.get("f") == "html"
    best = request.accept_mimetypes.best_match([GEOJSON, "application/json", "text/html"])
    return best == "text/html"


def landing_document() -> dict:
    return {
        "title": "Kansenkaart CE",
        "description": "Dutch circular-economy initiatives and the provinces, as OGC API - Features.",
        "links": [
            *self_links(""),
            link(
                f"{base()}/api",
                "service-desc",
                "application/vnd.oai.openapi+json;version=3.0",
                "The API definition (OpenAPI 3.0)",
            ),
            link(f"{base()}/conformance", "conformance", "application/json", "Conformance classes"),
            link(f"{base()}/collections", "data", "application/json", "The collections"),
        ],
    }


def collection_document(collection: Collection, data: DataSet) -> dict:
    everything = features_of(collection.id, data, View())
    items = f"{base()}/collections/{collection.id}/items"
    return {
        "id": collection.id,
        "title": collection.title,
        "description": collection.description,
        "itemType": "feature",
        "crs": [CRS84],
        "storageCrs": CRS84,
        "extent": {"spatial": {"bbox": [extent(everything)], "crs": CRS84}},
        "links": [
            link(
                f"{base()}/collections/{collection.id}",
                "self",
                "application/json",
                collection.title,
            ),
            link(f"{items}?f=json", "items", GEOJSON, f"{collection.title} as GeoJSON"),
            link(f"{items}?f=html", "items", "text/html", f"{collection.title} as HTML"),
            link(
                "https://creativecommons.org/licenses/by/4.0/",
                "license",
                "text/html",
                "CC BY 4.0 (province boundaries); initiatives: public sources, see each source_url",
            ),
        ],
    }


def items_document(collection: str, data: DataSet, view: View, paging: Paging) -> dict:
    features = features_of(collection, data, view)
    if paging.bbox is not None:
        features = in_bbox(features, paging.bbox)
    page = features[paging.offset : paging.offset + paging.limit]
    path = f"/collections/{collection}/items"
    links = [*self_links(path, GEOJSON)]
    links[0]["href"] = page_href(path, paging.offset, paging.limit, "json")
    links[1]["href"] = page_href(path, paging.offset, paging.limit, "html")
    if paging.offset + paging.limit < len(features):
        links.append(
            link(
                page_href(path, paging.offset + paging.limit, paging.limit, None),
                "next",
                GEOJSON,
                "Next page",
            )
        )
    if paging.offset > 0:
        previous = max(paging.offset - paging.limit, 0)
        links.append(
            link(page_href(path, previous, paging.limit, None), "prev", GEOJSON, "Previous page")
        )
    return {
        "type": "FeatureCollection",
        "features": page,
        "numberMatched": len(features),
        "numberReturned": len(page),
        "timeStamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "links": links,
    }


def page_href(path: str, offset: int, limit: int, fmt: str | None) -> str:
    """This request's address with another offset (and format): filters and bbox kept."""
    params = [
        (k, v) for k, v in request.args.items(multi=True) if k not in ("offset", "limit", "f")
    ]
    params += [("limit", str(limit)), ("offset", str(offset))]
    if fmt is not None:
        params.append(("f", fmt))
    elif "f" in request.args:
        params.append(("f", request.args["f"]))
    return f"{base()}{path}?{urlencode(params)}"


def openapi_document() -> dict:
    """A short OpenAPI 3.0 description of /ogc; the filter parameters are /api's own."""
    default_lang = runtime.settings().default_lang
    fmt = {
        "name": "f",
        "in": "query",
        "schema": {"type": "string", "enum": list(FORMATS)},
        "description": "json (default) or html",
    }
    ogc = [
        {
            "name": "limit",
            "in": "query",
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_LIMIT,
                "default": DEFAULT_LIMIT,
            },
            "description": "Features per page; more than the maximum gives the maximum.",
        },
        {
            "name": "offset",
            "in": "query",
            "schema": {"type": "integer", "minimum": 0, "default": 0},
            "description": "Features to skip; follow the `next` link instead of counting.",
        },
        {
            "name": "bbox",
            "in": "query",
            "style": "form",
            "explode": False,
            "schema": {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}},
            "description": "min lon, min lat, max lon, max lat (CRS84). Initiatives without a point are left out.",
        },
    ]
    filters = [
        p
        for p in view_parameters(default_lang)
        if p["name"] not in ("metric", "initiative", "mode")
    ]
    ok = {"200": {"description": "OK"}}
    bad = {
        "400": {
            "description": "A parameter is unknown, repeated or has a bad value; `problems` names it."
        }
    }
    paths: dict[str, dict] = {
        "/": {"get": {"summary": "Landing page", "parameters": [fmt], "responses": ok}},
        "/conformance": {
            "get": {"summary": "Conformance classes", "parameters": [fmt], "responses": ok}
        },
        "/collections": {
            "get": {"summary": "The collections", "parameters": [fmt], "responses": ok}
        },
    }
    for cid, collection in COLLECTIONS.items():
        paths[f"/collections/{cid}"] = {
            "get": {"summary": collection.title, "parameters": [fmt], "responses": ok}
        }
        paths[f"/collections/{cid}/items"] = {
            "get": {
                "summary": f"{collection.title}: features",
                "parameters": [*ogc, *filters, fmt],
                "responses": {**ok, **bad},
            }
        }
        paths[f"/collections/{cid}/items/{{featureId}}"] = {
            "get": {
                "summary": f"{collection.title}: one feature",
                "parameters": [
                    {
                        "name": "featureId",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                    fmt,
                ],
                "responses": {**ok, "404": {"description": "No such feature"}},
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Kansenkaart CE - OGC API - Features", "version": "1.0.0"},
        "servers": [{"url": base()}],
        "paths": paths,
    }


# --- HTML -----------------------------------------------------------------------------------

_e = html.escape


def html_page(title: str, body: str, lang: str) -> str:
    """Plain HTML, no scripts (the CSP allows none inline) and nothing from other hosts."""
    return (
        f'<!DOCTYPE html><html lang="{_e(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)} - Kansenkaart CE OGC API</title></head><body>"
        f'<nav><a href="{_e(base())}?f=html">OGC API</a> · '
        f'<a href="{_e(base())}/collections?f=html">collections</a> · <a href="/">map</a></nav>'
        f"<h1>{_e(title)}</h1>{body}</body></html>"
    )


def html_links(links: list[dict]) -> str:
    items = "".join(
        f'<li><a href="{_e(x["href"])}" rel="{_e(x["rel"])}" type="{_e(x["type"])}">{_e(x["title"])}</a> ({_e(x["rel"])}, {_e(x["type"])})</li>'
        for x in links
    )
    return f"<ul>{items}</ul>"


def html_table(rows: list[dict], link_ids: str | None = None) -> str:
    if not rows:
        return "<p>No features.</p>"
    columns = list(rows[0])
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in columns)
    body = ""
    for row in rows:
        cells = []
        for column in columns:
            value = "" if row[column] is None else str(row[column])
            if column == "id" and link_ids:
                value_html = f'<a href="{_e(link_ids)}/{_e(quote(value))}?f=html">{_e(value)}</a>'
            else:
                value_html = _e(value)
            cells.append(f"<td>{value_html}</td>")
        body += f"<tr>{''.join(cells)}</tr>"
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def feature_row(feature: dict) -> dict:
    geometry = feature["geometry"]
    kind = geometry["type"] if geometry else "none (province-wide)"
    return {
        "id": feature["id"],
        **{k: v for k, v in feature["properties"].items() if k != "id"},
        "geometry": kind,
    }


# --- responses ------------------------------------------------------------------------------


def answer(
    document: dict, fmt: str, html_text: str, json_type: str = "application/json"
) -> Response:
    """JSON or HTML, cached like /api; the ETag names the format, as one address serves both."""
    data = runtime.data()
    if fmt == "html":
        response = Response(html_text, mimetype="text/html")
    else:
        response = json_response(document, mimetype=json_type)
    response.headers["Vary"] = "Accept"
    response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    query = request.query_string.decode("latin-1")
    response.set_etag(f"{data.version}:{fmt}:{request.path}?{query}", weak=True)
    response.make_conditional(request)
    return response


def lang() -> str:
    return runtime.settings().default_lang


@blueprint.errorhandler(InvalidParameters)
def _invalid_parameters(error: InvalidParameters) -> Response:
    problems = [{"param": p.param[:100], "message": p.message} for p in error.problems]
    names = ", ".join(p["param"] for p in problems)
    return error_response(
        400,
        "invalid parameters",
        code="InvalidParameterValue",
        description=f"invalid parameter(s): {names}",
        problems=problems,
        documentation="/ogc/api",
    )


@blueprint.after_app_request
def _allow_any_origin(response: Response) -> Response:
    """Public, read-only data, like /api: web map clients on other origins may read it."""
    if request.blueprint == blueprint.name:
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def not_found(message: str) -> Response:
    return error_response(404, "not found", message, code="NotFound", description=message)


@blueprint.route("", methods=ANY_METHOD, strict_slashes=False)
@read_only
def landing() -> Response:
    fmt = only_format(request.args)
    document = landing_document()
    body = "<p>" + _e(document["description"]) + "</p>" + html_links(document["links"])
    return answer(document, fmt, html_page("Kansenkaart CE", body, lang()))


@blueprint.route("/conformance", methods=ANY_METHOD)
@read_only
def conformance() -> Response:
    fmt = only_format(request.args)
    document = {"conformsTo": CONFORMANCE}
    body = "<ul>" + "".join(f"<li>{_e(c)}</li>" for c in CONFORMANCE) + "</ul>"
    return answer(document, fmt, html_page("Conformance", body, lang()))


@blueprint.route("/api", methods=ANY_METHOD)
@read_only
def api_definition() -> Response:
    only_format(request.args)
    return answer(openapi_document(), "json", "", "application/vnd.oai.openapi+json;version=3.0")


@blueprint.route("/collections", methods=ANY_METHOD)
@read_only
def collections() -> Response:
    fmt = only_format(request.args)
    data = runtime.data()
    documents = [collection_document(c, data) for c in COLLECTIONS.values()]
    document = {"links": self_links("/collections"), "collections": documents}
    body = "".join(
        f'<h2><a href="{_e(base())}/collections/{_e(c["id"])}?f=html">{_e(c["title"])}</a></h2>'
        f"<p>{_e(c['description'])}</p>"
        for c in documents
    )
    return answer(document, fmt, html_page("Collections", body, lang()))


@blueprint.route("/collections/<collection_id>", methods=ANY_METHOD)
@read_only
def collection(collection_id: str) -> Response:
    fmt = only_format(request.args)
    chosen = COLLECTIONS.get(collection_id)
    if chosen is None:
        return not_found(f"no collection {collection_id[:50]!r}; see /ogc/collections")
    document = collection_document(chosen, runtime.data())
    body = f"<p>{_e(chosen.description)}</p>" + html_links(document["links"])
    return answer(document, fmt, html_page(chosen.title, body, lang()))


@blueprint.route("/collections/<collection_id>/items", methods=ANY_METHOD)
@read_only
def items(collection_id: str) -> Response:
    chosen = COLLECTIONS.get(collection_id)
    if chosen is None:
        return not_found(f"no collection {collection_id[:50]!r}; see /ogc/collections")
    view, paging, fmt = items_request()
    document = items_document(chosen.id, runtime.data(), view, paging)
    counts = (
        f"<p>{document['numberReturned']} of {document['numberMatched']} features "
        f"(from number {paging.offset + 1}).</p>"
    )
    base_items = f"{base()}/collections/{chosen.id}/items"
    body = (
        counts
        + html_links([x for x in document["links"] if x["rel"] in ("next", "prev", "alternate")])
        + html_table([feature_row(f) for f in document["features"]], base_items)
    )
    return answer(document, fmt, html_page(chosen.title, body, view.lang), GEOJSON)


@blueprint.route("/collections/<collection_id>/items/<feature_id>", methods=ANY_METHOD)
@read_only
def item(collection_id: str, feature_id: str) -> Response:
    chosen = COLLECTIONS.get(collection_id)
    if chosen is None:
        return not_found(f"no collection {collection_id[:50]!r}; see /ogc/collections")
    fmt = only_format(request.args)
    found = [f for f in features_of(chosen.id, runtime.data(), View()) if f["id"] == feature_id]
    if not found:
        return not_found(f"no feature {feature_id[:50]!r} in {chosen.id}")
    feature = dict(found[0])
    path = f"/collections/{chosen.id}/items/{quote(feature_id)}"
    feature["links"] = [
        *self_links(path, GEOJSON),
        link(f"{base()}/collections/{chosen.id}", "collection", "application/json", chosen.title),
    ]
    rows = [{"property": k, "value": v} for k, v in feature_row(found[0]).items()]
    body = html_table(rows) + html_links(feature["links"])
    return answer(feature, fmt, html_page(f"{chosen.title}: {feature_id}", body, lang()), GEOJSON)


@blueprint.route("/<path:rest>", methods=ANY_METHOD)
def no_endpoint(rest: str) -> Response:
    """Unknown paths under /ogc answer JSON, not the page."""
    return not_found(f"no endpoint at /ogc/{rest[:200]}; see /ogc")
