"""The report's part for what people feel (issue 16): Lighthouse, a shared link's first paint,
and every interaction side by side with the naive app. Called by bench/report.py."""

from __future__ import annotations

import re
from pathlib import Path

from bench.lighthouse import PAGES, PRESETS

#: Hand-written: what changed the figures, and the measurements before (kept across runs).
NOTES = Path(__file__).resolve().parent / "first_paint.md"

#: Lighthouse targets: (page, preset) -> lowest performance score
SCORE_TARGETS = {"desktop": 90, "mobile": 60}
INTERACTION_MS = 100
FASTER = 3.0
STEP_NAMES = {
    "theme": "theme click",
    "theme 2": "second theme",
    "another filter": "another filter (match: all)",
    "metric": "metric change",
    "province": "province click",
    "back": "back",
    "forward": "forward",
}


def _app(results: dict, label: str, app: str) -> dict:
    entry = results["sizes"].get(label) or {}
    return entry.get("apps", {}).get(app) or {}


def _ms(n: float | None) -> str:
    return "-" if n is None else f"{n:.0f} ms"


def _steps(app: dict) -> dict:
    return (app.get("interactions") or {}).get("steps", {})


def user_rows(results: dict) -> list[tuple[str, str, bool | None]]:
    """Target rows: Lighthouse per page and preset, each interaction on the real data and at
    10,000 against the naive app."""
    rows: list[tuple[str, str, bool | None]] = []
    lh = _app(results, "real", "optimised").get("lighthouse") or {}
    for path in PAGES:
        for preset in PRESETS:
            m = (lh.get(f"{path} {preset}") or {}).get("median") or {}
            if "score" not in m:
                continue
            rows.append(
                (
                    f"Lighthouse {preset} `{path}`: performance >= {SCORE_TARGETS[preset]}",
                    f"{m['score']:.0f} (load {m['load']:.1f})",
                    m["score"] >= SCORE_TARGETS[preset],
                )
            )
            rows.append(
                (
                    f"Lighthouse {preset} `{path}`: layout shift < 0.1",
                    f"{m['cls']:.3f}",
                    m["cls"] < 0.1,
                )
            )
    first = _app(results, "real", "optimised").get("first_paint") or {}
    if first.get("ok"):
        rows.append(
            ("real: a shared link's first map is its own view", "yes" if first["link_values_first"] else "no", first["link_values_first"])
        )  # fmt: skip
    real = _steps(_app(results, "real", "optimised"))
    for step, name in STEP_NAMES.items():
        median = (real.get(step) or {}).get("median")
        if median is not None:
            rows.append(
                (f"real: {name} to map < {INTERACTION_MS} ms", _ms(median), median < INTERACTION_MS)
            )
    opt, naive = (_steps(_app(results, "10000", a)) for a in ("optimised", "naive"))
    for step, name in STEP_NAMES.items():
        o, n = (opt.get(step) or {}).get("median"), (naive.get(step) or {}).get("median")
        if o and n:
            rows.append(
                (f"10,000: {name} >= {FASTER:.0f}x faster than naive", f"{_ms(o)} vs {_ms(n)} ({n / o:.1f}x)", n / o >= FASTER)
            )  # fmt: skip
    return rows


def _index(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def lighthouse_table(results: dict) -> list[str]:
    lh = _app(results, "real", "optimised").get("lighthouse") or {}
    if not lh:
        return ["Lighthouse was not run (`npm install -g lighthouse`)."]
    lines = [
        "Median of the runs (each run's score and 1-minute load average in the last column). "
        "Machine speed: Lighthouse's own `benchmarkIndex` at the run, higher is faster (the "
        "machine is shared; the same code scores far apart at different hours, bench/notes).",
        "",
        "| page | preset | score | layout shift | blocking time | LCP | FCP | transfer | unused JS | machine speed | runs (score @ load) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for key, value in lh.items():
        path, preset = key.rsplit(" ", 1)
        m = value["median"]
        if "score" not in m:
            lines.append(f"| `{path}` | {preset} | failed: {m.get('error', '?')} | | | | | | | | |")
            continue
        runs = ", ".join(_run_cell(r) for r in value["runs"])
        lines.append(
            f"| `{path}` | {preset} | {m['score']:.0f} | {m['cls']:.3f} | {_ms(m['tbt_ms'])} | "
            f"{_ms(m['lcp_ms'])} | {_ms(m['fcp_ms'])} | {m['bytes'] / 1e6:.2f} MB | "
            f"{m.get('unused_js_bytes', 0) / 1e3:.0f} KB | {_index(m.get('benchmark_index'))} | "
            f"{runs} |"
        )
    return lines


def _run_cell(run: dict) -> str:
    """One run's score and load, or its failure: a median over fewer runs than asked says so."""
    if "score" not in run:
        error = str(run.get("error", "?"))
        code = re.search(r"\(([A-Z_]+)\)", error)  # Lighthouse's error code, e.g. NO_NAVSTART
        return f"failed ({code.group(1) if code else error[-40:]})"
    retried = run.get("retried_after") or []
    after = (
        f" (after {len(retried)} failed Lighthouse run{'s' * (len(retried) > 1)})"
        if retried
        else ""
    )
    return f"{run['score']} @ {run['load']:.1f}{after}"


def interactions_table(results: dict) -> list[str]:
    lines = []
    for label, title in (("real", "real data"), ("10000", "10,000 initiatives")):
        opt, naive = (
            _app(results, label, a).get("interactions") or {} for a in ("optimised", "naive")
        )
        if not opt:
            continue
        lines += [
            f"**{title}** (optimised {opt.get('rounds', 0)} rounds, naive {naive.get('rounds', 0)}):",
            "",
            "| interaction | optimised, median | naive, median | naive / optimised | optimised, all |",
            "| --- | ---: | ---: | ---: | --- |",
        ]
        for step, name in STEP_NAMES.items():
            o = opt.get("steps", {}).get(step) or {}
            n = naive.get("steps", {}).get(step) or {}
            om, nm = o.get("median"), n.get("median")
            ratio = f"{nm / om:.1f}x" if om and nm else "-"
            every = ", ".join(f"{t:.0f}" for t in o.get("times", []))
            lines.append(f"| {name} | {_ms(om)} | {_ms(nm)} | {ratio} | {every} |")
        lines.append("")
    return lines


def first_paint_table(results: dict) -> list[str]:
    lines = [
        "`/?theme=energy&lang=en`, a fresh browser: the first map painted, the title and `lang` "
        "when the HTML had been read (before any callback answered).",
        "",
        "| data | app | first map = the link's values | title in the first frame | lang |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label in results["sizes"]:
        for app in ("optimised", "naive"):
            fp = _app(results, label, app).get("first_paint") or {}
            if not fp.get("ok"):
                continue
            early = fp.get("early") or {}
            lines.append(
                f"| {label} | {app} | {'yes' if fp['link_values_first'] else 'no'} | "
                f"{early.get('title', '-')} | {early.get('lang', '-')} |"
            )
    return lines


def user_section(results: dict) -> list[str]:
    return [
        "## Where people feel it (issue 16)",
        "",
        *([NOTES.read_text().strip(), ""] if NOTES.exists() else []),
        "### Lighthouse (optimised app, real data, gunicorn)",
        "",
        *lighthouse_table(results),
        "",
        "### A shared link's first paint",
        "",
        *first_paint_table(results),
        "",
        "### Every interaction, action to painted map",
        "",
        *interactions_table(results),
    ]
