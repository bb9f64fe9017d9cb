"""Where a standalone page gets Leaflet: copied into it, or from a newsroom's URLs.

Addresses are checked before they reach a page: only absolute http(s) URLs, and
integrity values only in the shape of a Subresource Integrity hash.
"""

import base64
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import xstatic.pkg.leaflet

from geo.escaping import is_web_url


@dataclass(frozen=True)
class InlineLeaflet:
    """Copy Leaflet (the pinned XStatic-Leaflet) into the page: it works offline."""


@dataclass(frozen=True)
class LeafletUrls:
    """Load Leaflet from these addresses instead, e.g. a newsroom's own CDN.

    ``*_integrity`` are optional Subresource Integrity hashes ("sha384-...").
    """

    script_url: str
    stylesheet_url: str
    script_integrity: str = ""
    stylesheet_integrity: str = ""


LeafletSource = InlineLeaflet | LeafletUrls
INLINE_LEAFLET = InlineLeaflet()

_INTEGRITY = re.compile(r"sha(256|384|512)-[A-Za-z0-9+/]+={0,2}")
_CSS_IMAGE = re.compile(r"url\((images/[\w.-]+\.png)\)")


@lru_cache(maxsize=1)
def vendored_leaflet() -> tuple[str, str]:
    """Leaflet's script and stylesheet, its few images inlined as data URIs."""
    folder = Path(xstatic.pkg.leaflet.BASE_DIR)
    script = (folder / "leaflet.js").read_text(encoding="utf-8")
    stylesheet = (folder / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match) -> str:
        image = base64.b64encode((folder / match.group(1)).read_bytes()).decode()
        return f"url(data:image/png;base64,{image})"

    return script, _CSS_IMAGE.sub(data_uri, stylesheet)


def _checked_url(url: str, field: str) -> str:
    if not is_web_url(url):
        raise ValueError(f"leaflet {field}: '{url}' is not an absolute http(s) address")
    return url.strip()


def _checked_integrity(value: str, field: str) -> str:
    if value and not _INTEGRITY.fullmatch(value):
        raise ValueError(
            f"leaflet {field}: '{value}' is not a Subresource Integrity hash "
            "such as sha384-<base64>"
        )
    return value


def checked_urls(leaflet: LeafletUrls) -> LeafletUrls:
    """The addresses trimmed, once each is known to be safe to put in a page.

    Raises:
        ValueError: naming the field, if an address is not absolute http(s) or
            an integrity value is not a Subresource Integrity hash.
    """
    return replace(
        leaflet,
        script_url=_checked_url(leaflet.script_url, "script_url"),
        stylesheet_url=_checked_url(leaflet.stylesheet_url, "stylesheet_url"),
        script_integrity=_checked_integrity(
            leaflet.script_integrity, "script_integrity"
        ),
        stylesheet_integrity=_checked_integrity(
            leaflet.stylesheet_integrity, "stylesheet_integrity"
        ),
    )
