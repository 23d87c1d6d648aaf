"""Make the single-file edition: the whole handbook as one self-contained HTML file.

Usage: python scripts/single_file.py [--config mkdocs.yml] BUILD_DIR OUT_HTML

BUILD_DIR is the offline build (`OFFLINE=true mkdocs build --site-dir build/offline`):
its pages already use plain `.html` URLs, which makes links easy to map.

What the file holds, in this order:
  - Material's CSS (main + palette, as linked from the built home page) and every
    `extra_css` file, inlined; url() to local files become data: URIs;
  - a small header (site name, edition date, link to the table of contents);
  - a cover block and the table of contents (nav sections and pages, in-file links);
  - every page listed in `nav`, in reading order: the inner HTML of its
    `<article class="md-content__inner">`, with
      * every id prefixed per page (`异议` on rights/credit-report.md becomes
        `rights-credit-report--异议`) and every reference to an id (href="#…", for=,
        aria-*, radio-group names of content tabs) rewritten to match,
      * links to other pages rewritten to in-file links
        (`../rights/credit-report.html#异议` -> `#rights-credit-report--异议`),
      * the ¶ permalinks and edit buttons dropped,
      * tables wrapped the way Material's JavaScript wraps them, so a wide table
        scrolls inside its box instead of the whole page,
      * images inlined as data: URIs;
  - every `extra_javascript` file and every script of the project's own that a
    page loads (calc.js, forms.js: hooks/page_assets.py adds them per page),
    inlined once at the end of <body>, after a tiny stand-in for Material's
    `document$` (the theme's bundle.js and its search are not included: the
    table of contents replaces the navigation).

Nothing in the output loads anything: no src/href to a file, no url() to a file,
no <link> (data: URIs only). Plain hyperlinks to other websites (the sources a
page cites) are kept: they are links a reader may follow, not loads. The script
checks this at the end and fails if any load is left.

Reproducible: the output depends only on the build and on SOURCE_DATE_EPOCH
(the edition date), so the same commit gives the same bytes. The script also
writes OUT_HTML.sha256 in `sha256sum` format.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import html
import mimetypes
import os
import posixpath
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
import page_loads  # noqa: E402  (the scanner shared with the build's third-party guard)

NAME = "borrower-handbook"

# Attributes whose value is a space-separated list of ids on the same page.
IDREF_ATTRS = (
    "for",
    "headers",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "aria-activedescendant",
    "aria-details",
    "aria-errormessage",
    "list",
    "form",
)
# Elements the single file leaves out, recognised by one of their classes.
DROPPED_CLASSES = {"headerlink", "md-content__button", "md-source-file"}
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.S)
# Any attribute value such as fill="url(#gradient)" in an inline SVG.
URL_FRAGMENT = re.compile(r"url\(\s*(['\"]?)#([^'\")]+)\1\s*\)")


# --------------------------------------------------------------------------- nav


@dataclass
class Page:
    src: str  # docs path, e.g. rights/credit-report.md
    nav_title: str | None
    title: str = ""  # filled from the built page
    body: str = ""  # rewritten article HTML

    @property
    def dest(self) -> str:
        """Path of the page in the offline build (use_directory_urls is off there)."""
        stem = self.src[:-3] if self.src.endswith(".md") else self.src
        return stem + ".html"

    @property
    def anchor(self) -> str:
        """Per-page id prefix: rights/credit-report.md -> rights-credit-report."""
        stem = self.src[:-3] if self.src.endswith(".md") else self.src
        return re.sub(r"[^\w-]+", "-", stem.replace("/", "-")).strip("-") or "page"


@dataclass
class Part:
    """A top-level nav entry: a section with pages, or a single page of its own."""

    title: str
    pages: list[Page] = field(default_factory=list)
    single: bool = False  # a top-level page (like 首页) rather than a section
    anchor: str = ""


def _walk_nav(items, out: list[Page]) -> None:
    for item in items or []:
        if isinstance(item, str):
            title, target = None, item
        else:
            ((title, target),) = item.items()
        if isinstance(target, list):
            _walk_nav(target, out)
        elif isinstance(target, str) and not urlsplit(target).scheme and target.endswith(".md"):
            out.append(Page(target, title))
        # external links in the nav have no place in the file


def read_nav(config_file: Path) -> tuple[list[Part], dict]:
    """Top-level parts from mkdocs.yml's nav (nested sections are flattened into their
    top-level part), plus the config values the file needs."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file))
    parts: list[Part] = []
    for item in config["nav"] or []:
        if isinstance(item, str):
            title, target = None, item
        else:
            ((title, target),) = item.items()
        pages: list[Page] = []
        _walk_nav([item], pages)
        if not pages:
            continue
        single = not isinstance(target, list)
        parts.append(Part(title or "", pages, single))
    for number, part in enumerate(parts, start=1):
        part.anchor = f"sf-part-{number}"
    info = {
        "site_name": config["site_name"],
        "site_description": config.get("site_description") or "",
        "copyright": config.get("copyright") or "",
        "site_url": (config.get("site_url") or "").strip(),
        "extra_css": [str(c) for c in config["extra_css"]],
        "extra_javascript": list(config["extra_javascript"]),
        "docs_dir": config["docs_dir"],  # absolute after load_config
    }
    return parts, info


