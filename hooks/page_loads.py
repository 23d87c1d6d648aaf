"""What does this page load? One scanner for the build guard and the single-file check.

`scan(html)` lists every URL-carrying attribute of the page (src, href, srcset, …),
the url()/@import of inline styles, the ids and the in-page #links. Each
reference says whether the browser would *fetch* it by itself (a script, a
stylesheet, an image, a preconnect…) or only if the reader follows it (an <a>).

- hooks/site_checks.py fails the build on any fetched reference to another host;
  it first asks `may_load_from_elsewhere(text)`, a cheap regular expression, and
  parses only the pages that answer yes (most pages have no candidate at all).
- scripts/single_file.py fails the single file on any reference to a file at all,
  since everything must be inside it.

Not a hook: hooks/site_checks.py imports it, and scripts/single_file.py puts
hooks/ on sys.path to import it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

# <link rel=...> values that make the browser fetch or connect.
LOADING_RELS = {
    "stylesheet",
    "preload",
    "prefetch",
    "modulepreload",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "preconnect",
    "dns-prefetch",
    "prerender",
}
# tag -> attributes whose URL the browser loads by itself.
LOADING_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),  # SVG
    "use": ("href", "xlink:href"),  # SVG
}
# Attributes that carry a URL at all (fetched or not).
URL_ATTRS = {
    "href",
    "xlink:href",
    "src",
    "srcset",
    "poster",
    "data",
    "action",
    "formaction",
    "background",
}
# <meta name=... content=URL>: a script of the site's that site.js loads later (hooks/page_assets.py)
LATER_SCRIPT_META = "bh-script-later"
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
REMOTE_SCHEMES = ("http", "https", "ftp", "ws", "wss")

# The prefilter: a page can only load from another host if one of these occurs in it.
# It over-approximates (a hit only means "parse this page"): any URL-carrying attribute,
# meta refresh or CSS url()/@import whose value holds "//", and any character reference
# that could spell a slash inside an attribute value. A hit that is the href of an <a>
# (followed only when tapped) or of the canonical <link> does not count.
CANDIDATE = re.compile(
    r"""\b(?P<attr>src|srcset|data|poster|href|xlink:href|action|formaction|background|content)
        \s*=\s*(?:"[^"]*//|'[^']*//|[^\s>]*//)
      | url\(\s*['"]?\s*[a-z]*:?//
      | @import
      | &(?:\#0*47|\#x0*2f|sol|solidus);""",
    re.I | re.X,
)
TAG_NAME = re.compile(r"<([a-zA-Z][\w:-]*)")


def is_third_party(url: str) -> bool:
    """True if the URL points at another host (absolute or protocol-relative)."""
    url = url.strip()
    if url.startswith("//"):
        return True
    parts = urlsplit(url)
    return parts.scheme in REMOTE_SCHEMES and bool(parts.netloc)


def may_load_from_elsewhere(text: str) -> bool:
    """False only if no element or style in the text could load from another host."""
    for match in CANDIDATE.finditer(text):
        if (match["attr"] or "").lower() == "href":
            start = text.rfind("<", 0, match.start())
            tag = TAG_NAME.match(text, start)
            name = tag.group(1).lower() if tag else ""
            if name == "a":
                continue
            if name == "link" and 'rel="canonical"' in text[start : match.start()]:
                continue
        return True
    return False


@dataclass
class Ref:
    line: int
    tag: str  # "style" for inline CSS
    attr: str  # "url()" / "@import" for CSS
    url: str
    fetched: bool  # the browser loads it by itself (not only when the reader follows it)

    def describe(self) -> str:
        if self.attr in ("url()", "@import"):
            return f"{self.attr} {self.url[:80]}"
        return f"<{self.tag} {self.attr}={self.url[:80]}>"


@dataclass
class Scan:
    refs: list[Ref] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)

    def third_party_loads(self) -> list[Ref]:
        return [ref for ref in self.refs if ref.fetched and is_third_party(ref.url)]


def _srcset_urls(value: str) -> list[str]:
    return [item.strip().split(" ")[0] for item in value.split(",") if item.strip()]


def css_refs(css: str, line: int, tag: str = "style") -> list[Ref]:
    out = []
    for match in CSS_URL.finditer(css):
        if match.group(2) is not None:
            out.append(Ref(line, tag, "url()", match.group(2).strip(), True))
        else:
            out.append(Ref(line, tag, "@import", match.group(4).strip(), True))
    return out


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = Scan()
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        attributes = {name.lower(): (value or "") for name, value in attrs}
        fetched_attrs = set(LOADING_ATTRS.get(tag, ()))
        if tag == "link" and set(attributes.get("rel", "").lower().split()) & LOADING_RELS:
            fetched_attrs.add("href")
        refs = self.result.refs
        for name, value in attributes.items():
            if name == "id":
                self.result.ids.append(value)
            elif name == "style":
                refs += css_refs(value, line, tag)
            elif name in URL_ATTRS and value:
                if name in ("href", "xlink:href") and value.startswith("#"):
                    self.result.fragments.append(value[1:])
                    continue
                urls = _srcset_urls(value) if name == "srcset" else [value]
                refs += [Ref(line, tag, name, url, name in fetched_attrs) for url in urls]
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            target = re.split(r"url\s*=", attributes.get("content", ""), maxsplit=1, flags=re.I)
            refs.append(Ref(line, tag, "http-equiv=refresh", target[-1].strip(" '\""), True))
        if tag == "meta" and attributes.get("name") == LATER_SCRIPT_META:
            refs.append(Ref(line, tag, "content", attributes.get("content", ""), True))
        self._in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.result.refs += css_refs(data, self.getpos()[0])


def scan(html: str) -> Scan:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.result
