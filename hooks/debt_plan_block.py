"""The ```calc block `type: debt_plan`: one monthly offer per lender (calculators.debt_plan).

A block has a head with `available` (what the reader can spare each month) and
one section per lender after a `---` line:

    type: debt_plan
    title: 例子              # optional
    available: 3,000
    ---
    name: 甲
    balance: 30,000          # 欠款余额
    payment: 2,800           # 合同月还款
    priority: 否             # optional: 是 for a court-ordered or enforcement instalment

This module parses the block, computes the *view* (display strings and flags)
with the engine and writes its HTML: the plan (summary, table, the
interest-frozen note, a link per lender to the 协商还款申请书 with the name and
the offer filled in), a print-only heading with the date, and the form (hidden;
docs/assets/javascripts/debt-plan.js shows it and recomputes the same view to
the fen). `output()` and debt-plan.js's `render()` must give the same HTML:
tests/test_debt_plan_block.py compares them in node.

It sits beside calc_blocks/calc_render rather than inside them so that the
calculator registry can take it over as one piece: parse (`parse`), view
(`compute`), HTML (`output`, `block_html`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

import calc_blocks
import calc_render
from calc_blocks import BlockError, LineError
from mkdocs.exceptions import PluginError

import calculators
from calculators import format_money

TYPE = "debt_plan"
HEAD = {"available": ("amount", None)}
DEBT = {
    "name": ("text", None),
    "balance": ("amount", None),
    "payment": ("amount", None),
    "priority": ("text", "否"),
}
YES = {"是", "yes", "true", "优先", "priority"}
NO = {"否", "no", "false", "不", "不是"}
LETTER_PAGE = "templates/negotiation-letter"
# Blank names in docs/templates/negotiation-letter.md that the letter links fill in.
LETTER_NAME, LETTER_AMOUNT = "借款机构名称", "每月可还金额"
FROZEN = (
    "* 还清月数按利息冻结计算：假设从现在起不再产生利息、罚息和费用，用欠款余额除以每月还款，"
    "不足一个月算一个月。机构不同意停息的话，实际需要的时间更长。"
)
LABELS = {
    "available": "每月能拿出来还债的钱（元）",
    "name": "借款机构",
    "balance": "欠款余额（元）",
    "payment": "合同月还款（元）",
}

#: src_uri of every page with a debt_plan block (page_assets adds debt-plan.js to them).
PAGES: set[str] = set()


@dataclass
class DebtBlock:
    title: str
    available: str  # as written (the form's default)
    debts: list[dict]  # as written: name, balance, payment, priority ("是"/"否")
    params: dict  # engine inputs: available (Decimal), debts (list of calculators.Debt)
    lines: dict[str, int]  # field ("available", "debts[2].payment") -> 0-based line in the block


def is_debt_plan(body: str) -> bool:
    """True when the block's `type:` line says debt_plan."""
    match = re.search(r"^\s*type\s*[:：]\s*(\S+)", body, re.M)
    return bool(match) and match.group(1) == TYPE


def _priority(text: str, field: str) -> bool:
    value = text.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise BlockError(field, f"must be 是 or 否, got {text!r}")


def parse(text: str) -> DebtBlock:
    """Parse the body of a debt_plan block. Raises LineError (0-based line in the body)."""
    sections = calc_blocks.split_sections(text)
    head, sections = sections[0], sections[1:]
    extra = set(head.values) - calc_blocks.COMMON - set(HEAD)
    if extra:
        key = sorted(extra)[0]
        where = "belongs in a lender's section, after a '---' line" if key in DEBT else "unknown"
        raise LineError(head.lines[key], BlockError(key, f"{where} (allowed: available, title)"))
    params, raw = calc_blocks._parse_fields(HEAD, head, calc_blocks.COMMON)
    lines = dict(head.lines)
    if not sections:
        raise LineError(0, BlockError("debts", "needs at least one lender after a '---' line"))
    debts, raws = [], []
    for index, section in enumerate(sections):
        prefix = f"debts[{index + 1}]."
        values, written = calc_blocks._parse_fields(DEBT, section, set(), prefix)
        line = section.lines.get("priority", section.start)
        try:
            priority = _priority(values["priority"], prefix + "priority")
        except BlockError as error:
            raise LineError(line, error) from None
        try:
            debt = calculators.Debt(
                values["name"], values["balance"], values["payment"], priority=priority
            )
        except calculators.CalculatorError as error:
            field = error.field if error.field in DEBT else "name"
            raise LineError(
                section.lines.get(field, section.start),
                BlockError(prefix + field, calc_blocks.reason(error)),
            ) from None
        written["priority"] = "是" if priority else "否"
        debts.append(debt)
        raws.append(written)
        lines.update({prefix + k: v for k, v in section.lines.items()})
    return DebtBlock(
        head.values.get("title", ""),
        raw["available"],
        raws,
        {"available": params["available"], "debts": debts},
        lines,
    )


