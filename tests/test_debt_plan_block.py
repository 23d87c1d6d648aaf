"""The debt_plan block: build-time HTML, author errors with page and line, and the browser's
copy (docs/assets/javascripts/debt-plan.js, run in node) equal to Python to the fen and the byte."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from decimal import Decimal as D
from pathlib import Path
from types import SimpleNamespace

import calc_embed
import debt_plan_block
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError

import calculators

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "docs" / "assets" / "javascripts" / "debt-plan.js"
NODE = shutil.which("node")
BASE = "../../templates/negotiation-letter/"
EXAMPLE = """type: debt_plan
title: 例子
available: 3,000
---
lender: 甲
balance: 30,000
contract_payment: 2,800
---
lender: 乙
balance: 20,000
contract_payment: 1,900
---
lender: 丙
balance: 1万
contract_payment: 1,000
"""


def html_of(body: str, uri: str = "cope/x.md") -> str:
    return debt_plan_block.block_html(body, uri, 10, "../../calculators/method/", 1)


def test_example_is_computed_at_build_time():
    html = html_of(EXAMPLE)
    assert "<strong>3,000.00</strong> 元；3 家的合同月还款合计 5,700.00 元" in html
    assert "每月差 <strong>2,700.00</strong> 元" in html and "合计正好 3,000.00 元" in html
    rows = re.findall(r'<tr><th scope="row">(.+?)</th>(.*?)</tr>', html)
    cells = [(name, re.findall(r'<td class="num">([^<]*)</td>', rest)) for name, rest in rows]
    assert cells == [
        ("甲", ["30,000.00", "2,800.00", "1,500.00", "20"]),
        ("乙", ["20,000.00", "1,900.00", "1,000.00", "20"]),
        ("丙", ["10,000.00", "1,000.00", "500.00", "20"]),
        ("合计", ["60,000.00", "5,700.00", "3,000.00"]),
    ]
    assert "利息冻结" in html  # months are shown only with the assumption beside them
    # one letter link per lender, to the letter page, with what to fill in
    fills = re.findall(r'<a href="([^"]+)" data-fill="([^"]+)">给(.)的协商还款申请书</a>', html)
    assert [(h, n) for h, _, n in fills] == [(BASE, "甲"), (BASE, "乙"), (BASE, "丙")]
    assert (
        fills[0][1]
        == "%E5%80%9F%E6%AC%BE%E6%9C%BA%E6%9E%84%E5%90%8D%E7%A7%B0=%E7%94%B2&amp;%E6%AF%8F%E6%9C%88%E5%8F%AF%E8%BF%98%E9%87%91%E9%A2%9D=1%2C500.00"
    )
    # the form is there, hidden until the script shows it, prefilled as written
    assert '<form class="calc-form debt-form" novalidate hidden>' in html
    assert 'name="available" type="text" autocomplete="off" value="3,000"' in html
    assert html.count('<fieldset class="calc-plan debt-row">') == 3
    assert "data-search-exclude" in html


def test_offline_letter_link_and_priority():
    body = EXAMPLE.replace("contract_payment: 1,900", "contract_payment: 1,900\npriority: 是")
    html = debt_plan_block.block_html(body, "cope/x.md", 1, "../calculators/method.html", 1)
    assert '<a href="../templates/negotiation-letter.html" data-fill=' in html
    assert '乙<span class="debt-tag">优先</span>' in html
    assert '<input id="debt1-2-priority" name="priority" type="checkbox" checked>' in html
    assert "标“优先”的几笔先按月还款足额分到" in html


@pytest.mark.parametrize(
    "change, line, fragment",
    [
        (
            ("available: 3,000", "available: -5"),
            12,
            "field 'available': 每月能拿出来还债的钱不能为负数",
        ),
        (("available: 3,000", "available: abc"), 12, "field 'available'"),
        (
            ("contract_payment: 2,800", "contract_payment: 40,000"),
            16,
            "field 'debts[1].contract_payment': 合同月还款不能超过欠款余额",
        ),
        (("lender: 丙", "lender: 甲"), 22, "field 'debts[3].lender': 两笔债务的名称相同"),
        (("balance: 1万", "balance: 0"), 23, "field 'debts[3].balance': 欠款余额必须大于 0"),
        (
            ("contract_payment: 1,900", "contract_payment: 1,900\npriority: 也许"),
            21,
            "field 'debts[2].priority': must be 是/否",
        ),
        (
            ("contract_payment: 1,900", "contract_payment: 1,900\nrate: 18%"),
            21,
            "field 'debts[2].rate': unknown field",
        ),
        (
            ("available: 3,000", "available: 3,000\nlender: 甲"),
            13,
            "field 'lender': belongs in a lender's section",
        ),
    ],
)
def test_author_errors_name_page_line_and_field(change, line, fragment):
    body = EXAMPLE.replace(*change)
    with pytest.raises(PluginError) as info:
        html_of(body)
    message = str(info.value)
    assert message.startswith(f"cope/x.md:{line}: calc block"), message
    assert fragment in message
    assert "\n" not in message


def test_a_block_without_lenders_fails():
    with pytest.raises(PluginError, match=r"cope/x.md:10: .*field 'debts': needs 1 to 50 lenders"):
        html_of("type: debt_plan\navailable: 100\n")


def test_calc_embed_hands_the_block_over_and_page_assets_loads_the_script():
    import page_assets

    page = SimpleNamespace(
        file=SimpleNamespace(
            src_uri="cope/y.md", content_string="---\nt: 1\n---\n```calc\n" + EXAMPLE + "```\n"
        ),
        url="cope/y/",
        meta={},
    )
    files = SimpleNamespace(get_file_from_path=lambda p: SimpleNamespace(url="calculators/method/"))
    markdown = "```calc\n" + EXAMPLE + "```\n"
    out = calc_embed.on_page_markdown(markdown, page, {}, files)
    assert out.strip() == '<div class="calc-slot" data-slot="0"></div>'
    assert page.meta["page_asset_groups"] == ["debt_plan"]  # debt-plan.js and calc.css, not calc.js
    page_assets.on_page_context({}, page, {}, None)
    assert page.meta["page_assets"]["scripts"] == ["assets/javascripts/debt-plan.js"]
    written = calc_embed.on_post_page(f"<main>{out}</main>", page, {})
    assert 'class="calc debt-plan"' in written and "1,500.00" in written


# --- the browser's copy, in node ---------------------------------------------------------------

pytestmark_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


def node(cases: list) -> list:
    """Run debt-plan.js's compute + render in node on [raw, title] cases."""
    source = debt_plan_block.with_registry(JS.read_text(encoding="utf-8"))  # as the build serves it
    script = (
        "const m = {exports: {}};"
        f"new Function('module', {json.dumps(source)})(m);"
        "const d = m.exports;"
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(cases.map(([raw, title]) => {"
        "  const r = d.compute(raw, title);"
        f"  return r.errors ? {{errors: r.errors}} : {{view: r.view, html: d.render(r.view, {json.dumps(BASE)})}};"
        "})));"
    )
    if NODE is None:
        pytest.fail("node is needed for the parity tests (apt-get install nodejs)")
    result = subprocess.run(
        [NODE, "-e", script], input=json.dumps(cases), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def python(raw: dict, title: str) -> dict:
    """What the build computes for the same strings (errors as (row, field, message))."""
    try:
        debts = [
            calculators.Debt(
                d["lender"],
                calculators.parse_amount(d["balance"], field="balance"),
                calculators.parse_amount(d["contract_payment"], field="payment"),
                priority=d["priority"],
            )
            for d in raw["debts"]
        ]
        available = calculators.parse_amount(raw["available"], field="available")
        plan = calculators.debt_plan(available, debts)
    except calculators.CalculatorError as error:
        field = debt_plan_block.ENGINE_FIELD.get(error.field, error.field)  # the form's names
        return {"error": (field, error.message_zh)}
    view = debt_plan_block.view_of(plan, title)
    return {"view": view, "html": debt_plan_block.output(view, BASE)}


amounts = st.integers(min_value=1, max_value=10**9)  # fen


@st.composite
def raw_plans(draw):
    n = draw(st.integers(min_value=1, max_value=7))
    debts = []
    for i in range(n):
        balance = draw(amounts)
        payment = draw(st.integers(min_value=1, max_value=balance))
        debts.append(
            {
                "lender": draw(
                    st.sampled_from(["招联", "银行卡", "App A", "花呗 & 借呗", "<b>'x'</b>"])
                )
                + f" {i}",
                "balance": str(D(balance) / 100),
                "contract_payment": f"{D(payment) / 100:,}",
                "priority": draw(st.integers(0, 4)) == 0,
            }
        )
    total = sum(int(D(d["contract_payment"].replace(",", "")) * 100) for d in debts)
    avail = draw(st.integers(min_value=0, max_value=total + total // 3 + 1))
    return {"available": str(D(avail) / 100), "debts": debts}


@settings(max_examples=1, deadline=None, derandomize=True)
@given(st.lists(raw_plans(), min_size=300, max_size=300))
def test_js_view_and_html_equal_python_on_generated_plans(cases):
    got = node([[raw, "标题"] for raw in cases])
    for raw, js in zip(cases, got, strict=True):
        py = python(raw, "标题")
        assert "errors" not in js, (raw, js)
        assert js["view"] == py["view"], raw
        assert js["html"] == py["html"], raw
        offers = [int(r["offer"].replace(",", "").replace(".", "")) for r in js["view"]["rows"]]
        total = int(js["view"]["total_offered"].replace(",", "").replace(".", ""))
        assert sum(offers) == total


TYPED = [
    "12000",
    "12,000",
    "１２，０００",
    "¥1,234.5元",
    "1.2万",
    "0.5亿",
    "3000.00",
    " 3000 ",
    "rmb 5",
    "5块",
    "1,5",
    "12,00",
    "1.234",
    "abc",
    "-5",
    "−5",
    "0",
    "0.00",
    "1e3",
    "1000000000000",
    "1000000000000.01",
    "1000000000000.001",
    "٣٠٠٠",
    "1.23456万",
    "1.234567万",
    ".5",
    "5.",
    "+7",
]


@pytest.mark.parametrize("field", ["balance", "available"])
def test_js_reads_typed_amounts_like_python(field):
    other = {"balance": "1000000000000", "contract_payment": "1"}
    cases = []
    for text in TYPED:
        debt = {
            "lender": "甲",
            "balance": other["balance"],
            "contract_payment": other["contract_payment"],
            "priority": False,
        }
        raw = {"available": "100", "debts": [debt]}
        if field == "balance":
            debt["balance"] = text
        else:
            raw["available"] = text
        cases.append(raw)
    got = node([[raw, ""] for raw in cases])
    for text, raw, js in zip(TYPED, cases, got, strict=True):
        py = python(raw, "")
        if "error" in py:
            assert js.get("errors"), (text, py)
            assert (js["errors"][0]["field"], js["errors"][0]["message"]) == py["error"], text
        else:
            assert "errors" not in js, (text, js)
            assert js["view"] == py["view"], text


def test_js_messages_for_lenders_like_python():
    rows = [
        {"lender": "\u3000x  y\t", "balance": "10", "contract_payment": "10.001"},
        {"lender": "长" * 41, "balance": "10", "contract_payment": "1"},
        {"lender": "甲", "balance": "10", "contract_payment": "11"},
        {"lender": "甲", "balance": "10", "contract_payment": "0"},
    ]
    cases = [{"available": "5", "debts": [{**r, "priority": False}]} for r in rows]
    cases.append(
        {
            "available": "5",
            "debts": [
                {"lender": "甲", "balance": "10", "contract_payment": "1", "priority": False},
                {"lender": " 甲 ", "balance": "10", "contract_payment": "1", "priority": False},
            ],
        }
    )
    for raw, js in zip(cases, node([[c, ""] for c in cases]), strict=True):
        py = python(raw, "")
        assert (js["errors"][0]["field"], js["errors"][0]["message"]) == py["error"]
    # the duplicate is reported on the second row
    assert node([[cases[-1], ""]])[0]["errors"][0]["row"] == 1


def test_js_skips_an_empty_new_row_and_asks_for_missing_fields():
    empty = {"lender": "", "balance": "", "contract_payment": "", "priority": False}
    half = {"lender": "乙", "balance": "", "contract_payment": "100", "priority": False}
    full = {"lender": "甲", "balance": "1000", "contract_payment": "100", "priority": False}
    ok, missing, nothing = node(
        [
            [{"available": "50", "debts": [full, empty]}, ""],
            [{"available": "50", "debts": [full, half]}, ""],
            [{"available": "", "debts": [empty]}, ""],
        ]
    )
    assert [r["name"] for r in ok["view"]["rows"]] == ["甲"]
    assert missing["errors"] == [{"row": 1, "field": "balance", "message": "请填写"}]
    assert {e["field"] for e in nothing["errors"]} == {"available"}
