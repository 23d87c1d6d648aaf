"""Minify the site's own scripts in the built output (the sources in docs/ stay readable).

rjsmin (a small, well-kept minifier) only removes comments and whitespace; it
never renames anything, so the built script behaves exactly like the source.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin
from mkdocs.plugins import event_priority

OWN_SCRIPTS = (
    "assets/javascripts/calc.js",
    "assets/javascripts/forms.js",
    "assets/javascripts/site.js",
)


@event_priority(-150)  # after the offline plugin, before site_checks scans the output
def on_post_build(config):
    for name in OWN_SCRIPTS:
        path = Path(config.site_dir) / name
        if path.exists():
            path.write_text(rjsmin.jsmin(path.read_text(encoding="utf-8")), encoding="utf-8")
