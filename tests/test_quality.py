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
# Pages with a calculator also load calc.js (9.7 KB gzip while it is only stripped of
# whitespace); they get this much until calc.js is minified with renaming (issue 13).
CALC_PAGE_BUDGET_GZIP = 85 * 1024
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
    context = browser.new_context(viewport={"width": 1280, "height": 900})
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
        calc = any(u.split("?")[0].endswith("/calc.js") for u in fetched)
        if total > (CALC_PAGE_BUDGET_GZIP if calc else BUDGET_GZIP):
            over.append(f"{rel}: {total:,} bytes gzip{' (with calc.js)' if calc else ''}")
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
