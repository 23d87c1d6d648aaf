"""calc.js in a real browser: the DOM only (round trip, typing, keyboard, method switch, offline, print).

The Python hooks (calc_blocks.compute, calc_render.output) are the spec. That calc.js
gives the very same view and HTML for the same raw inputs is checked without a browser,
on hundreds of cases, by `node --test tests/` against tests/golden/calc-parity.json
(tests/test_calc_parity.py writes it). Here: what the reader does with the page.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import calc_render
import pytest
from browsing import Recorder
from calc_cases import EDGE_CASES, block_text, python_view
from sitebuild import LocalServer, build, copy_project

pytestmark = pytest.mark.browser

JS = "assets/javascripts/calc.js"
CSS = "assets/calc.css"
PAGE = "calculators/calc-js-test.md"
PRINT_PAGE = "calculators/calc-js-print.md"
LATE_PAGE = "calculators/calc-js-late.md"  # a calculator below a long article
METHOD = "calculators/method.md"
BAD_TEXT = ("NaN", "Infinity", "undefined")

# --- the site ---------------------------------------------------------------------------------

SHOWCASE = [
    (
        "fee_installment",
        {"principal": "12,000", "monthly_fee_rate": "0.6%", "months": "12", "upfront_fee": "0"},
    ),
    ("equal_installment", {"principal": "1000000", "annual_rate": "4.9%", "months": "360"}),
    ("equal_principal", {"principal": "50000", "annual_rate": "7.2%", "months": "24"}),
    ("daily_interest", {"principal": "10000", "daily_rate": "0.05%/日", "days": "30"}),
    (
        "overdue",
        {
            "overdue_principal": "1000",
            "overdue_interest": "15",
            "annual_rate": "18%",
            "days": "30",
            "basis": "365",
            "late_fee_rate": "1%",
        },
    ),
    (
        "early_repayment",
        {
            "method": "等额本息",
            "principal": "120000",
            "annual_rate": "6%",
            "months": "12",
            "after_period": "6",
            "amount": "30000",
            "keep": "payment",
        },
    ),
    EDGE_CASES[-2],
]


# Enough article around the print page's block that printing all of it would take several pages.
ARTICLE = "\n\n".join(f"第 {i} 段正文，打印计算器时不应出现。" * 8 for i in range(1, 40)) + "\n"


def _patch_config(text: str) -> str:
    """The test adds pages of its own that are not in the nav. calc.js comes by itself
    (hooks/page_assets.py adds it to every page with a calculator block)."""
    assert "assets/calc.css" in text, "mkdocs.yml must list assets/calc.css"
    return re.sub(r"^(\s+omitted_files): warn$", r"\1: info", text, flags=re.M)


@pytest.fixture(scope="module")
def calc_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("calcproject"))
    (project / "mkdocs.yml").write_text(
        _patch_config((project / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8"
    )
    docs = project / "docs"
    (docs / "calculators").mkdir(exist_ok=True)
    if not (docs / METHOD).exists():
        (docs / METHOD).write_text(
            "---\ntitle: 计算方法\nreviewed: 2026-11-29\n---\n\n# 计算方法\n\n测试页。\n",
            encoding="utf-8",
        )
    blocks = "\n\n".join(
        f"```calc\n{block_text(kind, raw, '示例 ' + str(i) if i == 2 else '')}\n```"
        for i, (kind, raw) in enumerate(SHOWCASE)
    )
    (docs / PAGE).write_text(
        f"---\ntitle: 计算器测试\nreviewed: 2026-11-29\n---\n\n# 计算器测试\n\n{blocks}\n",
        encoding="utf-8",
    )
    one = block_text(
        "equal_installment",
        {"principal": "12,000", "annual_rate": "18%", "months": "12"},
        "还款方案",
    )
    (docs / PRINT_PAGE).write_text(
        f"---\ntitle: 打印测试\nreviewed: 2026-11-29\n---\n\n# 打印测试\n\n```calc\n{one}\n```\n\n"
        + ARTICLE,
        encoding="utf-8",
    )
    (docs / LATE_PAGE).write_text(
        f"---\ntitle: 页面下方的计算器\nreviewed: 2026-11-29\n---\n\n# 页面下方的计算器\n\n{ARTICLE}\n"
        f"```calc\n{one}\n```\n",
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def calc_site(calc_project, tmp_path_factory) -> Path:
    return build(calc_project, tmp_path_factory.mktemp("calcsite") / "site").check().site


@pytest.fixture(scope="module")
def calc_offline(calc_project, tmp_path_factory) -> Path:
    return (
        build(calc_project, tmp_path_factory.mktemp("calcoffline") / "site", offline=True)
        .check()
        .site
    )


@pytest.fixture(scope="module")
def server(calc_site):
    with LocalServer(calc_site) as running:
        yield running


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def page_url(server, page: str) -> str:
    return server.url + page.removesuffix(".md") + "/"


@pytest.fixture
def page(context, server):
    tab = context.new_page()
    recorder = Recorder(tab)
    tab.goto(page_url(server, PAGE))
    tab.wait_for_selector(".calc-form")
    yield tab
    assert recorder.foreign_requests(server.url.rstrip("/")) == []
    assert recorder.errors == []
    tab.close()


def no_bad_text(tab) -> None:
    found = tab.evaluate(
        """(bad) => {
        const texts = [document.body.innerText];
        for (const el of document.querySelectorAll('*')) for (const a of el.attributes) texts.push(a.value);
        for (const el of document.querySelectorAll('input')) texts.push(el.value);
        return bad.filter(b => texts.some(t => t.includes(b)));
    }""",
        list(BAD_TEXT),
    )
    # the reader may type those words themselves; anything else is a bug
    typed = tab.evaluate("[...document.querySelectorAll('input')].map(i => i.value).join(' ')")
    assert [b for b in found if b not in typed] == []


# --- the built page ---------------------------------------------------------------------------------


def outputs(tab) -> list[str]:
    return tab.eval_on_selector_all(".calc-output", "els => els.map(e => e.innerHTML)")


def test_round_trip_build_time_html_equals_js_render(browser, server, page):
    static = browser.new_context(java_script_enabled=False)
    tab = static.new_page()
    tab.goto(page_url(server, PAGE))
    before = outputs(tab)
    # without JavaScript the form could do nothing, so it stays hidden
    assert (
        tab.locator(".calc-form").count() == len(SHOWCASE)
        and not tab.locator(".calc-form").first.is_visible()
    )
    static.close()
    assert len(before) == len(SHOWCASE)
    assert outputs(page) == before  # re-rendered on load
    # and once more through the input path, values unchanged
    for box in page.query_selector_all(
        ".calc-form input[name=principal], .calc-form input[name=overdue_principal]"
    ):
        box.dispatch_event("input")
    page.wait_for_timeout(400)
    assert outputs(page) == before
    assert page.eval_on_selector_all(".calc-stale", "els => els.length") == 0


def _late_page(context, server, abort: bool = False):
    tab = context.new_page()
    asked: list[str] = []
    tab.on("request", lambda request: asked.append(request.url))
    if abort:
        tab.route(f"**/{JS}", lambda route: route.abort())
    tab.goto(page_url(server, LATE_PAGE))
    tab.wait_for_load_state("networkidle")
    return tab, asked


def test_calc_js_loads_when_the_calculator_comes_near(context, server):
    tab, asked = _late_page(context, server)
    # far below the first screen: not loaded, and no form that could not compute yet
    assert not any(url.endswith(JS) for url in asked)
    assert tab.locator(f'meta[name="bh-script-later"][content$="{JS}"]').count() == 1
    assert not tab.locator(".calc-form").is_visible()
    tab.locator(".calc").scroll_into_view_if_needed()
    tab.wait_for_selector(".calc-form", state="visible")
    assert any(url.endswith(JS) for url in asked)
    retype(tab, "input[name=principal]", "24,000")
    assert "24,000.00" in summary_text(tab, 0)
    assert not tab.locator(".calc-unavailable").is_visible()
    tab.close()


def test_a_calculator_whose_script_cannot_load_says_so_and_keeps_the_example(context, server):
    tab, _ = _late_page(context, server, abort=True)
    before = outputs(tab)
    tab.locator(".calc").scroll_into_view_if_needed()
    tab.wait_for_selector(".calc-unavailable", state="visible")
    assert "没能加载" in tab.locator(".calc-unavailable").inner_text()
    assert not tab.locator(".calc-form").is_visible()  # nothing to type into in vain
    assert outputs(tab) == before
    tab.close()


def summary_text(tab, index: int) -> str:
    return tab.locator(".calc-output .calc-summary").nth(index).inner_text()


def retype(tab, selector: str, text: str) -> None:
    box = tab.locator(selector)
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    if text:
        box.press_sequentially(text, delay=5)
    tab.wait_for_timeout(350)


TYPED = [
    ("１２,０００", True),
    ("18%", None),
    ("0.05%/日", False),
    ("abc", False),
    ("", False),
    ("-5", False),
    ("1e9", False),
    ("１８％", None),
    ("1.2万", True),
    ("¥3,456.78元", True),
    ("1,5", False),
]


def test_typing_updates_results_or_shows_a_message(page):
    # block 0 is fee_installment: principal, monthly_fee_rate, months, upfront_fee
    base = {"principal": "12,000", "monthly_fee_rate": "0.6%", "months": "12", "upfront_fee": "0"}
    for field in ("principal", "monthly_fee_rate"):
        for text, _ in TYPED:
            retype(page, f"#calc1-0-{field}", text)
            raw = dict(base, **{field: text})
            expected, _ = python_view("fee_installment", raw) if text else ({"error": field}, None)
            error = page.locator(f"#calc1-0-{field}-e")
            if "error" in expected:
                assert error.is_visible(), (field, text)
                assert error.inner_text().strip()
                assert page.get_attribute(f"#calc1-0-{field}", "aria-invalid") == "true"
                assert (
                    page.get_attribute(f"#calc1-0-{field}", "aria-describedby")
                    == f"calc1-0-{field}-e"
                )
                assert "calc-stale" in page.get_attribute(".calc >> nth=0", "class")
                assert page.locator(".calc-stale-note").first.is_visible()
            else:
                assert not error.is_visible(), (field, text, error.inner_text())
                assert page.locator(".calc-output").first.inner_html() == calc_render.output(
                    expected
                )
                assert expected["payment"] in page.locator(".calc-status").first.inner_text()
            no_bad_text(page)
        retype(page, f"#calc1-0-{field}", base[field])
    page.click(".calc >> nth=0 >> [data-act=reset]")
    page.wait_for_timeout(50)
    assert page.input_value("#calc1-0-principal") == "12,000"


def test_fuzz_typing_never_shows_nan_or_empty_results(page):
    rng = random.Random(7)
    alphabet = list("0123456789.,%万元天期日/-+e ") + [
        "１",
        "％",
        "０",
        "月",
        "年",
        "亿",
        "¥",
        "abc",
        "‰",
        "万分之",
    ]
    fields = page.eval_on_selector_all(".calc-form input", "els => els.map(e => '#' + e.id)")
    for _ in range(100):
        selector = rng.choice(fields)
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        box = page.locator(selector)
        if not box.is_visible():
            continue
        box.fill("")
        box.press_sequentially(text)
    page.wait_for_timeout(300)
    no_bad_text(page)
    for html in outputs(page):
        assert "<li>" in html
    # each block either shows a fresh result or says it is stale, with a message by a field
    stale = page.eval_on_selector_all(
        ".calc.calc-stale",
        "els => els.map(e => e.querySelectorAll('.calc-error:not([hidden]), .calc-stale-note:not([hidden])').length)",
    )
    assert all(count >= 1 for count in stale)


def test_keyboard_only(page):
    page.focus("#calc1-0-principal")
    page.keyboard.press("Control+a")
    page.keyboard.type("24000")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "calc1-0-monthly_fee_rate"
    page.keyboard.press("Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("24")
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    expected, _ = python_view(
        "fee_installment", {"principal": "24000", "monthly_fee_rate": "0.6%", "months": "24"}
    )
    assert page.locator(".calc-output").first.inner_html() == calc_render.output(expected)
    # tab reaches the buttons; Enter on 重置 restores the page's values
    while page.evaluate("document.activeElement.dataset.act") != "reset":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_timeout(50)
    assert page.input_value("#calc1-0-principal") == "12,000"
    # selects work from the keyboard too (early repayment: 部分提前还款后)
    keep = page.locator("#calc6-0-keep")
    keep.focus()
    page.keyboard.press("ArrowUp")
    page.wait_for_timeout(300)
    assert "期限不变" in summary_text(page, 5)


def test_method_switch_shows_the_matching_rate_field(page):
    page.select_option("#calc6-0-method", "fee_installment")
    page.wait_for_timeout(300)
    assert not page.is_visible("#calc6-0-annual_rate")
    assert page.is_visible("#calc6-0-monthly_fee_rate-e")  # required now, still empty
    retype(page, "#calc6-0-monthly_fee_rate", "0.6%")
    raw = {
        "method": "fee_installment",
        "principal": "120000",
        "monthly_fee_rate": "0.6%",
        "months": "12",
        "after_period": "6",
        "amount": "30000",
        "keep": "payment",
    }
    expected, _ = python_view("early_repayment", raw)
    assert page.locator(".calc-output").nth(5).inner_html() == calc_render.output(expected)


def test_offline_file_edition_works(browser, calc_offline):
    ctx = browser.new_context()
    tab = ctx.new_page()
    recorder = Recorder(tab)
    tab.goto((calc_offline / PAGE.replace(".md", ".html")).as_uri())
    tab.wait_for_selector(".calc-form")
    retype(tab, "#calc4-0-days", "60")
    assert "300.00" in summary_text(tab, 3)
    assert recorder.foreign_requests("file:") == []
    assert recorder.errors == []
    ctx.close()


def test_print_button_prints_the_block_alone_with_its_inputs_on_one_page(context, server):
    tab = context.new_page()
    tab.goto(page_url(server, PRINT_PAGE))
    tab.wait_for_selector(".calc-form")
    # On screen the form shows the values; the plain list of inputs is for paper only.
    assert tab.is_visible(".calc-form input") and not tab.is_visible(".calc-inputs")
    retype(tab, "#calc1-0-principal", "20000")
    tab.evaluate("window.print = () => { window.printed = true; }")  # headless: no dialog
    tab.click("[data-act=print]")
    assert tab.evaluate("window.printed") is True
    tab.emulate_media(media="print")
    assert not tab.is_visible(".calc-form input")
    assert tab.is_visible(".calc-inputs")
    printed = tab.locator(".calc-inputs").inner_text()
    assert "20000" in printed and "18%" in printed
    assert tab.is_visible(".calc-output .calc-summary") and tab.is_visible(".calc-table")
    assert "20,000.00" in tab.locator(".calc-output .calc-summary").inner_text()
    # the article around the block is not printed
    assert not tab.is_visible("article h1") and not tab.is_visible("text=第 1 段正文")
    pdf = tab.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    # after printing, the page is whole again
    tab.evaluate("dispatchEvent(new Event('afterprint'))")
    assert tab.is_visible("text=第 1 段正文")
    assert tab.eval_on_selector_all(".calc-print-path, .calc-print-this", "els => els.length") == 0
    tab.close()


def test_after_an_edit_the_heading_follows_her_numbers(page):
    title = page.locator(".calc-output .calc-title").first  # block 3 (equal_principal) has a title
    assert title.inner_text() == "示例 2"
    retype(page, "#calc3-0-principal", "20000")
    heading = page.locator(".calc-output").nth(2).locator(".calc-title")
    assert heading.inner_text() == "按你填写的数字计算"
    assert "20,000.00" in summary_text(page, 2)
    retype(
        page, "#calc3-0-principal", "50000"
    )  # back to the page's value: the page's heading again
    assert heading.inner_text() == "示例 2"


# --- size -----------------------------------------------------------------------------------------

# All calculator JavaScript, as served: the registry written in, esbuild (hooks/minify_js.py), then
# gzip -9. The budget is the design target, 10 KB. The form markup is built into the page
# (calc_render.form), so the script only wires it up.
JS_GZIP_BUDGET = 10 * 1024


def test_calc_js_as_served_fits_the_size_budget(calc_site):
    import gzip

    served = (calc_site / JS).read_bytes()
    text = served.decode()
    assert (
        "每期都按最初借的" not in text
    )  # wording comes with each page (the registry), not in the script
    assert len(gzip.compress(served, 9)) <= JS_GZIP_BUDGET


def test_a_bare_rate_is_read_as_a_percent_shown_beside_the_field_and_checked(page):
    retype(page, "#calc1-0-principal", "20000")
    retype(page, "#calc1-0-monthly_fee_rate", "0.75")
    assert page.inner_text("#calc1-0-monthly_fee_rate-r") == "按 月费率 0.75% 计算"
    assert not page.is_visible("#calc1-0-monthly_fee_rate-w")
    expected, _ = python_view(
        "fee_installment",
        {"principal": "20000", "monthly_fee_rate": "0.75", "months": "12", "upfront_fee": "0"},
    )
    assert page.locator(".calc-output").first.inner_html() == calc_render.output(expected)
    assert "1,816.67" in summary_text(page, 0)
    # a fraction typed by mistake is read as it is written, and a message says so next to the field
    retype(page, "#calc1-0-monthly_fee_rate", "0.006")
    assert page.inner_text("#calc1-0-monthly_fee_rate-r") == "按 月费率 0.006% 计算"
    assert page.inner_text("#calc1-0-monthly_fee_rate-w") == (
        "月费率 0.006% 低得少见，请核对：数字按百分数读，0.6 就是 0.6%"
    )
    assert "calc-stale" not in page.get_attribute(
        ".calc >> nth=0", "class"
    )  # a message, not a refusal
    assert "月费率 0.006%" in summary_text(page, 0)  # her number, not a rounded 0.01%
    # 18 in 年利率 is 18 % a year
    retype(page, "#calc2-0-annual_rate", "18")
    assert page.inner_text("#calc2-0-annual_rate-r") == "按 年利率 18% 计算"
    assert "年利率 18%，" in summary_text(page, 1)  # shown back as she typed it
    # a field in error shows its message, not a reading
    retype(page, "#calc2-0-annual_rate", "abc")
    assert page.is_visible("#calc2-0-annual_rate-e") and not page.is_visible(
        "#calc2-0-annual_rate-r"
    )
