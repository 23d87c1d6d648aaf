"""Turn a calculator view (calc_blocks.compute) into HTML: summary, chart, table, assumptions.

The page's JavaScript (docs/assets/javascripts/calc.js) renders the output part
(`.calc-output`) with the same structure from the same view, so a block looks
the same before and after the reader edits it. Keep the two in step: the
browser tests compare them.
"""

from __future__ import annotations

import html

import calc_blocks

FOLD_HEAD = 3  # rows shown before and after the fold of a long schedule
FOLD_TAIL = 3
CHART_W, CHART_H = 600, 160
MAX_BARS = 60

INTEREST_HEAD = {"fee_installment": "手续费"}


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def _li(label: str, value: str) -> str:
    return f"<li>{label}：{value}</li>"


def _strong(value: str, unit: str = " 元") -> str:
    return f"<strong>{esc(value)}</strong>{unit}"


def _apr(view: dict) -> str:
    line = (
        f"按实际占用本金计算的年化利率：复利口径 <strong>{esc(view['apr_compound'])}</strong>，"
        f"单利口径 {esc(view['apr_simple'])}"
    )
    return line + f"（{court_line(view)}）"


def court_line(view: dict) -> str:
    """The 24 % comparison for a pair of rates: the compound one is higher, so it can be alone above."""
    if view["above_24_simple"]:
        return "两种口径都高于 24%"
    return "复利口径高于 24%，单利口径不高于" if view["above_24"] else "不高于 24%"


