"""The page draws with plotly.js's geo bundle from `assets/vendor/`, not Dash's full plotly.js.

Dash lists its own `plotly.min.js` (4.8 MB, ~1.3 MB compressed) as a lazy resource: `dcc.Graph`
fetches it only when `window.Plotly` is undefined. Every `.js` file in `assets/` is a plain
`<script>` in the page, after the component libraries and before Dash's renderer starts, so the geo
bundle (`plotly.js-geo-dist-min`, ~0.43 MB compressed; traces: choropleth, scattergeo, scatter)
defines `window.Plotly` before any graph renders and the full bundle is never requested. This is
Dash's documented way to use a partial plotly.js bundle; no Dash internals are changed.

The file is npm's, with one line put before it: V8's explicit compile hint
`//# allFunctionsCalledOnLoad` (Chrome 136+; a plain comment elsewhere). plotly.js runs most of
its 1.4 MB at load, but V8 compiles a function only when first called, on the main thread: the
bundle's evaluation was one task of 390-550 ms here. With the hint, V8 compiles the whole file
while it streams in, off the main thread, and the evaluation is 85-120 ms
(docs/performance.md, seventh round). The rest of the file is byte for byte npm's
(`UPSTREAM_SHA256`, checked by tests/unit/test_plotly_bundle.py).

Keep the bundle's plotly.js version equal to the one plotly.py was built for (plotly.py writes the
figures), and use only those three trace types in figures.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from plotly.offline import get_plotlyjs_version

log = logging.getLogger("kansenkaart.plotly_bundle")

ASSETS = Path(__file__).resolve().parent.parent / "assets"
BUNDLE = ASSETS / "vendor" / "plotly-geo-4.1.1.min.js"
#: The trace types the bundle draws; a figure with another type would not be drawn.
TRACE_TYPES = frozenset({"choropleth", "scattergeo", "scatter"})
#: V8's magic comment for eager compilation, the bundle's first line (server/compile_hint.py
#: puts the same line before Dash's scripts as they are served).
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"
#: sha256 of npm's `plotly-geo.min.js` (plotly.js-geo-dist-min@4.1.1), the file after the hint.
UPSTREAM_SHA256 = "3da0a26e92ce47dad2b18c6e7cf5018335a003f50f5fe41710f52508af579b7c"
_VERSION = re.compile(rb"plotly\.js \(geo - minified\) v(\d+\.\d+\.\d+)")


def _head(path: Path = BUNDLE) -> bytes:
    """The bundle's first bytes: its compile hint and header comment (not its 1.4 MB)."""
    with path.open("rb") as file:
        return file.read(512)


def bundle_version(path: Path = BUNDLE) -> str | None:
    """The plotly.js version in the bundle's header comment, or None if it is not a geo bundle."""
    match = _VERSION.search(_head(path))
    return match.group(1).decode() if match else None


def problem() -> str | None:
    """What is wrong with the shipped bundle, or None when it fits the installed plotly.py."""
    if not BUNDLE.is_file():
        return f"{BUNDLE} is missing: dcc.Graph would load Dash's full plotly.js (1.3 MB)"
    found, wanted = bundle_version(BUNDLE), get_plotlyjs_version()
    if found != wanted:
        return (
            f"{BUNDLE.name} is plotly.js {found}, but plotly.py writes figures for {wanted}: "
            f"replace it with plotly.js-geo-dist-min@{wanted} (assets/vendor/README.md)"
        )
    if not _head(BUNDLE).startswith(COMPILE_HINT):
        return (
            f"{BUNDLE.name} lacks the compile hint (first line {COMPILE_HINT.decode().strip()!r}): "
            "its evaluation blocks the page 4x longer (assets/vendor/README.md)"
        )
    return None


def check() -> None:
    """Log at start-up when the bundle is missing or does not match plotly.py (the page still
    works: without the file Dash falls back to its full plotly.js)."""
    message = problem()
    if message:
        log.warning(message)
