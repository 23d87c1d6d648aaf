"""Quality gates in a real browser: accessibility (axe-core), phone layout, page weight, print.

Screenshots of representative pages at 390 and 1280 px go to test-artifacts/ (not committed)
for people to look at.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sitebuild import ROOT, pages

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
BUDGET_GZIP = 80 * 1024  # everything a cold load of a page fetches, gzip -6 per file
REPRESENTATIVE = [
    "index.html",
    "cope/negotiate.html",
    "calculators/fee-rate.html",
    "templates/negotiation-letter.html",
    "rights/credit-report.html",
    "faq.html",
]


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, has_touch=True
    )
    yield context
    context.close()


@pytest.fixture(scope="module")
def desktop(browser):
    # axe-core is injected as an inline script, which the pages' Content-Security-Policy
    # refuses (as it should); the CSP itself is tested in tests/test_browser.py.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context
    context.close()


def offline_pages(unpacked_zip):
    return [p.relative_to(unpacked_zip).as_posix() for p in pages(unpacked_zip)]


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return result


def test_axe_is_installed():
    assert AXE.is_file(), "make test installs axe-core with npm ci"


@pytest.mark.parametrize("edition", ["offline", "online"])
def test_no_accessibility_violations(desktop, edition, unpacked_zip, online_server):
    """axe-core on every page: no violation of any impact (the list is kept in test-artifacts/)."""
    page = desktop.new_page()
    found = []
    for rel in offline_pages(unpacked_zip):
        if edition == "offline":
            url = (unpacked_zip / rel).as_uri()
        else:
            # directory URLs: a/index.html is served at a/, a/b.html at a/b/
            url = online_server.url + (
                rel.removesuffix("index.html")
                if rel.endswith("index.html")
                else rel.removesuffix(".html") + "/"
            )
        response = page.goto(url)
        assert edition == "offline" or response.ok, (
            f"{url}: {response.status}"
        )  # not axe on a 404 page
        for violation in run_axe(page):
            found.append(
                f"{rel}: {violation['id']} ({violation['impact']}) {violation['help']} {violation['nodes']}"
            )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{edition}.txt").write_text("\n".join(found) + "\n", encoding="utf-8")
    page.close()
    assert found == []


def test_no_page_scrolls_sideways_on_a_phone(phone, unpacked_zip):
    page = phone.new_page()
    wide = []
    ARTIFACTS.mkdir(exist_ok=True)
    for rel in offline_pages(unpacked_zip):
        page.goto((unpacked_zip / rel).as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide.append(f"{rel}: {width}px")
    page.close()
    assert wide == []


def test_screenshots_of_representative_pages(phone, desktop, unpacked_zip):
    ARTIFACTS.mkdir(exist_ok=True)
    taken = 0
    for context, width in ((phone, 390), (desktop, 1280)):
        page = context.new_page()
        for rel in REPRESENTATIVE:
            if not (unpacked_zip / rel).exists():
                continue
            page.goto((unpacked_zip / rel).as_uri())
            page.screenshot(
                path=str(ARTIFACTS / f"{rel.replace('/', '_').removesuffix('.html')}-{width}.png"),
                full_page=True,
            )
            taken += 1
        page.close()
    assert taken >= 4


def _local_file(url: str, site: Path, server_url: str) -> Path | None:
    if url.startswith("file:"):
        return Path(unquote(urlsplit(url).path))
    if url.startswith(server_url):
        relative = unquote(urlsplit(url).path).lstrip("/")
        candidate = site / relative
        return candidate / "index.html" if candidate.is_dir() or not relative else candidate
    return None


def test_first_load_weight_is_within_budget(browser, online_site, online_server):
    """Bytes are deterministic: gzip size of everything a cold load of each page fetches."""
    over, report = [], []
    for path in pages(online_site):
        rel = path.relative_to(online_site).as_posix()
        context = browser.new_context()
        page = context.new_page()
        fetched: list[str] = []
        page.on("requestfinished", lambda request, fetched=fetched: fetched.append(request.url))
        page.goto(online_server.url + rel.removesuffix("index.html"))
        page.wait_for_load_state("networkidle")
        total = 0
        fonts = [
            u for u in fetched if u.split("?")[0].endswith((".woff", ".woff2", ".ttf", ".otf"))
        ]
        for url in fetched:
            local = _local_file(url, online_site, online_server.url)
            assert local is not None, f"{rel} fetched {url} from elsewhere"
            if local.is_file():
                total += len(gzip.compress(local.read_bytes(), 6))
        report.append({"page": rel, "requests": len(fetched), "gzip_bytes": total})
        assert fonts == [], f"{rel} loads fonts {fonts}"
        if total > BUDGET_GZIP:
            over.append(f"{rel}: {total:,} bytes gzip")
        context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "page-weight.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    assert over == []


def test_pages_print_without_navigation(desktop, unpacked_zip):
    page = desktop.new_page()
    page.goto((unpacked_zip / "index.html").as_uri())
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-search']
        .map(s => document.querySelector(s)).filter(Boolean)
        .every(e => getComputedStyle(e).display === 'none')""")
    assert hidden
    assert page.is_visible("h1")
    page.close()


