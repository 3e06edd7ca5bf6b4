"""Absolute addresses of this site, for links written into answers and files.

Built from the settings, never from the request: the `Host` header is whatever the client sent
(`Host: evil.example` would otherwise put evil.example into a shared Excel file, a map image's
credit or the `next` link a GIS follows). PUBLIC_URL names the address people use; without it
the address this process listens on (a wildcard address read as this machine), which is right
for `scripts/start` on one's own machine and says plainly that PUBLIC_URL is missing elsewhere.
"""

from __future__ import annotations

from kansenkaart import runtime
from kansenkaart.settings import Settings

#: Addresses that mean "every interface": a link needs one that a browser can open.
WILDCARDS = ("", "0.0.0.0", "::", "[::]")


def site_url(settings: Settings) -> str:
    """PUBLIC_URL, or http://HOST:PORT (documented in docs/deployment.md and docs/api.md)."""
    if settings.public_url:
        return settings.public_url
    host = "127.0.0.1" if settings.host in WILDCARDS else settings.host
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{settings.port}"


def absolute(path: str) -> str:
    """`path` (with its query string) on this site: `/ogc/collections` -> `https://…/ogc/collections`."""
    return site_url(runtime.settings()) + path
