"""Calculator blocks and inline figures: parse, compute with `calculators`, build a view.

No MkDocs here. A block is ```calc … ``` with `key: value` lines (a compare block
has plans separated by `---` lines); an inline figure is {calc TYPE key=value …
show=FIELD}. Parsing turns the text into engine inputs; `compute` calls the
engine and returns a *view*: a plain dict of display strings (and integer fen
for charts). calc_render turns a view into HTML; the page's JavaScript builds
the very same view from the same inputs (node --test tests/ compares the two).
Field kinds, defaults, option words and show= values come from the registry
(data/calculators.yml, via calc_registry).

Every problem raises BlockError with the field and the reason; the hook adds
the page and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import calc_registry

import calculators
from calculators import format_money, format_percent

# 法发〔2017〕22号: a borrower may ask a court to reduce charges above 24 % (the engine's one value)
COURT_LINE = calculators.COURT_REVIEW_THRESHOLD


class BlockError(ValueError):
    """A calculator block or inline figure is malformed; `field` names the culprit."""

    def __init__(self, field_name: str | None, reason: str):
        self.field = field_name
        self.reason = reason
        super().__init__(f"field '{field_name}': {reason}" if field_name else reason)


# --- field kinds --------------------------------------------------------------

REGISTRY = calc_registry.REGISTRY


def _aliases(name: str) -> dict[str, str]:
    """Every word a page may write for an option -> the engine's value."""
    out = {}
    for option in REGISTRY.options[name]:
        for word in [option["value"], *option.get("aliases", ())]:
            out[word] = option["value"]
    return out


METHODS = _aliases("method")
KEEPS = _aliases("keep")


def _amount(text: str, name: str) -> Decimal:
    return calculators.parse_amount(text, field=name)


def _year_rate(text: str, name: str) -> Decimal:
    return calculators.parse_rate(text, per="year", field=name)


def _month_rate(text: str, name: str) -> Decimal:
    return calculators.parse_rate(text, per="month", field=name)


def _day_rate(text: str, name: str) -> Decimal:
    return calculators.parse_rate(text, per="day", field=name)


def _count(text: str, name: str) -> int:
    return calculators.parse_count(text, field=name)


def _plain(text: str, name: str) -> Decimal:
    value = calculators.parse_amount(text, field=name)
    if value < 0:
        raise BlockError(name, f"must not be negative, got {text!r}")
    return value


def _choice(options: dict[str, str]):
    def parse(text: str, name: str) -> str:
        if text not in options:
            raise BlockError(name, f"must be one of {sorted(set(options))}, got {text!r}")
        return options[text]

    return parse


def _text(text: str, name: str) -> str:
    return text


PARSERS = {
    "amount": _amount,
    "year_rate": _year_rate,
    "month_rate": _month_rate,
    "day_rate": _day_rate,
    "count": _count,
    "plain": _plain,
    "method": _choice(METHODS),
    "keep": _choice(KEEPS),
    "text": _text,
}

# Which rate a plan or prepayment of each method takes.
RATE_FIELD = {name: t.rate_field for name, t in REGISTRY.types.items() if t.rate_field}

# type -> {field: (kind, default or None if required)}; "plan" is one plan of a compare block
SPECS: dict[str, dict[str, tuple[str, str | None]]] = {
    name: t.spec for name, t in REGISTRY.types.items() if name != "compare"
}
SPECS["plan"] = REGISTRY.types["compare"].spec
TYPES = tuple(REGISTRY.types)
COMMON = {"type", "title"}

# Values shown by inline figures: show=NAME for each type.
INLINE_FIELDS = {name: t.show for name, t in REGISTRY.types.items() if t.show}


# --- parsing --------------------------------------------------------------------


@dataclass
class Section:
    """One set of `key: value` lines with the line offset of each key (0-based in the block)."""

    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    start: int = 0


@dataclass
class Block:
    type: str
    title: str
    params: dict  # parsed engine inputs (compare: {"plans": [...]})
    raw: dict  # the text as written, for the browser form (compare: {"plans": [...]})
    lines: dict[str, int]  # field -> 0-based line within the block ("plans[1].months" for compare)


# `key: value`; a `#` after whitespace starts a comment, a `#` inside a value is kept (方案#1)
LINE = re.compile(r"^(?P<key>[A-Za-z_]+)\s*[:：]\s*(?P<value>.*?)(?:\s+#.*)?\s*$")


def split_sections(text: str) -> list[Section]:
    sections = [Section()]
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if re.fullmatch(r"-{3,}", stripped):
            sections.append(Section(start=number + 1))
            continue
        match = LINE.match(stripped)
        if not match:
            raise LineError(number, BlockError(None, f"expected 'key: value', got {stripped!r}"))
        key, value = match["key"], match["value"]
        section = sections[-1]
        if key in section.values:
            raise LineError(number, BlockError(key, "given twice"))
        if value == "":
            raise LineError(number, BlockError(key, "has no value"))
        section.values[key] = value
        section.lines[key] = number
    return sections