# --------------------------------------------------------------------------- files


def data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".svg":
        mime = "image/svg+xml"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_css_urls(
    css: str, css_dir: Path, build_dir: Path, problems: list[str], where: str
) -> str:
    """Turn url(local file) into data: URIs; leave data: and #fragment urls alone."""

    def replace(match: re.Match) -> str:
        url = match.group(2).strip()
        if url.startswith(("data:", "#")) or not url:
            return match.group(0)
        parts = urlsplit(url)
        if parts.scheme or url.startswith("//"):
            problems.append(f"{where}: url() to another host: {url}")
            return match.group(0)
        target = (css_dir / unquote(parts.path)).resolve()
        if not target.is_file() or build_dir.resolve() not in target.parents:
            problems.append(f"{where}: url() to a missing file: {url}")
            return match.group(0)
        return f'url("{data_uri(target)}")'

    return CSS_URL.sub(replace, css)


def head_stylesheets(home: Path) -> list[str]:
    """The stylesheet hrefs of the built home page, in order (Material, palette, extra_css)."""
    text = home.read_text(encoding="utf-8")
    head = text[: text.find("</head>")]
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', head)


def edition_date() -> dt.date:
    """The build date everything else in the site uses (UTC date of SOURCE_DATE_EPOCH)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def write_sha256(path: Path) -> str:
    """Write PATH.sha256 (`sha256sum` format) beside PATH; return the digest."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_name(path.name + ".sha256").write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return digest


# --------------------------------------------------------------------------- CSS pruning


def _blocks(css: str):
    """Split CSS into top-level (prelude, body) pairs; body is None for a statement (@import…).
    Strings and comments are respected."""
    out, i, n, start = [], 0, len(css), 0
    depth, prelude_end = 0, None
    while i < n:
        c = css[i]
        if c in "\"'":
            j = i + 1
            while j < n and css[j] != c:
                j += 2 if css[j] == "\\" else 1
            i = j + 1
            continue
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if c == "{":
            if depth == 0:
                prelude_end = i
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                out.append((css[start:prelude_end].strip(), css[prelude_end + 1 : i]))
                start = i + 1
        elif c == ";" and depth == 0:
            out.append((css[start:i].strip(), None))
            start = i + 1
        i += 1
    return out


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, c in enumerate(prelude):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return [p.strip() for p in parts if p.strip()]


def _needed_classes(selector: str) -> set[str]:
    """Classes an element must carry for the selector to match (those inside :not(), :is(),
    :has()… are left out: they need not be present)."""
    plain = selector
    while True:
        stripped = re.sub(r"\([^()]*\)", "", plain)
        if stripped == plain:
            break
        plain = stripped
    plain = re.sub(r"\[[^\]]*\]", "", plain)
    return set(re.findall(r"\.(-?[A-Za-z_][\w-]*)", plain))


