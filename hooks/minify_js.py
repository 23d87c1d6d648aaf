"""Our own scripts in the built output, minified (the sources in docs/ stay readable).

esbuild minifies them and renames local names, so calc.js can use readable names and
still fit the 10 KB gzip budget. esbuild is pinned in package-lock.json and installed
by `npm ci` (`make site` does it and sets REQUIRE_ESBUILD=1, which makes its absence
fail the build). Without it (a checkout where `npm ci` never ran) the scripts are
minified by rjsmin, which only strips comments and whitespace.
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

import debt_plan_block
import rjsmin
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

DEBT_PLAN_JS = "assets/javascripts/debt-plan.js"  # gets its registry entry (debt_plan_block)
OWN_SCRIPTS = (
    "assets/javascripts/calc.js",
    "assets/javascripts/forms.js",
    "assets/javascripts/site.js",
    DEBT_PLAN_JS,
)
log = logging.getLogger("mkdocs.hooks.minify_js")


def esbuild_path(project: Path) -> Path | None:
    path = project / "node_modules" / ".bin" / "esbuild"
    return path if path.exists() else None


def minify(source: str, esbuild: Path | None) -> str:
    if esbuild is None:
        return rjsmin.jsmin(source)
    result = subprocess.run(
        [str(esbuild), "--minify", "--charset=utf8", "--legal-comments=none", "--target=es2020"],
        input=source,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        raise PluginError(f"esbuild could not minify a script: {result.stderr.strip()}")
    return result.stdout


@event_priority(-150)  # after the offline plugin, before site_checks scans the output
def on_post_build(config):
    esbuild = esbuild_path(Path(config.config_file_path).parent)
    if esbuild is None:
        if os.environ.get("REQUIRE_ESBUILD") == "1":
            raise PluginError("esbuild is not installed: run `npm ci --no-audit --no-fund`")
        log.info("esbuild is not installed (npm ci): scripts minified by rjsmin only")
    for name in OWN_SCRIPTS:
        path = Path(config.site_dir) / name
        if path.exists():
            source = path.read_text(encoding="utf-8")
            if name == DEBT_PLAN_JS:
                source = debt_plan_block.with_registry(source)
            path.write_text(minify(source, esbuild), encoding="utf-8")
