"""The single-file HTML edition and the PDF: self-contained, complete, linked, reproducible.

Both are made by scripts/single_file.py and scripts/pdf.py from an offline build of a copy of
the project, exactly as `make site` makes them. The HTML is opened from file:// in Debian's
chromium at phone width (390 px); the PDF is checked with pypdf and poppler's pdftotext/pdffonts.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from browsing import Recorder
from conftest import CHROMIUM
from sitebuild import ROOT, LocalServer, build, copy_project

sys.path.insert(0, str(ROOT / "scripts"))
import single_file  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.build]

MAX_HTML_BYTES = 1_500_000
EPOCH = "1796083200"  # 2026-12-01, as tests/sitebuild.py pins it for builds
PHONE = {"width": 390, "height": 844}
KNOWN_HEADINGS = ["招联消费金融是谁", "计算方法"]
ARTIFACTS = ROOT / "test-artifacts"
ARTIFACTS.mkdir(exist_ok=True)


# ---------------------------------------------------------------- builds


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("editions") / "project")
    return project


@pytest.fixture(scope="module")
def offline_build(project, tmp_path_factory) -> Path:
    return (
        build(project, tmp_path_factory.mktemp("editions-offline") / "site", offline=True)
        .check()
        .site
    )


def run_script(*args, env: dict | None = None) -> None:
    """Run one of the scripts as `make site` does (in a process of its own: pdf.py starts its own
    Playwright, which cannot run inside this session's)."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "CHROMIUM": CHROMIUM, **(env or {})}
    result = subprocess.run(
        [sys.executable, *map(str, args)], capture_output=True, text=True, env=environment
    )
    assert result.returncode == 0, result.stdout + result.stderr


def make_single(project: Path, build_dir: Path, out: Path, env: dict | None = None) -> Path:
    run_script(
        ROOT / "scripts" / "single_file.py",
        "--config",
        project / "mkdocs.yml",
        build_dir,
        out,
        env=env,
    )
    return out


def make_pdf(single_html: Path, out: Path) -> Path:
    run_script(ROOT / "scripts" / "pdf.py", single_html, out)
    return out


@pytest.fixture(scope="module")
def single(project, offline_build, tmp_path_factory) -> Path:
    return make_single(
        project, offline_build, tmp_path_factory.mktemp("editions-dist") / "borrower-handbook.html"
    )


@pytest.fixture(scope="module")
def pdf_file(single, tmp_path_factory) -> Path:
    return make_pdf(single, tmp_path_factory.mktemp("editions-pdf") / "borrower-handbook.pdf")


@pytest.fixture(scope="module")
def nav_pages(project):
    parts, info = single_file.read_nav(project / "mkdocs.yml")
    return [page for part in parts for page in part.pages], info


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} not found: apt-get install poppler-utils")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


# ---------------------------------------------------------------- the HTML file


def test_single_file_is_small_self_contained_and_complete(single, nav_pages):
    pages, _ = nav_pages
    text = single.read_text(encoding="utf-8")
    assert single.stat().st_size <= MAX_HTML_BYTES, f"{single.stat().st_size:,} bytes"
    assert single_file.check_self_contained(text) == []
    assert (
        '<link rel="stylesheet"' not in text
        and "bundle." not in text
        and "search_index" not in text
    )
    found = re.findall(r'<section class="sf-page" id="([^"]+)"', text)
    assert found == [page.anchor for page in pages], "every nav page, in nav order"
    # generated pages (全部来源 and its topic pages, 术语表) carry none
    generated = [
        page for page in pages if page.src.startswith("sources/") or page.src == "glossary.md"
    ]
    assert text.count('<p class="reviewed">') >= len(pages) - len(generated)
    assert Path(single.with_name(single.name + ".sha256")).read_text().split()[1] == single.name


