"""The ```calc block `type: debt_plan`: one monthly offer per lender (calculators.debt_plan).

A block has a head with `available` (what the reader can spare each month) and
one section per lender after a `---` line:

    type: debt_plan
    title: 例子                  # optional
    available: 3,000
    ---
    lender: 甲
    balance: 30,000              # 欠款余额
    contract_payment: 2,800      # 合同月还款
    priority: 否                 # optional: 是 for a court-ordered or enforcement instalment

Its declaration is in the calculator registry (data/calculators.yml: types.debt_plan and
tables.debt_plan): the fields and labels, the summary sentences, the table, the letter
links' wording and the note. This module parses the block, computes the *view* with the
engine and writes its HTML: the plan (summary, table, the interest-frozen note, a link
per lender to the 协商还款申请书), a print-only heading with the date, and the form
(hidden; docs/assets/javascripts/debt-plan.js shows it and recomputes the same view to
the fen, with the same registry entry written into it by the build, see `browser_json`).
`output()` and debt-plan.js's `render()` give the same HTML: tests/test_debt_plan_block.py
compares them in node.

Why not calc.js: a debt plan has a variable number of lenders (add and remove), and its
integer-fen arithmetic and form would not fit calc.js's 10 KB budget; so it has its own
small script, loaded only on the pages that need it (page_assets group `debt_plan`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import quote

import calc_blocks
import calc_registry
import calc_render
from calc_blocks import BlockError, LineError
from mkdocs.exceptions import PluginError

import calculators
from calculators import format_money

TYPE = "debt_plan"
REGISTRY = calc_registry.REGISTRY
ENTRY = REGISTRY.data["types"][TYPE]
TABLE = REGISTRY.tables[TYPE]
KIND = REGISTRY.types[TYPE]


def _lender_fields() -> dict[str, calc_registry.Field]:
    fields = {}
    for text in ENTRY["lender_fields"]:
        match = calc_registry.FIELD.match(str(text))
        spec = REGISTRY.field_defs.get(match["name"]) if match else None
        if spec is None:
            raise calc_registry.RegistryError(
                f"{calc_registry.PATH.name}: types.{TYPE}.lender_fields: cannot read {text!r}"
            )
        fields[match["name"]] = calc_registry.Field(
            match["name"], spec["kind"], match["default"], spec["label"]
        )
    return fields


LENDER = _lender_fields()
HEAD = KIND.spec
LENDER_SPEC = {n: ("text" if f.kind == "yesno" else f.kind, f.default) for n, f in LENDER.items()}
MIN_LENDERS, MAX_LENDERS = ENTRY["lenders"]
# yes/no words a page may write -> True/False (registry options.yesno; its first value is yes)
YESNO = {
    word.lower(): option["value"] == REGISTRY.options["yesno"][0]["value"]
    for option in REGISTRY.options["yesno"]
    for word in (option["value"], *option.get("aliases", ()))
}
for _template in (TABLE["letter"], TABLE["letter_offer"]):
    REGISTRY._check(_template, f"tables.{TYPE}", lines=False)
LETTER_PAGE = "templates/negotiation-letter"
# Blank names in docs/templates/negotiation-letter.md that the letter links fill in.
LETTER_NAME, LETTER_AMOUNT = "借款机构名称", "每月可还金额"
SAFE = "-_.!~*'()"  # what encodeURIComponent leaves alone


@dataclass
class DebtBlock:
    title: str
    available: str  # as written (the form's default)
    debts: list[dict]  # as written: lender, balance, contract_payment, priority ("是"/"否")
    params: dict  # engine inputs: available (Decimal), debts (list of calculators.Debt)
    lines: dict[str, int]  # field ("available", "debts[2].balance") -> 0-based line in the block


def browser_json() -> str:
    """What debt-plan.js reads from the registry (written into it by hooks/minify_js.py)."""
    used = set(re.findall(r"\{>(\w+)\}", json.dumps([ENTRY["summary"], TABLE], ensure_ascii=False)))
    data = {
        "summary": ENTRY["summary"],
        "table": TABLE,
        "snippets": {name: REGISTRY.snippets[name] for name in sorted(used)},
        "lenders": [MIN_LENDERS, MAX_LENDERS],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


PLACEHOLDER = "/* @debt-plan-registry */ {}"


def with_registry(source: str) -> str:
    """debt-plan.js with its registry entry in place of its placeholder (exactly once)."""
    if source.count(PLACEHOLDER) != 1:
        raise PluginError(f"debt-plan.js: expected the placeholder {PLACEHOLDER!r} exactly once")
    return source.replace(PLACEHOLDER, browser_json())


def is_debt_plan(body: str) -> bool:
    """True when the block's `type:` line says debt_plan."""
    match = re.search(r"^\s*type\s*[:：]\s*(\S+)", body, re.M)
    return bool(match) and match.group(1) == TYPE


def _priority(text: str, field: str) -> bool:
    value = YESNO.get(text.strip().lower())
    if value is None:
        words = "/".join(o["value"] for o in REGISTRY.options["yesno"])
        raise BlockError(field, f"must be {words}, got {text!r}")
    return value


# the engine's names for a lender's fields (its errors name these)
ENGINE_FIELD = {"name": "lender", "balance": "balance", "payment": "contract_payment"}


