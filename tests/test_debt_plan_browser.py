"""欠了好几家怎么分 in Debian's chromium at phone width: the debt_plan block with JavaScript on and
off, the budget page's amount carried over, the letter filled in per lender, the one-page printed
plan, the offline edition from file:// and the single-file edition."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from decimal import Decimal as D

import pytest
from browsing import Recorder
from sitebuild import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.build]

PHONE = {"width": 390, "height": 844}
PAGE = "cope/several-debts/"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    recorder = Recorder(tab)
    yield tab, recorder
    assert recorder.errors == []
    context.close()


def offers(tab) -> list[tuple[str, str, str]]:
    return [tuple(row) for row in _offers(tab)]


def _offers(tab) -> list[list[str]]:
    return tab.eval_on_selector_all(
        ".debt-plan .calc-output tbody tr",
        "rows => rows.map(r => [r.cells[0].textContent, r.cells[3].textContent, r.cells[4].textContent])",
    )


def fen(text: str) -> int:
    return int(D(text.replace(",", "")) * 100)


CHANGED = """b => document.querySelector('.debt-plan .calc-status').textContent !== b
    || document.querySelector('.debt-plan').classList.contains('calc-stale')"""


def typed(tab, selector: str, value: str) -> None:
    """Fill a field and wait until the form has recomputed (150 ms after the last keystroke)."""
    before = tab.text_content(".debt-plan .calc-status")
    tab.fill(selector, value)
    tab.wait_for_function(CHANGED, arg=before)


def rows_shown(tab, count: int) -> None:
    tab.wait_for_function(
        "n => document.querySelectorAll('.debt-plan .calc-output tbody tr').length === n", arg=count
    )


def test_build_time_plan_without_javascript(browser, online_server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(online_server.url + PAGE)
    assert offers(tab) == [
        ("甲", "1,500.00", "20"),
        ("乙", "1,000.00", "20"),
        ("丙", "500.00", "20"),
    ]
    assert not tab.is_visible(".debt-form")  # a form that could do nothing is not shown
    assert tab.is_visible(".debt-frozen")
    context.close()


def test_editing_recomputes_and_adds_and_removes_lenders(phone, online_server):
    tab, recorder = phone
    tab.goto(online_server.url + PAGE)
    tab.wait_for_selector(".debt-form:not([hidden])")
    assert tab.text_content(".debt-plan .calc-title").startswith("例子")
    typed(tab, "[name=available]", "1,000")
    assert (
        tab.locator(".debt-plan .calc-title").count() == 0
    )  # the example's title would be wrong now
    assert offers(tab) == [("甲", "500.00", "60"), ("乙", "333.33", "61"), ("丙", "166.67", "60")]
    tab.click("[data-act=add]")
    row = tab.locator(".debt-row").nth(3)
    assert row.locator("legend").text_content() == "第 4 家"
    row.locator("[name=lender]").fill("招联")
    row.locator("[name=balance]").fill("1.2万")
    row.locator("[name=contract_payment]").fill("1,100")
    row.locator("[name=priority]").check()
    tab.wait_for_function(  # the checkbox recomputes at once, the last keystroke 150 ms later
        "() => document.querySelector('.debt-plan .calc-status').textContent.includes('招联每月 1,000.00')"
    )
    plan = offers(tab)
    assert plan[3] == ("招联优先", "1,000.00", "12")  # priority first: all of it
    assert sum(fen(o) for _, o, _ in plan) == fen("1,000")
    tab.locator(".debt-row").nth(0).locator("[data-act=remove]").click()
    rows_shown(tab, 3)
    assert [n for n, _, _ in offers(tab)] == ["乙", "丙", "招联优先"]
    assert tab.locator(".debt-row legend").all_text_contents() == ["第 1 家", "第 2 家", "第 3 家"]
    tab.click("[data-act=reset]")
    tab.wait_for_selector(".debt-plan .calc-title")
    assert [n for n, _, _ in offers(tab)] == ["甲", "乙", "丙"]
    assert tab.text_content(".debt-plan .calc-title").startswith("例子")
    assert recorder.foreign_requests(online_server.url.rstrip("/")) == []


def test_impossible_values_get_a_message_next_to_the_field(phone, online_server):
    tab, _ = phone
    tab.goto(online_server.url + PAGE)
    tab.wait_for_selector(".debt-form:not([hidden])")
    payment = tab.locator(".debt-row").nth(1).locator("[name=contract_payment]")
    payment.fill("30000")
    tab.wait_for_selector(".debt-plan.calc-stale")
    message = payment.locator("xpath=following-sibling::p[1]")
    assert message.is_visible() and message.text_content() == "合同月还款不能超过欠款余额"
    assert payment.get_attribute("aria-invalid") == "true"
    assert tab.is_visible(".calc-stale-note")
    assert "NaN" not in tab.inner_text(".debt-plan")
    tab.fill("[name=available]", "-3")
    tab.wait_for_selector("[name=available] + p:not([hidden])")
    assert tab.locator("[name=available] + p").text_content() == "每月能拿出来还债的钱不能为负数"


def test_budget_result_comes_along_and_is_dropped_from_the_address(phone, online_server):
    tab, _ = phone
    tab.goto(online_server.url + "cope/budget/")
    tab.wait_for_selector(".budget-form.form-ready")
    inputs = tab.locator(".budget-form input")
    inputs.nth(0).fill("8000")  # 工资
    inputs.nth(3).fill("3,500.50")  # 房租
    assert tab.get_attribute("a.debt-plan-link", "href").endswith("#available=4499.50")
    tab.click("a.debt-plan-link")
    tab.wait_for_selector(".debt-from-budget:not([hidden])")
    assert tab.input_value("[name=available]") == "4499.50"
    assert "4,499.50" in tab.text_content(".debt-from-budget")
    assert "#" not in tab.url  # nothing of hers stays in the address bar
    # 4,499.50 of 5,700 over balances 3:2:1, none above its payment
    assert [o for _, o, _ in offers(tab)] == ["2,249.75", "1,499.83", "749.92"]


def test_each_letter_link_fills_that_lenders_letter(phone, online_server):
    tab, _ = phone
    tab.goto(online_server.url + PAGE)
    tab.wait_for_selector(".debt-form:not([hidden])")
    typed(tab, "[name=available]", "2,000")
    tab.click("text=给乙的协商还款申请书")
    tab.wait_for_selector(".letter-form.form-ready")
    filled = tab.eval_on_selector_all(
        ".letter-text .blank.filled", "spans => spans.map(s => [s.dataset.field, s.textContent])"
    )
    assert ["借款机构名称", "乙"] in filled and ["每月可还金额", "666.67"] in filled
    assert "#" not in tab.url


def test_printed_plan_is_one_page_with_the_date(browser, online_server, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(online_server.url + PAGE)
    tab.wait_for_selector(".debt-form:not([hidden])")
    typed(tab, "[name=available]", "2500")
    tab.evaluate("""() => {
        window.print = () => {};  // headless: the button's print dialog is replaced by page.pdf()
        document.querySelector(".debt-plan [data-act=print]").click();
    }""")
    assert tab.evaluate("document.documentElement.classList.contains('debt-printing')")
    out = tmp_path / "plan.pdf"
    tab.pdf(path=str(out), format="A4")
    context.close()
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True
    ).stdout
    assert "我的还款方案" in text and "制表日期" in text and "年" in text
    assert "1,250.00" in text and "利息冻结" in text  # each offer and the assumption
    assert "为什么不要借这家还那家" not in text  # only the plan


def test_offline_edition_from_file(browser, offline_site):
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    recorder = Recorder(tab)
    tab.goto((offline_site / "cope" / "several-debts.html").as_uri())
    tab.wait_for_selector(".debt-form:not([hidden])")
    typed(tab, "[name=available]", "600")
    assert [o for _, o, _ in offers(tab)] == ["300.00", "200.00", "100.00"]
    tab.click("text=给甲的协商还款申请书")
    tab.wait_for_selector(".letter-form.form-ready")
    assert "300.00" in tab.inner_text(".letter-text")
    assert recorder.foreign_requests("file:") == [] and recorder.errors == []
    context.close()


def test_single_file_edition(browser, offline_site, tmp_path):
    out = tmp_path / "borrower-handbook.html"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1796083200"}
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "single_file.py"), str(offline_site), str(out)],
        check=True,
        capture_output=True,
        env=env,
    )
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    recorder = Recorder(tab)
    tab.goto(out.as_uri())
    block = tab.locator(".debt-plan")
    before = block.locator(".calc-status").text_content()
    block.locator("[name=available]").fill("1200")
    tab.wait_for_function(CHANGED, arg=before)
    assert block.locator("tbody tr").nth(0).locator("td").nth(2).text_content() == "600.00"
    block.locator("text=给丙的协商还款申请书").click()
    letter = tab.locator('.letter-form[data-template="negotiation-letter"] .letter-text')
    letter.locator(".blank.filled").first.wait_for()
    assert "丙" in letter.inner_text() and "200.00" in letter.inner_text()
    assert recorder.errors == []
    context.close()
