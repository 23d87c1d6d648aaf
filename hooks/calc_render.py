"""Turn a calculator view (calc_blocks.compute) into HTML: summary, chart, table, assumptions.

Sentences, labels, captions and columns come from the registry (calc_registry).
The page's JavaScript (docs/assets/javascripts/calc.js) renders the output part
(`.calc-output`) with the same structure from the same view and the same registry,
so a block looks the same before and after the reader edits it; `node --test
tests/` compares the two on every case in tests/golden/calc-parity.json.
"""

from __future__ import annotations

import html

import calc_blocks

import calculators

FOLD_HEAD = 3  # rows shown before and after the fold of a long schedule
FOLD_TAIL = 3
CHART_W, CHART_H = 600, 160
MAX_BARS = 60

REGISTRY = calc_blocks.REGISTRY
SCHEDULE = REGISTRY.tables["schedule"]
COMPARE = REGISTRY.tables["compare"]


def charge_word(view: dict) -> str:
    """What the third column and the chart call the charge: 利息 or 手续费."""
    return REGISTRY.types[view["type"]].charge


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def summary(view: dict) -> str:
    """The plain-language result list, from the type's summary lines in the registry."""
    kind = REGISTRY.types[view["type"]]
    if kind.summary_each:
        items = [REGISTRY.fill(kind.summary_each, plan) for plan in view["plans"]]
    else:
        items = REGISTRY.lines(kind.summary, view)
    return f'<ul class="calc-summary">{"".join(f"<li>{item}</li>" for item in items)}</ul>'


# --- tables ---------------------------------------------------------------------------


def _row(cells: list[str]) -> str:
    head, *rest = cells
    return (
        f'<tr><th scope="row">{esc(head)}</th>'
        + "".join(f'<td class="num">{esc(c)}</td>' for c in rest)
        + "</tr>"
    )


def _schedule_head(view: dict) -> str:
    cols = [REGISTRY.fill(c, {"charge": charge_word(view)}) for c in SCHEDULE["columns"]]
    return "<thead><tr>" + "".join(f'<th scope="col">{c}</th>' for c in cols) + "</tr></thead>"


def _schedule_foot(view: dict) -> str:
    return (
        f'<tfoot><tr><th scope="row">{SCHEDULE["total"]}</th><td class="num">{esc(view["total_payment"])}</td>'
        f'<td class="num">{esc(view["principal"])}</td><td class="num">{esc(view["charged"])}</td><td></td></tr></tfoot>'
    )


def schedule_table(view: dict) -> str:
    rows = view["rows"]
    n = len(rows)
    caption = REGISTRY.fill(SCHEDULE["caption"], {"method_label": view["method_label"], "count": n})
    head, foot = _schedule_head(view), _schedule_foot(view)
    if n <= FOLD_HEAD + FOLD_TAIL + 6:
        body = "".join(_row(r) for r in rows)
        return f'<table class="calc-table"><caption>{caption}</caption>{head}<tbody>{body}</tbody>{foot}</table>'
    fold = REGISTRY.fill(SCHEDULE["fold"], {"from": FOLD_HEAD + 1, "to": n - FOLD_TAIL})
    gap = f'<tr class="calc-gap"><td colspan="5">{fold}</td></tr>'
    body = (
        "".join(_row(r) for r in rows[:FOLD_HEAD])
        + gap
        + "".join(_row(r) for r in rows[-FOLD_TAIL:])
    )
    full = "".join(_row(r) for r in rows)
    return (
        f'<table class="calc-table"><caption>{caption}</caption>{head}<tbody>{body}</tbody>{foot}</table>'
        f'<details class="calc-all"><summary>{REGISTRY.fill(SCHEDULE["expand"], {"count": n})}</summary>'
        f'<table class="calc-table"><caption>{caption}</caption>{head}<tbody>{full}</tbody></table></details>'
    )


def compare_table(view: dict) -> str:
    cols = [heading for heading, _ in COMPARE["columns"]]
    head = "<thead><tr>" + "".join(f'<th scope="col">{c}</th>' for c in cols) + "</tr></thead>"
    body = "".join(_row([p[key] for _, key in COMPARE["columns"]]) for p in view["plans"])
    return (
        f'<table class="calc-table"><caption>{COMPARE["caption"]}</caption>{head}'
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
    third = charge_word(view)
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
    lead = REGISTRY.types[view["type"]].lead
    if lead:
        parts.append(f'<p class="calc-lead">{REGISTRY.fill(lead, view)}</p>')
    parts.append(summary(view))
    table = REGISTRY.types[view["type"]].table
    if table == "schedule":
        parts.append(schedule_chart(view))
        parts.append(schedule_table(view))
    elif table == "compare":
        parts.append(compare_chart(view))
        parts.append(compare_table(view))
    return "".join(parts)


ASSUMPTIONS = {name: t.note for name, t in REGISTRY.types.items()}


# --- the form (hidden until calc.js makes the block editable) ----------------------------------

LABELS = {name: spec["label"] for name, spec in REGISTRY.field_defs.items()}
# field -> [(value, option text)]; the value is what calc_blocks parses the written text to
OPTIONS = {
    name: [
        (o["value"], o["text"])
        for o in REGISTRY.options[spec.get("options") or REGISTRY.kinds[spec["kind"]]["options"]]
    ]
    for name, spec in REGISTRY.field_defs.items()
    if spec.get("options") or REGISTRY.kinds[spec["kind"]].get("options")
}
# no numeric keyboard: they take % and words
TEXT_KINDS = {name for name, kind in REGISTRY.kinds.items() if kind.get("numeric") is False}
EDITABLE = {name for name, t in REGISTRY.types.items() if t.editable}  # calc.js can recompute these


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
        f'{control}<p class="calc-error" id="{box_id}-e" hidden></p>{_reading(name, kind, text, value, box_id)}</div>'
    )


def rate_reading(name: str, kind: str, value) -> tuple[str, str | None]:
    """How a rate field's value was read ("按 月费率 0.75% 计算") and the engine's message when the
    value is implausible for its period (None when it is not); calc.js shows the same live."""
    per = REGISTRY.kinds[kind]["per"]
    label = LABELS[name]
    return (
        calculators.describe_rate(value, per, label=label),
        calculators.rate_warning(value, per, label=label),
    )


def _reading(name: str, kind: str, text: str, value, box_id: str) -> str:
    """A rate field's reading and warning, after its message (calc.js finds them there). The
    reading is shown only when it says more than the text itself ("0.75", not "0.75%")."""
    if not REGISTRY.kinds[kind].get("per"):
        return ""
    reading, warning = rate_reading(name, kind, value) if value is not None else ("", None)
    if value is not None and text.strip() == calculators.format_rate(value):
        reading = ""
    return (
        f'<p class="calc-reading" id="{box_id}-r"{"" if reading else " hidden"}>{esc(reading)}</p>'
        f'<p class="calc-warning" id="{box_id}-w"{"" if warning else " hidden"}>{esc(warning or "")}</p>'
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
        f'<p class="calc-unavailable" role="status" hidden>{esc(REGISTRY.texts["unavailable"])}</p>'
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