def test_single_file_inlines_extra_css_and_javascript(single, offline_build, nav_pages):
    _, info = nav_pages
    text = single.read_text(encoding="utf-8")
    for css in info["extra_css"]:  # inlined, less the rules nothing in the file can match
        source = re.sub(
            r"/\*.*?\*/", "", (offline_build / css).read_text(encoding="utf-8"), flags=re.S
        )
        bodies = [body for _, body in single_file._blocks(source) if body and "{" not in body]
        assert bodies and any(f"{{{body}}}" in text for body in bodies), f"{css} not inlined"
    scripts = [str(getattr(s, "path", s)) for s in info["extra_javascript"]]
    if 'class="calc"' in text:
        scripts.append("assets/javascripts/calc.js")  # added per page by hooks/page_assets.py
    if 'class="letter-form' in text or 'class="budget-form' in text:
        scripts.append("assets/javascripts/forms.js")
    for script in scripts:
        source = (offline_build / script).read_text(encoding="utf-8")
        assert source.strip().splitlines()[-1] in text, f"{script} not inlined"


def test_single_file_css_keeps_what_the_file_uses_and_drops_the_theme_chrome(single):
    text = single.read_text(encoding="utf-8")
    css = "".join(re.findall(r"<style>(.*?)</style>", text, re.S))
    for used in (".md-typeset .admonition", ".tabbed-set", ".sf-search", ".letter-form"):
        assert used in css, f"{used} was pruned but the file uses it"
    for unused in (".md-search__input", ".md-header__button", ".md-sidebar", ".md-nav__link"):
        assert unused not in css, f"{unused}: the file has no such element"
    assert len(css.encode()) < 100_000


def test_single_file_is_reproducible(single, project, offline_build, tmp_path):
    again = make_single(project, offline_build, tmp_path / "again.html")
    assert again.read_bytes() == single.read_bytes()


def test_ids_are_prefixed_per_page_and_page_links_become_in_file_links(single):
    # the markup only: inlined scripts hold templates such as href="${…}" that are not links
    text = re.sub(
        r"<script\b[^>]*>.*?</script>", "", single.read_text(encoding="utf-8"), flags=re.S
    )
    for href in re.findall(r'href="([^"]*)"', text):
        assert href.startswith(("#", "data:", "http://", "https://", "mailto:", "tel:")), href
    internal = re.findall(r'href="#([^"]+)"', text)
    assert any("--" in ref for ref in internal), "no rewritten cross-page anchor found"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    recorder = Recorder(page)
    yield page, recorder
    context.close()


def in_view(page, element_id: str) -> bool:
    return page.evaluate(
        """id => { const el = document.getElementById(id); if (!el) return false;
        const r = el.getBoundingClientRect(); return r.top >= -2 && r.top < innerHeight; }""",
        element_id,
    )


