"""Helpers shared by the tests: strict builds of a copy of the project, a local server."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a build needs, copied so a test can change pages without touching the repo.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data")


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def check(self) -> Build:
        assert self.returncode == 0, f"strict build failed:\n{self.output}"
        return self


def copy_project(dest: Path) -> Path:
    """Copy the buildable parts of the project into dest; return dest."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, dest / part)
    if (ROOT / "node_modules").is_dir() and not (dest / "node_modules").exists():
        (dest / "node_modules").symlink_to(ROOT / "node_modules")  # esbuild for hooks/minify_js.py
    return dest


def build(
    project: Path,
    site: Path,
    *,
    offline: bool = False,
    env: dict | None = None,
    tool: str = "mkdocs",
) -> Build:
    """Run `mkdocs build --strict` (never -q: it disables strict) and capture its log.

    tool="properdocs" runs the same build with ProperDocs, the MkDocs 1.x continuation.
    """
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "OFFLINE": "true" if offline else "false",
    }
    environment.setdefault(
        "SOURCE_DATE_EPOCH", "1796083200"
    )  # 2026-12-01, pinned for stable output
    environment.update(env or {})
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            tool,
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        capture_output=True,
        text=True,
        env=environment,
        cwd=project,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def pages(site: Path) -> list[Path]:
    """Every content page of a built site (no 404)."""
    return sorted(
        p for p in site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


class LocalServer:
    """Serve a directory on 127.0.0.1 on a free port, in a thread."""

    def __init__(self, directory: Path):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
