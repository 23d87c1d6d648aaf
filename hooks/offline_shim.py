"""Offline edition: use the vendored iframe-worker shim instead of a CDN script.

Material's offline plugin runs the search worker through an iframe on file://
and, unless a polyfill whose URL contains "iframe-worker" is configured, adds
<script src="https://unpkg.com/iframe-worker/shim"> to every page. With no
network that request fails and Material hides search altogether. The shim
(MIT, npm iframe-worker 1.0.4, licence beside it) is shipped in docs/assets/vendor.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

SHIM = "assets/vendor/iframe-worker-shim.js"


@event_priority(100)  # before the offline plugin's own on_config looks at the polyfills
def on_config(config):
    offline = config.plugins.get("material/offline")
    if offline is None or not offline.config.enabled:
        return config
    polyfills = config.extra.setdefault("polyfills", [])
    if SHIM not in polyfills:
        polyfills.append(SHIM)
    return config