def summary(view: dict) -> str:
    """The plain-language result list."""
    t = view["type"]
    items: list[str] = []
    if t in ("equal_installment", "equal_principal"):
        items.append(
            _li(
                "借款",
                f"{esc(view['principal'])} 元，年利率 {esc(view['annual_rate'])}，"
                f"分 {esc(view['months'])} 期，{esc(view['method_label'])}",
            )
        )
        if t == "equal_installment":
            items.append(
                _li(
                    "每期还款",
                    _strong(view["payment"]) + f"（最后一期 {esc(view['last_payment'])} 元）",
                )
            )
        else:
            items.append(
                _li(
                    "每期还款",
                    f"第一期 {_strong(view['payment'])}，之后每期减少，"
                    f"最后一期 {esc(view['last_payment'])} 元",
                )
            )
        items.append(
            _li(
                "总利息",
                _strong(view["total_interest"]) + f"；本息合计 {esc(view['total_payment'])} 元",
            )
        )
        items.append(f"<li>{_apr(view)}</li>")
    elif t == "fee_installment":
        items.append(
            _li(
                "借款",
                f"{esc(view['principal'])} 元，月费率 {esc(view['monthly_fee_rate'])}，"
                f"分 {esc(view['months'])} 期",
            )
        )
        items.append(
            _li(
                "每期还款",
                _strong(view["payment"]) + f"，其中手续费 {esc(view['fee'])} 元，"
                f"每期都按最初借的 {esc(view['principal'])} 元计算",
            )
        )
        upfront = (
            ""
            if view["upfront_fee"] == "0.00"
            else f"（含放款时收取的 {esc(view['upfront_fee'])} 元）"
        )
        items.append(
            _li(
                "总手续费",
                _strong(view["total_fee"])
                + upfront
                + f"；合计还款 {esc(view['total_payment'])} 元",
            )
        )
        items.append(f"<li>月费率乘以 12 只有 {esc(view['nominal_rate'])}；{_apr(view)}</li>")
    elif t == "daily_interest":
        items.append(
            _li(
                "借款",
                f"{esc(view['principal'])} 元，日利率 {esc(view['daily_rate'])}，"
                f"借 {esc(view['days'])} 天",
            )
        )
        items.append(_li("利息", _strong(view["interest"])))
        items.append(
            _li(
                "换算成年利率",
                f"按一年 360 天是 <strong>{esc(view['annual_360'])}</strong>，"
                f"按 365 天是 {esc(view['annual_365'])}",
            )
        )
    elif t == "overdue":
        items.append(
            _li(
                "逾期",
                f"本金 {esc(view['overdue_principal'])} 元、利息 {esc(view['overdue_interest'])} 元，"
                f"逾期 {esc(view['days'])} 天；合同年利率 {esc(view['annual_rate'])}，"
                f"罚息利率为其 {esc(view['multiplier'])} 倍，即 {esc(view['penalty_rate'])}",
            )
        )
        items.append(_li("罚息（按逾期本金）", _strong(view["penalty_interest"])))
        items.append(_li("复利（按未付利息）", _strong(view["compound_interest"])))
        if view["late_fee"] != "0.00":
            items.append(
                _li(
                    "违约金",
                    _strong(view["late_fee"]) + f"（按 {esc(view['late_fee_rate'])} 一次性计算）",
                )
            )
        verdict = "高于" if view["above_24"] else "不高于"
        items.append(
            _li(
                "合计",
                _strong(view["total"]) + f"；折合年化 <strong>{esc(view['annualized'])}</strong>"
                f"（{verdict} 24%）",
            )
        )
    elif t == "early_repayment":
        items.append(
            _li(
                "原借款",
                f"{esc(view['principal'])} 元，{esc(view['method_label'])}，"
                f"分 {esc(view['months'])} 期，每期 {esc(view['payment'])} 元",
            )
        )
        items.append(
            _li(f"第 {esc(view['after_period'])} 期还完后剩余本金", _strong(view["outstanding"]))
        )
        if view["full"]:
            items.append(
                _li(
                    "一次还清需付",
                    _strong(view["amount_due"]) + f"（含手续费 {esc(view['fee'])} 元）",
                )
            )
        else:
            items.append(
                _li(
                    "提前还",
                    f"{_strong(view['amount'])}，需付 {esc(view['amount_due'])} 元"
                    f"（含手续费 {esc(view['fee'])} 元）",
                )
            )
            if view["keep"] == "term":
                items.append(
                    _li(
                        "之后（期限不变）",
                        f"每期 {_strong(view['new_payment'])}，还 {esc(view['new_months'])} 期",
                    )
                )
            else:
                items.append(
                    _li(
                        "之后（月供基本不变）",
                        f"每期 {_strong(view['new_payment'])}，"
                        f"只需再还 {esc(view['new_months'])} 期",
                    )
                )
        items.append(_li("不用再付的利息和费用", _strong(view["interest_saved"])))
        items.append(_li("扣掉手续费，净省", _strong(view["net_saving"])))
    elif t == "cashflow_rate":
        items.append(
            _li(
                "到手",
                f"{esc(view['received'])} 元；每期还 {esc(view['payment'])} 元，共 {esc(view['months'])} 期",
            )
        )
        items.append(
            _li("一共还", _strong(view["total_paid"]) + f"，比到手的钱多付 {esc(view['cost'])} 元")
        )
        items.append(f"<li>{_apr(view)}</li>")
    elif t == "compare":
        for plan in view["plans"]:
            pause = (
                f"先暂停 {esc(plan['pause_months'])} 个月，" if plan["pause_months"] != "0" else ""
            )
            items.append(
                f"<li><strong>{esc(plan['name'])}</strong>：{pause}每月 {esc(plan['payment'])} 元，"
                f"共 {esc(plan['months'])} 个月，利息和费用合计 {esc(plan['total_cost'])} 元</li>"
            )
    return f'<ul class="calc-summary">{"".join(items)}</ul>'


# --- tables ---------------------------------------------------------------------------


def _row(cells: list[str]) -> str:
    head, *rest = cells
    return (
        f'<tr><th scope="row">{esc(head)}</th>'
        + "".join(f'<td class="num">{esc(c)}</td>' for c in rest)
        + "</tr>"
    )


def _schedule_head(view: dict) -> str:
    third = INTEREST_HEAD.get(view["type"], "利息")
    cols = ["期数", "还款额", "本金", third, "剩余本金"]
    return "<thead><tr>" + "".join(f'<th scope="col">{c}</th>' for c in cols) + "</tr></thead>"


