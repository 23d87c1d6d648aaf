"""Strict builds of both editions, the offline bundle, and the third-party guard."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile

import pytest
import site_checks
from sitebuild import build, copy_project, pages

pytestmark = pytest.mark.build

THIRD_PARTY = re.compile(r"""(?:src|href|srcset|data)\s*=\s*["']?(?:https?:)?//""", re.I)


def test_online_build_has_the_first_pages(online_site):
    built = {p.relative_to(online_site).as_posix() for p in pages(online_site)}
    assert {"index.html", "about/index.html", "offline/index.html"} <= built


def test_offline_build_uses_plain_file_urls(offline_site):
    built = {p.relative_to(offline_site).as_posix() for p in pages(offline_site)}
    assert {"index.html", "about.html", "offline.html"} <= built
    assert (offline_site / "search" / "search_index.js").is_file()


@pytest.mark.parametrize("edition", ["online_site", "offline_site"])
def test_no_third_party_host_in_html_or_css(edition, request):
    site = request.getfixturevalue(edition)
    offenders = []
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".css") and path.is_file():
            for line, url in site_checks.find_external_loads(path):
                offenders.append(f"{path.relative_to(site)}:{line} {url}")
    assert offenders == []
    # Independently of the guard's parser: no attribute that loads from //host at all,
    # except <link rel="canonical"> (never fetched) and ordinary <a href> links.
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|img|iframe|source|link)\b[^>]*>", html):
            if 'rel="canonical"' in tag or "rel=canonical" in tag:
                continue
            assert not THIRD_PARTY.search(tag), f"{page.name}: {tag}"


