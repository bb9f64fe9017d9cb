"""An injection corpus: hostile text written for these tests, never real reports.

Every payload, if a page ever ran it, would set ``window.pwned`` (and, from inside
a frame, ``parent.pwned``), so a test detects execution by reading that flag in
the page and in every frame. The payloads cover the places untrusted text lands
in Frontline: HTML (tooltips, popups, the exported page), attribute values,
links, inline script and JSON, template literals, CSS, Markdown (Streamlit
titles and captions), spreadsheets and server-side templates.

``URL_PAYLOADS`` are hostile addresses that still pass the http(s) check, so they
can sit in a report's ``url`` column and become real links.
"""

import base64
from dataclasses import dataclass

FLAG = "window.pwned=1;parent.pwned=1"
"""The script every payload runs: sets the flag in its window and in the parent."""


@dataclass(frozen=True)
class Payload:
    """One hostile string and what it attacks."""

    name: str
    text: str


def _payloads() -> tuple[Payload, ...]:
    long_padding = "A" * 10_000
    encoded_script = base64.b64encode(f"<script>{FLAG}</script>".encode()).decode()
    entries = [
        # Plain markup.
        ("script tag", f"<script>{FLAG}</script>"),
        ("script tag upper case", f"<SCRIPT>{FLAG}</SCRIPT>"),
        ("script with data src", f"<script src=data:text/javascript,{FLAG}></script>"),
        ("img onerror", f'<img src=x onerror="{FLAG}">'),
        ("img onerror slashes", f"<img/src=x/onerror={FLAG}>"),
        ("svg onload", f"<svg onload={FLAG}>"),
        ("svg script", f"<svg><script>{FLAG}</script></svg>"),
        (
            "svg animate href",
            f'<svg><a><animate attributeName=href values="javascript:{FLAG}"/>'
            "<text y=20>x</text></a></svg>",
        ),
        ("body onload", f"<body onload={FLAG}>"),
        ("iframe javascript src", f'<iframe src="javascript:{FLAG}"></iframe>'),
        ("iframe srcdoc", f'<iframe srcdoc="<script>{FLAG}</script>"></iframe>'),
        ("details ontoggle", f"<details open ontoggle={FLAG}>"),
        ("input autofocus", f"<input autofocus onfocus={FLAG}>"),
        ("video source onerror", f"<video><source onerror={FLAG}></video>"),
        ("object data", f'<object data="javascript:{FLAG}"></object>'),
        ("embed src", f'<embed src="data:text/html,<script>{FLAG}</script>">'),
        ("form action button", f"<form><button formaction=javascript:{FLAG}>go"),
        (
            "meta refresh",
            f'<meta http-equiv="refresh" content="0;url=javascript:{FLAG}">',
        ),
        (
            "mutation xss via noscript",
            f'<noscript><p title="</noscript><img src=x onerror={FLAG}>">',
        ),
        (
            "math mglyph style",
            f"<math><mtext><table><mglyph><style><img src=x onerror={FLAG}>",
        ),
        ("html comment breakout", f'<!--<img src="--><img src=x onerror={FLAG}>">'),
        # Leaving the element or attribute the text is put in.
        ("double quote breakout", f'"><img src=x onerror={FLAG}>'),
        ("single quote breakout", f"'><svg onload={FLAG}>"),
        ("script end breakout", f"</script><script>{FLAG}</script>"),
        ("style end breakout", f"</style><script>{FLAG}</script>"),
        ("title end breakout", f"</title><script>{FLAG}</script>"),
        ("textarea end breakout", f"</textarea><script>{FLAG}</script>"),
        # Links and addresses.
        ("javascript url", f"javascript:{FLAG}"),
        ("javascript url mixed case", f"JaVaScRiPt:{FLAG}"),
        ("javascript url with tab", f"java\tscript:{FLAG}"),
        ("javascript url entity colon", f'<a href="javascript&colon;{FLAG}">x</a>'),
        ("data html url", f"data:text/html,<script>{FLAG}</script>"),
        ("data base64 url", f"data:text/html;base64,{encoded_script}"),
        ("vbscript url", f'vbscript:Execute("window.execScript ""{FLAG}""")'),
        ("anchor javascript href", f'<a href="javascript:{FLAG}">read</a>'),
        # Template literals and script data.
        ("template literal", f"${{{FLAG}}}"),
        ("backtick breakout", f"`;{FLAG};`"),
        ("backtick template", f"`${{({FLAG})}}`"),
        ("json breaker", f'"}}]}};{FLAG};//'),
        ("json escaped quote breaker", f'\\"}});{FLAG};({{\\"'),
        ("line separator breaker", f"\u2028{FLAG}\u2029"),
        ("script comment opener", f"<!--<script>{FLAG}</script>"),
        # CSS.
        ("css expression", f'<div style="width:expression({FLAG})">x</div>'),
        (
            "css url javascript",
            f'<div style="background:url(javascript:{FLAG})">x</div>',
        ),
        ("css import", f"<style>@import 'javascript:{FLAG}';</style>"),
        # Entities that must not be decoded twice.
        ("escaped script entities", f"&lt;script&gt;{FLAG}&lt;/script&gt;"),
        ("decimal entities img", f"&#60;img src=x onerror={FLAG}&#62;"),
        ("hex entities svg", f"&#x3C;svg onload={FLAG}&#x3E;"),
        # Markdown (Streamlit renders titles, captions and st.write as Markdown).
        ("markdown javascript link", f"[click](javascript:{FLAG})"),
        ("markdown javascript image", f"![x](javascript:{FLAG})"),
        ("markdown data link", f"[x](data:text/html,<script>{FLAG}</script>)"),
        ("markdown html block", f"**bold** <img src=x onerror={FLAG}>"),
        # Invisible and direction-changing characters.
        ("rtl override", f"\u202e<img src=x onerror={FLAG}>\u202c"),
        ("zero width in tag", f"<scr\u200bipt>{FLAG}</scr\u200bipt>"),
        ("zero width in scheme", f"java\u200bscript:{FLAG}"),
        ("bidi isolate arabic", f"\u2067حي <svg onload={FLAG}>\u2069"),
        # Size and control characters.
        ("very long string", f"{long_padding}<img src=x onerror={FLAG}>"),
        ("null byte", f"<scr\x00ipt>{FLAG}</script>"),
        ("null byte in attribute", f"<img src=x o\x00nerror={FLAG}>"),
        # Server-side and client-side templates.
        ("jinja expression", f"{{{{ '<script>{FLAG}</script>' }}}}"),
        ("jinja statement", f"{{% if 1 %}}<svg onload={FLAG}>{{% endif %}}"),
        ("jinja safe filter", f"{{{{ '<img src=x onerror={FLAG}>' | safe }}}}"),
        ("angular constructor", f"{{{{constructor.constructor('{FLAG}')()}}}}"),
        # Spreadsheet formulas (exports neutralise them; the map shows them).
        ("spreadsheet formula", f'=HYPERLINK("javascript:{FLAG}","x")'),
    ]
    return tuple(Payload(name, text) for name, text in entries)


PAYLOADS = _payloads()

URL_PAYLOADS = (
    Payload("url quote breakout", f'https://example.org/"><img/src=x/onerror={FLAG}>'),
    Payload("url single quote", f"https://example.org/'onmouseover='{FLAG}'"),
    Payload("url template", f"https://example.org/${{{FLAG}}}`"),
    Payload(
        "url script end", f"https://example.org/?q=</script><script>{FLAG}</script>"
    ),
    Payload("url fragment javascript", f"https://example.org/#javascript:{FLAG}"),
    Payload("url userinfo", f"https://javascript:{FLAG}@example.org/"),
)

SHORT_PAYLOADS = tuple(payload for payload in PAYLOADS if len(payload.text) <= 200)
"""Payloads that fit a report's source (at most 200 characters) and note."""