def _schedule_foot(view: dict) -> str:
    return (
        f'<tfoot><tr><th scope="row">合计</th><td class="num">{esc(view["total_payment"])}</td>'
        f'<td class="num">{esc(view["principal"])}</td><td class="num">{esc(view["charged"])}</td><td></td></tr></tfoot>'
    )


def schedule_table(view: dict) -> str:
    rows = view["rows"]
    n = len(rows)
    caption = f"还款计划（{esc(view['method_label'])}，共 {n} 期，单位：元）"
    head, foot = _schedule_head(view), _schedule_foot(view)
    if n <= FOLD_HEAD + FOLD_TAIL + 6:
        body = "".join(_row(r) for r in rows)
        return f'<table class="calc-table"><caption>{caption}</caption>{head}<tbody>{body}</tbody>{foot}</table>'
    gap = f'<tr class="calc-gap"><td colspan="5">第 {FOLD_HEAD + 1}–{n - FOLD_TAIL} 期见下方完整列表</td></tr>'
    body = (
        "".join(_row(r) for r in rows[:FOLD_HEAD])
        + gap
        + "".join(_row(r) for r in rows[-FOLD_TAIL:])
    )
    full = "".join(_row(r) for r in rows)
    return (
        f'<table class="calc-table"><caption>{caption}</caption>{head}<tbody>{body}</tbody>{foot}</table>'
        f'<details class="calc-all"><summary>展开全部 {n} 期</summary>'
        f'<table class="calc-table"><caption>{caption}</caption>{head}<tbody>{full}</tbody></table></details>'
    )


def compare_table(view: dict) -> str:
    cols = ["方案", "每月还款", "期数（月）", "利息和费用", "合计还款", "年化（复利口径）"]
    head = "<thead><tr>" + "".join(f'<th scope="col">{c}</th>' for c in cols) + "</tr></thead>"
    body = "".join(
        _row(
            [
                p["name"],
                p["payment"],
                p["months"],
                p["total_cost"],
                p["total_payment"],
                p["apr_compound"],
            ]
        )
        for p in view["plans"]
    )
    return (
        f'<table class="calc-table"><caption>方案对比（金额单位：元）</caption>{head}'
        f"<tbody>{body}</tbody></table>"
    )


# --- charts (integer coordinates, so Python and JavaScript draw the same picture) ----------


def _bars(view: dict) -> list[list[int]]:
    """Per-period [principal, interest] in fen; long schedules summed per 12 periods."""
    bars = view["bars"]
    if len(bars) <= MAX_BARS:
        return bars
    return [
        [sum(b[0] for b in bars[i : i + 12]), sum(b[1] for b in bars[i : i + 12])]
        for i in range(0, len(bars), 12)
    ]


def schedule_chart(view: dict) -> str:
    bars = _bars(view)
    unit = "期" if len(bars) == len(view["bars"]) else "年"
    top = max(p + i for p, i in bars) or 1
    width = CHART_W // len(bars)
    gap = 1 if width > 3 else 0
    rects = []
    for index, (p, i) in enumerate(bars):
        x = index * width
        hp = p * CHART_H // top
        hi = (p + i) * CHART_H // top - hp
        rects.append(
            f'<rect class="calc-bar-p" x="{x}" y="{CHART_H - hp}" width="{width - gap}" height="{hp}"></rect>'
        )
        if hi:
            rects.append(
                f'<rect class="calc-bar-i" x="{x}" y="{CHART_H - hp - hi}" width="{width - gap}" height="{hi}"></rect>'
            )
    third = INTEREST_HEAD.get(view["type"], "利息")
    first, last = view["rows"][0], view["rows"][-1]
    desc = (
        f"每{unit}还款中本金和{third}的构成。第 1 期还本金 {first[2]} 元、{third} {first[3]} 元；"
        f"最后一期还本金 {last[2]} 元、{third} {last[3]} 元。"
    )
    return (
        f'<figure class="calc-chart"><svg viewBox="0 0 {CHART_W} {CHART_H}" role="img" '
        f'aria-label="{esc(desc)}" preserveAspectRatio="none">{"".join(rects)}</svg>'
        f'<figcaption><span class="calc-key calc-key-p"></span>本金　'
        f'<span class="calc-key calc-key-i"></span>{third}（每根柱子是一{unit}）</figcaption></figure>'
    )


