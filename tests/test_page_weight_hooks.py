"""The hooks that keep each page's first load small: page_assets, palette_trim, html_trim."""

from __future__ import annotations

from types import SimpleNamespace

import html_trim
import page_assets
import palette_trim
import pytest
from mkdocs.exceptions import PluginError
from sitebuild import build, copy_project


def fake_page(front_matter: str = "", meta: dict | None = None):
    file = SimpleNamespace(
        src_uri="templates/x.md", content_string=f"---\n{front_matter}---\n# x\n"
    )
    return SimpleNamespace(file=file, meta=dict(meta or {}))


def assets_of(page) -> dict:
    page_assets.on_page_context({}, page=page, config=None, nav=None)
    return page.meta["page_assets"]


def test_front_matter_and_hooks_tell_which_assets_a_page_gets():
    page = fake_page("needs: [forms]\n", {"needs": ["forms"]})
    page_assets.on_page_markdown("", page=page, config=None, files=None)
    page_assets.need(page, "calc")
    page_assets.need(page, "calc")
    assert assets_of(page) == {
        "styles": ["assets/forms.css", "assets/calc.css"],
        "scripts": ["assets/javascripts/forms.js"],
        "later": ["assets/javascripts/calc.js"],  # site.js loads it near a calculator
    }
    plain = fake_page()
    page_assets.on_page_markdown("", page=plain, config=None, files=None)
    assert assets_of(plain) == {"styles": [], "scripts": [], "later": []}


def test_an_unknown_asset_in_front_matter_names_page_line_and_field():
    page = fake_page("title: x\nneeds: [form]\n", {"title": "x", "needs": ["form"]})
    with pytest.raises(
        PluginError, match=r"^templates/x\.md:3: front matter 'needs': unknown asset 'form'"
    ):
        page_assets.on_page_markdown("", page=page, config=None, files=None)


def test_page_stylesheets_leave_the_global_list_but_not_mkdocs_yml():
    config = SimpleNamespace(extra_css=["assets/extra.css", "assets/calc.css", "assets/forms.css"])
    page_assets.on_config(config)
    assert config.extra_css == ["assets/extra.css"]


def test_built_pages_link_calc_and_forms_assets_only_where_used(online_site):
    def links(rel):
        return (online_site / rel).read_text(encoding="utf-8")

    calc_page, form_page, plain = (
        links("calculators/fee-rate/index.html"),
        links("templates/negotiation-letter/index.html"),
        links("about/index.html"),
    )
    assert "assets/calc.css" in calc_page and "assets/javascripts/calc.js" in calc_page
    assert "assets/forms.css" in form_page and "assets/javascripts/forms.js" in form_page
    for name in ("calc.css", "calc.js", "forms.css", "forms.js"):
        assert name not in plain, f"about/ loads {name}"


CSS = (
    "@media screen{[data-md-color-scheme=slate]{--x:1}}"
    "[data-md-color-accent=red]{--a:red}"
    "[data-md-color-accent=teal],[data-md-color-accent=blue]{--a:teal}"
    "[data-md-color-primary=teal]{--p:teal}"
    "@media screen and (min-width:60em){[data-md-color-primary=white] .md-search{--w:1}}"
)


def test_palette_keeps_the_configured_colours_and_the_dark_scheme_only():
    used = palette_trim.used_colours([{"primary": "teal", "accent": "teal"}])
    trimmed = palette_trim.trim(CSS, used)
    assert trimmed == (
        "@media screen{[data-md-color-scheme=slate]{--x:1}}"
        "[data-md-color-accent=teal]{--a:teal}"
        "[data-md-color-primary=teal]{--p:teal}"
    )


def test_palette_with_spaces_in_the_colour_name():
    assert palette_trim.used_colours({"primary": "deep orange"})["primary"] == {"deep-orange"}


def test_html_trim_keeps_pre_textarea_and_script_exactly():
    page = (
        "<div>\n    <p>a\n      b</p>\n\n\n  <pre>x\n    y</pre>\n"
        "  <textarea>\n  keep\n</textarea>\n  <script>\n  var s = `a\n   b`;\n</script>\n</div>"
    )
    assert html_trim.trim(page) == (
        "<div>\n<p>a\nb</p>\n<pre>x\n    y</pre>\n"
        "<textarea>\n  keep\n</textarea>\n<script>\n  var s = `a\n   b`;\n</script>\n</div>"
    )


