"""Last look at the built site: prune the offline bundle, refuse third-party loads.

1. Offline edition only: delete source maps and the lunr language files. The
   search index uses Material's default pipeline (no lunr language plugin), so
   nothing loads them; they are 2 MB the reader would carry for nothing.
2. Every edition: scan HTML, CSS and our own JavaScript for anything the
   browser would *load* from another host (scripts, styles, images, fonts,
   frames, preconnects, CSS url()/@import). Plain <a href> links are not loads
   and are allowed. Each hit is logged as a warning through the mkdocs logger,
   so `mkdocs build --strict` fails and names the file.

Material's own bundle contains a few URL literals it only uses in situations
this site never creates (Mermaid diagrams, a GitHub repo_url, a missing
ResizeObserver); its files are therefore not scanned as text, only our own.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger(__name__)

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
    "image": ("href", "xlink:href"),  # SVG
    "use": ("href", "xlink:href"),  # SVG
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
JS_URL = re.compile(r"""["'`](?:https?:)?//[^"'`\s]+""")
# The theme's own, prebuilt scripts (not scanned as text, see above); our scripts are scanned.
THEME_ASSETS = (
    "assets/javascripts/bundle.",
    "assets/javascripts/workers/",
    "assets/javascripts/lunr/",
)


def is_third_party(url: str) -> bool:
    """True if the URL points at another host (absolute or protocol-relative)."""
    url = url.strip()
    if url.startswith("//"):
        return True
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ftp", "ws", "wss") and bool(parts.netloc)


def _srcset_urls(value: str) -> list[str]:
    return [item.strip().split(" ")[0] for item in value.split(",") if item.strip()]


class _LoadFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hits: list[tuple[int, str]] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = {name.lower(): (value or "") for name, value in attrs}
        line = self.getpos()[0]
        urls: list[str] = []
        for name in LOADING_ATTRS.get(tag, ()):
            value = attributes.get(name, "")
            urls += _srcset_urls(value) if name == "srcset" else [value]
        if tag == "link":
            rels = set(attributes.get("rel", "").lower().split())
            if rels & LOADING_RELS:
                urls.append(attributes.get("href", ""))
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            urls.append(attributes.get("content", "").partition("url=")[2])
        if "style" in attributes:
            urls += [m.group(2) or m.group(4) for m in CSS_URL.finditer(attributes["style"])]
        self._in_style = tag == "style"
        self.hits += [(line, url) for url in urls if url and is_third_party(url)]

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            line = self.getpos()[0]
            for m in CSS_URL.finditer(data):
                url = m.group(2) or m.group(4)
                if is_third_party(url):
                    self.hits.append((line, url))


def find_external_loads(path: Path) -> list[tuple[int, str]]:
    """(line, url) for every third-party load in one HTML, CSS or JS file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        finder = _LoadFinder()
        finder.feed(text)
        finder.close()
        return finder.hits
    pattern = CSS_URL if path.suffix == ".css" else JS_URL
    hits = []
    for number, line in enumerate(text.splitlines(), start=1):
        for m in pattern.finditer(line):
            url = (m.group(2) or m.group(4)) if pattern is CSS_URL else m.group(0)[1:]
            if is_third_party(url):
                hits.append((number, url))
    return hits


def prune_offline(site_dir: Path) -> None:
    for source_map in site_dir.rglob("*.map"):
        source_map.unlink()
    shutil.rmtree(site_dir / "assets" / "javascripts" / "lunr", ignore_errors=True)


def _scanned_files(site_dir: Path):
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        relative = path.relative_to(site_dir).as_posix()
        if path.suffix != ".html" and relative.startswith(THEME_ASSETS):
            continue
        if relative == "search/search_index.js":  # page text, not code
            continue
        yield relative, path


@event_priority(-200)  # after the search and offline plugins wrote everything
def on_post_build(config):
    site_dir = Path(config.site_dir)
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        prune_offline(site_dir)
    for relative, path in _scanned_files(site_dir):
        for line, url in find_external_loads(path):
            log.warning("third-party load in %s line %d: %s", relative, line, url)
