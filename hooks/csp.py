"""A Content-Security-Policy in every page: only the site's own scripts may run.

The site is static, so the policy is a <meta http-equiv> placed first in <head>.
Scripts may come from the site itself ('self'); the theme's few inline scripts
(storage helpers, palette, content tabs) are allowed by their SHA-256 hashes,
computed here from the written page, so a theme upgrade that changes them
changes the hashes with them. An inline script inside the page's <article> (that
is, written into a Markdown page) is not hashed: the browser refuses to run it.

Nothing may be fetched from another host (default-src 'self'), no plugins
(object-src 'none'), no <base> elsewhere. Styles allow 'unsafe-inline' because
the theme sets style attributes from its scripts; styles cannot run code.

The offline edition runs the search worker through the vendored iframe-worker
shim, which writes a small inline script into a hidden frame; its hash is
computed from the shim itself (see shim_script) for each page's worker URL.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
ARTICLE = re.compile(r"<article\b.*?</article>", re.S | re.I)
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
SHIM = (
    Path(__file__).resolve().parent.parent / "docs" / "assets" / "vendor" / "iframe-worker-shim.js"
)
EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module")

POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def sha256(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def inline_scripts(html: str) -> list[str]:
    """The executable inline scripts of a page, outside its <article>."""
    outside = ARTICLE.sub("", html)
    found = []
    for match in SCRIPT.finditer(outside):
        attributes, body = match.groups()
        if re.search(r"\bsrc\s*=", attributes, re.I):
            continue
        kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]+)""", attributes, re.I)
        if (kind.group(1).lower() if kind else "") in EXECUTABLE_TYPES:
            found.append(body)
    return found


def _shim_functions() -> tuple[str, str] | None:
    """The source text of the shim's postMessage and importScripts stand-ins, as
    Function.prototype.toString gives them inside the frame it writes."""
    if not SHIM.is_file():
        return None
    text = SHIM.read_text(encoding="utf-8")
    post = re.search(r"function c\(s,n\)\{parent\.postMessage\(s,n\|\|\"\*\"\)\}", text)
    imports = re.search(
        r"function d\(\.\.\.s\)\{return s\.reduce\(.*?Promise\.resolve\(\)\)\}", text
    )
    if not (post and imports):
        return None
    return post.group(0), imports.group(0)


def shim_script(worker_url: str) -> str | None:
    functions = _shim_functions()
    if functions is None:
        return None
    post, imports = functions
    return (
        f"postMessage={post};importScripts={imports};"
        f'addEventListener("error",({{error}})=>{{parent.dispatchEvent(new ErrorEvent("error",{{filename:"{worker_url}",error}}))}})'
    )


def policy(html: str, offline: bool) -> str:
    hashes = [sha256(body) for body in inline_scripts(html)]
    if offline:
        config = CONFIG.search(html)
        if config:
            worker = json.loads(config.group(1)).get("search")
            script = shim_script(worker) if worker else None
            if script:
                hashes.append(sha256(script))
    unique = list(dict.fromkeys(hashes))
    return POLICY.format(hashes=" ".join(unique))


def add_policy(html: str, offline: bool) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, offline)}">'
    return re.sub(r"(<head\b[^>]*>)", lambda m: m.group(1) + meta, html, count=1)


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


@event_priority(-110)  # after calc_embed and html_trim: the page as it is written
def on_post_page(output, page, config):
    return add_policy(output, _offline(config))


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html") and "<head" in output_content:
        return add_policy(output_content, _offline(config))
    return output_content
