"""The one place where untrusted text becomes HTML, links, script data or a cell.

Report notes, sources and URLs come from the open internet. Text is escaped for
where it lands: HTML entities for markup, plus the backtick, dollar sign and
backslash, because Leaflet content often ends up inside JavaScript template
literals where ``${...}`` runs and a stray backtick breaks the whole script.
In a spreadsheet, a cell starting with ``=``, ``+``, ``-`` or ``@`` is run as a
formula, so exported cells get a leading apostrophe and imports remove it.
"""

import json
import re
import unicodedata
from urllib.parse import urlsplit

_HTML_ENTITIES = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("'", "&#x27;"),
    ("`", "&#96;"),
    ("$", "&#36;"),
    ("\\", "&#92;"),
)
"""What ``html_text`` replaces, in order: ``&`` first, so no entity is escaped twice.

``html.escape`` with quotes, then what Leaflet's template literals would run. One
``str.replace`` each is five times faster than ``html.escape`` and ``translate``,
which a bundle of 200 000 reports' texts notices (0.09 s against 0.44 s)."""

_SCRIPT_JSON_ESCAPES = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "`": "\\u0060",
        "$": "\\u0024",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)

_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
"""A cell a spreadsheet would run, or one already neutralised (apostrophes first)."""


_WHITESPACE = re.compile(r"\s")
PLAIN_WEB_ADDRESS = re.compile(r'(?i:https?)://[!-"$-.0->@-Z\\^-~][!-Z\\^-~]*')
"""An http(s) address of visible ASCII only, with a host and no brackets.

``url_problem`` accepts every such address without taking it apart: nearly
every report's address is one, and a map bundle checks each of them. Its host
starts with neither "/", "?" nor "#". Written without look-arounds, so that
Arrow's regular expressions run it over a whole column at once (``geo.schema``).
"""


def html_text(value: object) -> str:
    """Return ``value`` as inert HTML text, safe in markup and in template literals."""
    text = "" if value is None else str(value)
    for character, entity in _HTML_ENTITIES:
        text = text.replace(character, entity)
    return text


_MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()<>#+-.!|~$:&")
_WORD_JOINER = "\u2060"
_LINKING_MARK = re.compile(r"[:@](?=\S)|(?i:www)(?=\.)")
"""Where Streamlit's Markdown finds links and icons in plain text once escapes are
undone: ``https://``, ``www.``, ``name@host`` and ``:material/icon:``."""


def markdown_text(value: object) -> str:
    """Return ``value`` as literal text inside Streamlit Markdown (titles, captions).

    Every Markdown, HTML-entity, emoji-shortcode (``:name:``) and LaTeX (``$``)
    character is backslash-escaped, so a report's text can never become markup.
    Streamlit also turns addresses in plain text into links (``www.…``,
    ``https://…``, e-mail) and ``:material/…:`` into icons after undoing the
    escapes, so an invisible word joiner (U+2060) follows each ``:`` and ``@``
    and splits ``www.``: the text reads the same and links nowhere.
    """
    text = "" if value is None else str(value)
    text = _LINKING_MARK.sub(lambda found: found.group() + _WORD_JOINER, text)
    return "".join(f"\\{ch}" if ch in _MARKDOWN_SPECIALS else ch for ch in text)


def url_problem(url: object) -> str | None:
    """Say in words why ``url`` is not an address we link to, or None when it is.

    Only absolute http(s) addresses are linked. An invisible formatting character
    (Unicode category Cf, e.g. U+202E, which reverses the text after it) is
    refused too: it can make an address read as a different site than it leads to.
    The message quotes the address's start with such characters written out.
    """
    text = url.strip() if isinstance(url, str) else ""
    return None if PLAIN_WEB_ADDRESS.fullmatch(text) else _problem_in_full(text)


def _problem_in_full(text: str) -> str | None:
    """``url_problem`` of a stripped address, from its characters and its parts."""
    # ASCII has no formatting characters: most addresses skip the letter-by-letter look.
    hidden = [] if text.isascii() else [ch for ch in text if _invisible(ch)]
    if hidden:
        return (
            f"'{_shown(text)}' contains an invisible formatting character "
            f"(U+{ord(hidden[0]):04X}) that can disguise where it leads"
        )
    parts = urlsplit(text)
    if (
        not text
        or _WHITESPACE.search(text)
        or parts.scheme.lower() not in {"http", "https"}
        or not parts.netloc
    ):
        return f"'{_shown(text)}' is not an http(s) address"
    return None


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf"


def _shown(text: str) -> str:
    """The start of ``text`` for a message, invisible characters written out."""
    return "".join(f"<U+{ord(ch):04X}>" if _invisible(ch) else ch for ch in text[:80])


def is_web_url(url: object) -> bool:
    """Tell whether ``url`` is an absolute http(s) address, the only kind we link."""
    return url_problem(url) is None


def link_html(url: object, label: object) -> str:
    """Return an HTML link for http(s) URLs, and plain escaped text for others."""
    if not is_web_url(url):
        return html_text(label)
    href = html_text(str(url).strip())
    return (
        f'<a href="{href}" target="_blank" rel="noopener noreferrer nofollow">'
        f"{html_text(label)}</a>"
    )


def script_json(value: object) -> str:
    """Serialise ``value`` as JSON safe inside a <script> or a template literal."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(
        _SCRIPT_JSON_ESCAPES
    )


def spreadsheet_cell(text: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula with a leading apostrophe.

    A cell that already starts with apostrophes before such a character gets one
    more, so ``spreadsheet_cell_restored`` gives back exactly the original text.
    """
    return f"'{text}" if _FORMULA_START.match(text) else text


def spreadsheet_cell_restored(text: str) -> str:
    """Undo ``spreadsheet_cell``: drop the apostrophe an export put before a formula."""
    return text[1:] if text.startswith("'") and _FORMULA_START.match(text) else text
