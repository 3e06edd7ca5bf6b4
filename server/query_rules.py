"""The API reads each query parameter exactly as its OpenAPI schema says.

The page is forgiving with its own links (`?from=` is no filter, `province=drenthe` finds PV22,
`theme=energy,energy` is energy), because a person typed or edited them. A script is better
served by the published contract: `/api/openapi.json` is the rule, and the API refuses what it
forbids (an empty value, an item twice, a value outside the enumeration, a control character)
with a 400 naming the parameter. What the schema allows, the API accepts: checked both ways by
tests/server/test_openapi_agreement.py, which generates requests from the document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kansenkaart.view import ParamProblem

#: JSON Schema (ECMA-262) and Python read `\uXXXX` in a pattern alike.
NO_CONTROL_CHARACTERS = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"


def schema_problems(given: Mapping[str, str], parameters: Mapping[str, dict]) -> list[ParamProblem]:
    """A problem for each given value its parameter's schema refuses (unknown names are left to
    the caller, which names them)."""
    problems = []
    for name, raw in given.items():
        parameter = parameters.get(name)
        if parameter is None:
            continue
        message = value_problem(raw, parameter["schema"])
        if message:
            problems.append(ParamProblem(name, message))
    return problems


def value_problem(raw: str, schema: Mapping) -> str | None:
    """Why `raw` (one query value, form style) does not fit `schema`, or None when it does."""
    if raw == "":
        return "is empty; leave the parameter out for no filter"
    if schema.get("type") == "array":
        items = raw.split(",")
        for item in items:
            problem = _scalar_problem(item, schema["items"])
            if problem:
                return problem
        twice = sorted({item for item in items if items.count(item) > 1})
        if twice and schema.get("uniqueItems"):
            return f"lists {', '.join(repr(i[:40]) for i in twice[:3])} more than once"
        return None
    return _scalar_problem(raw, schema)


def _scalar_problem(raw: str, schema: Mapping) -> str | None:
    shown = repr(raw[:40])
    if raw == "":
        return "has an empty item; separate values with single commas"
    if "enum" in schema:
        return (
            None if raw in schema["enum"] else f"{shown} is not one of {', '.join(schema['enum'])}"
        )
    if schema.get("type") == "integer":
        if not re.fullmatch(r"-?[0-9]{1,18}", raw):
            return f"{shown} is not a whole number"
        number = int(raw)
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and number < low) or (high is not None and number > high):
            return f"{number} is outside {low}..{high}"
        return None
    if len(raw) > schema.get("maxLength", len(raw)):
        return f"is longer than {schema['maxLength']} characters"
    pattern = schema.get("pattern")
    if pattern and not re.search(pattern, raw):
        if pattern == NO_CONTROL_CHARACTERS:
            return "contains control characters"
        return f"{shown} does not match {pattern}"
    return None