class LineError(Exception):
    """A BlockError together with the 0-based line of the block it belongs to."""

    def __init__(self, line: int, error: BlockError):
        self.line = line
        self.error = error
        super().__init__(str(error))


def _parse_fields(
    kind_spec: dict, section: Section, skip: set[str], prefix: str = ""
) -> tuple[dict, dict]:
    params, raw = {}, {}
    for key in section.values:
        if key not in kind_spec and key not in skip:
            allowed = ", ".join(sorted(kind_spec))
            raise LineError(
                section.lines[key], BlockError(prefix + key, f"unknown field (allowed: {allowed})")
            )
    for name, (kind, default) in kind_spec.items():
        text = section.values.get(name, default)
        if text is None:
            raise LineError(section.start, BlockError(prefix + name, "is required but missing"))
        raw[name] = text
        if text == "":
            params[name] = None
            continue
        try:
            params[name] = PARSERS[kind](text, name)
        except calculators.CalculatorError as error:
            raise LineError(
                section.lines.get(name, section.start), BlockError(prefix + name, message(error))
            ) from None
        except BlockError as error:
            raise LineError(
                section.lines.get(name, section.start), BlockError(prefix + name, error.reason)
            ) from None
    return params, raw


def message(error: Exception) -> str:
    """What the build says about an error: a block error's reason, an engine error's own
    Chinese message (`.message_zh`)."""
    if isinstance(error, BlockError):
        return error.reason
    return getattr(error, "message_zh", None) or str(error)


reason = message  # the name calc_embed and debt_plan_block use


def parse_block(text: str) -> Block:
    """Parse the body of a ```calc fence. Raises LineError (0-based line in the body)."""
    sections = split_sections(text)
    head = sections[0]
    kind = head.values.get("type")
    if kind is None:
        raise LineError(0, BlockError("type", f"is required (one of {', '.join(TYPES)})"))
    if kind not in TYPES:
        raise LineError(
            head.lines["type"],
            BlockError("type", f"unknown calculator {kind!r} (one of {', '.join(TYPES)})"),
        )
    title = head.values.get("title", "")
    if kind != "compare":
        if len(sections) > 1:
            raise LineError(
                sections[1].start - 1,
                BlockError(None, "'---' separates plans only in a compare block"),
            )
        params, raw = _parse_fields(SPECS[kind], head, COMMON)
        lines = dict(head.lines)
        return Block(kind, title, _check(kind, params, head), raw, lines)
    extra = set(head.values) - COMMON
    if extra:
        key = sorted(extra)[0]
        raise LineError(head.lines[key], BlockError(key, "belongs in a plan, after a '---' line"))
    plans = sections[1:]
    if not 2 <= len(plans) <= 5:
        raise LineError(
            0,
            BlockError(
                "plans", f"a compare block needs 2 to 5 plans separated by '---', got {len(plans)}"
            ),
        )
    parsed, raws, lines = [], [], {}
    for index, plan in enumerate(plans):
        prefix = f"plans[{index + 1}]."
        params, raw = _parse_fields(SPECS["plan"], plan, set(), prefix)
        parsed.append(_check("plan", params, plan, prefix))
        raws.append(raw)
        lines.update({prefix + k: v for k, v in plan.lines.items()})
        lines[prefix[:-1]] = plan.start  # "plans[2]": the plan's first line, for its defaults
    return Block("compare", title, {"plans": parsed}, {"plans": raws}, lines)


def _check(kind: str, params: dict, section: Section, prefix: str = "") -> dict:
    """Cross-field rules: the right rate for the method; nothing else is checked here."""
    if kind in ("early_repayment", "plan"):
        method = params["method"]
        needed = RATE_FIELD[method]
        other = "monthly_fee_rate" if needed == "annual_rate" else "annual_rate"
        if params.get(needed) is None:
            raise LineError(
                section.lines.get("method", section.start),
                BlockError(prefix + needed, f"is required for method {method}"),
            )
        if params.get(other) is not None:
            raise LineError(
                section.lines[other],
                BlockError(prefix + other, f"does not apply to method {method}"),
            )
    return params


INLINE = re.compile(r"\{calc\s+(?P<body>[^{}\n]*)\}")