def test_a_changed_palette_file_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("primary: teal", "primary: no-such-colour", 1),
        encoding="utf-8",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no rules left for primary no-such-colour" in result.output


def test_selector_lists_split_at_top_level_commas_only():
    assert palette_trim.split_selectors('a:is(.b,.c),d[x="1,2"],e') == [
        "a:is(.b,.c)",
        'd[x="1,2"]',
        "e",
    ]


def test_main_stylesheet_loses_only_components_nobody_uses():
    css = ".md-tabs{a:1}.md-typeset .md-tabs__x,.md-typeset p{b:2}@media print{.mermaid{c:3}}.md-typeset{d:4}"
    assert palette_trim.drop_components(css, ["md-tabs", "mermaid"]) == (
        ".md-typeset p{b:2}.md-typeset{d:4}"
    )
    config = {"theme": {"features": ["navigation.tabs"]}, "repo_url": ""}
    config = SimpleNamespace(theme=config["theme"], get=config.get)
    unused = palette_trim.unused_components(config, ['<div class="md-banner">', "<p>"])
    assert "md-tabs" not in unused  # the feature is on
    assert "md-banner" not in unused  # a page uses it
    assert "mermaid" in unused and "md-source" in unused


def test_main_stylesheet_loses_selectors_that_cannot_match_here():
    css = (
        ".md-typeset .used{a:1}"
        ".gone,.md-typeset p{b:2}"  # only the selector that cannot match goes
        ".md-dialog{c:3}"  # the theme's script adds it
        ".md-source__fact--stars{d:4}"  # a modifier the script composes from md-source__fact
        '[dir=rtl] .used{e:5}a[href$=".pdf"]{f:6}'  # an attribute value is not a class
        "@media print{.gone{g:7}}@media screen{.used{h:8}}"
    )
    scripts = 'el.className="md-dialog";x=`md-source__fact--${k}`'
    assert palette_trim.drop_unmatched(css, {"used", "md-typeset"}, scripts, rtl=False) == (
        ".md-typeset .used{a:1}.md-typeset p{b:2}.md-dialog{c:3}.md-source__fact--stars{d:4}"
        'a[href$=".pdf"]{f:6}@media screen{.used{h:8}}'
    )
    assert "[dir=rtl] .used{e:5}" in palette_trim.drop_unmatched(
        css, {"used", "md-typeset"}, scripts, rtl=True
    )


def test_built_pages_name_calc_js_for_later_and_the_theme_css_kept_what_they_use(online_site):
    page = (online_site / "cope" / "negotiate" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="bh-script-later" content="../../assets/javascripts/calc.js">' in page
    assert '<script src="../../assets/javascripts/calc.js"' not in page
    css = next((online_site / "assets" / "stylesheets").glob("main.*.css")).read_text("utf-8")
    for kept in (".md-nav__link", ".md-search-result__item", ".md-typeset table", ".md-header"):
        assert kept in css, kept
    assert "[dir=rtl]" not in css and ".md-tabs" not in css


def test_csp_hashes_the_theme_scripts_but_not_one_written_into_a_page():
    import csp

    html = (
        "<html><head><script>var a=1</script><script src='x.js'></script></head><body>"
        '<article><script>alert(1)</script></article><script type="application/json">{}</script>'
        "<script>var b=2</script></body></html>"
    )
    assert csp.inline_scripts(html) == ["var a=1", "var b=2"]
    page = csp.add_policy(html, offline=False)
    assert page.startswith('<html><head><meta http-equiv="Content-Security-Policy" content="')
    policy = csp.policy(html, offline=False)
    assert csp.sha256("var a=1") in policy and csp.sha256("var b=2") in policy
    assert csp.sha256("alert(1)") not in policy
    assert "default-src 'self'" in policy and "object-src 'none'" in policy


def test_csp_knows_the_offline_shims_frame_script():
    import csp

    script = csp.shim_script("../assets/javascripts/workers/search.x.min.js")
    assert script is not None, "the vendored iframe-worker shim changed: update csp.shim_script"
    assert (
        script.startswith("postMessage=function c(") and '"../assets/javascripts/workers/' in script
    )
