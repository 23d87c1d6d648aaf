"""Load a page's own stylesheets and scripts only on the pages that use them.

The calculators (calc.css + calc.js) and the letter templates / budget worksheet
(forms.css + forms.js) are used on a few pages each; loading them everywhere
would put every page over the first-load budget. This hook does not look for
anyone's markup: it is *told* which pages need which asset group.

- A hook calls ``page_assets.need(page, "calc")`` (hooks/calc_embed.py does, for
  every page with a calculator block).
- A page's front matter says ``needs: [forms]`` (the 文书模板 pages and the budget
  page do).

mkdocs.yml still lists calc.css and forms.css under extra_css (the single-file
edition inlines every listed stylesheet); on_config takes them off the global
list, and overrides/main.html links them, and the scripts, on the pages whose
``page.meta["page_assets"]`` names them.

calc.js is a script *for later*: the page names it in a ``<meta name="bh-script-later">``
instead of a ``<script>``, and site.js loads it when a calculator comes near the screen or
the reader touches one (a calculator's form stays hidden until then, so nothing can be
typed into a form that does not work yet). The page's first load stays light; a page whose
calculator is on the first screen still loads it at once. The single-file edition inlines
it like any other script.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# asset group -> (stylesheets, scripts), paths relative to docs/
ASSETS = {
    "calc": (["assets/calc.css"], ["assets/javascripts/calc.js"]),
    "forms": (["assets/forms.css"], ["assets/javascripts/forms.js"]),
    # a debt_plan block (hooks/debt_plan_block.py), and the budget page that hands its result on
    "debt_plan": (["assets/calc.css"], ["assets/javascripts/debt-plan.js"]),
}
# scripts named in <meta name="bh-script-later"> instead of loaded at once (see above)
LATER = {"assets/javascripts/calc.js"}
META_KEY = "needs"  # front matter: needs: [forms]


def need(page, group: str) -> None:
    """Tell this hook that `page` uses the asset `group` (a key of ASSETS)."""
    if group not in ASSETS:
        raise PluginError(
            f"page_assets.need: unknown asset group {group!r} (known: {sorted(ASSETS)})"
        )
    wanted = page.meta.setdefault("page_asset_groups", [])
    if group not in wanted:
        wanted.append(group)


def page_only_stylesheets() -> set[str]:
    return {css for styles, _ in ASSETS.values() for css in styles}


def on_config(config):
    # Only the global list the theme renders is changed; mkdocs.yml keeps listing them.
    config.extra_css = [css for css in config.extra_css if str(css) not in page_only_stylesheets()]
    return config


def _front_matter_line(page) -> int:
    for number, line in enumerate(page.file.content_string.splitlines(), start=1):
        if line.startswith(f"{META_KEY}:"):
            return number
    return 1


@event_priority(100)  # before calc_embed (50) calls need() for the same page
def on_page_markdown(markdown, page, config, files):
    declared = page.meta.get(META_KEY) or []
    if isinstance(declared, str):
        declared = [declared]
    where = f"{page.file.src_uri}:{_front_matter_line(page)}: front matter '{META_KEY}'"
    if not isinstance(declared, list):
        raise PluginError(f"{where}: must be a list, e.g. [forms]")
    page.meta["page_asset_groups"] = []
    for group in declared:
        if group not in ASSETS:
            raise PluginError(
                f"{where}: unknown asset {group!r} (known: {', '.join(sorted(ASSETS))})"
            )
        need(page, group)
    return markdown


# The form blocks forms.js drives (see its header comment). Not how assets are chosen, only a
# check that an author who wrote a form also declared it, so a form is never silently dead.
FORM_MARKUP = ('class="letter-form', 'class="table-form', 'class="budget-form')


def on_page_content(html, page, config, files):
    if "forms" not in page.meta.get("page_asset_groups", []) and any(
        m in html for m in FORM_MARKUP
    ):
        raise PluginError(
            f"{page.file.src_uri}:{_front_matter_line(page)}: the page has a form block: "
            f"add 'needs: [forms]' to its front matter"
        )
    return html


def on_page_context(context, page, config, nav):
    styles: list[str] = []
    scripts: list[str] = []
    for group in page.meta.get("page_asset_groups", []):
        group_styles, group_scripts = ASSETS[group]
        styles += [s for s in group_styles if s not in styles]
        scripts += [s for s in group_scripts if s not in scripts]
    page.meta["page_assets"] = {
        "styles": styles,
        "scripts": [s for s in scripts if s not in LATER],
        "later": [s for s in scripts if s in LATER],
    }
    return context
