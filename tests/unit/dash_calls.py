"""Fire the app's callbacks in-process, as the browser's renderer would: a POST to
/_dash-update-component through Flask's test client, so Dash's own machinery (flexible
signatures, pattern-matching ids, no_update, Patch) runs and coverage sees the callbacks."""

from __future__ import annotations

import json
from collections.abc import Mapping

import dash

#: Values the page always holds (the server refuses a request without them, as no page sends one):
#: a test that does not name them gets these instead of None.
PAGE_ALWAYS_HOLDS = {"lang-store.data": "nl"}


def callback_key(app: dash.Dash, name: str) -> str:
    """The callback-map key of the callback function called `name`."""
    keys = [
        k
        for k, spec in app.callback_map.items()
        if getattr(spec.get("callback"), "__name__", None) == name
    ]
    assert len(keys) == 1, f"{len(keys)} callbacks are called {name}"
    return keys[0]


def fire(
    app: dash.Dash,
    name: str,
    triggered: str | None,
    values: Mapping[str, object],
    listed: list[str] | None = None,
) -> dict[str, dict[str, object]]:
    """Call the callback function `name`; `values` maps "id.property" to what the page holds
    (missing: None); `listed` are the ids of the profile list's buttons, `triggered` the
    property that fired ("{json id}.n_clicks" for one of those buttons, None for page load).
    Returns {id: {property: value}} for what the callback sent (no_update left out)."""
    key = callback_key(app, name)
    spec = app.callback_map[key]

    def entry(item: dict) -> object:
        if item["id"].startswith("{"):  # ALL: one entry per button in the list
            pattern = json.loads(item["id"])
            return [
                {
                    "id": {**pattern, "index": ident},
                    "property": item["property"],
                    "value": values.get(f"{ident}.{item['property']}", 0),
                }
                for ident in listed or []
            ]
        name = f"{item['id']}.{item['property']}"
        return {**item, "value": values.get(name, PAGE_ALWAYS_HOLDS.get(name))}

    outputs = [
        {"id": part.split(".")[0], "property": part.split(".", 1)[1]}
        for part in key.strip(".").split("...")
    ]
    body = {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": [entry(i) for i in spec["inputs"]],
        "state": [entry(s) for s in spec["state"]],
        "changedPropIds": [triggered] if triggered else [],
    }
    response = app.server.test_client().post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code in (200, 204), response.get_data(as_text=True)[:500]
    if response.status_code == 204:
        return {}
    sent = response.get_json()["response"]
    return {ident: {p.split("@")[0]: v for p, v in props.items()} for ident, props in sent.items()}
