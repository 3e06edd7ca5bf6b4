"""The page's scripts: Dash's own, less `@babel/polyfill`.

Dash puts `@babel/polyfill` 7.12 (core-js 2, written for Internet Explorer 11) before React. The
browsers the page is for (those React 18 and Dash 4 support) have all it adds natively, yet
core-js still sets itself up on every load: 33 KB compressed, and on this machine 100-170 ms of
the main thread before the first script of the app's own has run (a CPU profile of the load,
docs/performance.md). Leaving it out also hands React's scheduler back to the browser's own
MessageChannel instead of core-js's `setImmediate`.

The one thing Dash's bundles take from it is the global `regeneratorRuntime` (their lazy
components are loaded by generator functions): `assets/vendor/regenerator-runtime-0.14.1.js`
defines it, the package Babel itself uses for that, before the renderer starts.
"""

from __future__ import annotations

import re

#: Dash's script tag for the polyfill, e.g.
#: `<script src="/_dash-component-suites/dash/deps/polyfill@7.v4_4_1m1796270319.12.1.min.js"></script>`
POLYFILL_TAG = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>\s*')


def without_polyfill(scripts: str) -> str:
    """Dash's script tags without the polyfill's (unchanged when Dash no longer lists it)."""
    return POLYFILL_TAG.sub("", scripts, count=1)