def prune_css(css: str, known: set[str]) -> str:
    """Drop the selectors that need a class nothing in the file carries or any of its scripts
    names (the theme's navigation, search, header, …: the file has none of them)."""
    out = []
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)  # comments would join the selectors
    for prelude, body in _blocks(css):
        if body is None:
            out.append(prelude + ";")
        elif prelude.startswith("@media") or prelude.startswith("@supports"):
            inner = prune_css(body, known)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")  # @font-face, @keyframes, @page: kept whole
        else:
            kept = [s for s in _split_selectors(prelude) if _needed_classes(s) <= known]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def prune_styles(document: str) -> str:
    """Every <style> of the document with prune_css applied."""
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", document, re.S)
    markup = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", document, flags=re.S)
    known = known_classes([markup], scripts)
    return re.sub(
        r"<style>(.*?)</style>",
        lambda m: f"<style>{prune_css(m.group(1), known)}</style>",
        document,
        flags=re.S,
    )


def known_classes(document_parts: list[str], scripts: list[str]) -> set[str]:
    """Every class in the HTML, and every word the scripts contain (they may add classes)."""
    known: set[str] = set()
    for part in document_parts:
        for value in re.findall(r'class="([^"]*)"', part):
            known.update(value.split())
    for code in scripts:
        known.update(re.findall(r"[A-Za-z_][\w-]*", code))
    return known


# --------------------------------------------------------------------------- page HTML