def parse_inline(body: str) -> tuple[Block, str, int | None]:
    """`TYPE key=value … show=FIELD [digits=N]` -> (block, field to show, digits)."""
    parts = body.split()
    if not parts:
        raise BlockError("type", "is missing")
    kind, pairs = parts[0], parts[1:]
    if kind not in INLINE_FIELDS:
        raise BlockError(
            "type",
            f"unknown calculator {kind!r} for an inline figure (one of {', '.join(INLINE_FIELDS)})",
        )
    section = Section()
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not value:
            raise BlockError(None, f"expected key=value, got {pair!r}")
        if key in section.values:
            raise BlockError(key, "given twice")
        section.values[key] = value
        section.lines[key] = 0
    show = section.values.pop("show", None)
    digits = section.values.pop("digits", None)
    if show is None:
        raise BlockError("show", f"is required (one of {', '.join(INLINE_FIELDS[kind])})")
    if show not in INLINE_FIELDS[kind]:
        raise BlockError("show", f"must be one of {', '.join(INLINE_FIELDS[kind])}, got {show!r}")
    places = None
    if digits is not None:
        if not re.fullmatch(r"[0-4]", digits):  # not str.isdigit(): '²' is a digit to it
            raise BlockError("digits", f"must be 0 to 4, got {digits!r}")
        places = int(digits)
    try:
        params, raw = _parse_fields(SPECS[kind], section, set())
        params = _check(kind, params, section)
    except LineError as error:
        raise error.error from None
    return Block(kind, "", params, raw, {}), show, places


# --- computing a view -------------------------------------------------------------


def _fen(value: Decimal) -> int:
    return int((value * 100).to_integral_value())


def _pct(rate: Decimal, places: int = 2) -> str:
    return format_percent(rate, places=places)


def _schedule(method: str, params: dict):
    rate = params[calculators.METHOD_RATE_FIELDS[method]]
    fee = params.get("upfront_fee") or 0
    return calculators.schedule(
        method, params["principal"], rate, params["months"], upfront_fee=fee
    )


def _schedule_view(schedule) -> dict:
    rows = [
        [
            str(r.period),
            format_money(r.payment),
            format_money(r.principal),
            format_money(r.interest + r.fee),
            format_money(r.balance),
        ]
        for r in schedule.rows
    ]
    return {
        "method": schedule.method,
        "method_label": schedule.method_label,
        "principal": format_money(schedule.principal),
        "months": str(schedule.months),
        "payment": format_money(schedule.payment),
        "last_payment": format_money(schedule.rows[-1].payment),
        "fee": format_money(schedule.rows[0].fee),
        "upfront_fee": format_money(schedule.upfront_fee),
        "total_interest": format_money(schedule.total_interest),
        "total_fee": format_money(schedule.total_fee),
        "total_cost": format_money(schedule.total_cost),
        "total_payment": format_money(schedule.total_payment),
        # the table's third column summed: what is charged with the instalments (not a fee taken up front)
        "charged": format_money(sum((r.interest + r.fee for r in schedule.rows), Decimal(0))),
        "apr_simple": _pct(schedule.annualized.simple),
        "apr_compound": _pct(schedule.annualized.compound),
        "above_24": schedule.annualized.compound > COURT_LINE,
        "above_24_simple": schedule.annualized.simple > COURT_LINE,
        "rows": rows,
        # integer fen per period for the chart: [principal, interest + fee]
        "bars": [[_fen(r.principal), _fen(r.interest + r.fee)] for r in schedule.rows],
    }