def parse(text: str) -> DebtBlock:
    """Parse the body of a debt_plan block. Raises LineError (0-based line in the body)."""
    sections = calc_blocks.split_sections(text)
    head, sections = sections[0], sections[1:]
    extra = set(head.values) - calc_blocks.COMMON - set(HEAD)
    if extra:
        key = sorted(extra)[0]
        where = "belongs in a lender's section, after a '---' line" if key in LENDER else "unknown"
        raise LineError(head.lines[key], BlockError(key, f"{where} (allowed: available, title)"))
    params, raw = calc_blocks._parse_fields(HEAD, head, calc_blocks.COMMON)
    lines = dict(head.lines)
    if not MIN_LENDERS <= len(sections) <= MAX_LENDERS:
        raise LineError(
            0,
            BlockError(
                "debts",
                f"needs {MIN_LENDERS} to {MAX_LENDERS} lenders, each after a '---' line, "
                f"got {len(sections)}",
            ),
        )
    debts, raws = [], []
    for index, section in enumerate(sections):
        prefix = f"debts[{index + 1}]."
        values, written = calc_blocks._parse_fields(LENDER_SPEC, section, set(), prefix)
        line = section.lines.get("priority", section.start)
        try:
            priority = _priority(values["priority"], prefix + "priority")
        except BlockError as error:
            raise LineError(line, error) from None
        try:
            debt = calculators.Debt(
                values["lender"], values["balance"], values["contract_payment"], priority=priority
            )
        except calculators.CalculatorError as error:
            field = ENGINE_FIELD.get(error.field or "", "lender")
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
        raise BlockError(f"debts[{second + 1}].lender", calc_blocks.reason(error)) from None
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
        "any_priority": any(o.debt.priority for o in plan.offers),
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


def table(view: dict) -> str:
    columns = TABLE["columns"]
    head = "".join(f'<th scope="col">{esc(title)}</th>' for title, _ in columns)
    tag = f'<span class="debt-tag">{esc(TABLE["tag"])}</span>'
    body = "".join(
        f'<tr><th scope="row">{esc(r[columns[0][1]])}{tag if r["priority"] else ""}</th>'
        + "".join(f'<td class="num">{esc(r[key] or TABLE["none"])}</td>' for _, key in columns[1:])
        + "</tr>"
        for r in view["rows"]
    )
    foot = (
        f'<tfoot><tr><th scope="row">{esc(TABLE["total"])}</th><td class="num">{esc(view["total_balance"])}</td>'
        f'<td class="num">{esc(view["total_payments"])}</td>'
        f'<td class="num">{esc(view["total_offered"])}</td><td></td></tr></tfoot>'
    )
    return (
        f'<table class="calc-table debt-table"><caption>{esc(TABLE["caption"])}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>"
    )


def letters(view: dict, base: str) -> str:
    items = "".join(
        f'<li><a href="{esc(base)}" data-fill="{esc(letter_fill(r))}">'
        f"{REGISTRY.fill(TABLE['letter'], r)}</a>{REGISTRY.fill(TABLE['letter_offer'], r)}</li>"
        for r in view["rows"]
    )
    return f'<p class="debt-letters-head">{esc(TABLE["letters"])}</p><ul class="debt-letters">{items}</ul>'


def output(view: dict, base: str) -> str:
    """The part debt-plan.js re-renders; `base` is the letter page's URL as linked from this page."""
    title = (
        f'<p class="calc-title"><strong>{esc(view["title"])}</strong></p>' if view["title"] else ""
    )
    items = "".join(f"<li>{line}</li>" for line in REGISTRY.lines(KIND.summary, view))
    return (
        title
        + f'<ul class="calc-summary">{items}</ul>'
        + table(view)
        + f'<p class="debt-frozen">{esc(TABLE["frozen"])}</p>'
        + letters(view, base)
    )


def _input(field: calc_registry.Field, value: str, box: str) -> str:
    numeric = REGISTRY.kinds[field.kind].get("numeric", True)
    mode = ' inputmode="decimal"' if numeric else ""
    return (
        f'<div class="calc-field"><label for="{box}">{esc(field.label)}</label>'
        f'<input id="{box}" name="{field.name}" type="text" autocomplete="off" value="{esc(value)}"{mode}>'
        f'<p class="calc-error" id="{box}-e" hidden></p></div>'
    )


def debt_row(raw: dict, prefix: str, number: int) -> str:
    """One lender's fieldset; debt-plan.js clones the first one for 添加一家."""
    boxes = "".join(
        _input(f, raw[name], f"{prefix}-{name}") for name, f in LENDER.items() if f.kind != "yesno"
    )
    priority = LENDER["priority"]
    checked = " checked" if raw["priority"] == "是" else ""
    return (
        f'<fieldset class="calc-plan debt-row"><legend>第 {number} 家</legend><div class="calc-fields">'
        + boxes
        + f'<div class="calc-field debt-priority"><label for="{prefix}-priority">'
        f'<input id="{prefix}-priority" name="priority" type="checkbox"{checked}> {esc(priority.label)}'
        "</label></div></div>"
        '<button type="button" class="md-button debt-remove" data-act="remove">删除这一家</button>'
        "</fieldset>"
    )


def form(block: DebtBlock, number: int) -> str:
    prefix = f"debt{number}"
    rows = "".join(debt_row(raw, f"{prefix}-{i + 1}", i + 1) for i, raw in enumerate(block.debts))
    return (
        '<form class="calc-form debt-form" novalidate hidden><div class="calc-fields">'
        + _input(KIND.fields[0], block.available, f"{prefix}-available")
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
        f'<p class="calc-note">算法：{esc(KIND.note)}<a href="{esc(method_href)}">计算方法</a></p>'
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
    return block(view, source, method_href, letter_base, number)