def compute(block: DebtBlock) -> dict:
    """The view: display strings, in input order. Raises CalculatorError (field as in the engine)."""
    try:
        plan = calculators.debt_plan(block.params["available"], block.params["debts"])
    except calculators.DuplicateDebtError as error:
        names = [d.name for d in block.params["debts"]]
        second = [i for i, n in enumerate(names) if n == error.value][1]
        raise BlockError(f"debts[{second + 1}].name", calc_blocks.reason(error)) from None
    except calculators.CalculatorError as error:
        raise BlockError(error.field, calc_blocks.reason(error)) from None
    return view_of(plan, block.title)


def view_of(plan: calculators.DebtPlan, title: str = "") -> dict:
    return {
        "title": title,
        "available": format_money(plan.available),
        "total_balance": format_money(sum(o.debt.balance for o in plan.offers)),
        "total_payments": format_money(plan.total_payments),
        "total_offered": format_money(plan.total_offered),
        "shortfall": format_money(plan.shortfall),
        "surplus": format_money(plan.surplus),
        "short": plan.shortfall > 0,
        "count": str(len(plan.offers)),
        "rows": [
            {
                "name": o.debt.name,
                "priority": o.debt.priority,
                "balance": format_money(o.debt.balance),
                "payment": format_money(o.debt.payment),
                "offer": format_money(o.amount),
                "months": "" if o.months_to_clear is None else str(o.months_to_clear),
                "full": o.full,
            }
            for o in plan.offers
        ],
    }


# --- HTML (debt-plan.js `render` writes the same) ---------------------------------------------

esc = calc_render.esc


def letter_fill(row: dict) -> str:
    """`借款机构名称=…&每月可还金额=…` (the offer only when > 0), encoded like encodeURIComponent.

    The link itself points at the letter page; debt-plan.js adds this as the #hash when
    she follows it (after `--` when the href is already an in-file anchor, as in the
    single-file edition), and forms.js fills the letter from it. Without JavaScript the
    letter cannot be filled in anyway, so the plain link is what she gets.
    """
    pairs = [(LETTER_NAME, row["name"])]
    if row["months"]:
        pairs.append((LETTER_AMOUNT, row["offer"]))
    return "&".join(f"{quote(k, safe=SAFE)}={quote(v, safe=SAFE)}" for k, v in pairs)


SAFE = "-_.!~*'()"  # what encodeURIComponent leaves alone


def summary(view: dict) -> str:
    items = [
        f"<li>每月能拿出来还债的钱：<strong>{esc(view['available'])}</strong> 元；"
        f"{esc(view['count'])} 家的合同月还款合计 {esc(view['total_payments'])} 元</li>"
    ]
    if view["short"]:
        items.append(
            f"<li>每月差 <strong>{esc(view['shortfall'])}</strong> 元。下表把能拿出来的钱"
            f"按欠款余额的比例分给各家，合计正好 {esc(view['total_offered'])} 元</li>"
        )
    else:
        items.append(
            f"<li>够还每一家的合同月还款，还剩 <strong>{esc(view['surplus'])}</strong> 元；"
            "多出来的钱可以先多还成本最高的那一笔</li>"
        )
    if any(r["priority"] for r in view["rows"]):
        items.append("<li>标“优先”的几笔先按月还款足额分到，剩下的再分给其他几家</li>")
    return f'<ul class="calc-summary">{"".join(items)}</ul>'


def table(view: dict) -> str:
    cols = ["借款机构", "欠款余额", "合同月还款", "方案每月还", "约需月数*"]
    head = "".join(f'<th scope="col">{c}</th>' for c in cols)
    body = "".join(
        f'<tr><th scope="row">{esc(r["name"])}'
        + ('<span class="debt-tag">优先</span>' if r["priority"] else "")
        + "</th>"
        + "".join(
            f'<td class="num">{esc(v)}</td>'
            for v in (r["balance"], r["payment"], r["offer"], r["months"] or "—")
        )
        + "</tr>"
        for r in view["rows"]
    )
    foot = (
        f'<tfoot><tr><th scope="row">合计</th><td class="num">{esc(view["total_balance"])}</td>'
        f'<td class="num">{esc(view["total_payments"])}</td>'
        f'<td class="num">{esc(view["total_offered"])}</td><td></td></tr></tfoot>'
    )
    return (
        '<table class="calc-table debt-table"><caption>每月还款方案（单位：元）</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>"
    )


def letters(view: dict, base: str) -> str:
    items = "".join(
        f'<li><a href="{esc(base)}" data-fill="{esc(letter_fill(r))}">给{esc(r["name"])}的协商还款申请书</a>'
        + (
            f"（已填好机构名称和每月 {esc(r['offer'])} 元）"
            if r["months"]
            else "（这个月分不到钱，已填好机构名称）"
        )
        + "</li>"
        for r in view["rows"]
    )
    return f'<ul class="debt-letters">{items}</ul>'


