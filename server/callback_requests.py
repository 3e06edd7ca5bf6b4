"""The shape of a Dash callback request, checked before Dash reads it.

Dash trusts the body of `/_dash-update-component` (it indexes `inputs[0]["id"]`, splits
`changedPropIds` and hands values to the callback as they come), so a body the page could not
have sent fails deep inside Dash: a 500 and a traceback in the log. Here the body is read with a
bound on size and nesting, its shape checked with a pydantic model of what dash-renderer sends,
matched against the callback it names (the same inputs, state and outputs), and each value checked
against the type its component declares (Dash's generated components carry type hints; pydantic
turns them into validators). What fails is a short 400 naming the field; Dash sees only bodies
its own renderer could have sent.
"""

from __future__ import annotations

import inspect
import json
import sys
import typing
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Annotated, Any

from dash import dcc
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PydanticUserError,
    TypeAdapter,
    ValidationError,
)

#: Real bodies nest about 8 deep (a figure's click data inside an input); 5,000 deep arrays
#: would make the JSON decoder recurse until Python gives up.
MAX_DEPTH = 32
#: A callback has a few dozen inputs; Flask's MAX_CONTENT_LENGTH (server/web.py) refuses a body
#: above 2 MB before it is read.
MAX_ITEMS = 200
#: A list drawn anew reports each of its buttons as changed: one per initiative of a province.
MAX_CHANGED = 20_000

#: dcc.Input types whose value is text (the default type is "text").
TEXT_INPUTS = (None, "text", "search", "email", "tel", "url", "password", "hidden")

PatternId = dict[str, str | int | float | bool | list[str | int | float | bool]]
ComponentId = Annotated[str, Field(min_length=1, max_length=200)] | PatternId
PropertyName = Annotated[str, Field(min_length=1, max_length=200)]


class StrictBody(BaseModel):
    """A body checked as sent: no unknown fields, no coercion (also the map's fast lane)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class OutputRef(StrictBody):
    id: ComponentId
    property: PropertyName


class InputValue(StrictBody):
    id: ComponentId
    property: PropertyName
    value: Any = None


Inputs = Annotated[list[InputValue | list[InputValue]], Field(max_length=MAX_ITEMS)]
ChangedIds = Annotated[list[Annotated[str, Field(max_length=400)]], Field(max_length=MAX_CHANGED)]


class CallbackBody(StrictBody):
    """What dash-renderer 4 posts: the callback's key, its outputs, the inputs' and states'
    current values, and which of them changed (ALL-pattern entries are lists)."""

    output: Annotated[str, Field(max_length=10_000)]
    outputs: OutputRef | Annotated[list[OutputRef | list[OutputRef]], Field(max_length=MAX_ITEMS)]
    inputs: Inputs
    state: Inputs = []
    changedPropIds: ChangedIds = []  # Dash's name
    #: The same, with a pattern-matching id given as its object.
    parsedChangedPropsIds: Annotated[  # Dash's name
        list[Annotated[str, Field(max_length=400)] | PatternId], Field(max_length=MAX_CHANGED)
    ] = []


class BadCallbackRequest(Exception):
    """A callback request the page could not have sent; `message` names what is wrong."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.status = message, status


# --- reading --------------------------------------------------------------------------------


def read_body(raw: bytes, content_type: str | None) -> object:
    """The parsed JSON body, or BadCallbackRequest for non-JSON, deep nesting or a wrong type."""
    if (content_type or "").split(";")[0].strip().lower() != "application/json":
        raise BadCallbackRequest("send the body as JSON (Content-Type: application/json)", 415)
    try:
        body = json.loads(raw)
    except RecursionError:
        raise BadCallbackRequest(f"the body nests deeper than {MAX_DEPTH} levels") from None
    except ValueError:  # includes UnicodeDecodeError
        raise BadCallbackRequest("the body is not valid JSON") from None
    if nesting_depth(body) > MAX_DEPTH:
        raise BadCallbackRequest(f"the body nests deeper than {MAX_DEPTH} levels")
    return body