# WCAG 2.2 target size (minimum): 24 x 24 CSS px. Measured on the phone, where thumbs are.
TARGET = 24
CITATION_PAGES = ["rights/credit-report.html", "cope/court-timeline.html", "faq.html"]
MEASURE_CITATIONS = """(TARGET) => {
  const small = [];
  for (const a of document.querySelectorAll('article sup.cite a')) {
    a.scrollIntoView({block: 'center'});
    const r = a.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (r.width < TARGET || r.height < TARGET || !(hit === a || a.contains(hit)))
      small.push(`${a.textContent} ${r.width.toFixed(1)}x${r.height.toFixed(1)} (centre hits ${hit && hit.tagName})`);
  }
  const badges = [...document.querySelectorAll('.cite-secondary')]
    .map(b => parseFloat(getComputedStyle(b).fontSize));
  return {count: document.querySelectorAll('article sup.cite a').length, small, badges};
}"""


def test_citation_links_are_thumb_sized_and_the_badge_is_readable(phone, unpacked_zip):
    page = phone.new_page()
    problems, seen, badges = [], 0, []
    for rel in CITATION_PAGES:
        if not (unpacked_zip / rel).exists():
            continue
        page.goto((unpacked_zip / rel).as_uri())
        found = page.evaluate(MEASURE_CITATIONS, TARGET)
        seen += found["count"]
        badges += found["badges"]
        problems += [f"{rel}: {item}" for item in found["small"]]
    page.close()
    assert seen >= 20, "the pages measured carry citations"
    assert problems == []
    assert badges and min(badges) >= 12, f"仅见于二手资料 badge at {min(badges or [0])} px"


@pytest.mark.parametrize("stem", ["contact-log", "evidence-list"])
def test_tables_to_fill_in_fit_a_phone_as_labelled_cards(phone, unpacked_zip, stem):
    page = phone.new_page()
    page.goto((unpacked_zip / "templates" / f"{stem}.html").as_uri())
    page.wait_for_selector(".table-form.form-ready")
    table = page.locator(".table-form table")
    assert table.evaluate("t => t.getBoundingClientRect().right") <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    fields = page.eval_on_selector_all(
        ".table-form tbody tr:first-child td",
        """tds => tds.map(td => {
            const f = td.querySelector('input, textarea').getBoundingClientRect();
            return [td.dataset.label, getComputedStyle(td, '::before').content, f.width, f.height];
        })""",
    )
    headers = page.eval_on_selector_all(
        ".table-form thead th", "ths => ths.map(th => th.textContent.trim())"
    )
    assert [f[0] for f in fields] == headers  # each field says which column it is
    assert all(f[1].strip('"') == f[0] for f in fields), fields
    assert all(f[2] >= 200 and f[3] >= TARGET for f in fields), fields
    ARTIFACTS.mkdir(exist_ok=True)
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"templates_{stem}-cards-390.png"))
    page.close()


def test_the_phone_drawer_lists_the_sections(phone, unpacked_zip):
    page = phone.new_page()
    page.goto((unpacked_zip / "rights" / "credit-report.html").as_uri())
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(400)
    visible = page.eval_on_selector_all(
        ".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link",
        """els => els.filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.left >= 0 && r.right <= innerWidth;
        }).map(e => e.textContent.trim())""",
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "drawer-390.png"))
    page.close()
    for section in ("应对策略", "借款人权利", "计算器", "文书模板"):
        assert section in visible, f"{section} not visible in the drawer: {visible}"
