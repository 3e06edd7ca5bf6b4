"""Turn bench/out/results.json into docs/performance.md (run alone to rewrite the report)."""

from __future__ import annotations

import json
import math
import statistics
from pathlib import Path

from bench.report_user import user_rows, user_section

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "out" / "results.json"
REPORT = ROOT / "docs" / "performance.md"
FINDINGS = ROOT / "bench" / "findings.md"
#: Hand-written first-load notes (kept across regenerations).
FIRST_LOAD = ROOT / "bench" / "first_load.md"
#: Hand-written sections, one file each, appended in name order (kept across regenerations: the
#: report is written anew from the results, so notes written into it directly would be lost).
NOTES = ROOT / "bench" / "notes"
#: The targets of an earlier run, for the "before -> after" column (`--save-baseline`).
BASELINE = ROOT / "bench" / "baseline.json"
LABELS = {"real": "real data", "1000": "1,000", "10000": "10,000", "100000": "100,000"}


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def med(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def kb(n: float | None) -> str:
    if n is None:
        return "-"
    if n >= 1_000_000:
        return f"{n / 1_000_000:.2f} MB"
    return f"{n / 1000:.1f} KB" if n >= 1000 else f"{n:.0f} B"


def ms(n: float | None) -> str:
    if n is None:
        return "-"
    return f"{n / 1000:.2f} s" if n >= 10_000 else f"{n:.0f} ms" if n >= 10 else f"{n:.1f} ms"


def summarise(app: dict) -> dict:
    """The figures of one app on one data set (None where not measured)."""
    if "error" in app:
        return {"error": app["error"]}
    clicks = [c for c in app.get("clicks", []) if c.get("ok") and not c.get("ambiguous")]
    timed_out = any(not c.get("ok") for c in app.get("clicks", []))
    click_ms = [c["tPaint"] - c["t0"] for c in clicks]
    net_ms = [c["netEnd"] - c["t0"] for c in clicks if c.get("netEnd")]
    render_ms = [c["tPaint"] - c["netEnd"] for c in clicks if c.get("netEnd")]
    updates = [c["updates"] for c in clicks]
    map_raw = [sum(u["map_raw"] for u in us) for us in updates]
    map_gzip = [sum(u["map_gzip"] for u in us) for us in updates]
    # The whole response(s) that carried `map.figure` (with the URL, view store, summary, ...).
    mapresp_raw = [sum(u["raw"] for u in us if u["has_map"]) for us in updates]
    mapresp_wire = [sum(u["wire"] for u in us if u["has_map"]) for us in updates]
    before = [c["before"] for c in clicks if c.get("before") is not None]
    all_raw = [sum(u["raw"] for u in us) for us in updates]
    all_wire = [sum(u["wire"] for u in us) for us in updates]
    all_gzip = [sum(u["gzip"] for u in us) for us in updates]
    callbacks = app.get("callbacks", {})
    replayed = callbacks.get("changes", [])
    # A replay the app answers with an error is not a measurement (e.g. the app's callbacks were
    # edited between recording and replay): report it, time only the good ones.
    changes = [c for c in replayed if all(s in (200, 204) for s in c["statuses"])]
    cb_error = callbacks.get("error")
    if len(changes) < len(replayed):
        bad = sorted({s for c in replayed for s in c["statuses"] if s not in (200, 204)})
        cb_error = (
            f"{len(replayed) - len(changes)} of {len(replayed)} replayed changes got HTTP {bad}"
        )
    loads = [f for f in app.get("first_loads", []) if f.get("ok")]
    load = app.get("load")
    return {
        "clicks": len(click_ms),
        "timed_out": timed_out,
        "note": app.get("click_note", ""),
        "click_med": med(click_ms),
        "click_p95": p95(click_ms) if click_ms else None,
        "net_med": med(net_ms),
        "render_med": med(render_ms),
        "requests": med([len(us) for us in updates]),
        "before_map": med(before),
        "map_raw": med(map_raw),
        "map_gzip": med(map_gzip),
        "mapresp_raw": med(mapresp_raw),
        "mapresp_wire": med(mapresp_wire),
        "all_raw": med(all_raw),
        "all_wire": med(all_wire),
        "all_gzip": med(all_gzip),
        "cb_n": len(changes),
        "cb_med": med([c["total_ms"] for c in changes]),
        "cb_p95": p95([c["total_ms"] for c in changes]) if changes else None,
        "cbmap_med": med(map_requests := [c["map_ms"] for c in changes if c.get("map_ms")]),
        "cbmap_p95": p95(map_requests) if map_requests else None,
        "cb_error": cb_error,
        "fl_wire": med([f["wire"] for f in loads]),
        "fl_raw": med([f["raw"] for f in loads]),
        "fl_requests": med([f["requests"] for f in loads]),
        "fl_ms": med([f["map_ms"] for f in loads]),
        "fl_failed": len(app.get("first_loads", [])) - len(loads),
        "start_s": app.get("started_in_s"),
        "load": load,
        "load_keepalive": app.get("load_keepalive"),
    }


def ratio(naive: float | None, optimised: float | None) -> str:
    if not naive or not optimised:
        return "-"
    return f"{naive / optimised:.1f}x"


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("PASS" if ok else "**FAIL**")


ROWS = [
    ("click to map, median", "click_med", ms),
    ("click to map, p95", "click_p95", ms),
    ("  of which until last response (median)", "net_med", ms),
    ("  of which drawing after it (median)", "render_med", ms),
    ("callback requests per change", "requests", lambda v: "-" if v is None else f"{v:.0f}"),
    (
        "  of which answered before the map matched",
        "before_map",
        lambda v: "-" if v is None else f"{v:.0f}",
    ),
    ("map payload per change (`map.figure` output), raw", "map_raw", kb),
    ("map payload per change (`map.figure` output), gzip", "map_gzip", kb),
    ("whole response carrying the map, raw", "mapresp_raw", kb),
    ("whole response carrying the map, on the wire", "mapresp_wire", kb),
    ("all responses per change, raw", "all_raw", kb),
    ("all responses per change, on the wire", "all_wire", kb),
    ("callback time per change (all callbacks), median", "cb_med", ms),
    ("callback time per change (all callbacks), p95", "cb_p95", ms),
    ("request carrying the map alone, median", "cbmap_med", ms),
    ("request carrying the map alone, p95", "cbmap_p95", ms),
    ("first load, on the wire", "fl_wire", kb),
    ("first load, raw", "fl_raw", kb),
    ("first load, requests", "fl_requests", lambda v: "-" if v is None else f"{v:.0f}"),
    ("first load, until the map is drawn", "fl_ms", ms),
    ("server start (gunicorn, 2 workers)", "start_s", lambda v: "-" if v is None else f"{v:.1f} s"),
]


#: Byte rows where the optimised app may send nothing at all (the map drawn from the theme table).
PAYLOADS = {"map_raw", "map_gzip", "mapresp_raw", "mapresp_wire"}


def size_table(label: str, entry: dict) -> list[str]:
    opt, naive = (
        summarise(entry["apps"].get(n, {"error": "not run"})) for n in ("optimised", "naive")
    )
    lines = [
        f"### {LABELS.get(label, label)} ({entry['rows']:,} initiatives)",
        "",
        *(
            [
                f"Measured {m['date']} at commit `{m['commit']}` with {m['uncommitted_app_files']} "
                "uncommitted app file(s).",
                "",
            ]
            if (m := entry.get("measured"))
            else []
        ),
        "| metric | optimised | naive | naive / optimised |",
        "| --- | ---: | ---: | ---: |",
    ]
    for title, key, fmt in ROWS:
        o = opt.get(key)
        n = naive.get(key)
        n_text = fmt(n)
        if key.startswith("click") and naive.get("timed_out") and n is None:
            n_text = "timed out"
        times = "none sent" if key in PAYLOADS and o == 0 and n else ratio(n, o)
        lines.append(f"| {title} | {fmt(o)} | {n_text} | {times} |")
    for name, s in (("optimised", opt), ("naive", naive)):
        if s.get("error"):
            lines.append(f"\n{name}: could not run: {s['error']}")
            continue
        notes = [s["note"]] if s.get("note") else []
        if s.get("cb_error"):
            notes.append(f"callback replay failed: {s['cb_error']}")
        if s.get("fl_failed"):
            notes.append(f"{s['fl_failed']} first load(s) did not draw the map in time")
        notes.append(f"{s['clicks']} timed clicks, {s['cb_n']} replayed changes")
        lines.append(f"\n{name}: " + "; ".join(notes) + ".")
    lines.append("")
    return lines


def targets(results: dict) -> list[str]:
    """The targets table; with bench/baseline.json a "before" column from that run."""
    rows = target_rows(results)
    base = json.loads(BASELINE.read_text()) if BASELINE.exists() else None
    if not base:
        lines = ["| target | measured | result |", "| --- | --- | --- |"]
        return lines + [f"| {t} | {m} | {verdict(ok)} |" for t, m, ok in rows]
    old = base["rows"]
    lines = [
        f"Before: {base['label']}.",
        "",
        "| target | before | after | result before -> after |",
        "| --- | --- | --- | --- |",
    ]
    for t, m, ok in rows:
        bm, bok = old.get(t, ["-", None])
        lines.append(f"| {t} | {bm} | {m} | {verdict(bok)} -> {verdict(ok)} |")
    return lines


def target_rows(results: dict) -> list[tuple[str, str, bool | None]]:
    sizes = results["sizes"]

    def get(label: str, app: str) -> dict:
        entry = sizes.get(label)
        return summarise(entry["apps"][app]) if entry and app in entry["apps"] else {}

    def lt(a, b) -> bool | None:
        return None if a is None or b is None else a < b

    def le(a, b) -> bool | None:
        return None if a is None or b is None else a <= b

    real_o, real_n = get("real", "optimised"), get("real", "naive")
    k10_o, k10_n = get("10000", "optimised"), get("10000", "naive")
    k100_o = get("100000", "optimised")
    rows = []
    if real_o:
        rows += [
            (
                "real: click-to-map median <= 60 ms",
                ms(real_o.get("click_med")),
                le(real_o.get("click_med"), 60),
            ),
            (
                "real: click-to-map faster than naive",
                f"{ms(real_o.get('click_med'))} vs {ms(real_n.get('click_med'))}",
                lt(real_o.get("click_med"), real_n.get("click_med")),
            ),
            (
                "real: map payload per change <= 10 KB (raw)",
                kb(real_o.get("map_raw")),
                le(real_o.get("map_raw"), 10_000),
            ),
            (
                "real: map payload >= 20x less than naive (raw)",
                "none sent (drawn from the theme table)"
                if real_o.get("map_raw") == 0
                else ratio(real_n.get("map_raw"), real_o.get("map_raw")),
                None
                if real_o.get("map_raw") is None or not real_n.get("map_raw")
                else real_o["map_raw"] * 20 <= real_n["map_raw"],
            ),
            (
                "real: callback p95 <= 15 ms (all callbacks of a change)",
                ms(real_o.get("cb_p95")),
                le(real_o.get("cb_p95"), 15),
            ),
            (
                "real: first load <= 1.5 MB compressed",
                kb(real_o.get("fl_wire")),
                le(real_o.get("fl_wire"), 1_500_000),
            ),
        ]
    if k10_o:
        faster = (
            None
            if not k10_o.get("click_med") or not k10_n.get("click_med")
            else k10_n["click_med"] / k10_o["click_med"] >= 3
        )
        rows += [
            (
                "10,000: click-to-map >= 3x faster than naive",
                ratio(k10_n.get("click_med"), k10_o.get("click_med")),
                faster,
            ),
            (
                "10,000: click-to-map median <= 250 ms",
                ms(k10_o.get("click_med")),
                le(k10_o.get("click_med"), 250),
            ),
        ]
    if k100_o:
        usable = (
            k100_o.get("fl_ms") is not None
            and k100_o.get("click_med") is not None
            and k100_o["click_med"] <= 1000
            and not k100_o.get("timed_out")
        )
        rows += [
            (
                "100,000: callback p95 <= 150 ms",
                ms(k100_o.get("cb_p95")),
                le(k100_o.get("cb_p95"), 150),
            ),
            (
                "100,000: page usable (map drawn; click-to-map median <= 1 s)",
                f"first map {ms(k100_o.get('fl_ms'))}, click {ms(k100_o.get('click_med'))}",
                usable,
            ),
        ]
    for key, how in (("load", "new connection per request"), ("load_keepalive", "keep-alive")):
        load = real_o.get(key) if real_o else None
        if load:
            rate = load["per_s"]
            lat = p95(load["latencies_ms"]) if load["latencies_ms"] else None
            rows += [
                (f"load ({how}): >= 150 theme changes/s", f"{rate:.0f}/s", rate >= 150),
                (f"load ({how}): p95 < 100 ms", ms(lat), lt(lat, 100)),
            ]
    if real_o:
        rows.append(
            (
                "real: first load <= 1.0 MB compressed",
                kb(real_o.get("fl_wire")),
                le(real_o.get("fl_wire"), 1_000_000),
            )
        )
    return rows + user_rows(results)


def load_table(results: dict) -> list[str]:
    real = results["sizes"].get("real", {}).get("apps", {})
    lines = [
        "| app | theme changes | threads | wall | changes/s | median | p95 | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines[0] = "| app | connections " + lines[0][len("| app ") :]
    lines[1] = "| --- | --- " + lines[1][len("| --- ") :]
    for key, how in (("load", "new per request"), ("load_keepalive", "keep-alive")):
        for name in ("optimised", "naive"):
            load = real.get(name, {}).get(key)
            if not load:
                lines.append(f"| {name} | {how} | - | - | - | - | - | - | - |")
                continue
            lat = load["latencies_ms"]
            lines.append(
                f"| {name} | {how} | {load['changes']} | {load['threads']} | {load['wall_s']:.1f} s | "
                f"{load['per_s']:.0f} | {ms(med(lat))} | {ms(p95(lat) if lat else None)} | {load['errors']} |"
            )
    for key, how in (("load", "new connections"), ("load_keepalive", "keep-alive")):
        o, n = (real.get(k, {}).get(key) for k in ("optimised", "naive"))
        if o and n and n["per_s"]:
            lines.append(
                f"\nThroughput ratio optimised / naive ({how}): {o['per_s'] / n['per_s']:.1f}x."
            )
    return lines


def growth_table(results: dict) -> list[str]:
    lines = [
        "| data | click median opt / naive | map payload raw opt / naive | callback p95 opt / naive | first load wire opt / naive | first map opt / naive |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for label, entry in results["sizes"].items():
        o, n = (summarise(entry["apps"].get(k, {"error": "-"})) for k in ("optimised", "naive"))

        def pair(key: str, fmt, o=o, n=n) -> str:
            nv = fmt(n.get(key))
            if key == "click_med" and n.get("timed_out") and n.get(key) is None:
                nv = "timed out"
            return f"{fmt(o.get(key))} / {nv}"

        lines.append(
            f"| {LABELS.get(label, label)} | {pair('click_med', ms)} | {pair('map_raw', kb)} | "
            f"{pair('cb_p95', ms)} | {pair('fl_wire', kb)} | {pair('fl_ms', ms)} |"
        )
    return lines


def profile_section(results: dict) -> list[str]:
    lines = []
    for label in ("10000", "100000"):
        entry = results["sizes"].get(label)
        if not entry:
            continue
        app = entry["apps"].get("optimised", {})
        tree = ROOT / "bench" / "out" / f"profile-server-{label}.tree.txt"
        lines += [f"### {LABELS[label]}: server, pyinstrument over the map callback", ""]
        if tree.exists():
            text = [x[:120] for x in tree.read_text().splitlines() if x.strip()]
            lines += ["```", *text[:40], "```", ""]
        else:
            lines += ["(no server profile)", ""]
        profile = app.get("browser_profile")
        if profile:
            timing = profile.get("timing", {})
            painted, started = timing.get("tPaint"), timing.get("t0")
            # no paint time when the bench never saw the expected map (say so, no made-up figure)
            took = ms(painted - started) if painted and started else "map not matched"
            lines += [
                f"### {LABELS[label]}: browser, one theme change ({took} click to map)",
                "",
                "Main-thread timeline (nested events are also counted in their parents):",
                "",
                "| event | ms |",
                "| --- | ---: |",
            ]
            lines += [f"| {e['event']} | {e['ms']} |" for e in profile.get("timeline", [])[:12]]
            lines += [
                "",
                "JS self time, top functions (V8 sampling profiler):",
                "",
                "| function | ms | share |",
                "| --- | ---: | ---: |",
            ]
            lines += [
                f"| `{f['function']}` | {f['ms']} | {f['share']:.0%} |"
                for f in profile.get("js", [])
            ]
            lines.append("")
    return lines


def write_report(results: dict) -> Path:
    meta = results["meta"]
    v = meta["versions"]
    lines = [
        "# Performance",
        "",
        "Measured by `bench/` (`.venv/bin/python -m bench.run`); for each data set both apps are measured in the same run,",
        "the optimised app (this repository) and the naive baseline (`bench/naive_app.py`: plotly express,",
        "whole figure rebuilt and sent on every change) side by side on the same machine and data.",
        "",
        f"- **Date**: {meta['date']}; run took {meta.get('duration_s', '?')} s"
        + (" (`--quick`)" if results.get("quick") else ""),
        f"- **Machine**: {meta['cpu']}, {meta['cores']} cores, {meta['ram_gb']} GB RAM, {meta['os']}",
        f"- **Versions**: Python {v['python']}, dash {v['dash']}, plotly {v['plotly']}, pandas {v['pandas']}, "
        f"geopandas {v['geopandas']}, gunicorn {v['gunicorn']}, flask-compress {v['flask-compress']}, "
        f"playwright {v['playwright']}, Chromium {meta.get('chromium', '-')}",
        f"- **Code**: commit `{meta['commit']}`"
        + (
            f" with {meta['uncommitted_app_files']} uncommitted app file(s) in the working tree "
            "(the app was being edited while this ran)"
            if meta.get("uncommitted_app_files")
            else ""
        ),
        *([f"- **Note**: {meta['note']}"] if meta.get("note") else []),
        *(
            [f"- **Machine load**: 1-minute load average {meta['loadavg']} at the start of the run"]
            if meta.get("loadavg")
            else []
        ),
        *(
            [
                f"- **Machine speed**: a fixed single-core Python loop (5 million additions) took "
                f"{meta['speed_ms']} ms at the start of the run and {meta.get('speed_end_ms', '?')} ms "
                "at its end. The machine is shared and its speed varies from hour to hour: compare "
                "the two apps within a run, and runs with each other only at a like speed"
            ]
            if meta.get("speed_ms")
            else []
        ),
        "",
        *([FIRST_LOAD.read_text().strip(), ""] if FIRST_LOAD.exists() else []),
        "## Targets",
        "",
        *targets(results),
        "",
        *user_section(results),
        "",
        "## Growth",
        "",
        *growth_table(results),
        "",
        "## Figures per data set",
        "",
    ]
    for label, entry in results["sizes"].items():
        lines += size_table(label, entry)
    lines += ["## Load (real data, production server)", "", *load_table(results), ""]
    if FINDINGS.exists():
        lines += [FINDINGS.read_text().strip(), ""]
    lines += ["## Profiles", "", *profile_section(results)]
    lines += [METHOD.strip(), ""]
    lines += hand_written_notes()
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines))
    return REPORT


def hand_written_notes() -> list[str]:
    """The sections in bench/notes/*.md, each followed by a blank line."""
    return [line for note in sorted(NOTES.glob("*.md")) for line in ["", note.read_text().strip()]]


METHOD = """
## How it is measured

- **Servers**: each app runs under `gunicorn -w 2 -b 127.0.0.1:PORT --timeout 300` (plus
  `-c gunicorn.conf.py` for the optimised app: gthread workers, 4 threads, keep-alive 5 s), started fresh per data set with
  `DATA_DIR` pointing at the data. Both load the data with `kansenkaart.dataset.load_dataset`. The naive
  app uses Dash's defaults (no compression), as a tutorial would; its map uses the same offline
  `topojsonURL` and the same `assets/` folder.
- **Data**: `data/` as shipped, and synthetic sets from `bench/generate.py` (`bench/out/data-N/`, never
  shipped): points uniform inside their province polygon, provinces weighted by population, every
  field from the allowed values, names and summaries marked synthetic; each passes `load_dataset`.
- **Click to map** (headless Chromium via Playwright): in the page, `performance.now()` is taken, the
  theme checkbox (`#theme-filter input[value=...]`) is clicked, and every animation frame checks
  `#map .js-plotly-plot`._fullData until a choropleth trace holds the expected count per province
  (computed from the CSV by the benchmark, not by the app) and, when at most 1,500 initiatives are
  shown (both apps then draw each one), the scattergeo traces draw exactly that many points (a
  null latitude is a hidden point); then one more frame is awaited so the new map has been
  painted. The clicks walk a cycle of 8 theme selections; a click whose expected values equal the
  previous ones would not be measurable and is left out. "Until last response" is the end of the
  last `/_dash-update-component` response that finished before the map matched (Resource Timing);
  "drawing" is the rest; "answered before the map matched" counts those responses (1 means the
  map came in the first round trip). Before the next click the page must be quiet (no request for
  250 ms).
- **Payload**: every `/_dash-update-component` response a click triggers (also those that follow
  the map: table, details, download links), raw (decoded body), on the wire (encoded body as
  Chromium received it), and gzip level 6 computed by the benchmark. "Map payload" is the value of
  the `map.figure` output alone (compact JSON; for the optimised app a Patch); "whole response
  carrying the map" is the response it came in, which in the optimised app also carries the URL,
  the view store, the summary, the message and the controls' values (`callbacks/url_state.sync_view`).
- **Callback time**: the POST bodies the browser sent for each click are replayed through Flask's
  test client (`app.server.test_client()`) in a fresh process, with the browser's Accept-Encoding; a
  change's time is the sum of all its requests (routing, callbacks, JSON, compression), which is the
  server CPU per change. The browser sends some of them in parallel, so it is an upper bound of the
  server's share of the latency. "Request carrying the map alone" is the request whose response
  holds `map.figure` (optimised: `sync_view`, which computes the view and the map patch together).
- **First load**: a fresh browser context (empty cache) opens `/`; bytes of every response (encoded
  body sizes, headers excluded) and the time from navigation start until the map shows all
  initiatives and has been painted. The naive app does not load the optimised app's partial
  plotly.js bundle (`assets_ignore`), so it draws with Dash's full plotly.js as before.
- **Load**: the same recorded chains of callback POSTs, sent in order by 8 client threads over
  loopback, twice: a new connection per request (as in the first runs) and one kept-alive
  connection per client thread, as a browser does (the optimised app's gthread workers keep it
  open; the naive app's sync workers close it after each response). A fixed number of changes or
  a time cap. The Python client shares the 2 cores with the 2 workers, so these are floors, not
  ceilings.
- **Profiles**: pyinstrument (profiling only, not a project dependency) in the replay process over the
  map callback; Chrome's V8 sampling profiler and timeline trace over one theme change.
- Bounded everywhere: fixed counts, per-click and per-phase time caps ("timed out" instead of hanging).
"""


def save_baseline(results: dict, label: str) -> Path:
    """Keep this run's targets as the "before" column of later reports."""
    rows = {t: [m, ok] for t, m, ok in target_rows(results)}
    # Earlier runs measured load over new connections only, under the shorter name.
    for short in ("load: >= 150 theme changes/s", "load: p95 < 100 ms"):
        if short in rows:
            rows[short.replace("load:", "load (new connection per request):")] = rows.pop(short)
    BASELINE.write_text(json.dumps({"label": label, "rows": rows}, indent=1) + "\n")
    return BASELINE


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument(
        "--save-baseline", metavar="LABEL", help="store this results file's targets as 'before'"
    )
    args = parser.parse_args()
    data = json.loads(args.results.read_text())
    if args.save_baseline:
        print(save_baseline(data, args.save_baseline))
    else:
        print(write_report(data))