def compare_chart(view: dict) -> str:
    plans = view["plans"]
    top = max(p["cost_fen"] for p in plans) or 1
    row = 28
    height = row * len(plans)
    rects = []
    for index, plan in enumerate(plans):
        w = plan["cost_fen"] * CHART_W // top
        rects.append(
            f'<rect class="calc-bar-i" x="0" y="{index * row + 4}" width="{w}" height="{row - 8}"></rect>'
        )
    desc = (
        "各方案利息和费用合计："
        + "；".join(f"{p['name']} {p['total_cost']} 元" for p in plans)
        + "。"
    )
    return (
        f'<figure class="calc-chart"><svg viewBox="0 0 {CHART_W} {height}" role="img" '
        f'aria-label="{esc(desc)}" preserveAspectRatio="none">{"".join(rects)}</svg>'
        f"<figcaption>利息和费用合计，从上到下依次为：{esc('、'.join(p['name'] for p in plans))}</figcaption></figure>"
    )


# --- the whole block -----------------------------------------------------------------------


def output(view: dict) -> str:
    """The part that the browser re-renders when the reader edits the inputs."""
    parts = []
    if view.get("title"):
        parts.append(f'<p class="calc-title"><strong>{esc(view["title"])}</strong></p>')
    parts.append(summary(view))
    if view["type"] in ("equal_installment", "equal_principal", "fee_installment"):
        parts.append(schedule_chart(view))
        parts.append(schedule_table(view))
    elif view["type"] == "compare":
        parts.append(compare_chart(view))
        parts.append(compare_table(view))
    return "".join(parts)


ASSUMPTIONS = {
    "equal_installment": "每期利息 = 剩余本金 × 年利率 ÷ 12；每期还款额四舍五入到分，最后一期还清剩余本金。",
    "equal_principal": "每期本金 = 借款额 ÷ 期数（四舍五入到分，最后一期补足）；利息 = 剩余本金 × 年利率 ÷ 12。",
    "fee_installment": "每期手续费 = 最初本金 × 月费率，不随本金减少；年化利率按实际占用的本金，用内部收益率法计算。",
    "daily_interest": "利息 = 本金 × 日利率 × 天数，最后四舍五入到分。",
    "overdue": "罚息和复利按天计算；罚息倍数、计息天数基准和违约金都以你的合同为准。",
    "early_repayment": "在还款日、第 N 期还完后提前还款；手续费按合同约定的比例计算。",
    "cashflow_rate": "把到手金额和每期还款看作现金流，求出使其净现值为零的月利率，再换算成年化。",
    "compare": "各方案按相同的计算规则得出；暂停的月份不还款、也不计息，实际以机构书面确认为准。",
}


# --- the form (hidden until calc.js makes the block editable) ----------------------------------

