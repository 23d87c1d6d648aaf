"""Real browser (Debian chromium via Playwright): both editions, every page, search, no requests out."""

from __future__ import annotations

import pytest
from browsing import Recorder, crawl, missing_anchors, page_stem, search

pytestmark = pytest.mark.browser

# Chinese queries and the page that must be the first hit. Extend as pages arrive.
SEARCHES = [
    ("征信", "rights/credit-report"),
    ("月费率", "calculators/fee-rate"),
    ("停息挂账", "cope/scams"),
    ("招联", "lender/zhaolian"),
    ("等额本金", "calculators/installment"),
    ("通讯录", "rights/personal-info"),
    ("催收", "cope/harassment"),
    ("离线版", "offline"),
    ("术语表", "glossary"),
    ("法院", "cope/court-papers"),
    ("传票", "cope/court-timeline"),
    ("执行和解", "rights/enforcement"),
    ("法律援助", "rights/legal-help"),
]


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def editions(unpacked_zip, online_server):
    return {
        "offline": (unpacked_zip.as_uri() + "/", unpacked_zip.as_uri() + "/index.html", "file:"),
        "online": (online_server.url, online_server.url, online_server.url.rstrip("/")),
    }


@pytest.fixture(params=["offline", "online"])
def edition(request, unpacked_zip, online_server):
    return editions(unpacked_zip, online_server)[request.param]


def test_every_page_loads_with_no_request_out_and_no_error(context, edition):
    base, start, origin = edition
    page = context.new_page()
    recorder = Recorder(page)
    visited, anchors = crawl(page, start, base)
    assert len(visited) >= 3
    assert missing_anchors(page, anchors) == []
    assert recorder.foreign_requests(origin) == []
    assert recorder.errors == []
    page.close()


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_chinese_search_finds_the_right_page_first(context, edition, query, expected):
    base, start, origin = edition
    page = context.new_page()
    recorder = Recorder(page)
    page.goto(start)
    results = search(page, query)
    assert results, f"no results for {query}"
    first = results[0]
    assert page_stem(first, base) == expected, f"{query}: first hit {first}, all {results}"
    page.click(".md-search-result__item > a >> nth=0")
    page.wait_for_load_state()
    assert page_stem(page.url, base) == expected
    assert recorder.foreign_requests(origin) == []
    assert recorder.errors == []
    page.close()


def test_offline_search_works_from_a_nested_or_sibling_page(context, unpacked_zip):
    page = context.new_page()
    recorder = Recorder(page)
    page.goto((unpacked_zip / "about.html").as_uri())
    assert page.is_visible("label.md-search__icon") or page.is_visible("input.md-search__input"), (
        "Material hides search when the worker shim is missing"
    )
    results = search(page, "离线版")
    assert results and page_stem(results[0], unpacked_zip.as_uri() + "/") == "offline"
    assert recorder.foreign_requests("file:") == []
    page.close()


def test_search_index_and_worker_load_only_when_the_reader_opens_search(context, edition):
    """About 160 KB gzip of index and worker stay off the first page load."""
    base, start, origin = edition
    page = context.new_page()
    recorder = Recorder(page)
    page.goto(start)
    page.wait_for_load_state("networkidle")
    assert not [u for u in recorder.requests if "search_index" in u or "/workers/" in u]
    results = search(page, "征信")
    assert results
    assert [u for u in recorder.requests if "search_index" in u]
    assert recorder.errors == []
    page.close()


def results_after_paste(page, query: str) -> list[str]:
    """Put the query in the box the way a paste or a phone keyboard suggestion does:
    an input event, no key event at all."""
    if not page.is_visible("input.md-search__input"):
        page.click("label.md-search__icon")
    page.locator("input.md-search__input").fill(query)  # fill() sends input, never keyup
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


def test_a_pasted_query_is_searched_without_any_key_event(context, edition):
    base, start, origin = edition
    page = context.new_page()
    recorder = Recorder(page)
    page.goto(start)
    results = results_after_paste(page, "停息挂账")
    assert results and page_stem(results[0], base) == "cope/scams"
    # and a second paste over the first query replaces it
    results = results_after_paste(page, "通讯录")
    assert page_stem(results[0], base) == "rights/personal-info"
    assert recorder.errors == []
    page.close()


COURT_PAGES = {
    "rights/when-sued",
    "cope/court-papers",
    "cope/court-timeline",
    "rights/rates-and-courts",
    "rights/enforcement",
}


@pytest.mark.parametrize("query", ["起诉", "法院", "传票", "时效", "支付令"])
def test_court_and_limitation_queries_put_a_court_page_in_the_top_three(
    context, online_server, query
):
    base = online_server.url
    page = context.new_page()
    page.goto(base)
    results = results_after_paste(page, query)
    distinct: list[str] = []
    for url in results:
        stem = page_stem(url, base)
        if stem not in distinct:
            distinct.append(stem)
    assert COURT_PAGES & set(distinct[:3]), f"{query}: top pages {distinct[:5]}"
    page.close()


# ---------------------------------------------------------------- Content-Security-Policy


def csp_messages(page) -> list[str]:
    messages: list[str] = []
    page.on(
        "console",
        lambda m: (
            messages.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text
            else None
        ),
    )
    return messages


def test_every_page_runs_under_the_csp_with_search_and_calculators(context, edition):
    """The policy is in every page (hooks/csp.py), and nothing the site does breaks it."""
    base, start, origin = edition
    page = context.new_page()
    violations = csp_messages(page)
    recorder = Recorder(page)
    visited, _ = crawl(page, start, base)
    assert len(visited) >= 40
    page.goto(start)
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert search(page, "征信")
    calculator = base + (
        "calculators/installment.html" if origin == "file:" else "calculators/installment/"
    )
    page.goto(calculator)
    page.wait_for_selector(".calc-form")
    before = page.inner_text(".calc-output >> nth=0")
    box = page.locator(".calc-form input[name=principal] >> nth=0")
    box.fill("200000")
    page.wait_for_timeout(500)
    assert page.inner_text(".calc-output >> nth=0") != before, "calc.js did not run"
    assert violations == []
    assert recorder.errors == []
    page.close()


def test_the_csp_refuses_a_script_that_is_not_the_sites(context, edition):
    base, start, origin = edition
    page = context.new_page()
    violations = csp_messages(page)
    page.goto(start)
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.body.append(s);
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__injected") is None
    assert violations, "the browser reported no refusal"
    page.close()