def output(view: dict, base: str) -> str:
    """The part debt-plan.js re-renders; `base` is the letter page's URL as linked from this page."""
    title = (
        f'<p class="calc-title"><strong>{esc(view["title"])}</strong></p>' if view["title"] else ""
    )
    return (
        title
        + summary(view)
        + table(view)
        + f'<p class="debt-frozen">{FROZEN}</p>'
        + '<p class="debt-letters-head">给每一家写协商申请：</p>'
        + letters(view, base)
    )


def _input(name: str, value: str, box: str, numeric: bool, label: str | None = None) -> str:
    mode = ' inputmode="decimal"' if numeric else ""
    return (
        f'<div class="calc-field"><label for="{box}">{label or LABELS[name]}</label>'
        f'<input id="{box}" name="{name}" type="text" autocomplete="off" value="{esc(value)}"{mode}>'
        f'<p class="calc-error" id="{box}-e" hidden></p></div>'
    )


def debt_row(raw: dict, prefix: str, number: int) -> str:
    """One lender's fieldset; debt-plan.js clones the first one for 添加一家."""
    checked = " checked" if raw["priority"] == "是" else ""
    return (
        f'<fieldset class="calc-plan debt-row"><legend>第 {number} 家</legend><div class="calc-fields">'
        + _input("name", raw["name"], f"{prefix}-name", False)
        + _input("balance", raw["balance"], f"{prefix}-balance", True)
        + _input("payment", raw["payment"], f"{prefix}-payment", True)
        + f'<div class="calc-field debt-priority"><label for="{prefix}-priority">'
        f'<input id="{prefix}-priority" name="priority" type="checkbox"{checked}> 优先'
        "（法院判决、调解书或执行和解定下的分期）</label></div></div>"
        '<button type="button" class="md-button debt-remove" data-act="remove">删除这一家</button>'
        "</fieldset>"
    )


def form(block: DebtBlock, number: int) -> str:
    prefix = f"debt{number}"
    rows = "".join(debt_row(raw, f"{prefix}-{i + 1}", i + 1) for i, raw in enumerate(block.debts))
    return (
        '<form class="calc-form debt-form" novalidate hidden><div class="calc-fields">'
        + _input("available", block.available, f"{prefix}-available", True)
        + '</div><p class="debt-from-budget" hidden></p>'
        f'<div class="debt-rows">{rows}</div>'
        '<div class="calc-buttons"><button type="button" class="md-button" data-act="add">添加一家</button> '
        '<button type="button" class="md-button" data-act="reset">重置</button> '
        '<button type="button" class="md-button" data-act="print">打印方案</button></div>'
        '<p class="form-privacy">你填写的数字只在你的设备上计算，不会发送或保存，刷新页面就会清空。</p>'
        "</form>"
    )


def block(view: dict, source: DebtBlock, method_href: str, letter_base: str, number: int) -> str:
    """The complete HTML of a debt_plan block, as built into the page."""
    note = (
        '<p class="calc-note">算法：先足额分给标“优先”的几笔；剩下的钱按欠款余额的比例分给其他几家，'
        "每家不超过它的合同月还款，超出的部分再按比例分给其余几家；每家算到分，零头按余数大小补齐，"
        f'合计正好等于能拿出来的钱。<a href="{esc(method_href)}">计算方法</a></p>'
    )
    return (
        f'<div class="calc debt-plan" data-debt-plan data-search-exclude>'
        f'<a class="debt-letter-base" href="{esc(letter_base)}" hidden tabindex="-1" aria-hidden="true"></a>'
        f'<p class="debt-print-head"><strong>我的还款方案</strong>　制表日期：'
        f'<span class="debt-date">____年__月__日</span></p>'
        f'{form(source, number)}<p class="calc-stale-note" hidden></p>'
        f'<div class="calc-output">{output(view, letter_base)}</div>'
        f'<p class="calc-status" aria-live="polite"></p>{note}</div>'
    )


def letter_base_from(method_href: str) -> str:
    """The letter page's URL from this page, derived from the 计算方法 link (same site layout)."""
    base, count = re.subn(r"calculators/method(/|\.html)?$", LETTER_PAGE + r"\1", method_href)
    if not count:
        raise BlockError(None, f"cannot derive the letter link from {method_href!r}")
    return base


def block_html(body: str, uri: str, first_line: int, method_href: str, number: int) -> str:
    """Called by calc_embed for a debt_plan block; any problem fails the build with page and line."""
    try:
        source = parse(body)
    except LineError as error:
        raise PluginError(f"{uri}:{first_line + error.line}: calc block: {error.error}") from None
    try:
        view = compute(source)
        letter_base = letter_base_from(method_href)
    except BlockError as error:
        line = first_line + source.lines.get(
            error.field or "", source.lines.get((error.field or "").split(".")[-1], 0)
        )
        raise PluginError(f"{uri}:{line}: calc block '{TYPE}': {error}") from None
    PAGES.add(uri)
    return block(view, source, method_href, letter_base, number)