def article_html(page_html: str) -> str:
    """Inner HTML of the page's <article class="md-content__inner …">."""
    start = re.search(r'<article class="md-content__inner[^"]*"[^>]*>', page_html)
    if not start:
        raise ValueError('no <article class="md-content__inner"> in the page')
    depth, position = 1, start.end()
    for match in re.finditer(r"<(/?)article\b[^>]*>", page_html[position:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return page_html[position : position + match.start()]
    raise ValueError("unclosed <article>")


def own_scripts(page_html: str, dest: str, docs_dir: Path) -> list[str]:
    """The project's own scripts a built page loads (added per page by hooks/page_assets.py:
    forms.js in a <script>, calc.js named for later in a <meta name="bh-script-later">), as
    build paths. Material's bundle, its search worker and the offline edition's
    iframe-worker shim are the theme's, not in docs/: left out."""
    found = []
    later = re.findall(rf'<meta name="{page_loads.LATER_SCRIPT_META}" content="([^"]+)"', page_html)
    for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', page_html) + later:
        if urlsplit(src).scheme or src.startswith("//"):
            continue
        path = posixpath.normpath(
            posixpath.join(posixpath.dirname(dest), unquote(urlsplit(src).path))
        )
        if (docs_dir / path).is_file() and "iframe-worker" not in path and path not in found:
            found.append(path)
    return found


def page_title(page_html: str, site_name: str) -> str:
    match = re.search(r"<title>(.*?)</title>", page_html, re.S)
    title = html.unescape(match.group(1)).strip() if match else ""
    return title.removesuffix(f" - {site_name}").strip()


class Links:
    """Maps the offline build's page URLs to in-file anchors."""

    def __init__(self, pages: list[Page], build_dir: Path):
        self.build_dir = build_dir
        self.by_dest: dict[str, Page] = {}
        for page in pages:
            self.by_dest[page.dest] = page
            if page.dest.endswith("index.html"):  # folder URLs: calculators/ or ./
                self.by_dest[page.dest[: -len("index.html")]] = page

    @staticmethod
    def ref(page: Page, fragment: str) -> str:
        return f"{page.anchor}--{fragment}" if fragment else page.anchor

    def resolve(self, page: Page, href: str) -> tuple[str, str | None]:
        """('anchor', '#…') | ('keep', href) | ('file', path) | ('missing', path)."""
        parts = urlsplit(href)
        if parts.scheme in EXTERNAL_SCHEMES or href.startswith("//"):
            return "keep", href
        if parts.scheme:  # data:, javascript: … nothing to map
            return "keep", href
        fragment = unquote(parts.fragment)
        if not parts.path:
            return "anchor", "#" + self.ref(page, fragment)
        base = posixpath.dirname(page.dest)
        target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        if parts.path.endswith("/") and target != ".":
            target += "/"
        target = "" if target in (".", "./") else target
        if target in self.by_dest:
            return "anchor", "#" + self.ref(self.by_dest[target], fragment)
        if (self.build_dir / target).is_file() and not target.endswith(".html"):
            return "file", target
        return "missing", target


class PageRewriter(HTMLParser):
    """Streams one article's HTML through, rewriting ids, links and images."""

    def __init__(self, page: Page, links: Links, problems: list[str], notes: list[str]):
        super().__init__(convert_charrefs=False)
        self.page, self.links, self.problems, self.notes = page, links, problems, notes
        self.out: list[str] = []
        self._skip: list[str] = []  # open tags inside a dropped element

    # -- helpers
    def _id(self, value: str) -> str:
        return self.links.ref(self.page, value)

    def _attrs(
        self, tag: str, attrs: list[tuple[str, str | None]]
    ) -> list[tuple[str, str | None]] | None:
        """Rewritten attributes, or None if the element is to be dropped."""
        classes = set((dict(attrs).get("class") or "").split())
        if classes & DROPPED_CLASSES:
            return None
        kind = dict(attrs).get("type", "") or ""
        unlinked = False
        out: list[tuple[str, str | None]] = []
        for name, value in attrs:
            if value is None:
                out.append((name, value))
                continue
            if name == "id":
                value = self._id(value)
            elif name in IDREF_ATTRS:
                value = " ".join(self._id(v) for v in value.split())
            elif name == "name" and tag == "input" and kind.lower() == "radio":
                value = self._id(value)  # content tabs: keep each page's radio group apart
            elif (
                name in ("href", "xlink:href") and tag in ("use", "image") and value.startswith("#")
            ):
                value = "#" + self._id(value[1:])
            elif name == "href" and tag in ("a", "area"):
                action, target = self.links.resolve(self.page, value)
                if action in ("anchor", "keep"):
                    value = target
                else:
                    self.notes.append(
                        f"{self.page.src}: link to {target} (not in this edition; kept as plain text)"
                    )
                    unlinked = True
                    continue
            elif name == "src" and tag in (
                "img",
                "source",
                "input",
                "video",
                "audio",
                "track",
                "embed",
                "iframe",
                "script",
            ):
                value = self._inline(value)
            elif name == "srcset":
                continue  # src is enough for one file
            elif name == "style":
                value = inline_css_urls(
                    value,
                    self.links.build_dir / posixpath.dirname(self.page.dest),
                    self.links.build_dir,
                    self.problems,
                    self.page.src,
                )
            if "url(#" in value:
                value = URL_FRAGMENT.sub(lambda m: f"url(#{self._id(m.group(2))})", value)
            out.append((name, value))
        if tag == "a" and any(
            n == "href" and v and v.startswith("#") and "--source-" in v for n, v in out
        ):
            # A citation: its title repeats the source's entry, which the link jumps to
            # (about 200 bytes each, 580 of them). The list under the page keeps the text.
            out = [(n, v) for n, v in out if n != "title"]
        if unlinked:  # a link to a page or file this edition does not hold: plain text
            out = [(n, v) for n, v in out if n not in ("class", "title")]
            out += [
                ("class", " ".join(sorted(classes | {"sf-unlinked"}))),
                ("title", "这一页不在单文件版里"),
            ]
        return out

    def _inline(self, url: str) -> str:
        if url.startswith("data:"):
            return url
        parts = urlsplit(url)
        if parts.scheme or url.startswith("//"):
            self.problems.append(f"{self.page.src}: loads from another host: {url}")
            return url
        target = posixpath.normpath(
            posixpath.join(posixpath.dirname(self.page.dest), unquote(parts.path))
        )
        path = self.links.build_dir / target
        if not path.is_file():
            self.problems.append(f"{self.page.src}: missing file {url}")
            return url
        return data_uri(path)

    @staticmethod
    def _render(tag: str, attrs, closed: bool) -> str:
        text = "".join(
            f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
            for name, value in attrs
        )
        return f"<{tag}{text}{' /' if closed else ''}>"

    # -- parser callbacks
    def _start(self, tag, attrs, closed):
        if self._skip:
            if not closed:
                self._skip.append(tag)
            return
        new = self._attrs(tag, attrs)
        if new is None:
            if not closed:
                self._skip.append(tag)
            return
        if tag == "table":
            self.out.append('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">')
        self.out.append(
            self.get_starttag_text() if new == attrs else self._render(tag, new, closed)
        )

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, True)

    def handle_endtag(self, tag):
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        self.out.append(f"</{tag}>")
        if tag == "table":
            self.out.append("</div></div>")

    def handle_data(self, data):
        if not self._skip:
            self.out.append(data)

    def handle_entityref(self, name):
        if not self._skip:
            self.out.append(f"&{name};")

    def handle_charref(self, name):
        if not self._skip:
            self.out.append(f"&#{name};")

    def handle_comment(self, data):
        pass  # comments are dropped

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def rewrite(self, text: str) -> str:
        self.feed(text)
        self.close()
        return "".join(self.out).strip()


# --------------------------------------------------------------------------- the file

OWN_CSS = """
/* single-file edition */
.sf-header{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.2rem 1rem;
  padding:.5rem .8rem;background:var(--md-primary-fg-color);color:var(--md-primary-bg-color);font-size:.75rem;line-height:1.5}
.sf-header strong{font-size:.9rem;font-weight:700}
.sf-header a{color:inherit;text-decoration:underline}
.sf-cover .sf-lede{font-size:.9rem}
.sf-cover .sf-edition{color:var(--md-default-fg-color--light)}
.md-typeset .sf-toc ol{list-style:none;margin-left:0;padding-left:0}
.md-typeset .sf-toc ol ol{margin:.2em 0 .6em 1.2em}
.md-typeset .sf-toc li{margin:.25em 0}
.md-typeset .sf-toc .sf-toc-part>a{font-weight:700}
.md-typeset h1.sf-part-title{margin-top:1.5em;padding-top:.6em;border-top:.2rem solid var(--md-primary-fg-color);
  color:var(--md-primary-fg-color);font-weight:700}
.md-typeset .sf-page{margin-top:2.5em;padding-top:1.2em;border-top:.05rem solid var(--md-default-fg-color--lightest)}
.md-typeset .sf-back{margin-top:1.5em;font-size:.75rem}
.md-typeset a.sf-unlinked{color:inherit}
.md-typeset [id]{scroll-margin-top:.5rem}
.md-typeset .calc-output{overflow-x:auto}
.sf-search{position:fixed;z-index:6;top:0;left:0;right:0;bottom:0;overflow-y:auto;
  max-width:40rem;margin:0 auto;padding:.8rem .8rem calc(4.5rem + env(safe-area-inset-bottom,0px));background:var(--md-default-bg-color);box-shadow:0 .2rem .8rem rgba(0,0,0,.35)}
.sf-search[hidden],.sf-bar [hidden]{display:none}
.sf-search-head{display:flex;align-items:center;justify-content:space-between}
.sf-search.md-typeset h2{margin:0;font-size:.9rem}
.sf-search-row{display:flex;gap:.4rem;margin-top:.4rem}
.sf-search input{flex:1;min-width:0;font:inherit;font-size:16px;padding:.45em .6em;border:.05rem solid var(--md-default-fg-color--light);
  border-radius:.2rem;background:var(--md-default-bg-color);color:var(--md-default-fg-color)}
.sf-search button,.sf-bar a,.sf-bar button{font:inherit;font-size:.8rem;min-height:44px;min-width:44px;padding:0 .9em;border:0;border-radius:.2rem;
  background:var(--md-primary-fg-color);color:var(--md-primary-bg-color);cursor:pointer;display:inline-flex;align-items:center;justify-content:center;text-decoration:none}
.sf-search button.sf-search-close{background:none;color:var(--md-default-fg-color);border:.05rem solid var(--md-default-fg-color--lighter)}
.sf-search.md-typeset .sf-search-hint{margin:.4em 0 0;font-size:.7rem;color:var(--md-default-fg-color--light)}
.sf-search.md-typeset .sf-search-status{margin:.6em 0 .3em;font-size:.75rem}
[dir] .sf-search.md-typeset ol{list-style:none;margin:0;padding:0}
[dir] .sf-search.md-typeset ol li{margin:0;border-top:.05rem solid var(--md-default-fg-color--lightest)}
[dir] .sf-search.md-typeset li a{display:block;padding:.55em .2em;color:var(--md-default-fg-color);text-decoration:none}
.sf-hit-page{display:block;font-size:.65rem;color:var(--md-default-fg-color--light)}
.sf-hit-title{display:block;font-weight:700;color:var(--md-typeset-a-color)}
.sf-hit-text{display:block;font-size:.7rem;color:var(--md-default-fg-color--light)}
.sf-search mark{background:var(--md-typeset-mark-color);color:inherit}
.sf-bar{position:fixed;right:.6rem;bottom:calc(.6rem + env(safe-area-inset-bottom,0px));z-index:7;display:flex;gap:.3rem;
  padding:.25rem;border-radius:.35rem;background:var(--md-default-bg-color);box-shadow:0 .1rem .5rem rgba(0,0,0,.3)}
body{padding-bottom:4.5rem}
@media print{.sf-back,.sf-bar,.sf-search{display:none!important}body{padding-bottom:0}
  .sf-header{background:none;color:inherit;border-bottom:1px solid #999}}
"""

# Material's bundle normally provides document$ (an observable of page loads);
# the site's scripts subscribe to it when it exists. One page load, one call.
# The second line follows the reader's light/dark preference, as the site does.
BOOT_JS = (
    "window.document$=window.document$||{subscribe:function(f){"
    'if(document.readyState==="loading")document.addEventListener("DOMContentLoaded",function(){f(document)});'
    "else f(document);return{unsubscribe:function(){}}}};"
)
SCHEME_JS = (
    'if(window.matchMedia&&matchMedia("(prefers-color-scheme: dark)").matches)'
    'document.body.setAttribute("data-md-color-scheme","slate");'
)


def script_tag(code: str, module: bool = False) -> str:
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.I)
    kind = ' type="module"' if module else ""
    return f"<script{kind}>{code}</script>"


