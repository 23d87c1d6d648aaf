"""Keep only the colours this site uses in Material's palette stylesheet.

Material ships one palette stylesheet with every primary and accent colour (about
12 KB, 2 KB gzip on every first load); a page uses one primary and one accent,
as set under theme.palette in mkdocs.yml. After the build, the stylesheet the
pages link is rewritten in place without the rules for the other colours: the
same file name, so the theme's templates need no change. Rules that do not
name a colour (the dark scheme's variables, the media queries) are kept as they are.

If the stylesheet is missing or its shape changed so that nothing is left for
the configured colours, the build fails (a warning under --strict) rather than
shipping a site without colours.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger(__name__)

COLOUR = re.compile(r"\[data-md-color-(primary|accent)=([a-z-]+)\]")


def used_colours(palette) -> dict[str, set[str]]:
    entries = palette if isinstance(palette, list) else [palette]
    used: dict[str, set[str]] = {"primary": set(), "accent": set()}
    for entry in entries:
        for kind in used:
            value = str(entry.get(kind) or "indigo").replace(" ", "-").lower()
            used[kind].add(value)
    return used


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs; the body without its braces."""
    out, depth, start, prelude_end = [], 0, 0, 0
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude_end = index
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                out.append((css[start:prelude_end].strip(), css[prelude_end + 1 : index]))
                start = index + 1
    return out


def _keep_selector(selector: str, used: dict[str, set[str]]) -> bool:
    return all(value in used[kind] for kind, value in COLOUR.findall(selector))


def trim(css: str, used: dict[str, set[str]]) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@"):
            inner = trim(body, used) if "{" in body else body
            if inner:
                out.append(f"{prelude}{{{inner}}}")
            continue
        selectors = [s for s in prelude.split(",") if _keep_selector(s, used)]
        if selectors:
            out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)


@event_priority(-150)  # after the offline plugin, before site_checks (-200) scans the output
def on_post_build(config):
    palette = config.theme.get("palette")
    if not palette:
        return
    used = used_colours(palette)
    sheets = sorted((Path(config.site_dir) / "assets" / "stylesheets").glob("palette.*.css"))
    if not sheets:
        log.warning(
            "Material's palette stylesheet (assets/stylesheets/palette.*.css) is not in the build"
        )
        return
    for sheet in sheets:
        trimmed = trim(sheet.read_text(encoding="utf-8"), used)
        missing = [
            f"{kind} {value}"
            for kind, values in used.items()
            for value in values
            if f"[data-md-color-{kind}={value}]" not in trimmed
        ]
        if missing:
            log.warning(
                "%s: no rules left for %s; the theme changed its palette file",
                sheet.name,
                ", ".join(missing),
            )
            continue
        sheet.write_text(trimmed + "\n", encoding="utf-8")