def nesting_depth(value: object) -> int:
    """How deep lists and objects nest in `value`, walked without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                return depth
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


# --- checking -------------------------------------------------------------------------------


def check(body: object, callback_map: Mapping[str, Mapping], types: PropertyTypes) -> None:
    """Raise BadCallbackRequest unless `body` is a request dash-renderer could send for one of
    the app's callbacks, with values of the types their components declare."""
    if not isinstance(body, dict):
        raise BadCallbackRequest("the body must be a JSON object")
    try:
        request = CallbackBody.model_validate(body)
    except ValidationError as error:
        raise BadCallbackRequest(first_error(error)) from None
    spec = callback_map.get(request.output)
    if spec is None or "callback" not in spec:  # unknown, or run in the browser (clientside)
        raise BadCallbackRequest("unknown callback output")
    _check_outputs(request, spec)
    for field in ("inputs", "state"):
        _check_values(field, getattr(request, field), spec[field], types)
    _check_changed(request)


def first_error(error: ValidationError, depth: int | None = None) -> str:
    """The first thing wrong, named by its place in the body (its first `depth` parts)."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"][:depth]) or "body"
    return f"{where}: {first['msg']}"[:300]


def _plain(name: str) -> str:
    """`data@<hash>` (Dash's allow_duplicate suffix) is the property `data`."""
    return name.split("@", 1)[0]


def output_parts(key: str) -> list[tuple[str, str]]:
    """The (id, property) pairs a callback-map key names: `a.b` or `..a.b...c.d..`."""
    parts = key[2:-2].split("...") if key.startswith("..") else [key]
    return [(part.rsplit(".", 1)[0], _plain(part.rsplit(".", 1)[1])) for part in parts]


def _flat(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield from item if isinstance(item, list) else (item,)


def _check_outputs(request: CallbackBody, spec: Mapping) -> None:
    sent = request.outputs if isinstance(request.outputs, list) else [request.outputs]
    expected = output_parts(request.output)
    if len(sent) != len(expected) or isinstance(request.outputs, list) != (len(expected) > 1):
        raise BadCallbackRequest("'outputs' do not match the callback's outputs")
    for index, (item, (ident, prop)) in enumerate(zip(sent, expected, strict=True)):
        if ident.startswith("{"):  # a pattern-matching output: the renderer fills the ids in
            continue
        if isinstance(item, list) or item.id != ident or _plain(item.property) != prop:
            raise BadCallbackRequest(f"outputs.{index} is not an output of this callback")


def _check_values(
    field: str,
    sent: list[InputValue | list[InputValue]],
    expected: list[dict],
    types: PropertyTypes,
) -> None:
    if len(sent) != len(expected):
        raise BadCallbackRequest(f"'{field}' must hold {len(expected)} entries, not {len(sent)}")
    for index, (item, wanted) in enumerate(zip(sent, expected, strict=True)):
        where = f"{field}.{index}"
        if wanted["id"].startswith("{"):  # a pattern: one entry (MATCH) or a list of them (ALL)
            pattern = json.loads(wanted["id"])
            for entry in item if isinstance(item, list) else [item]:
                if not fits_pattern(entry.id, pattern) or entry.property != wanted["property"]:
                    raise BadCallbackRequest(f"{where} does not match the callback's pattern")
                types.check(pattern, entry.property, entry.value, where)
            continue
        if isinstance(item, list) or item.id != wanted["id"]:
            raise BadCallbackRequest(f"{where} is not {wanted['id']}.{wanted['property']}")
        if item.property != wanted["property"]:
            raise BadCallbackRequest(f"{where} is not {wanted['id']}.{wanted['property']}")
        types.check(item.id, item.property, item.value, where)


def fits_pattern(ident: str | PatternId, pattern: dict) -> bool:
    """A pattern-matching id: the pattern's keys, its fixed values, anything for a wildcard."""
    if not isinstance(ident, dict) or set(ident) != set(pattern):
        return False
    return all(isinstance(wanted, list) or ident[key] == wanted for key, wanted in pattern.items())


def _check_changed(request: CallbackBody) -> None:
    """Each changed property is one of the inputs (Dash splits it at the last dot)."""
    known = {
        (item.id if isinstance(item.id, str) else "{", item.property)
        for item in _flat(request.inputs)
    }
    parsed = [item for item in request.parsedChangedPropsIds if isinstance(item, str)]
    for index, changed in enumerate([*request.changedPropIds, *parsed]):
        ident, dot, prop = changed.rpartition(".")
        if ident.startswith("{"):
            try:
                pattern_ok = isinstance(json.loads(ident), dict)
            except ValueError:
                pattern_ok = False
            ident = "{" if pattern_ok else ident
        if not dot or (ident, prop) not in known:
            raise BadCallbackRequest(f"changedPropIds.{index} is not one of the inputs")


# --- the types components declare -----------------------------------------------------------


class PropertyTypes:
    """The type each component of the layout declares for a property, as a pydantic validator.

    Built from one rendering of the layout (the component classes, not their values): a
    component of the page has the same class for every view. Pattern-matching ids are known by
    their `type` key. A property whose hint pydantic cannot read is left unchecked.
    """

    def __init__(self, layout: object) -> None:
        self._classes: dict[str, type] = {}
        self._kinds: dict[tuple[str, str], str] = {}
        for component in _walk(layout):
            ident = getattr(component, "id", None)
            if isinstance(ident, str):
                self._classes[ident] = type(component)
                self._kinds |= {(ident, prop): kind for prop, kind in narrowed(component).items()}
            elif isinstance(ident, dict) and "type" in ident:
                self._classes["{" + str(ident["type"])] = type(component)

    def check(self, ident: str | PatternId, prop: str, value: object, where: str) -> None:
        key = ident if isinstance(ident, str) else "{" + str(ident.get("type"))
        cls = self._classes.get(key)
        adapter = _adapter(cls, prop) if cls is not None else None
        if adapter is None:
            return
        try:
            adapter.validate_python(value, strict=True)
        except PydanticUserError:  # a hint that names a type pydantic cannot resolve
            return
        except ValidationError as error:
            shown = ident if isinstance(ident, str) else json.dumps(ident, sort_keys=True)[:80]
            message = error.errors()[0]["msg"]
            raise BadCallbackRequest(f"{where} ({shown}.{prop}): {message}"[:300]) from None
        wanted = self._kinds.get((ident, prop)) if isinstance(ident, str) else None
        if wanted and value is not None and json_kind(value) != wanted:
            raise BadCallbackRequest(f"{where} ({ident}.{prop}) must be {wanted} or null")
        allowed = ALLOWED_VALUES.get((ident, prop)) if isinstance(ident, str) else None
        if allowed is not None and value not in allowed:
            listed = ", ".join(map(str, allowed))
            raise BadCallbackRequest(f"{where} ({ident}.{prop}) must be one of {listed}"[:300])


#: (component id, property) -> the only values the page sends there; see `allow_only`.
ALLOWED_VALUES: dict[tuple[str, str], tuple[object, ...]] = {}


def allow_only(component_id: str, prop: str, values: Iterable[object]) -> None:
    """Declare the only values a property takes, for one the callbacks cannot read otherwise
    (the page's language: every text lookup fails on another); anything else is a 400."""
    ALLOWED_VALUES[(component_id, prop)] = tuple(values)


def json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list | tuple) else "an object"


def narrowed(component: object) -> dict[str, str]:
    """What a component's hint allows but the page never sends, by property: a Store holds what
    the page put there first (a query string stays text), and a text or search box sends text
    (only `type="number"` sends numbers). Null is always allowed (a cleared value)."""
    if isinstance(component, dcc.Store) and getattr(component, "data", None) is not None:
        return {"data": json_kind(getattr(component, "data"))}  # noqa: B009 - untyped prop
    if isinstance(component, dcc.Input) and getattr(component, "type", None) in TEXT_INPUTS:
        return {"value": "text"}
    return {}


def _walk(component: object) -> Iterator[object]:
    """Every component in a layout: children and component-valued properties alike."""
    stack = [component]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
        elif hasattr(item, "_prop_names"):
            yield item
            stack.extend(getattr(item, name, None) for name in item._prop_names)


@lru_cache(maxsize=512)
def _adapter(cls: type, prop: str) -> TypeAdapter | None:
    """A validator for `cls`'s hint on `prop`, or None where there is none to use. Dash wraps
    `__init__`, so the hint is read from its signature; names in it (dash-ag-grid's
    `CellClicked`) are the class's own."""
    try:
        hint = inspect.signature(getattr(cls, "__init__")).parameters[prop].annotation  # noqa: B009
    except (KeyError, ValueError, TypeError):
        return None
    if hint is inspect.Parameter.empty or hint is Any:
        return None
    try:
        holder = type("Hint", (), {"__annotations__": {prop: hint}})
        module = sys.modules.get(cls.__module__)
        scope = {**(vars(module) if module else {}), **vars(cls)}
        resolved = typing.get_type_hints(holder, globalns=scope, include_extras=True)[prop]
        return TypeAdapter(resolved)
    except Exception:  # a hint pydantic cannot build a validator for: leave it unchecked
        return None