def style_tag(css: str) -> str:
    if re.search(r"</style", css, re.I):
        raise ValueError("a stylesheet contains '</style'")
    return f"<style>{css}</style>"


def toc_html(parts: list[Part]) -> str:
    items = []
    for part in parts:
        if part.single:
            page = part.pages[0]
            items.append(
                f'<li class="sf-toc-page"><a href="#{page.anchor}">{html.escape(part.title or page.title)}</a></li>'
            )
            continue
        pages = "".join(
            f'<li><a href="#{p.anchor}">{html.escape(p.nav_title or p.title)}</a></li>'
            for p in part.pages
        )
        items.append(
            f'<li class="sf-toc-part"><a href="#{part.anchor}">{html.escape(part.title)}</a><ol>{pages}</ol></li>'
        )
    return (
        '<nav class="sf-toc" id="sf-toc" aria-labelledby="sf-toc-title">'
        f'<h2 id="sf-toc-title">目录</h2><ol>{"".join(items)}</ol></nav>'
    )


SEARCH_JS = ROOT / "scripts" / "single_file_search.js"


def search_html() -> str:
    """The search panel, opened by the bar's 搜索 button (single_file_search.js shows that
    button; without JavaScript neither appears)."""
    return (
        '<form class="sf-search md-typeset" id="sf-search" role="search" hidden>'
        '<div class="sf-search-head"><h2 id="sf-search-title">在全书里搜索</h2>'
        '<button type="button" class="sf-search-close" id="sf-search-close">关闭</button></div>'
        '<div class="sf-search-row">'
        '<input type="search" id="sf-search-input" aria-labelledby="sf-search-title" '
        'autocomplete="off" enterkeyhint="search" placeholder="例如：征信 异议">'
        '<button type="submit">搜索</button></div>'
        '<p class="sf-search-hint">几个词用空格隔开，找同时包含这些词的段落。'
        "搜索只在这个文件里进行，不联网。</p>"
        '<p class="sf-search-status" id="sf-search-status" role="status" aria-live="polite"></p>'
        '<ol id="sf-search-results"></ol></form>'
    )


