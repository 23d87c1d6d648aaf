"""Material's stylesheets without what this site never uses.

1. The palette stylesheet, only with the colours this site uses.

Material ships one palette stylesheet with every primary and accent colour (about
12 KB, 2 KB gzip on every first load); a page uses one primary and one accent,
as set under theme.palette in mkdocs.yml. After the build, the stylesheet the
pages link is rewritten in place without the rules for the other colours: the
same file name, so the theme's templates need no change. Rules that do not
name a colour (the dark scheme's variables, the media queries) are kept as they are.

If the stylesheet is missing or its shape changed so that nothing is left for
the configured colours, the build fails (a warning under --strict) rather than
shipping a site without colours.

2. The main stylesheet, without the rules of components this site does not
switch on (blog, tags, versions, code copy buttons, Mermaid, footnotes, …):
4.5 KB gzip off every first load. A component is dropped only if its feature is
off in mkdocs.yml *and* its class name occurs in no built page and in none of
the site's own scripts and stylesheets; so switching a feature on, or writing
markup that uses it, brings its rules back by itself.

3. Then, in the main stylesheet, every selector that cannot match on this site:
one that names a class no built page carries and no script of the build or the
project mentions (neither the class nor its block name before "--", since
scripts compose modifiers such as ``md-source__fact--${name}``), or one for
right-to-left pages when no page is written right to left. About 2.8 KB gzip
off every first load. What a page or script uses is kept by construction: the
test is the build's own output, every time it runs.
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


def split_selectors(prelude: str) -> list[str]:
    """Split a selector list at top-level commas (not those inside :is(…) or [attr="a,b"])."""
    out, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(prelude):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            out.append(prelude[start:index])
            start = index + 1
    out.append(prelude[start:])
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
        selectors = [s for s in split_selectors(prelude) if _keep_selector(s, used)]
        if selectors:
            out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)


# component class -> what switches it on (a feature, a config key), or None: markup only.
COMPONENTS = {
    "md-tabs": "navigation.tabs",
    "md-progress": "navigation.instant.progress",
    "md-clipboard": "content.code.copy",
    "md-code__": "content.code.copy",
    "md-annotation": "content.code.annotate",
    "md-source": "repo_url",  # also md-source-file
    "md-version": "extra.version",
    "md-select": "extra.version",
    "md-consent": "extra.consent",
    "md-feedback": "extra.analytics",
    "md-social": "extra.social",
    "md-banner": None,
    "md-status": None,
    "md-tag": None,  # tags plugin
    "md-post": None,  # blog plugin: posts, authors, profiles, drafts
    "md-author": None,
    "md-profile": None,
    "md-draft": None,
    "md-sidebar--post": None,
    "md-content__button": None,  # edit / view source buttons
    "mermaid": None,
    "critic": None,
    "emojione": None,
    "arithmatex": None,
    "keys": None,  # pymdownx.keys
    "footnote": None,
}


def _switched_on(config, switch: str | None) -> bool:
    if switch is None:
        return False
    if "." in switch and switch.split(".")[0] in ("navigation", "content", "search", "toc"):
        return switch in config.theme.get("features", [])
    value = config
    for key in switch.split("."):
        value = value.get(key) if hasattr(value, "get") else None
    return bool(value)


def unused_components(config, texts) -> list[str]:
    """The COMPONENTS this site does not use: feature off and the class in none of the texts."""
    candidates = [name for name, switch in COMPONENTS.items() if not _switched_on(config, switch)]
    for text in texts:
        candidates = [name for name in candidates if name not in text]
        if not candidates:
            break
    return candidates


def drop_components(css: str, names: list[str]) -> str:
    pattern = re.compile(r"\.(?:" + "|".join(map(re.escape, names)) + ")")  # a class starting so
    out = []
    for prelude, body in _blocks(re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        if prelude.startswith("@"):
            inner = drop_components(body, names) if "{" in body else body
            if inner.strip() or "{" not in body:
                out.append(f"{prelude}{{{inner}}}")
            continue
        selectors = [s for s in split_selectors(prelude) if not pattern.search(s)]
        if selectors:
            out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)


CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
ATTR_OR_STRING = re.compile(r"\[[^\]]*\]|\"[^\"]*\"|'[^']*'")


def _selector_classes(selector: str) -> set[str]:
    """The class names a selector requires ([href$=".pdf"] and strings are not classes)."""
    return set(SELECTOR_CLASS.findall(ATTR_OR_STRING.sub(" ", selector)))


def drop_unmatched(css: str, classes: set[str], scripts: str, rtl: bool) -> str:
    """The stylesheet without selectors that name a class in neither `classes` (the built
    pages') nor `scripts`, nor (unless `rtl`) right-to-left selectors."""
    known: dict[str, bool] = {}

    def present(name: str) -> bool:
        if name not in known:
            known[name] = name in classes or name in scripts or name.split("--")[0] in scripts
        return known[name]

    def keep(selector: str) -> bool:
        if not rtl and "[dir=rtl]" in selector:
            return False
        return all(present(name) for name in _selector_classes(selector))

    out = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@"):
            inner = drop_unmatched(body, classes, scripts, rtl) if "{" in body else body
            if inner.strip() or "{" not in body:
                out.append(f"{prelude}{{{inner}}}")
            continue
        selectors = [s for s in split_selectors(prelude) if keep(s)]
        if selectors:
            out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)


def _built_classes(site_dir: Path) -> tuple[set[str], bool]:
    classes: set[str] = set()
    rtl = False
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in CLASS_ATTR.finditer(text):
            classes.update(match.group(1).split())
        rtl = rtl or 'dir="rtl"' in text
    return classes, rtl


def _scripts(site_dir: Path, project: Path) -> str:
    """Every script of the build (the theme's bundle and workers, the site's own) and of the
    project (scripts/ adds markup to the single-file edition; overrides/ to every page)."""
    paths = [*site_dir.rglob("*.js"), *(project / "scripts").glob("*.js")]
    paths += [p for p in (project / "overrides").rglob("*") if p.suffix in (".js", ".html")]
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in paths if p.is_file())


def _own_texts(site_dir: Path, docs_dir: Path):
    for path in site_dir.rglob("*.html"):
        yield path.read_text(encoding="utf-8", errors="replace")
    for path in docs_dir.rglob("*"):
        if path.suffix in (".js", ".css", ".md", ".html") and path.is_file():
            yield path.read_text(encoding="utf-8", errors="replace")


def trim_main(config) -> None:
    site_dir = Path(config.site_dir)
    sheets = sorted((site_dir / "assets" / "stylesheets").glob("main.*.css"))
    if not sheets:
        log.warning(
            "Material's main stylesheet (assets/stylesheets/main.*.css) is not in the build"
        )
        return
    names = unused_components(config, _own_texts(site_dir, Path(config.docs_dir)))
    classes, rtl = _built_classes(site_dir)
    scripts = _scripts(site_dir, Path(config.config_file_path).parent)
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        trimmed = drop_components(css, names) if names else css
        trimmed = drop_unmatched(trimmed, classes, scripts, rtl)
        if ".md-typeset" not in trimmed or len(trimmed) < len(css) / 2:
            log.warning(
                "%s: trimming left too little; the theme changed its stylesheet", sheet.name
            )
            continue
        sheet.write_text(trimmed + "\n", encoding="utf-8")


@event_priority(-150)  # after the offline plugin, before site_checks (-200) scans the output
def on_post_build(config):
    trim_main(config)
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
