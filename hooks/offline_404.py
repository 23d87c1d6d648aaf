"""Offline edition: the 404 page with relative links, so it works from file://.

MkDocs renders error pages with absolute URLs (`/assets/…`, `/about.html`), because a
web server shows them at any address. Opened from an unpacked zip those point at the root
of the disk: the page was unstyled and its links led nowhere. The offline edition is never
served, and 404.html sits at the top of it, so its links can be relative to that folder.
The online build is left alone.
"""

from __future__ import annotations

from mkdocs.utils import is_error_template, normalize_url


def on_template_context(context, template_name, config):
    offline = config.plugins.get("material/offline")
    if offline is None or not offline.config.enabled or not is_error_template(template_name):
        return context
    context["base_url"] = "."
    context["extra_css"] = [normalize_url(path, None, ".") for path in config.extra_css]
    context["extra_javascript"] = [
        normalize_url(str(script), None, ".") for script in config.extra_javascript
    ]
    return context
