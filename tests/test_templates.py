"""文书模板 and the budget form in a real browser: fill, preview, print view, copy, reload, keyboard.

The test builds its own copy of the project: until the lead adds the 文书模板 section, forms.js and
forms.css to mkdocs.yml, the copy's mkdocs.yml is patched here (each patch is skipped when the real
file already has it). The budget snippet is taken from the comment at the top of forms.js, so the
markup handed over for docs/cope/budget.md is exactly the markup tested.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import minify_js
import pytest
from browsing import Recorder
from sitebuild import ROOT, LocalServer, build, copy_project

pytestmark = pytest.mark.browser

FORMS_JS = ROOT / "docs" / "assets" / "javascripts" / "forms.js"
LETTERS = [
    "negotiation-letter",
    "credit-objection",
    "collection-complaint",
    "stop-third-party",
    "payment-order-objection",
    "defence-statement",
]
TABLES = ["contact-log", "evidence-list"]
PRIVACY = "你填写的内容只在你的设备上处理，不会发送或保存，刷新页面就会清空。"  # tables, budget
# Letters keep a draft on the device only when the reader clicks 在这台设备上保存 (forms.js).
LETTER_PRIVACY = "默认不保存，刷新页面就会清空"
NAV = """  - 文书模板:
    - templates/index.md
    - 协商还款申请书: templates/negotiation-letter.md
    - 征信异议申请: templates/credit-objection.md
    - 催收投诉信: templates/collection-complaint.md
    - 要求停止联系第三人的函: templates/stop-third-party.md
    - 支付令异议书: templates/payment-order-objection.md
    - 答辩状: templates/defence-statement.md
    - 沟通记录表: templates/contact-log.md
    - 证据清单: templates/evidence-list.md