def compute(block: Block) -> dict:
    """The view of a block: everything the page shows, as strings (and fen for charts)."""
    kind, p = block.type, block.params
    view: dict = {"type": kind, "title": block.title}
    if kind in ("equal_installment", "equal_principal", "fee_installment"):
        view.update(_schedule_view(_schedule(kind, p)))
        if kind == "fee_installment":
            view["nominal_rate"] = _pct(p["monthly_fee_rate"] * 12)
            view["monthly_fee_rate"] = _pct(p["monthly_fee_rate"])
        else:
            view["annual_rate"] = _pct(p["annual_rate"])
    elif kind == "daily_interest":
        interest = calculators.daily_interest(p["principal"], p["daily_rate"], p["days"])
        view.update(
            {
                "principal": format_money(p["principal"]),
                "days": str(p["days"]),
                "daily_rate": _pct(p["daily_rate"], 3),
                "interest": format_money(interest),
                "annual_360": _pct(calculators.daily_to_annual(p["daily_rate"], 360)),
                "annual_365": _pct(calculators.daily_to_annual(p["daily_rate"], 365)),
            }
        )
    elif kind == "overdue":
        c = calculators.overdue_charges(
            p["overdue_principal"],
            p["overdue_interest"],
            p["annual_rate"],
            p["days"],
            penalty_multiplier=p["penalty_multiplier"],
            basis=p["basis"],
            late_fee_rate=p["late_fee_rate"],
        )
        view.update(
            {
                "overdue_principal": format_money(c.overdue_principal),
                "overdue_interest": format_money(c.overdue_interest),
                "annual_rate": _pct(c.annual_rate),
                "penalty_rate": _pct(c.penalty_rate),
                "multiplier": f"{c.penalty_multiplier.normalize():f}",
                "days": str(c.days),
                "basis": str(c.basis),
                "late_fee_rate": _pct(c.late_fee_rate),
                "penalty_interest": format_money(c.penalty_interest),
                "compound_interest": format_money(c.compound_interest),
                "late_fee": format_money(c.late_fee),
                "total": format_money(c.total),
                "owed": format_money(c.overdue_principal + c.overdue_interest + c.total),
                "annualized": _pct(c.annualized),
                "above_24": c.annualized > COURT_LINE,
            }
        )
    elif kind == "early_repayment":
        schedule = _schedule(p["method"], p)
        e = calculators.early_repayment(
            schedule, p["after_period"], amount=p["amount"], fee_rate=p["fee_rate"], keep=p["keep"]
        )
        view.update(
            {
                "method_label": schedule.method_label,
                "principal": format_money(schedule.principal),
                "months": str(schedule.months),
                "payment": format_money(schedule.payment),
                "after_period": str(e.after_period),
                "outstanding": format_money(e.outstanding),
                "amount": format_money(e.amount),
                "full": e.schedule is None,
                "fee_rate": _pct(p["fee_rate"]),
                "fee": format_money(e.fee),
                "amount_due": format_money(e.amount_due),
                "interest_saved": format_money(e.interest_saved),
                "net_saving": format_money(e.net_saving),
                "keep": e.keep or "",
                "new_payment": format_money(e.schedule.payment) if e.schedule else "",
                "new_months": str(e.schedule.months) if e.schedule else "0",
            }
        )
    elif kind == "cashflow_rate":
        annual = _cashflow_annual(p)
        paid = p["payment"] * p["months"]
        view.update(
            {
                "received": format_money(p["received"]),
                "payment": format_money(p["payment"]),
                "months": str(p["months"]),
                "total_paid": format_money(paid),
                "cost": format_money(paid - p["received"]),
                "apr_simple": _pct(annual.simple),
                "apr_compound": _pct(annual.compound),
                "above_24": annual.compound > COURT_LINE,
                "above_24_simple": annual.simple > COURT_LINE,
            }
        )
    elif kind == "compare":
        view["plans"] = []
        for index, plan in enumerate(p["plans"], start=1):
            try:
                view["plans"].append(_plan_view(plan))
            except (calculators.CalculatorError, BlockError) as error:  # name the plan's own field
                field_name = f"plans[{index}].{error.field}" if error.field else f"plans[{index}]"
                raise BlockError(field_name, message(error)) from None
    return view


def _cashflow_annual(p: dict):
    # the engine checks the amounts, the term and that the payments cover what was received
    return calculators.cashflow_rate(p["received"], p["payment"], p["months"]).annualized


def _plan_view(plan: dict) -> dict:
    schedule = _schedule(plan["method"], plan)
    pause = plan["pause_months"]
    annual = calculators.annualized_with_pause(schedule, pause)
    return {
        "name": plan["name"],
        "method_label": schedule.method_label,
        "pause_months": str(pause),
        "months": str(schedule.months + pause),
        "payment": format_money(schedule.payment),
        "last_payment": format_money(schedule.rows[-1].payment),
        "total_cost": format_money(schedule.total_cost),
        "total_payment": format_money(schedule.total_payment),
        "apr_simple": _pct(annual.simple),
        "apr_compound": _pct(annual.compound),
        "above_24": annual.compound > COURT_LINE,
        "above_24_simple": annual.simple > COURT_LINE,
        "cost_fen": _fen(schedule.total_cost),
        "payment_fen": _fen(schedule.payment),
    }


def inline_value(view: dict, show: str, digits: int | None, block: Block) -> str:
    """The text of an inline figure (money with separators, percentages half-up)."""
    if digits is None:
        return view[show]
    return _pct(_exact_rate(show, block), digits)


def _exact_rate(show: str, block: Block) -> Decimal:
    """Recompute the unrounded rate behind a percentage view field (for digits=N)."""
    p = block.params
    if show in ("apr_simple", "apr_compound"):
        annual = (
            _cashflow_annual(p)
            if block.type == "cashflow_rate"
            else _schedule(block.type, p).annualized
        )
        return annual.simple if show == "apr_simple" else annual.compound
    if show == "nominal_rate":
        return p["monthly_fee_rate"] * 12
    if show in ("annual_360", "annual_365"):
        return calculators.daily_to_annual(p["daily_rate"], 360 if show == "annual_360" else 365)
    if show == "annualized":
        return calculators.overdue_charges(
            p["overdue_principal"],
            p["overdue_interest"],
            p["annual_rate"],
            p["days"],
            penalty_multiplier=p["penalty_multiplier"],
            basis=p["basis"],
            late_fee_rate=p["late_fee_rate"],
        ).annualized
    raise BlockError("digits", f"applies only to percentages, not to {show!r}")
