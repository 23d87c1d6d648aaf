"""The three downloads on the online site, and the list of them on the 离线版 page.

A page cannot know the checksum of a file made after it, so `make site` builds in this order:
the offline edition first, then the zip, the single file and the PDF from it (into dist/),
and last the online site with `DOWNLOADS_DIR=dist`. With that variable set, this hook

  - fills the `<!-- downloads -->` marker of the page that carries it (docs/offline.md) with
    a link to each file, its size and its SHA-256, computed from the files themselves;
  - copies the files, their `.sha256` and `SHA256SUMS` to `downloads/` in the site.

Same files in, same page out: the online build stays reproducible. Without DOWNLOADS_DIR
(the offline edition itself, `mkdocs serve`, test builds) the marker becomes a short note:
in the offline edition it links to the online 离线版 page for a newer copy when SITE_URL is
set, and names no address when it is not. A DOWNLOADS_DIR without one of the files fails
the build, naming the missing file.
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

MARKER = "<!-- downloads -->"
FOLDER = "downloads"
# (file name, what it is, what it is for) in the order the page lists them
FILES = (
    ("borrower-handbook.html", "单个网页文件", "手机"),
    ("borrower-handbook.pdf", "PDF", "打印、存档"),
    ("borrower-handbook-offline.zip", "压缩包", "电脑"),
)
SUMS = "SHA256SUMS"


def _downloads_dir() -> Path | None:
    value = os.environ.get("DOWNLOADS_DIR", "").strip()
    return Path(value).resolve() if value else None


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    return f"{max(1, round(n / 1000))} KB"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> list[tuple[str, str, str, Path]]:
    found = []
    for name, label, use in FILES:
        path = folder / name
        if not path.is_file():
            raise PluginError(
                f"downloads: DOWNLOADS_DIR={folder} has no {name} "
                "(make site builds the three files before the online site)"
            )
        found.append((name, label, use, path))
    return found


def _table(page, folder: Path) -> str:
    rows = []
    for name, label, use, path in _files(folder):
        href = html.escape(get_relative_url(f"{FOLDER}/{name}", page.url))
        sums = html.escape(get_relative_url(f"{FOLDER}/{name}.sha256", page.url))
        size = path.stat().st_size
        rows.append(
            "<li>"
            f'<a class="download-link" href="{href}" download="{name}">{label}（适合{use}）</a>'
            f' <span class="download-size">{_size(size)}（{size:,} 字节）</span><br>'
            f'文件名 <code>{name}</code><br>SHA-256 <code class="download-sha">{_sha256(path)}</code>'
            f' · <a href="{sums}" download="{name}.sha256">校验文件</a>'
            "</li>"
        )
    all_sums = html.escape(get_relative_url(f"{FOLDER}/{SUMS}", page.url))
    return (
        '<ul class="downloads">' + "".join(rows) + "</ul>"
        f'<p>三个文件的校验值也在 <a href="{all_sums}" download="{SUMS}">{SUMS}</a> 里。'
        "大小和校验值由生成网站的程序从文件本身算出。</p>"
    )


def _note(config) -> str:
    site_url = (config.get("site_url") or "").strip()
    if _offline(config):
        if site_url:
            url = html.escape(site_url.rstrip("/") + "/offline/")
            return (
                '<p class="downloads-note">你正在看的是离线拷贝。最新的版本和它们的大小、校验值在网站的离线版页面：'
                f'<a href="{url}">{url}</a></p>'
            )
        return (
            '<p class="downloads-note">你正在看的是离线拷贝，它不会自动更新。'
            "需要新版本时，请回到当初下载它的地方，或者向发给你文件的人要。</p>"
        )
    return '<p class="downloads-note">这一次生成的网站没有附带下载文件。</p>'


def on_page_content(html_text, page, config, files):
    if MARKER not in html_text:
        return html_text
    folder = _downloads_dir()
    block = _table(page, folder) if folder and not _offline(config) else _note(config)
    return html_text.replace(MARKER, block)


@event_priority(-300)  # after every other hook has checked and pruned the site
def on_post_build(config):
    folder = _downloads_dir()
    if not folder or _offline(config):
        return
    target = Path(config["site_dir"]) / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for name, _, _, path in _files(folder):
        shutil.copyfile(path, target / name)
        (target / f"{name}.sha256").write_text(f"{_sha256(path)}  {name}\n", encoding="utf-8")
    if (folder / SUMS).is_file():  # as `make site` wrote it
        shutil.copyfile(folder / SUMS, target / SUMS)
    else:
        (target / SUMS).write_text(
            "".join(f"{_sha256(folder / name)}  {name}\n" for name, _, _ in FILES),
            encoding="utf-8",
        )