def bar_html() -> str:
    """The small bar that stays on screen: back to the contents, back to the search."""
    return (
        '<nav class="sf-bar" aria-label="快速跳转">'
        '<a href="#sf-toc">目录</a>'
        '<button type="button" id="sf-bar-search" aria-controls="sf-search" aria-expanded="false" hidden>'
        "搜索</button></nav>"
    )


def newer_copy(site_url: str) -> str:
    """Where a newer copy is: only when the build knows the site's address (SITE_URL)."""
    if not site_url:
        return ""
    url = html.escape(site_url.rstrip("/") + "/offline/")
    return f'<p class="sf-newer">这个文件不会自动更新。新版本在：<a href="{url}">{url}</a></p>'


def page_section(page: Page, part: Part) -> str:
    return (
        f'<section class="sf-page" id="{page.anchor}" data-title="{html.escape(page.nav_title or page.title)}">'
        f"{page.body}"
        '<p class="sf-back"><a href="#sf-toc">↑ 回到目录</a></p></section>'
    )


def make_single_file(build_dir: Path, config_file: Path, out: Path) -> dict:
    """Write the single-file edition; return {'bytes', 'sha256', 'pages', 'notes'}.

    Raises SystemExit with a list of problems if the result would load anything."""
    parts, info = read_nav(config_file)
    pages = [page for part in parts for page in part.pages]
    links = Links(pages, build_dir)
    problems: list[str] = []
    notes: list[str] = []

    page_scripts: list[str] = []
    for page in pages:
        path = build_dir / page.dest
        if not path.is_file():
            problems.append(f"{page.src}: not in the build ({page.dest})")
            continue
        text = path.read_text(encoding="utf-8")
        page_scripts += [
            s for s in own_scripts(text, page.dest, Path(info["docs_dir"])) if s not in page_scripts
        ]
        page.title = page_title(text, info["site_name"]) or page.nav_title or page.src
        page.body = PageRewriter(page, links, problems, notes).rewrite(article_html(text))

    # Stylesheets: Material's and palette, then extra_css, as the built home page links them.
    home = build_dir / "index.html"
    styles = []
    hrefs = head_stylesheets(home)
    for extra in info["extra_css"]:
        if extra not in hrefs:
            hrefs.append(extra)
    for href in hrefs:
        path = build_dir / unquote(urlsplit(href).path)
        if not path.is_file():
            problems.append(f"stylesheet {href} is not in the build")
            continue
        css = inline_css_urls(
            path.read_text(encoding="utf-8"), path.parent, build_dir, problems, href
        )
        styles.append(style_tag(css.strip()))
    styles.append(style_tag(re.sub(r"\s*\n\s*", "", OWN_CSS)))

    scripts = [script_tag(BOOT_JS), script_tag(SEARCH_JS.read_text(encoding="utf-8").strip())]
    wanted = [
        (str(getattr(item, "path", item)), getattr(item, "type", None) == "module")
        for item in info["extra_javascript"]
    ]
    wanted += [(src, False) for src in page_scripts]
    inlined: list[str] = []
    for src, module in wanted:
        if src in inlined:
            continue
        path = build_dir / src
        if not path.is_file():
            problems.append(f"script {src} is not in the build")
            continue
        scripts.append(script_tag(path.read_text(encoding="utf-8").strip(), module=module))
        inlined.append(src)

    favicon = build_dir / "assets" / "images" / "favicon.png"
    icon = f'<link rel="icon" href="{data_uri(favicon)}">' if favicon.is_file() else ""
    date = edition_date().isoformat()
    site = html.escape(info["site_name"])
    description = html.escape(info["site_description"])

    body_parts = []
    for part in parts:
        if part.single:
            body_parts.append(
                f'<div class="sf-part" id="{part.anchor}" data-part="{html.escape(part.title or part.pages[0].title)}">'
                + page_section(part.pages[0], part)
                + "</div>"
            )
        else:
            sections = "".join(page_section(p, part) for p in part.pages)
            body_parts.append(
                f'<div class="sf-part" id="{part.anchor}" data-part="{html.escape(part.title)}">'
                f'<h1 class="sf-part-title">{html.escape(part.title)}</h1>{sections}</div>'
            )

    document = "\n".join(
        [
            "<!doctype html>",
            '<html lang="zh">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width,initial-scale=1">',
            f'<meta name="description" content="{description}">',
            f"<title>{site}（单文件版，{date}）</title>",
            icon,
            *styles,
            "</head>",
            '<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="teal" data-md-color-accent="deep-orange">',
            script_tag(SCHEME_JS),
            f'<header class="sf-header"><strong>{site}</strong>'
            f'<span>单文件版 · <time datetime="{date}">{date}</time> 版 · <a href="#sf-toc">目录</a></span></header>',
            '<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">'
            '<div class="md-content"><div class="md-content__inner md-typeset">',
            f'<div class="sf-cover" id="sf-cover"><h1>{site}</h1><p class="sf-lede">{description}</p>'
            f'<p class="sf-edition">单文件版 · 版本日期 <time datetime="{date}">{date}</time>。'
            "全书在这一个文件里：点目录里的标题跳到对应内容，或者点右下角的“搜索”找词，都不需要联网。"
            "每页标题下的“最后核对”日期说明那一页的内容有多新。</p>"
            f"{newer_copy(info['site_url'])}</div>",
            toc_html(parts),
            *body_parts,
            f'<hr><p class="sf-copyright">{html.escape(info["copyright"])}</p>',
            "</div></div></div></main></div>",
            search_html(),
            bar_html(),
            *scripts,
            "</body>",
            "</html>",
            "",
        ]
    )

    document = prune_styles(document)
    problems += check_self_contained(document)
    if problems:
        raise SystemExit(
            "single_file: the edition is not self-contained:\n  " + "\n  ".join(problems)
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(document.encode("utf-8"))
    digest = write_sha256(out)
    return {
        "bytes": out.stat().st_size,
        "sha256": digest,
        "pages": len(pages),
        "notes": notes,
        "scripts": inlined,
    }


# --------------------------------------------------------------------------- checks


def check_self_contained(document: str) -> list[str]:
    """Problems: loads of anything, duplicate ids, in-file links to no element.

    The references come from hooks/page_loads.py, the scanner the build's
    third-party guard uses: here every reference to a file counts, not only
    those to another host, since the single file must carry everything itself."""
    found = page_loads.scan(document)
    problems = []
    for ref in found.refs:
        if ref.url.startswith(("data:", "#")):
            continue
        if ref.tag == "a" and urlsplit(ref.url).scheme in EXTERNAL_SCHEMES:
            continue  # a hyperlink to a website: followed only if the reader taps it
        problems.append(f"would load: {ref.describe()}")
    seen: set[str] = set()
    for element_id in found.ids:
        if element_id in seen:
            problems.append(f"duplicate id: {element_id}")
        seen.add(element_id)
    for fragment in sorted(set(found.fragments)):
        if fragment and fragment not in seen:
            problems.append(f"in-file link to a missing id: #{fragment}")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "build_dir", type=Path, help="the offline build (OFFLINE=true mkdocs build)"
    )
    parser.add_argument("out", type=Path, help=f"output file, e.g. dist/{NAME}.html")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv[1:])
    if not (args.build_dir / "index.html").is_file():
        print(
            f"single_file: {args.build_dir} has no index.html; build the offline edition first",
            file=sys.stderr,
        )
        return 2
    result = make_single_file(args.build_dir, args.config, args.out)
    for note in sorted(set(result["notes"])):
        count = result["notes"].count(note)
        print(f"single_file: note: {note}" + (f" ×{count}" if count > 1 else ""), file=sys.stderr)
    print(
        f"{args.out}  {result['bytes']:,} bytes  {result['pages']} pages  sha256 {result['sha256']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
