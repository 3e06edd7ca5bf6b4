"""The methodology page (docs/methodology.md as HTML), linked from the map: what each metric and
indicator means, the minimum counts and the test. Rendered with Python-Markdown, served from this
server (offline, no outside fonts or scripts; the page's CSP applies)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import markdown
from flask import Flask, Response

ROOT = Path(__file__).resolve().parent.parent
METHODOLOGY = ROOT / "docs" / "methodology.md"
PATH = "/methodologie"

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kansenkaart CE: methodology</title>
<link rel="stylesheet" href="/assets/docs.css"></head>
<body><main class="doc"><p><a href="/">&larr; Kansenkaart CE</a></p>
{body}
</main></body></html>"""


@lru_cache(maxsize=1)
def _page(mtime_ns: int) -> str:
    """The rendered page for one version of the file (re-rendered when it changes)."""
    text = METHODOLOGY.read_text(encoding="utf-8")
    body = markdown.markdown(text, extensions=["tables", "toc"], output_format="html")
    return PAGE.format(body=body)


def methodology() -> Response:
    page = _page(METHODOLOGY.stat().st_mtime_ns)
    response = Response(page, mimetype="text/html")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def install(server: Flask) -> None:
    server.add_url_rule(PATH, "methodology", methodology, methods=["GET", "HEAD"])