def test_single_file_on_a_phone_loads_nothing_and_its_links_land(phone, single):
    page, recorder = phone
    url = single.as_uri()
    page.goto(url)
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Table of contents: a section, a page in the middle, the last page.
    toc = page.eval_on_selector_all(".sf-toc a", "els => els.map(e => e.getAttribute('href'))")
    assert len(toc) >= 5
    for href in (toc[1], toc[len(toc) // 2], toc[-1]):
        page.goto(url)
        page.click(f".sf-toc a[href='{href}']")
        page.wait_for_function(
            "h => decodeURIComponent(location.hash) === decodeURIComponent(h)", arg=href
        )
        assert in_view(page, href[1:]), f"{href} is not in view after the click"
    # A link inside a page that points to a heading on another page.
    cross = page.evaluate("""() => [...document.querySelectorAll('.sf-page a[href^="#"]')]
        .map(a => [a.closest('.sf-page').id, a.getAttribute('href')])
        .filter(([pid, h]) => h.includes('--') && !h.startsWith('#' + pid + '--')
                 && !h.includes('--source-') && document.getElementById(decodeURIComponent(h.slice(1))))
        .map(([, h]) => h)""")
    assert cross, "no cross-page heading link in the file"
    page.goto(url)
    page.locator(f".sf-page a[href='{cross[0]}']").first.click()
    page.wait_for_function(
        "h => decodeURIComponent(location.hash) === decodeURIComponent(h)", arg=cross[0]
    )
    assert in_view(page, cross[0][1:])
    # Nothing but the file itself, ever.
    assert [r for r in recorder.requests if r.split("#")[0] != url] == []
    assert recorder.errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


SEARCHES = {  # query -> a heading (or page title) one of the first results must carry
    "征信 异议": "异议",
    "催收 家人": "家人",
    "法院 短信": None,
    "停息挂账": "停息挂账",
}


def search_in_file(page, query: str) -> list[dict]:
    if not page.locator("#sf-search").is_visible():
        page.click("#sf-bar-search")
    page.fill("#sf-search-input", query)  # fill fires "input", as a paste does: no key event
    return page.eval_on_selector_all(
        "#sf-search-results li a",
        """els => els.map(a => ({href: a.getAttribute('href'), title: a.querySelector('.sf-hit-title').innerText,
            text: a.innerText}))""",
    )


def test_single_file_search_finds_passages_and_lands_on_them(phone, single):
    page, recorder = phone
    url = single.as_uri()
    page.goto(url)
    page.wait_for_load_state("load")
    bar = page.locator(".sf-bar")
    assert bar.is_visible() and page.locator("#sf-bar-search").is_visible()
    assert not page.locator("#sf-search").is_visible(), "the search opens only when asked"
    for query, heading in SEARCHES.items():
        hits = search_in_file(page, query)
        assert hits, f"no result for {query}"
        words = query.split()
        for hit in hits:  # every term in every passage: check on the target itself
            passage = page.evaluate(
                """h => { const el = document.getElementById(decodeURIComponent(h.slice(1)));
                const page = el.closest('.sf-page'); return el ? [el.innerText, page.innerText] : null; }""",
                hit["href"],
            )
            assert passage, f"{query}: result {hit['href']} points to no element"
            assert all(w in passage[1] for w in words), f"{query}: {hit['title']} lacks a term"
        if heading:
            assert any(heading in hit["title"] for hit in hits[:3]), (query, hits[:3])
    # A word that is nowhere: a message, no results.
    assert search_in_file(page, "并不存在的词语xyz") == []
    assert "没有找到" in page.inner_text("#sf-search-status")
    # Two terms that never meet in one passage give nothing, although each one alone does.
    # Follow a result, then come back with the bar: to the search (results kept) and the contents.
    hits = search_in_file(page, "催收 家人")
    page.screenshot(path=str(ARTIFACTS / "single-file-search-390.png"))
    page.locator("#sf-search-results a").first.click()
    target = hits[0]["href"]
    page.wait_for_function(
        "h => decodeURIComponent(location.hash) === decodeURIComponent(h)", arg=target
    )
    assert not page.locator("#sf-search").is_visible(), "the panel closes on a result"
    assert in_view(page, unquote(target[1:]))
    box = bar.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], "the bar is on screen after the jump"
    page.click("#sf-bar-search")
    assert page.locator("#sf-search").is_visible()
    assert page.evaluate("document.activeElement.id") == "sf-search-input"
    assert page.locator("#sf-search-results li").count() == len(hits)
    page.keyboard.press("Escape")
    assert not page.locator("#sf-search").is_visible()
    page.click(".sf-bar a[href='#sf-toc']")
    page.wait_for_function("() => location.hash === '#sf-toc'")
    assert in_view(page, "sf-toc")
    assert [r for r in recorder.requests if r.split("#")[0] != url] == []
    assert recorder.errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_single_file_search_needs_every_term_in_one_passage(phone, single):
    page, _ = phone
    page.goto(single.as_uri())

    def ids(query: str) -> set[str]:  # every match (the list on screen stops at 30)
        return set(page.evaluate("q => sfSearch(q).hits.map(h => h.item.id)", query))

    one, other, both = ids("征信"), ids("家人"), ids("征信 家人")
    assert one and other and both
    assert both <= one and both <= other and len(both) < min(len(one), len(other))
    # Upper and lower case, a full-width space between terms: the same passages.
    assert ids("lpr") == ids("LPR") != set()
    assert ids("征信\u3000家人") == both
    # What the screen lists are the best of those.
    shown = {unquote(h["href"][1:]) for h in search_in_file(page, "征信 家人")}
    assert shown <= both and len(shown) == min(len(both), 30)


def test_single_file_search_is_hidden_without_javascript_and_in_print(browser, single):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(single.as_uri())
    assert not page.locator("#sf-search").is_visible()
    assert not page.locator("#sf-bar-search").is_visible()
    assert page.locator(".sf-bar a[href='#sf-toc']").is_visible()  # a plain link still works
    page.emulate_media(media="print")
    assert not page.locator(".sf-bar").is_visible()
    context.close()


def test_calculator_recomputes_in_the_single_file(phone, single, offline_build):
    page, recorder = phone
    calc_js = offline_build / "assets" / "javascripts" / "calc.js"
    if not calc_js.is_file():
        pytest.skip(
            "calc.js is not in the build yet (docs/assets/javascripts/calc.js is being written)"
        )
    text = single.read_text(encoding="utf-8")
    if 'class="calc"' not in text:
        pytest.skip(
            "no calculator block on any nav page yet (the 计算器 section is not in the nav)"
        )
    assert calc_js.read_text(encoding="utf-8").strip().splitlines()[-1] in text, (
        "calc.js not inlined"
    )
    page.goto(single.as_uri())
    field = page.locator(".calc input, .calc select").first
    field.wait_for()
    output = page.locator(".calc-output").first
    before = output.inner_text()
    field.scroll_into_view_if_needed()
    field.fill("")
    field.type("3")
    field.press("Tab")
    page.wait_for_function("([el, b]) => el.innerText !== b", arg=[output.element_handle(), before])
    assert recorder.errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_print_leaves_out_web_only_sentences_and_charts_and_leaves_room_to_write(
    browser, single, tmp_path
):
    sys.path.insert(0, str(ROOT / "scripts"))
    import pdf

    printed = tmp_path / "print.html"
    printed.write_text(
        pdf.print_variant(single.read_text(encoding="utf-8"), "借款人手册", None), encoding="utf-8"
    )
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 800, "height": 1100}
    )
    page = context.new_page()
    page.goto(printed.as_uri())
    page.emulate_media(media="screen")
    marked = page.locator(".screen-only").count()
    assert marked >= 5, "the template and calculator pages mark their web-only sentences"
    assert page.locator(".screen-only:visible").count() > 0
    page.emulate_media(media="print")
    assert page.locator(".screen-only:visible").count() == 0
    text = page.inner_text("body")
    for web_only in ("在上面的表单里", "刷新页面就会清空", "点“打印”时"):
        assert web_only not in text, f"{web_only} prints"
    assert page.locator(".calc-chart:visible").count() == 0
    # Every blank of a letter is a line (or a box for a long answer) with its name under it.
    letter = page.locator("[data-template=collection-complaint]")
    blanks = letter.locator(".blank")
    assert blanks.count() >= 8
    line = blanks.first.evaluate(
        "b => { const s = getComputedStyle(b); return [s.borderBottomStyle, b.getBoundingClientRect().width]; }"
    )
    assert line[0] == "solid" and line[1] > 60
    box = letter.locator(".blank-long").first.bounding_box()
    assert box and box["height"] > 80, "a long answer gets a box to write in"
    context.close()


