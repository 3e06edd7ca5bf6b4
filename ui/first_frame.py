"""A Dash component tree as static HTML: the first frame a link paints before any script runs.

The index HTML carries this copy of the link's own layout (ui/index_page.py); the Dash app is
drawn hidden over it and takes its place in one swap (assets/first_frame.js), so the copy must
take the same room as the app: `dash.html` components become their own tags with the same
classes and styles, the few dcc controls whose look carries the view (checkboxes, radio
buttons, inputs, lists) are drawn like Dash 4 draws them, anything else keeps its box empty.

The copy has no `id`s (the app's own would be duplicated; scripts and CSS select by id): an id
becomes `data-kk-id`. Nothing in it takes keyboard focus (`tabindex=-1`): it is there to be
read while the app loads, not to be used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from typing import Any

from dash.development.base_component import Component

#: Dash props written under another HTML name; other props are not attributes (n_clicks...).
ATTRIBUTES = {
    "className": "class",
    "title": "title",
    "href": "href",
    "target": "target",
    "rel": "rel",
    "role": "role",
    "lang": "lang",
    "scope": "scope",
    "colSpan": "colspan",
    "rowSpan": "rowspan",
    "alt": "alt",
    "src": "src",
    "download": "download",
}
BOOLEAN_ATTRIBUTES = ("hidden", "open", "disabled")
#: Attributes left out: what only the app's scripts read (the table's script address,
#: ui/lazy_table.py), and references to ids, which are the app's (a label's `for` included).
LEFT_OUT = frozenset(
    {"data-src", "htmlFor", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns"}
)
VOID_TAGS = frozenset({"area", "br", "col", "hr", "img", "input", "source", "wbr"})
#: Tags a keyboard reaches: in the copy they are not reached.
FOCUSABLE_TAGS = frozenset({"a", "button", "summary", "input", "select", "textarea"})
#: Components that draw nothing in the page.
INVISIBLE = frozenset({"Store", "Location", "Interval"})
#: CSS properties React writes without a unit when given a number.
UNITLESS = frozenset({"opacity", "zIndex", "flex", "flexGrow", "flexShrink", "fontWeight",
                      "lineHeight", "order", "zoom"})  # fmt: skip


def render(node: Any) -> str:
    """HTML for a component, a list of them, text or a number (text escaped)."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, str | int | float):
        return escape(str(node), quote=False)
    if isinstance(node, Component):
        return _component(node)
    if isinstance(node, Iterable):
        return "".join(render(child) for child in node)
    return escape(str(node), quote=False)


def _component(component: Component) -> str:
    kind = component._type
    props: dict[str, Any] = component.to_plotly_json()["props"]
    if component._namespace == "dash_html_components":
        return element(kind.lower(), props, render(props.get("children")))
    if kind in INVISIBLE:
        return ""
    drawn = DRAWN.get(kind)
    if drawn is not None:
        return drawn(props)
    # A placeholder that keeps the component's box (className, style) but shows nothing.
    return element("div", {**_box(props), "className": _classes("dash-" + kind.lower(), props)}, "")


def element(tag: str, props: dict[str, Any], inner: str, **extra: Any) -> str:
    """`<tag attrs>inner</tag>`, attributes from Dash props (plus `extra`, HTML names)."""
    attributes = _attributes(props) + [
        (name.replace("_", "-"), value) for name, value in extra.items() if value is not None
    ]
    if tag in FOCUSABLE_TAGS:
        attributes.append(("tabindex", "-1"))
    text = "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attributes
        if value is not False
    )
    return f"<{tag}{text}>" if tag in VOID_TAGS else f"<{tag}{text}>{inner}</{tag}>"


def _attributes(props: dict[str, Any]) -> list[tuple[str, Any]]:
    attributes: list[tuple[str, Any]] = []
    if isinstance(props.get("id"), str):
        attributes.append(("data-kk-id", props["id"]))
    for prop, value in props.items():
        if value is None:
            continue
        if prop in ATTRIBUTES:
            attributes.append((ATTRIBUTES[prop], "" if value is True else value))
        elif prop in BOOLEAN_ATTRIBUTES:
            attributes.append((prop, bool(value)))
        elif prop == "style" and value:
            attributes.append(("style", css(value)))
        elif prop.startswith(("aria-", "data-")) and prop not in LEFT_OUT:
            attributes.append((prop, value))
    return attributes


def css(style: dict[str, Any]) -> str:
    """A React style object as a CSS declaration list (`backgroundColor` -> `background-color`)."""

    def declaration(name: str, value: Any) -> str:
        prop = re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), name)
        unit = "px" if isinstance(value, int | float) and name not in UNITLESS else ""
        return f"{prop}: {value}{unit}"

    return "; ".join(declaration(name, value) for name, value in style.items() if value is not None)


def _classes(base: str, props: dict[str, Any]) -> str:
    own = props.get("className")
    return f"{base} {own}" if own else base


def _box(props: dict[str, Any]) -> dict[str, Any]:
    return {key: props[key] for key in ("id", "style") if key in props}


