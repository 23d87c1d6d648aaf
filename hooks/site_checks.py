"""Last look at the built site: prune the offline bundle, refuse third-party loads.

1. Offline edition only: delete source maps, the lunr language files and the
   theme's favicon.png when mkdocs.yml names another icon. The
   search index uses Material's default pipeline (no lunr language plugin), so
   nothing loads them; they are 2 MB the reader would carry for nothing.
2. Every edition: scan HTML (with hooks/page_loads.py, the scanner the
   single-file check uses too), CSS and our own JavaScript for anything the
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
from pathlib import Path

import page_loads
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger(__name__)

JS_URL = re.compile(r"""["'`](?:https?:)?//[^"'`\s]+""")
# The theme's own, prebuilt scripts (not scanned as text, see above); our scripts are scanned.
THEME_ASSETS = (
    "assets/javascripts/bundle.",
    "assets/javascripts/workers/",
    "assets/javascripts/lunr/",
)
is_third_party = page_loads.is_third_party


def find_external_loads(path: Path) -> list[tuple[int, str]]:
    """(line, url) for every third-party load in one HTML, CSS or JS file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        if not page_loads.may_load_from_elsewhere(text):  # most pages: no parse needed
            return []
        return [(ref.line, ref.url) for ref in page_loads.scan(text).third_party_loads()]
    hits = []
    for number, line in enumerate(text.splitlines(), start=1):
        if path.suffix == ".css":
            urls = [ref.url for ref in page_loads.css_refs(line, number)]
        else:
            urls = [m.group(0)[1:] for m in JS_URL.finditer(line)]
        hits += [(number, url) for url in urls if is_third_party(url)]
    return hits


THEME_FAVICON = "assets/images/favicon.png"


def prune_offline(site_dir: Path, favicon: str = THEME_FAVICON) -> None:
    for source_map in site_dir.rglob("*.map"):
        source_map.unlink()
    shutil.rmtree(site_dir / "assets" / "javascripts" / "lunr", ignore_errors=True)
    if favicon != THEME_FAVICON:  # the theme's own icon, copied even when the site has its own
        (site_dir / THEME_FAVICON).unlink(missing_ok=True)


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
        prune_offline(site_dir, str(config.theme.get("favicon") or THEME_FAVICON))
    for relative, path in _scanned_files(site_dir):
        for line, url in find_external_loads(path):
            log.warning("third-party load in %s line %d: %s", relative, line, url)