# ---------------------------------------------------------------- the PDF


def test_pdf_text_fonts_and_cover(pdf_file, single):
    from pypdf import PdfReader

    reader = PdfReader(pdf_file)
    assert len(reader.pages) > 0
    text = poppler("pdftotext", "-enc", "UTF-8", str(pdf_file), "-")
    for heading in KNOWN_HEADINGS:
        assert heading in text, f"{heading} not found in the PDF text"
    assert "最后核对" in text
    edition = re.search(r'<time datetime="([^"]+)"', single.read_text(encoding="utf-8")).group(1)
    cover = poppler("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(pdf_file), "-")
    assert edition in cover and "借款人手册" in cover
    rows = poppler("pdffonts", str(pdf_file)).splitlines()[2:]
    assert rows, "no fonts"
    for row in rows:  # columns end with: emb sub uni object-number generation
        assert row.split()[-5] == "yes", f"font not embedded: {row}"


def test_pdf_internal_links_resolve_and_outline_exists(pdf_file):
    from pypdf import PdfReader

    reader = PdfReader(pdf_file)
    names = reader.named_destinations
    internal = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            dest = annotation.get("/Dest")
            if dest is None and "/A" in annotation and annotation["/A"].get("/S") == "/GoTo":
                dest = annotation["/A"]["/D"]
            if dest is None:
                continue  # a link to a website
            internal += 1
            if isinstance(dest, str):
                assert dest in names, f"link to a missing destination {dest}"
                assert reader.get_destination_page_number(names[dest]) >= 0
    assert internal > 50, "the table of contents alone links every page"
    assert len(reader.outline) >= 5
    info = reader.metadata
    assert info["/CreationDate"] == info["/ModDate"]


def test_pdf_table_of_contents_numbers_match_the_pages(pdf_file):
    toc = poppler("pdftotext", "-enc", "UTF-8", "-layout", "-f", "2", "-l", "3", str(pdf_file), "-")
    numbers = [int(n) for n in re.findall(r"\S\s{2,}(\d+)\s*$", toc, re.M)]  # not the page footers
    assert len(numbers) >= 5 and numbers == sorted(numbers)
    from pypdf import PdfReader

    reader = PdfReader(pdf_file)
    landed = {reader.get_destination_page_number(d) + 1 for d in reader.named_destinations.values()}
    assert set(numbers) <= landed, "a contents entry names a page no section starts on"


def test_pdf_is_reproducible(pdf_file, single, tmp_path):
    again = make_pdf(single, tmp_path / "again.pdf")
    assert again.read_bytes() == pdf_file.read_bytes()


# ---------------------------------------------------------------- downloads on the online site


@pytest.fixture(scope="module")
def dist(offline_build, single, pdf_file, tmp_path_factory) -> Path:
    """dist/ as `make site` leaves it before the online build."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import bundle

    folder = tmp_path_factory.mktemp("editions-downloads")
    bundle.make_zip(
        offline_build, folder / "borrower-handbook-offline.zip", "borrower-handbook-offline"
    )
    for path in (single, pdf_file):
        shutil.copyfile(path, folder / path.name)
    (folder / "SHA256SUMS").write_text(
        "".join(
            f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}\n"
            for n in (
                "borrower-handbook-offline.zip",
                "borrower-handbook.html",
                "borrower-handbook.pdf",
            )
        )
    )
    return folder


@pytest.fixture(scope="module")
def online_with_downloads(project, dist, tmp_path_factory) -> Path:
    return (
        build(
            project,
            tmp_path_factory.mktemp("editions-online") / "site",
            env={"DOWNLOADS_DIR": str(dist)},
        )
        .check()
        .site
    )


def test_online_site_serves_the_downloads_and_the_page_links_each(
    browser, online_with_downloads, dist, tmp_path
):
    names = ["borrower-handbook.html", "borrower-handbook.pdf", "borrower-handbook-offline.zip"]
    served = online_with_downloads / "downloads"
    for name in names:
        assert (served / name).read_bytes() == (dist / name).read_bytes()
        digest = hashlib.sha256((dist / name).read_bytes()).hexdigest()
        assert (served / f"{name}.sha256").read_text() == f"{digest}  {name}\n"
    assert (served / "SHA256SUMS").read_text() == (dist / "SHA256SUMS").read_text()
    with LocalServer(online_with_downloads) as server:
        context = browser.new_context(viewport=PHONE, accept_downloads=True)
        page = context.new_page()
        page.goto(server.url + "offline/")
        items = page.locator("ul.downloads > li")
        assert items.count() == len(names)
        for index, name in enumerate(names):
            item = items.nth(index)
            text = item.inner_text()
            data = (dist / name).read_bytes()
            assert name in text and f"{len(data):,} 字节" in text
            assert hashlib.sha256(data).hexdigest() in text, f"{name}: checksum not on the page"
            for link, saved_name in (
                (item.locator("a.download-link"), name),
                (item.locator("a", has_text="校验文件"), f"{name}.sha256"),
            ):
                with page.expect_download() as info:
                    link.click()
                download = info.value
                assert download.suggested_filename == saved_name
                target = tmp_path / saved_name
                download.save_as(target)
                expected = data if saved_name == name else (served / saved_name).read_bytes()
                assert target.read_bytes() == expected, f"{saved_name}: the link gives other bytes"
        with page.expect_download() as info:
            page.locator("a", has_text="SHA256SUMS").click()
        assert info.value.suggested_filename == "SHA256SUMS"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=str(ARTIFACTS / "offline-downloads-390.png"), full_page=True)
        context.close()


def test_offline_copies_point_to_a_newer_copy_only_when_the_site_url_is_known(
    project, offline_build, single, tmp_path
):
    page = (offline_build / "offline.html").read_text(encoding="utf-8")
    assert 'class="downloads"' not in page and "离线拷贝" in page
    assert "http" not in re.search(r'<p class="downloads-note">.*?</p>', page).group(0)
    assert "sf-newer" not in single.read_text(encoding="utf-8")
    site_url = {"SITE_URL": "https://example.org/handbook/"}
    with_url = build(project, tmp_path / "site", offline=True, env=site_url).check().site
    note = re.search(
        r'<p class="downloads-note">.*?</p>',
        (with_url / "offline.html").read_text(encoding="utf-8"),
    ).group(0)
    assert 'href="https://example.org/handbook/offline/"' in note
    out = make_single(project, with_url, tmp_path / "borrower-handbook.html", env=site_url)
    text = out.read_text(encoding="utf-8")
    assert '<p class="sf-newer">' in text and 'href="https://example.org/handbook/offline/"' in text


def test_a_downloads_dir_without_a_file_fails_the_build_naming_it(project, tmp_path):
    (tmp_path / "dl").mkdir()
    (tmp_path / "dl" / "borrower-handbook.html").write_text("x")
    result = build(project, tmp_path / "site", env={"DOWNLOADS_DIR": str(tmp_path / "dl")})
    assert result.returncode != 0
    assert "has no borrower-handbook.pdf" in result.output and "Traceback" not in result.output


# ---------------------------------------------------------------- the zip


@pytest.fixture(scope="module")
def unzipped(dist, tmp_path_factory) -> Path:
    import zipfile

    dest = tmp_path_factory.mktemp("editions-unzipped")
    with zipfile.ZipFile(dist / "borrower-handbook-offline.zip") as archive:
        archive.extractall(dest)
    return dest / "borrower-handbook-offline"


def test_zip_404_page_is_styled_and_its_links_work_from_file(browser, unzipped):
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # logo link visible
    page = context.new_page()
    recorder = Recorder(page)
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto((unzipped / "404.html").as_uri())
    page.wait_for_load_state("load")
    assert failed == [], f"the 404 page could not load {failed}"
    loaded = [u for u in recorder.requests if u.startswith("file:")]
    assert any(u.endswith(".css") for u in loaded) and all(
        u.startswith(unzipped.as_uri()) for u in loaded
    ), loaded
    # Material's stylesheet applies: the header bar has the theme colour, not a bare page.
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert header in ("sticky", "fixed")
    hrefs = page.eval_on_selector_all(
        "a[href]",
        "els => els.map(a => a.getAttribute('href')).filter(h => !/^(https?:|#)/.test(h))",
    )
    assert hrefs and not any(h.startswith("/") for h in hrefs), hrefs[:5]
    for href in hrefs:
        target = (unzipped / unquote(href.split("#")[0])).resolve()
        assert target.is_file(), f"404 page links to {href}, not in the zip"
    page.locator(".md-header a.md-logo").click()
    page.wait_for_load_state("load")
    assert page.url.startswith(unzipped.as_uri()) and page.url.endswith("index.html")
    assert recorder.errors == []
    context.close()


def test_zip_holds_only_what_its_edition_loads(browser, unzipped):
    import bundle

    files = {p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*") if p.is_file()}
    assert not files & set(bundle.LEFT_OUT), "left-out files are in the zip"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    read: set[str] = set()
    base = unzipped.as_uri() + "/"
    context.on(
        "request",
        lambda r: (
            read.add(unquote(r.url[len(base) :].split("#")[0].split("?")[0]))
            if r.url.startswith(base)
            else None
        ),
    )
    page = context.new_page()
    for path in sorted(files):
        if path.endswith(".html"):
            page.goto(base + path)
            page.wait_for_load_state("load")
    page.goto(base + "index.html")
    page.fill(".md-search__input", "征信")
    page.press(".md-search__input", "End")  # Material searches on keyup
    page.wait_for_selector(".md-search-result__item")
    context.close()
    unused = sorted(f for f in files - read if not f.endswith((".html", "LICENSE.txt")))
    assert unused == [], f"files no page of the zip loads: {unused}"
    assert "search/search_index.js" in read
