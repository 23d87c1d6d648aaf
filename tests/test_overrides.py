"""What overrides/main.html and overrides/assets/javascripts/site.js rely on in Material.

site.js holds the search worker and the search index back until the reader wants to
search, by wrapping `window.Worker`, `XMLHttpRequest` and `document.head.appendChild`
before Material's bundle runs; it turns `input` events of the search box into the
`keyup` Material listens to; it opens the phone drawer on the list of sections. Each
of these depends on how Material 9.8 is written. If an upgrade changes one, these
tests fail and say which assumption broke, instead of search silently loading on
every page again (or never). The browser side (search still loads on demand, and
then works) is tests/test_browser.py::test_search_index_and_worker_load_only_when_the_reader_opens_search.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from sitebuild import ROOT

THEME = Path(material.__file__).parent / "templates"
SITE_JS = ROOT / "overrides" / "assets" / "javascripts" / "site.js"


def bundle() -> str:
    found = sorted((THEME / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(found) == 1, f"Material's bundle not found as one file: {found}"
    return found[0].read_text(encoding="utf-8")


def base_html() -> str:
    return (THEME / "base.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "what, pattern",
    [
        ("the search worker is started with new Worker(url)", r"new Worker\(\w+\)"),
        ("the online index is fetched by XMLHttpRequest", r"new XMLHttpRequest"),
        ("the online index URL", r'"search/search_index\.json"'),
        ("the offline index is a script", r"search_index\.js"),
        (
            "scripts are added with document.head.appendChild",
            r"document\.head\.appendChild\(\w+\)",
        ),
        (
            "the search box is read on keyup (site.js bridges input to keyup)",
            r'\w+\(\w+,"keyup"\)',
        ),
        ("the offline build reads the index from __index", r"__index"),
    ],
)
def test_material_bundle_still_does_what_site_js_patches(what, pattern):
    assert re.search(pattern, bundle()), (
        f"Material {material.__version__}: {what} — no longer true ({pattern}); "
        "check overrides/assets/javascripts/site.js"
    )


def test_the_worker_url_site_js_recognises_is_materials():
    workers = sorted((THEME / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert workers, "Material's search worker moved"
    recognises = re.search(r"/(workers\\/search\\\.)/", SITE_JS.read_text(encoding="utf-8"))
    assert recognises, "site.js no longer names the worker it holds back"
    assert re.search(r"workers/search\.", workers[0].relative_to(THEME).as_posix())
    assert '"search": "assets/javascripts/workers/search.' in base_html()


def test_base_template_has_the_blocks_main_html_extends_in_the_order_it_needs():
    template = base_html()
    positions = {
        name: template.find("{% block " + name + " %}") for name in ("libs", "extrahead", "scripts")
    }
    assert all(p >= 0 for p in positions.values()), positions
    # polyfills (the offline edition's iframe-worker shim) run before site.js wraps Worker
    assert positions["libs"] < positions["scripts"]
    scripts = template[positions["scripts"] :]
    assert scripts.find("bundle.") < scripts.find("{% endblock %}"), (
        "Material's bundle is no longer loaded in the scripts block, "
        "so site.js may no longer run before it"
    )


def test_built_pages_load_site_js_before_the_bundle(online_site):
    html = (online_site / "index.html").read_text(encoding="utf-8")
    assert 0 <= html.find("assets/javascripts/site.js") < html.find("assets/javascripts/bundle.")


def test_nav_markup_the_phone_drawer_fix_selects_is_still_there(online_site):
    """site.js unchecks .md-nav--primary > .md-nav__list > .md-nav__item--active > .md-nav__toggle."""
    html = (online_site / "rights" / "credit-report" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-nav md-nav--primary"' in html
    assert re.search(
        r'<li class="md-nav__item md-nav__item--active md-nav__item--nested">\s*'
        r'<input class="md-nav__toggle md-toggle[^"]*" type="checkbox" id="__nav_\d+" checked>',
        html,
    ), "the active section's toggle is no longer the first child of its item"
    # navigation.prune took effect: another section's pages are not embedded
    assert "calculators/fee-rate/" not in html