def test_theme_fonts_and_generator_are_off(online_site):
    html = (online_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    assert "squidfunk.github.io" not in html
    assert 'lang="zh"' in html


def test_offline_bundle_is_pruned_and_uses_the_vendored_shim(offline_site):
    assert not list(offline_site.rglob("*.map"))
    assert not (offline_site / "assets" / "javascripts" / "lunr").exists()
    html = (offline_site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/vendor/iframe-worker-shim.js"' in html
    assert "unpkg.com" not in html
    # The online edition keeps neither the shim nor anything else offline-only.
    assert (offline_site / "assets" / "vendor" / "iframe-worker-LICENSE.txt").is_file()


def test_online_edition_does_not_load_the_shim(online_site):
    assert "iframe-worker-shim.js" not in (online_site / "index.html").read_text(encoding="utf-8")


def test_search_index_is_utf8_and_segmented(online_site):
    raw = (online_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u" not in raw.split('"docs"', 1)[1], "Chinese should be stored as UTF-8, not escapes"
    index = json.loads(raw)
    assert "\u200b" in json.dumps(index["docs"], ensure_ascii=False), (
        "jieba inserts zero-width spaces"
    )
    assert any("离线版" in doc["title"].replace("\u200b", "") for doc in index["docs"])


def test_calculator_blocks_are_in_the_pages_but_not_in_the_search_index(online_site):
    page = (online_site / "calculators" / "fee-rate" / "index.html").read_text(encoding="utf-8")
    assert page.count('<div class="calc" data-calc=') == 5 and "calc-slot" not in page
    assert '<form class="calc-form" novalidate hidden>' in page
    docs = json.loads((online_site / "search" / "search_index.json").read_text(encoding="utf-8"))[
        "docs"
    ]
    text = "".join(
        doc["text"] for doc in docs if doc["location"].startswith("calculators/fee-rate/")
    ).replace("\u200b", "")
    assert "13.84%" in text  # an inline figure is prose: searchable
    assert (
        "calc-slot" not in text and "展开全部" not in text and "借款金额（元）" not in text
    )  # a block is not


def test_chinese_headings_keep_chinese_ids(online_site):
    html = (online_site / "index.html").read_text(encoding="utf-8")
    assert 'id="还不上时先做什么"' in html


def test_guard_fails_the_build_on_a_third_party_load(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "about.md"
    page.write_text(
        page.read_text(encoding="utf-8") + '\n<img src="https://cdn.example.com/x.png" alt="x">\n',
        encoding="utf-8",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "third-party load in about/index.html" in result.output
    assert "https://cdn.example.com/x.png" in result.output


def test_guard_fails_on_a_web_font_in_css(tmp_path):
    project = copy_project(tmp_path / "project")
    css = project / "docs" / "assets" / "extra.css"
    css.write_text(
        '@import "https://fonts.googleapis.com/css?family=Noto+Sans+SC";\n'
        + css.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "third-party load in assets/extra.css line 1" in result.output


def test_broken_link_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "about.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n[坏链接](no-such-page.md#没有)\n", encoding="utf-8"
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no-such-page.md" in result.output


def test_zip_is_reproducible_and_has_its_checksum(offline_site, tmp_path):
    import sys

    from sitebuild import ROOT

    sys.path.insert(0, str(ROOT / "scripts"))
    import bundle

    first = bundle.make_zip(offline_site, tmp_path / "a" / "x.zip", "x")
    second = bundle.make_zip(offline_site, tmp_path / "b" / "x.zip", "x")
    assert first == second
    assert (tmp_path / "a" / "x.zip.sha256").read_text() == f"{first}  x.zip\n"
    assert hashlib.sha256((tmp_path / "a" / "x.zip").read_bytes()).hexdigest() == first
    with zipfile.ZipFile(tmp_path / "a" / "x.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert "x/index.html" in names
        assert {info.date_time for info in archive.infolist()} == {bundle.zip_time()}


def test_two_builds_are_byte_identical(project, online_site, tmp_path):
    again = build(project, tmp_path / "again").check().site
    first = {
        p.relative_to(online_site): p.read_bytes() for p in online_site.rglob("*") if p.is_file()
    }
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    differing = sorted(str(k) for k in first if first[k] != second[k])
    assert differing == []


def test_external_links_are_collected_for_maintainers(tmp_path):
    import sys

    from sitebuild import ROOT

    sys.path.insert(0, str(ROOT / "scripts"))
    import linkcheck

    links = linkcheck.collect()
    assert list(links) == sorted(links)
    registry_urls = [
        u for u, places in links.items() if any(p.startswith("data/facts.yml") for p in places)
    ]
    assert registry_urls, "the registry's official URLs are in the report"
    assert all(u.startswith(("http://", "https://")) for u in links)
    assert linkcheck.main(["--out", str(tmp_path / "links.txt")]) == 0
    lines = (tmp_path / "links.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(links) and all(line.startswith("-\t") for line in lines)


def test_two_offline_builds_and_their_zips_are_byte_identical(project, offline_site, tmp_path):
    import sys

    from sitebuild import ROOT

    sys.path.insert(0, str(ROOT / "scripts"))
    import bundle

    again = build(project, tmp_path / "again", offline=True).check().site
    first = bundle.make_zip(offline_site, tmp_path / "a" / "x.zip", "x")
    second = bundle.make_zip(again, tmp_path / "b" / "x.zip", "x")
    assert first == second


# --- toolchain continuity -----------------------------------------------------------


@pytest.mark.build
def test_properdocs_builds_the_same_site(project, online_site, tmp_path):
    """The fallback if MkDocs 1.x stops being installable: ProperDocs 1.6.7 (a drop-in
    continuation) builds every file byte for byte the same, but the generator <meta>."""
    other = build(project, tmp_path / "site", tool="properdocs").check().site
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')

    def files(site):
        return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}

    ours, theirs = files(online_site), files(other)
    assert sorted(ours) == sorted(theirs)
    differ = [
        name
        for name, path in ours.items()
        if generator.sub(b"", path.read_bytes()) != generator.sub(b"", theirs[name].read_bytes())
    ]
    assert differ == []
    assert b"ProperDocs" in (other / "index.html").read_bytes()  # it really was the other tool