LABELS = {
    "principal": "借款金额（元）",
    "annual_rate": "年利率",
    "monthly_fee_rate": "月费率",
    "months": "期数",
    "upfront_fee": "放款时收取的费用（元）",
    "daily_rate": "日利率",
    "days": "天数",
    "overdue_principal": "逾期本金（元）",
    "overdue_interest": "逾期利息（元）",
    "penalty_multiplier": "罚息倍数",
    "basis": "计息天数基准",
    "late_fee_rate": "违约金比例",
    "method": "还款方式",
    "after_period": "已还期数",
    "amount": "提前还款金额（元，留空 = 全部还清）",
    "fee_rate": "提前还款手续费率",
    "keep": "部分提前还款后",
    "name": "方案名称",
    "pause_months": "暂停月数",
}
# field -> [(value, option text)]; the value is what calc_blocks parses the written text to
OPTIONS = {
    "method": [
        ("equal_installment", "等额本息"),
        ("equal_principal", "等额本金"),
        ("fee_installment", "分期手续费"),
    ],
    "keep": [("term", "期限不变"), ("payment", "月供不变")],
    "basis": [("360", "360 天"), ("365", "365 天")],
}
TEXT_KINDS = {
    "text",
    "year_rate",
    "month_rate",
    "day_rate",
}  # no numeric keyboard: they take % and words
EDITABLE = set(calc_blocks.TYPES) - {"cashflow_rate"}  # the block types calc.js can recompute


def _field(name: str, kind: str, text: str, value, box_id: str, shown: bool) -> str:
    attrs = f'id="{box_id}" name="{name}"'
    if name in OPTIONS:
        options = "".join(
            f'<option value="{v}"{" selected" if v == str(value) else ""}>{t}</option>'
            for v, t in OPTIONS[name]
        )
        control = f"<select {attrs}>{options}</select>"
    else:
        mode = "" if kind in TEXT_KINDS else ' inputmode="decimal"'
        control = f'<input {attrs} type="text" autocomplete="off" value="{esc(text)}"{mode}>'
    return (
        f'<div class="calc-field"{"" if shown else " hidden"}><label for="{box_id}">{LABELS[name]}</label>'
        f'{control}<p class="calc-error" id="{box_id}-e" hidden></p></div>'
    )


def _fields(kind: str, raw: dict, params: dict, prefix: str) -> str:
    rate = calc_blocks.RATE_FIELD.get(
        params.get("method")
    )  # a method shows only its own rate field
    boxes = "".join(
        _field(
            name,
            spec_kind,
            raw[name],
            params[name],
            f"{prefix}-{name}",
            not (rate and name in calc_blocks.RATE_FIELD.values() and name != rate),
        )
        for name, (spec_kind, _) in calc_blocks.SPECS[kind].items()
    )
    return f'<div class="calc-fields">{boxes}</div>'


def form(source: calc_blocks.Block, number: int) -> str:
    """The block's inputs, prefilled with the page's values; `number` makes the ids unique on the page.

    It is hidden: without JavaScript it could do nothing. calc.js shows it, and the
    reset button restores these values (they are the controls' default values).
    """
    if source.type == "compare":
        sections = "".join(
            f'<fieldset class="calc-plan"><legend>方案 {i + 1}</legend>'
            f"{_fields('plan', raw, params, f'calc{number}-{i}')}</fieldset>"
            for i, (raw, params) in enumerate(zip(source.raw["plans"], source.params["plans"]))
        )
    else:
        sections = _fields(source.type, source.raw, source.params, f"calc{number}-0")
    buttons = (
        '<div class="calc-buttons"><button type="button" class="md-button" data-act="reset">重置</button> '
        '<button type="button" class="md-button" data-act="print">打印</button></div>'
    )
    return (
        f'<form class="calc-form" novalidate hidden>{sections}{buttons}</form>'
        '<ul class="calc-inputs" hidden></ul><p class="calc-stale-note" hidden></p>'
    )


def block(view: dict, source: calc_blocks.Block, method_href: str, number: int = 1) -> str:
    """The complete HTML of a calculator block, as built into the page."""
    note = (
        f'<p class="calc-note">算法：{ASSUMPTIONS[view["type"]]}金额按四舍五入精确到分。'
        f'<a href="{esc(method_href)}">计算方法</a></p>'
    )
    editable = form(source, number) if source.type in EDITABLE else ""
    return (
        f'<div class="calc" data-calc="{esc(view["type"])}" data-search-exclude>{editable}'
        f'<div class="calc-output">{output(view)}</div>'
        f'<p class="calc-status" aria-live="polite"></p>{note}</div>'
    )