def _options(options: Any) -> list[tuple[Any, Any]]:
    """(value, label) pairs from any of Dash's option formats."""
    if isinstance(options, dict):
        return list(options.items())
    pairs = []
    for option in options or []:
        if isinstance(option, dict):
            pairs.append((option.get("value"), option.get("label", option.get("value"))))
        else:
            pairs.append((option, option))
    return pairs


def _option_list(kind: str, input_type: str, props: dict[str, Any]) -> str:
    """A Checklist or RadioItems as Dash 4 draws it, its chosen options checked."""
    value = props.get("value")
    chosen = set(value) if isinstance(value, list | tuple) else {value}
    inline = " dash-radioitems-inline" if props.get("inline") else ""

    def option(index: int, option_value: Any, label: Any) -> str:
        checked = option_value in chosen
        box = element(
            "input",
            {"className": _classes("dash-options-list-option-checkbox", _input_class(props))},
            "",
            type=input_type,
            value=str(option_value),
            checked=checked,
        )
        text = element(
            "span",
            {"className": _classes("dash-options-list-option-text", _label_class(props))},
            element("span", {}, render(label)),
        )
        wrapper = element("span", {"className": "dash-options-list-option-wrapper"}, box)
        selected = " selected" if checked else ""
        return element(
            "label",
            {"className": f"dash-options-list-option{selected}{inline}"},
            wrapper + text,
            data_option_index=index,
        )

    options = "".join(
        option(i, v, label) for i, (v, label) in enumerate(_options(props.get("options")))
    )
    classes = _classes(f"dash-options-list dash-{kind}", props)
    return element("div", {**_box(props), "className": classes}, options)


def _input_class(props: dict[str, Any]) -> dict[str, Any]:
    return {"className": props["inputClassName"]} if props.get("inputClassName") else {}


def _label_class(props: dict[str, Any]) -> dict[str, Any]:
    return {"className": props["labelClassName"]} if props.get("labelClassName") else {}


def _input(props: dict[str, Any]) -> str:
    """A dcc.Input: Dash 4's box with the field (read-only here), a number's two steppers."""
    kind = props.get("type", "text")
    field = element(
        "input",
        {"className": "dash-input-element"},
        "",
        type=kind,
        value=props.get("value"),
        placeholder=props.get("placeholder"),
        readonly=True,
    )
    if kind == "number":
        field += _stepper("decrement", "\u2212") + _stepper("increment", "+")
    classes = _classes("dash-input-container dash-input", props)
    return element("div", {**_box(props), "className": classes}, field)


def _stepper(direction: str, symbol: str) -> str:
    classes = f"dash-input-stepper dash-stepper-{direction}"
    return element("button", {"className": classes, "aria-hidden": "true"}, symbol, type="button")


#: The closed list's chevron, as Dash 4 draws it.
CHEVRON = (
    '<svg width="15" height="15" viewBox="0 0 15 15" fill="none" aria-hidden="true" '
    'class="dash-dropdown-trigger-icon"><path fill="currentColor" fill-rule="evenodd" '
    'd="M4.18 6.18a.45.45 0 0 1 .64 0L7.5 8.86l2.68-2.68a.45.45 0 1 1 .64.64l-3 3a.45.45 0 0 '
    '1-.64 0l-3-3a.45.45 0 0 1 0-.64Z"></path></svg>'
)


#: A chosen value's "clear" cross (not a control in the copy).
CLEAR = (
    '<span class="dash-dropdown-clear" aria-hidden="true"><svg width="15" height="15" '
    'viewBox="0 0 15 15" fill="none"><path fill="currentColor" fill-rule="evenodd" '
    'd="M12.85 2.85a.5.5 0 0 0-.7-.7L7.5 6.79 2.85 2.15a.5.5 0 1 0-.7.7L6.79 7.5l-4.64 4.65a.5.5 '
    '0 0 0 .7.7L7.5 8.21l4.65 4.64a.5.5 0 0 0 .7-.7L8.21 7.5l4.64-4.65Z"></path></svg></span>'
)


def _dropdown(props: dict[str, Any]) -> str:
    """A dcc.Dropdown closed, showing its chosen labels or its placeholder, as Dash 4 does."""
    value = props.get("value")
    chosen = set(value) if isinstance(value, list | tuple) else {value}
    labels = [label for v, label in _options(props.get("options")) if v in chosen]
    if labels:
        items = "".join(
            element(
                "span", {"className": "dash-dropdown-value-item"}, element("span", {}, render(x))
            )
            for x in labels
        )
        shown = element("span", {"className": "dash-dropdown-value"}, items)
        if props.get("clearable", True):
            shown += CLEAR
    else:
        classes = "dash-dropdown-value dash-dropdown-placeholder"
        shown = element("span", {"className": classes}, render(props.get("placeholder", "")))
    trigger = element(
        "span", {"className": "dash-dropdown-grid-container dash-dropdown-trigger"}, shown + CHEVRON
    )
    button = element("button", {"className": "dash-dropdown"}, trigger, type="button")
    classes = _classes("dash-dropdown-wrapper", props)
    return element("div", {**_box(props), "className": classes}, button)


DRAWN = {
    "Checklist": lambda props: _option_list("checklist", "checkbox", props),
    "RadioItems": lambda props: _option_list("radioitems", "radio", props),
    "Input": _input,
    "Dropdown": _dropdown,
}