"""
NAV_MARKER = "  # === 文书模板 (templates/) ===\n"


# ---------------------------------------------------------------- the project copy


def budget_snippet() -> str:
    """The Markdown handed over for budget.md, read back from the comment in forms.js."""
    text = FORMS_JS.read_text(encoding="utf-8")
    start = text.index(' *      <div class="budget-form" markdown>')
    end = text.index(" *    金额按", start)
    lines = text[start:end].splitlines()
    return (
        "\n".join(
            line[len(" *      ") :] if line.startswith(" *      ") else "" for line in lines
        ).strip()
        + "\n"
    )


def patch_config(config: str) -> str:
    """The test adds a page of its own (the budget snippet) that is not in the nav."""
    assert "!/templates/" in config, "mkdocs.yml must include docs/templates/ (exclude_docs)"
    assert "templates/index.md" in config, "the 文书模板 section must be in the nav"
    return re.sub(r"(\n  nav:\n    omitted_files:) warn", r"\1 info", config, count=1)


@pytest.fixture(scope="module")
def forms_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("forms") / "project")
    config = project / "mkdocs.yml"
    config.write_text(patch_config(config.read_text(encoding="utf-8")), encoding="utf-8")
    (project / "docs" / "budget-form-test.md").write_text(
        "---\ntitle: 预算表测试\nreviewed: 2026-11-29\nneeds: [forms]\n---\n\n# 预算表测试\n\n"
        + budget_snippet(),
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def online(forms_project, tmp_path_factory):
    site = build(forms_project, tmp_path_factory.mktemp("forms-online") / "site").check().site
    with LocalServer(site) as server:
        yield server


@pytest.fixture(scope="module")
def offline(forms_project, tmp_path_factory) -> Path:
    return (
        build(forms_project, tmp_path_factory.mktemp("forms-offline") / "site", offline=True)
        .check()
        .site
    )


@pytest.fixture(params=["online", "offline"])
def edition(request, online, offline):
    """(url of a page by its docs path without .md, origin that requests may go to)."""
    if request.param == "online":
        return (lambda stem: f"{online.url}{stem}/"), online.url.rstrip("/"), "online"
    return (lambda stem: (offline / f"{stem}.html").as_uri()), "file:", "offline"


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1000, "height": 900})
    yield ctx
    ctx.close()


def open_page(context, url: str, ready: str):
    page = context.new_page()
    recorder = Recorder(page)
    page.goto(url)
    page.wait_for_selector(ready)
    # Printing opens a dialog a headless browser cannot close: count the calls instead.
    page.evaluate(
        "() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }"
    )
    return page, recorder


STORED = """() => [localStorage, sessionStorage].flatMap(store =>
    Object.keys(store).map(key => key + "=" + store.getItem(key))).join("\\n") + "\\n" + document.cookie"""


def assert_clean(page, recorder, origin: str, typed=()):
    """No request out, no error, no NaN, and nothing typed kept in storage or cookies.
    (The theme itself may keep its own settings, such as the colour scheme, in storage.)"""
    assert recorder.foreign_requests(origin) == []
    assert recorder.errors == []
    assert "NaN" not in page.inner_text("article")
    if origin != "file:":
        stored = page.evaluate(STORED)
        assert not any(value in stored for value in typed), stored


# ---------------------------------------------------------------- letters


def letter_fields(page) -> list[tuple[str, str]]:
    """(label text, input id) for every field of the letter form."""
    return page.eval_on_selector_all(
        ".letter-form .form-fields label", "labels => labels.map(l => [l.textContent, l.htmlFor])"
    )


@pytest.mark.parametrize("stem", LETTERS)
def test_letter_fills_prints_and_clears(context, edition, stem):
    url, origin, _ = edition
    page, recorder = open_page(context, url(f"templates/{stem}"), ".letter-form.form-ready")
    assert LETTER_PRIVACY in page.inner_text("article")

    blanks = page.eval_on_selector_all(
        ".letter-text .blank", "spans => spans.map(s => s.dataset.field)"
    )
    fields = letter_fields(page)
    assert [name for name, _ in fields] == list(dict.fromkeys(blanks)), (
        "one labelled field per blank"
    )
    for name, field_id in fields:
        assert page.locator(f"#{field_id}").count() == 1, f"label {name} points at nothing"

    values = {}
    for index, (name, field_id) in enumerate(fields):
        value = f"<b>{name}{index}</b>&值" if index == 0 else f"{name}填写{index}"
        page.fill(f"#{field_id}", value)
        values[name] = value
    preview = page.inner_text(".letter-text")
    for value in values.values():
        assert value in preview
    assert "【" not in preview, "every blank is filled"
    assert page.locator(".letter-text b").count() == 0, "typed text is shown as text, never as HTML"

    # An emptied field shows its blank again.
    first_name, first_id = fields[0]
    page.fill(f"#{first_id}", "")
    assert f"【{first_name}】" in page.inner_text(".letter-text")
    page.fill(f"#{first_id}", values[first_name])

    page.emulate_media(media="print")
    assert page.is_visible(".letter-text")
    assert page.is_hidden(".form-tools")
    assert all(page.is_hidden(f"#{field_id}") for _, field_id in fields)
    assert page.is_hidden(".md-header") and page.is_hidden(".md-sidebar--primary")
    assert page.is_hidden("article h1") and page.is_hidden(".admonition")
    printed = page.inner_text(".letter-text")
    for value in values.values():
        assert value in printed
    page.emulate_media(media="screen")

    page.click(".letter-form button:has-text('打印')")
    assert page.evaluate("window.__printed") == 1

    page.reload()
    page.wait_for_selector(".letter-form.form-ready")
    for _, field_id in letter_fields(page):
        assert page.input_value(f"#{field_id}") == ""
    reloaded = page.inner_text(".letter-text")
    assert not any(value in reloaded for value in values.values())
    assert f"【{first_name}】" in reloaded
    assert_clean(page, recorder, origin, values.values())
    page.close()


def test_copy_uses_the_clipboard_when_allowed(browser, online):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=online.url.rstrip("/"))
    page, recorder = open_page(
        context, f"{online.url}templates/negotiation-letter/", ".letter-form.form-ready"
    )
    name, field_id = letter_fields(page)[0]
    page.fill(f"#{field_id}", "招联消费金融股份有限公司")
    page.click(".letter-form button:has-text('复制全文')")
    page.wait_for_selector(".form-status:has-text('已复制全文')")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("协商还款申请书")
    assert "招联消费金融股份有限公司" in copied and "【姓名】" in copied
    assert page.get_attribute(".form-status", "aria-live") == "polite"
    assert_clean(page, recorder, online.url.rstrip("/"))
    context.close()


def test_copy_without_clipboard_selects_the_text(context, edition):
    url, origin, _ = edition
    page, recorder = open_page(
        context, url("templates/credit-objection"), ".letter-form.form-ready"
    )
    page.evaluate("() => Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    _, field_id = letter_fields(page)[0]
    page.fill(f"#{field_id}", "征信中心")
    page.click(".letter-form button:has-text('复制全文')")
    page.wait_for_selector(".form-status:has-text('请长按选择后复制')")
    selected = page.evaluate("() => String(window.getSelection())")
    assert "征信中心" in selected and "第二十五条" in selected
    assert_clean(page, recorder, origin)
    page.close()


DRAFT_KEY = "borrower-handbook:draft:collection-complaint"


def test_letter_draft_is_kept_on_the_device_only_when_asked_and_cleared(browser, edition):
    url, origin, _ = edition
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page, recorder = open_page(
        context, url("templates/collection-complaint"), ".letter-form.form-ready"
    )
    name = page.locator(".letter-form .form-fields input").first
    name.fill("王小明")
    story = page.locator(".letter-form .form-fields textarea").first
    story.fill("11月3日晚上23点打了5次电话")
    # Typing alone stores nothing.
    assert (
        "王小明" not in page.evaluate(STORED)
        and page.evaluate("k => localStorage.getItem(k)", DRAFT_KEY) is None
    )
    page.click(".letter-form button:has-text('在这台设备上保存')")
    assert "已保存" in page.inner_text(".letter-form .form-status")
    saved = page.evaluate("k => JSON.parse(localStorage.getItem(k))", DRAFT_KEY)
    assert "王小明" in saved.values() and "11月3日晚上23点打了5次电话" in saved.values()
    # Later edits are kept too, until 清除.
    name.fill("王小红")
    assert "王小红" in page.evaluate("k => localStorage.getItem(k)", DRAFT_KEY)
    page.reload()
    page.wait_for_selector(".letter-form.form-ready")
    assert page.locator(".letter-form .form-fields input").first.input_value() == "王小红"
    assert "王小红" in page.inner_text(".letter-text"), "the letter shows the restored text"
    assert "已恢复" in page.inner_text(".letter-form .form-status")
    page.click(".letter-form button:has-text('清除')")
    assert page.evaluate("k => localStorage.getItem(k)", DRAFT_KEY) is None
    assert page.locator(".letter-form .form-fields input").first.input_value() == ""
    assert "【姓名】" in page.inner_text(".letter-text")
    page.reload()
    page.wait_for_selector(".letter-form.form-ready")
    assert page.locator(".letter-form .form-fields input").first.input_value() == ""
    assert "王小" not in page.evaluate(STORED)
    assert recorder.foreign_requests(origin) == [] and recorder.errors == []
    context.close()


def test_a_draft_of_one_letter_is_not_restored_into_another(browser, edition):
    url, _, _ = edition
    context = browser.new_context()
    page, _ = open_page(context, url("templates/collection-complaint"), ".letter-form.form-ready")
    page.locator(".letter-form .form-fields input").first.fill("王小明")
    page.click(".letter-form button:has-text('在这台设备上保存')")
    page.goto(url("templates/stop-third-party"))
    page.wait_for_selector(".letter-form.form-ready")
    values = page.eval_on_selector_all(
        ".letter-form .form-fields input, .letter-form textarea", "els => els.map(e => e.value)"
    )
    assert not any(values) and "已恢复" not in page.inner_text(".letter-form .form-status")
    context.close()


def test_without_javascript_the_letter_is_static_and_has_no_buttons(browser, edition):
    url, _, _ = edition
    context = browser.new_context(java_script_enabled=False)
    for stem in LETTERS + TABLES:
        page = context.new_page()
        page.goto(url(f"templates/{stem}"))
        box = page.locator(".letter-form, .table-form")
        assert box.count() == 1
        assert box.locator("button, input, textarea").count() == 0, (
            f"{stem}: dead controls without JS"
        )
        if stem in LETTERS:
            assert "【姓名】" in box.inner_text()
        else:
            assert box.locator("tbody tr").count() >= 8
        assert (LETTER_PRIVACY if stem in LETTERS else PRIVACY) in page.inner_text("article")
        page.close()
    context.close()


def test_keyboard_only(context, edition):
    url, origin, _ = edition
    page, recorder = open_page(
        context, url("templates/stop-third-party"), ".letter-form.form-ready"
    )
    fields = letter_fields(page)
    first_id = fields[0][1]
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == first_id:
            break
    else:
        pytest.fail("Tab never reached the first field")
    typed = []
    for index, (_, field_id) in enumerate(fields):
        assert page.evaluate("() => document.activeElement.id") == field_id, (
            "fields follow in tab order"
        )
        page.keyboard.type(f"键盘{index}")
        typed.append(f"键盘{index}")
        page.keyboard.press("Tab")
    preview = page.inner_text(".letter-text")
    assert all(value in preview for value in typed)
    assert page.evaluate("() => document.activeElement.textContent") == "复制全文"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "打印"
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    assert_clean(page, recorder, origin)
    page.close()


# ---------------------------------------------------------------- tables


@pytest.mark.parametrize("stem", TABLES)
def test_table_rows_fill_add_print_and_clear(context, edition, stem):
    url, origin, _ = edition
    page, recorder = open_page(context, url(f"templates/{stem}"), ".table-form.form-ready")
    rows = page.locator(".table-form tbody tr")
    before = rows.count()
    assert before >= 8
    headers = page.eval_on_selector_all(
        ".table-form thead th", "ths => ths.map(th => th.textContent.trim())"
    )
    assert (
        page.get_attribute(
            ".table-form tbody tr:first-child td:first-child :is(input, textarea)", "aria-label"
        )
        == f"第1行 {headers[0]}"
    )

    page.click(".table-form button:has-text('添加一行')")
    assert rows.count() == before + 1
    assert (
        page.evaluate("() => document.activeElement.getAttribute('aria-label')")
        == f"第{before + 1}行 {headers[0]}"
    )
    page.keyboard.type("新行内容")

    values = []
    for row in (1, 2):
        for column, header in enumerate(headers, start=1):
            value = f"{header}{row}<i>"
            page.fill(
                f".table-form tbody tr:nth-child({row}) td:nth-child({column}) :is(input, textarea)",
                value,
            )
            values.append(value)

    page.emulate_media(media="print")
    assert page.locator(".table-form input:visible, .table-form textarea:visible").count() == 0
    assert page.is_hidden(".table-form .form-actions")
    assert page.is_hidden("article h1") and page.is_hidden(".md-header")
    printed = page.inner_text(".table-form table")
    assert all(value in printed for value in values + ["新行内容"])
    assert page.locator(".table-form i").count() == 0
    page.emulate_media(media="screen")

    page.click(".table-form button:has-text('打印')")
    assert page.evaluate("window.__printed") == 1

    page.reload()
    page.wait_for_selector(".table-form.form-ready")
    assert rows.count() == before
    assert page.eval_on_selector_all(
        ".table-form input, .table-form textarea", "fields => fields.every(f => f.value === '')"
    )
    assert_clean(page, recorder, origin, values)
    page.close()


# ---------------------------------------------------------------- budget


def budget_input(page, label: str) -> str:
    return "#" + page.eval_on_selector(f".budget-form label:text-is('{label}')", "l => l.htmlFor")


def test_budget_total_is_exact_to_the_fen(context, edition):
    url, origin, _ = edition
    page, recorder = open_page(context, url("budget-form-test"), ".budget-form.form-ready")
    result = page.locator(".budget-result")
    assert result.get_attribute("aria-live") == "polite"
    entries = {
        "工资（到手的钱）": "8,000.10",
        "兼职、奖金等其他收入": "１５００．５",
        "房租或房贷": "3,500.05",
        "吃饭": "１，２００",
        "水电燃气、话费、网费": "300.3",
        "交通": "￥150 元",
        "看病吃药": "0.01",
    }
    for label, value in entries.items():
        page.fill(budget_input(page, label), value)
    # (800010 + 150050) - (350005 + 120000 + 30030 + 15000 + 1) = 435024 fen
    assert result.get_attribute("data-fen") == "435024"
    assert "每月还剩 4,350.24 元（还没留应急的钱）" in result.inner_text()
    assert "9,500.60" in result.inner_text() and "5,150.36" in result.inner_text()

    bad = {
        "12,00": "逗号",
        "-100": "负号",
        "3500.555": "两位",
        "abc": "数字",
        "1.5万": "数字",
        "9999999999": "太大",
    }
    field = budget_input(page, "交通")
    for value, message in bad.items():
        page.fill(field, value)
        page.press(field, "Tab")
        error = page.locator(f"{field}-error")
        assert error.is_visible() and message in error.inner_text(), value
        assert page.get_attribute(field, "aria-invalid") == "true"
        assert result.get_attribute("data-fen") is None
        assert "NaN" not in page.inner_text(".budget-form")
        assert "没填对" in result.inner_text()
    page.fill(field, "150")
    assert page.locator(f"{field}-error").is_hidden()
    assert page.get_attribute(field, "aria-invalid") is None
    assert result.get_attribute("data-fen") == "435024"

    page.fill(budget_input(page, "房租或房贷"), "20000")
    assert int(result.get_attribute("data-fen")) == 950060 - (2000000 + 120000 + 30030 + 15000 + 1)
    assert "少 12,149.71 元" in result.inner_text()

    page.emulate_media(media="print")
    assert page.locator(".budget-form input:visible").count() == 0
    assert "8,000.10" in page.inner_text(".budget-form")
    page.emulate_media(media="screen")

    page.reload()
    page.wait_for_selector(".budget-form.form-ready")
    assert page.input_value(budget_input(page, "工资（到手的钱）")) == ""
    assert result.get_attribute("data-fen") is None
    assert_clean(page, recorder, origin, ["8,000.10", "3,500.05"])
    page.close()


PARSE_CASES = [
    ("", 0),
    ("0", 0),
    ("12000", 1200000),
    ("12,000", 1200000),
    ("１２０００", 1200000),
    ("3500.5", 350050),
    ("3500.05", 350005),
    ("3500.", 350000),
    ("1,234,567.89", 123456789),
    ("  800 ", 80000),
    ("￥99.9元", 9990),
    ("¥1", 100),
    ("0.01", 1),
    ("999999999.99", 99999999999),
    ("12,00", None),
    ("1,2345", None),
    (",100", None),
    ("1.000,5", None),
    ("-1", None),
    ("－1", None),
    ("3.555", None),
    (".5", None),
    ("1e3", None),
    ("0x10", None),
    ("1 000", 100000),
    ("1000000000", None),
    ("NaN", None),
    ("Infinity", None),
    ("1.2.3", None),
]


def test_amount_parsing_rules(context, online):
    page, _ = open_page(context, f"{online.url}budget-form-test/", ".budget-form.form-ready")
    got = page.evaluate(
        "cases => cases.map(c => window.BorrowerForms.parseFen(c))", [c for c, _ in PARSE_CASES]
    )
    for (text, expected), parsed in zip(PARSE_CASES, got):
        if expected is None:
            assert "error" in parsed and parsed["error"], text
        else:
            assert parsed == {"fen": expected}, text
    formatted = page.evaluate(
        "() => [0, 1, 100, 123456789, -435024].map(window.BorrowerForms.formatFen)"
    )
    assert formatted == ["0.00", "0.01", "1.00", "1,234,567.89", "4,350.24"]
    page.close()


# ---------------------------------------------------------------- the script itself


def test_forms_js_loads_nothing_and_stores_nothing():
    source = FORMS_JS.read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    assert not re.search(r"""["'`](?:https?:)?//""", code), "no URL literals"
    # The one use of storage: a letter's draft, in draftButtons, after the reader asks for it.
    assert code.count("localStorage") == 1 and "store = window.localStorage" in code
    draft = code[code.index("function draftButtons") :]
    assert code.index("window.localStorage") > code.index("function draftButtons")
    assert draft.count("store.setItem(") == 1, "one place writes: write(), called on request"
    for forbidden in (
        "sessionStorage",
        "document.cookie",
        "indexedDB",
        "fetch(",
        "XMLHttpRequest",
        "sendBeacon",
        "WebSocket",
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "eval(",
        "import(",
    ):
        assert forbidden not in code, forbidden
    # the budget is what a reader downloads: the script as the build serves it (esbuild-minified)
    served = minify_js.minify(source, minify_js.esbuild_path(ROOT))
    assert len(gzip.compress(served.encode("utf-8"), 9)) < 5500  # 4.5 KB with drafts and pre-fill
