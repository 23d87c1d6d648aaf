"""Command line: ``python -m calculators <subcommand> …``.

Subcommands: equal-installment, equal-principal, fee-installment,
annualized-rate, daily-interest, overdue, early-repayment, debt-plan.  Amounts and rates
accept the friendly forms of :mod:`calculators.parsing` (``18%``, ``12,000``,
full-width digits; a bare rate is a percent in the option's period, so
``--monthly-fee-rate 0.75`` is 0.75 % a month and the reading is noted on
stderr, with a note when a rate is implausible).  Output is an aligned table with Chinese
headers and a summary; ``--json`` (Decimals as strings) and ``--csv`` are for
machines.  Bad input: exit status 2 and exactly one line on stderr.

Example::

    python -m calculators equal-installment --principal 12000 --annual-rate 18% --months 12
    python -m calculators annualized-rate 99000 -8833.33*12
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, NoReturn

from .daily import daily_interest, daily_to_annual, overdue_charges
from .debts import Debt, debt_plan
from .errors import CalculatorError, ParseError
from .formatting import format_money, format_percent, to_jsonable
from .irr import AnnualizedRate, annualized_rate
from .parsing import (
    Period,
    describe_rate,
    parse_amount,
    parse_count,
    parse_rate,
    parse_rate_with_unit,
    rate_warning,
)
from .prepayment import early_repayment
from .schedules import Schedule, schedule

__all__ = ["main"]

PROG = "python -m calculators"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


# --- text layout -----------------------------------------------------------


def display_width(text: str) -> int:
    """Terminal columns: CJK wide/full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Aligned table: first column left-aligned, numbers right-aligned."""
    widths = [max(display_width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    lines = []
    for row in [headers, *rows]:
        cells = [_pad(str(cell), widths[i], right=i > 0) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render_pairs(pairs: Sequence[tuple[str, str]]) -> str:
    width = max(display_width(k) for k, _ in pairs)
    return "\n".join(f"{_pad(k, width, right=False)}  {v}" for k, v in pairs)


def _rate_lines(rate: AnnualizedRate, prefix: str = "") -> list[tuple[str, str]]:
    return [
        (f"{prefix}年化利率（单利口径 / 年百分比率, 12×月利率）", format_percent(rate.simple)),
        (
            f"{prefix}年化利率（复利口径 / 内部收益率法, (1+月利率)^12−1）",
            format_percent(rate.compound),
        ),
    ]


SCHEDULE_HEADERS = ["期数", "还款额", "本金", "利息", "手续费", "剩余本金"]
CSV_FIELDS = ["period", "payment", "principal", "interest", "fee", "balance"]


def schedule_text(s: Schedule) -> str:
    rows = [
        [
            str(r.period),
            format_money(r.payment),
            format_money(r.principal),
            format_money(r.interest),
            format_money(r.fee),
            format_money(r.balance),
        ]
        for r in s.rows
    ]
    payment_label = {
        "equal_installment": "每期还款（末期多退少补）",
        "equal_principal": "首期还款（此后逐月递减）",
        "fee_installment": "每期还款（本金 + 手续费）",
    }[s.method]
    pairs = [("还款方式", s.method_label), (payment_label, format_money(s.payment))]
    if s.method == "equal_principal":
        pairs.append(("末期还款", format_money(s.rows[-1].payment)))
    if s.method == "equal_installment" and s.rows[-1].payment != s.payment:
        pairs.append(("末期还款", format_money(s.rows[-1].payment)))
    if s.rounding == "carry":
        # the reader should know why the rows do not follow round(balance × r)
        pairs.append(
            ("取整方式", "期数长、利率高：利息按未取整的余额计算，不到一分的零头留到末期结清")
        )
    pairs += [
        ("总利息（按计划逐期相加）", format_money(s.total_interest)),
        ("总手续费" + ("（含放款时收取）" if s.upfront_fee else ""), format_money(s.total_fee)),
        ("还款总额", format_money(s.total_payment)),
        *_rate_lines(s.annualized),
    ]
    return render_table(SCHEDULE_HEADERS, rows) + "\n\n" + render_pairs(pairs)


def schedule_csv(s: Schedule) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for r in s.rows:
        writer.writerow([r.period, r.payment, r.principal, r.interest, r.fee, r.balance])
    return out.getvalue()


def _flatten(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(data, dict):
        items: list[tuple[str, Any]] = []
        for key, value in data.items():
            items += _flatten(value, f"{prefix}{key}.")
        return items
    return [(prefix.rstrip("."), data)]


def pairs_csv(result: Any) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["field", "value"])
    for key, value in _flatten(to_jsonable(result)):
        if not isinstance(value, list):
            writer.writerow([key, "" if value is None else value])
    return out.getvalue()


# --- input ---------------------------------------------------------------


def _ratio(text: str, field: str) -> Decimal:
    """A per-event ratio (fee rate, late-fee rate): percent forms, no period."""
    value, period = parse_rate_with_unit(text, field=field)
    if period is not None:
        raise ParseError(
            field,
            "这里需要一个比例，不带期限（如 1%）",
            f"{field}: expected a plain ratio such as 1%",
            text,
        )
    return value


_UNIT_MARK = re.compile(r"[%‰‱]|分之")


def _rate(args: argparse.Namespace, text: str, per: Period, field: str) -> Decimal:
    """parse_rate, and note on stderr how a bare number was read and any implausible value."""
    rate = parse_rate(text, per=per, field=field)
    notes = args.__dict__.setdefault("notes", [])
    if not _UNIT_MARK.search(unicodedata.normalize("NFKC", text)):
        notes.append(describe_rate(rate, per, field=field))
    warning = rate_warning(rate, per, field=field)
    if warning:
        notes.append(warning)
    return rate


def _flows(tokens: Sequence[str]) -> list[Decimal]:
    """Cash flows: tokens separated by spaces or ';'; ``value*count`` repeats a value."""
    flows: list[Decimal] = []
    for token in tokens:
        for part in unicodedata.normalize("NFKC", token).replace(";", " ").split():
            value, star, count = part.replace("×", "*").partition("*")
            amount = parse_amount(value, field="cashflows")
            times = parse_count(count, field="cashflows") if star else 1
            if times > 1201:
                raise ParseError(
                    "cashflows", "重复次数过多", "cashflows: repeat count too large", part
                )
            flows.extend([amount] * times)
    return flows


# --- subcommands ---------------------------------------------------------


def _schedule_from(args: argparse.Namespace, method: str) -> Schedule:
    principal = parse_amount(args.principal, field="principal")
    months = parse_count(args.months, field="months", unit="month")
    upfront = parse_amount(args.upfront_fee, field="upfront_fee")
    if method == "fee-installment":
        if args.monthly_fee_rate is None:
            raise ParseError(
                "monthly_fee_rate",
                "等本等费需要 --monthly-fee-rate",
                "monthly_fee_rate: fee-installment needs --monthly-fee-rate",
            )
        rate = _rate(args, args.monthly_fee_rate, "month", "monthly_fee_rate")
    else:
        if args.annual_rate is None:
            raise ParseError(
                "annual_rate", "需要 --annual-rate", "annual_rate: --annual-rate is required"
            )
        rate = _rate(args, args.annual_rate, "year", "annual_rate")
    return schedule(method, principal, rate, months, upfront_fee=upfront)


def cmd_schedule(args: argparse.Namespace) -> tuple[Any, Callable[[], str], Callable[[], str]]:
    s = _schedule_from(args, args.command)
    return s, lambda: schedule_text(s), lambda: schedule_csv(s)


def cmd_annualized(args: argparse.Namespace) -> tuple[Any, Callable[[], str], Callable[[], str]]:
    if args.flows is not None and args.values:
        raise ParseError(
            "cashflows",
            "现金流请只用一种写法：--flows 或直接列出，不要两者都写",
            "cashflows: give --flows or the values, not both",
            " ".join(args.values),
        )
    flows = _flows(([args.flows] if args.flows is not None else []) + list(args.values))
    a = annualized_rate(flows)

    def text() -> str:
        return render_pairs(
            [
                ("现金流个数", str(len(flows))),
                ("月内部收益率", format_percent(a.monthly, places=4)),
                *_rate_lines(a),
            ]
        )

    return a, text, lambda: pairs_csv(a)


def cmd_daily(args: argparse.Namespace) -> tuple[Any, Callable[[], str], Callable[[], str]]:
    principal = parse_amount(args.principal, field="principal")
    rate = _rate(args, args.daily_rate, "day", "daily_rate")
    days = parse_count(args.days, field="days", unit="day")
    interest = daily_interest(principal, rate, days)
    result = {
        "principal": principal,
        "daily_rate": rate,
        "days": days,
        "interest": interest,
        "annual_rate_basis_360": daily_to_annual(rate, 360),
        "annual_rate_basis_365": daily_to_annual(rate, 365),
    }

    def text() -> str:
        return render_pairs(
            [
                ("利息（本金×日利率×天数，最后取整到分）", format_money(interest)),
                (
                    "折合年利率（按 360 天）",
                    format_percent(result["annual_rate_basis_360"], places=4),
                ),
                (
                    "折合年利率（按 365 天）",
                    format_percent(result["annual_rate_basis_365"], places=4),
                ),
            ]
        )

    return result, text, lambda: pairs_csv(result)


def cmd_overdue(args: argparse.Namespace) -> tuple[Any, Callable[[], str], Callable[[], str]]:
    c = overdue_charges(
        parse_amount(args.principal, field="overdue_principal"),
        parse_amount(args.interest, field="overdue_interest"),
        _rate(args, args.annual_rate, "year", "annual_rate"),
        parse_count(args.days, field="days", unit="day"),
        penalty_multiplier=parse_amount(args.multiplier, field="penalty_multiplier"),
        basis=parse_count(args.basis, field="basis"),
        late_fee_rate=_ratio(args.late_fee_rate, "late_fee_rate"),
    )

    def text() -> str:
        note = (
            "高于 24%：依法发〔2017〕22号，借款人可请求法院调减"
            if c.above_court_review_threshold
            else "不高于 24%"
        )
        return render_pairs(
            [
                ("罚息利率（年）", format_percent(c.penalty_rate)),
                ("罚息（逾期本金）", format_money(c.penalty_interest)),
                ("复利（未付利息）", format_money(c.compound_interest)),
                ("违约金", format_money(c.late_fee)),
                ("合计", format_money(c.total)),
                (f"折合年化（按 {c.basis} 天）", format_percent(c.annualized)),
                ("与 24% 比较", note),
            ]
        )

    return c, text, lambda: pairs_csv(c)


def cmd_early(args: argparse.Namespace) -> tuple[Any, Callable[[], str], Callable[[], str]]:
    fee = args.method == "fee-installment"
    unused = args.annual_rate if fee else args.monthly_fee_rate
    if unused is not None:
        option, field = (
            ("--annual-rate", "annual_rate") if fee else ("--monthly-fee-rate", "monthly_fee_rate")
        )
        raise ParseError(
            field,
            f"{'等本等费按月手续费率计算' if fee else '这种还款方式按年利率计算'}，不用 {option}",
            f"{field}: {option} does not apply to --method {args.method}",
            unused,
        )
    s = _schedule_from(args, args.method)
    e = early_repayment(
        s,
        parse_count(args.after_period, field="after_period", unit="month"),
        amount=None if args.amount is None else parse_amount(args.amount, field="amount"),
        fee_rate=_ratio(args.fee_rate, "fee_rate"),
        keep=args.keep,
    )

    def text() -> str:
        pairs = [
            ("提前还款时点", f"第 {e.after_period} 期还款之后"),
            ("剩余本金", format_money(e.outstanding)),
            ("提前还本金", format_money(e.amount) + ("（全部结清）" if e.full else "")),
            ("提前还款手续费", format_money(e.fee)),
            (f"当日应付（不含第 {e.after_period} 期月供）", format_money(e.amount_due)),
            ("省下的利息和手续费", format_money(e.interest_saved)),
            ("净节省（减去提前还款手续费）", format_money(e.net_saving)),
        ]
        out = render_pairs(pairs)
        if e.schedule is not None:
            keep = "期限不变（月供减少）" if e.keep == "term" else "月供不超过原来（期限缩短）"
            out += f"\n\n新的还款计划：{keep}，共 {e.schedule.months} 期（第 1 期即原第 {e.after_period + 1} 期）\n"
            out += schedule_text(e.schedule)
        return out

    def as_csv() -> str:
        return schedule_csv(e.schedule) if e.schedule is not None else pairs_csv(e)

    return e, text, as_csv


# --- debt-plan (several debts; calculators/debts.py) ------------------------

_PRIORITY_WORDS = {"priority", "p", "优先"}


def _debt_arg(text: str) -> Debt:
    """``NAME:BALANCE:PAYMENT[:priority]`` (full-width ``：`` too); the name may contain colons."""
    parts = re.split("[:：]", text)
    priority = len(parts) >= 4 and parts[-1].strip().lower() in _PRIORITY_WORDS
    if priority:
        parts = parts[:-1]
    if len(parts) < 3:
        raise ParseError(
            "debts",
            "每笔债务写成 名称:欠款余额:合同月还款[:priority]，如 招联:30000:2800",
            "debts: write NAME:BALANCE:PAYMENT[:priority], e.g. 招联:30000:2800",
            text,
        )
    name = ":".join(parts[:-2])
    return Debt(
        name,
        parse_amount(parts[-2], field="balance"),
        parse_amount(parts[-1], field="payment"),
        priority=priority,
    )


def cmd_debt_plan(args: argparse.Namespace) -> tuple[Any, Callable[[], str], Callable[[], str]]:
    plan = debt_plan(
        parse_amount(args.available, field="available"), [_debt_arg(d) for d in args.debt or []]
    )

    def text() -> str:
        rows = [
            [
                o.debt.name + ("（优先）" if o.debt.priority else ""),
                format_money(o.debt.balance),
                format_money(o.debt.payment),
                format_money(o.amount),
                "—" if o.months_to_clear is None else str(o.months_to_clear),
            ]
            for o in plan.offers
        ]
        headers = ["借款机构", "欠款余额", "合同月还款", "本方案每月还", "还清约需月数*"]
        pairs = [
            ("每月能拿出来还债的钱", format_money(plan.available)),
            ("合同月还款合计", format_money(plan.total_payments)),
            ("本方案每月合计", format_money(plan.total_offered)),
        ]
        if plan.shortfall:
            pairs.append(("每月缺口", format_money(plan.shortfall)))
        else:
            pairs.append(("付完全部月还款后还剩", format_money(plan.surplus)))
        note = "* 按利息冻结计算：假设今后不再产生利息、罚息和费用，欠款余额 ÷ 每月还款，向上取整。"
        return render_table(headers, rows) + "\n\n" + render_pairs(pairs) + "\n" + note

    def as_csv() -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["name", "balance", "payment", "priority", "offer", "months_to_clear"])
        for o in plan.offers:
            writer.writerow(
                [
                    o.debt.name,
                    o.debt.balance,
                    o.debt.payment,
                    "yes" if o.debt.priority else "no",
                    o.amount,
                    "" if o.months_to_clear is None else o.months_to_clear,
                ]
            )
        return out.getvalue()

    return plan, text, as_csv


def _add_debt_plan(sub: Any, output: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "debt-plan",
        parents=[output],
        help="欠了好几家：把每月能拿出来的钱按欠款比例分给各家",
        description="Split what you can spare each month into one offer per lender: priority "
        "debts first, the rest pro rata by balance, none above its payment.",
    )
    p.add_argument("--available", required=True, help="每月能拿出来还债的钱, e.g. 3000")
    p.add_argument(
        "--debt",
        action="append",
        metavar="NAME:BALANCE:PAYMENT[:priority]",
        help="one debt (repeat): 名称:欠款余额:合同月还款, add :priority for a court-ordered one",
    )
    p.set_defaults(handler=cmd_debt_plan)


# --- parser ----------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    output = argparse.ArgumentParser(add_help=False)
    group = output.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="JSON output (Decimals as strings)")
    group.add_argument("--csv", action="store_true", help="CSV output")

    loan = argparse.ArgumentParser(add_help=False)
    loan.add_argument("--principal", required=True, help="本金, e.g. 12000, 12,000, 1.2万")
    loan.add_argument("--months", required=True, help="期数 1–600")
    loan.add_argument("--upfront-fee", default="0", help="放款时扣除的费用 (default 0)")

    parser = _Parser(
        prog=PROG,
        description="借款人手册还款计算器：精确到分的还款计划、年化利率、逾期费用和提前还款。",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    for name, helptext in (("equal-installment", "等额本息"), ("equal-principal", "等额本金")):
        p = sub.add_parser(name, parents=[loan, output], help=helptext, description=helptext)
        p.add_argument("--annual-rate", required=True, help="年利率, e.g. 18%% (a bare 18 is 18%%)")
        p.set_defaults(handler=cmd_schedule, monthly_fee_rate=None)
    p = sub.add_parser("fee-installment", parents=[loan, output], help="等本等费（分期手续费）")
    p.add_argument(
        "--monthly-fee-rate", required=True, help="月手续费率, e.g. 0.6%% (a bare 0.6 is 0.6%%)"
    )
    p.set_defaults(handler=cmd_schedule, annual_rate=None)

    p = sub.add_parser(
        "annualized-rate",
        parents=[output],
        help="现金流的年化利率（IRR）",
        description="Monthly cash flows from t=0, borrower's view (+ received, − paid). "
        "Separate with spaces or ';'; VALUE*N repeats, e.g. 99000 -8,833.33*12.",
    )
    p.add_argument("values", nargs="*", help="cash flows, e.g. 99000 -8833.33*12")
    # Let "-8,833.33*12" be a positional value, not an unknown option (argparse's
    # own pattern only knows plain negative numbers; no option here starts with a digit).
    p._negative_number_matcher = re.compile(r"^[-\u2212][\d.,]")
    p.add_argument("--flows", help='cash flows as one string, e.g. "99000; -8,833.33*12"')
    p.set_defaults(handler=cmd_annualized)

    p = sub.add_parser("daily-interest", parents=[output], help="按日计息")
    p.add_argument("--principal", required=True)
    p.add_argument("--daily-rate", required=True, help="日利率, e.g. 0.05%% or 万分之五")
    p.add_argument("--days", required=True)
    p.set_defaults(handler=cmd_daily)

    p = sub.add_parser("overdue", parents=[output], help="逾期罚息、复利、违约金")
    p.add_argument("--principal", required=True, help="逾期本金")
    p.add_argument("--interest", default="0", help="逾期未付利息 (default 0)")
    p.add_argument("--annual-rate", required=True, help="合同年利率")
    p.add_argument("--days", required=True, help="逾期天数")
    p.add_argument("--multiplier", default="1.5", help="罚息倍数 (default 1.5, contract term)")
    p.add_argument("--basis", default="360", help="360 or 365 (default 360)")
    p.add_argument(
        "--late-fee-rate", default="0", help="违约金比例, only if the contract sets one (default 0)"
    )
    p.set_defaults(handler=cmd_overdue)

    p = sub.add_parser("early-repayment", parents=[loan, output], help="提前还款")
    p.add_argument(
        "--method",
        required=True,
        choices=["equal-installment", "equal-principal", "fee-installment"],
    )
    p.add_argument("--annual-rate", help="年利率 (equal-installment / equal-principal)")
    p.add_argument("--monthly-fee-rate", help="月手续费率 (fee-installment)")
    p.add_argument("--after-period", required=True, help="在第几期还款之后提前还 (1 … n−1)")
    p.add_argument("--amount", help="提前还的本金; omit to repay everything")
    p.add_argument("--fee-rate", default="0", help="提前还款手续费率 (default 0)")
    p.add_argument(
        "--keep",
        choices=["term", "payment"],
        default="term",
        help="partial repayment: keep the term (lower payment) or the payment (shorter term)",
    )
    p.set_defaults(handler=cmd_early)
    _add_debt_plan(sub, output)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result, text, as_csv = args.handler(args)
        if args.json:
            output = json.dumps(to_jsonable(result), ensure_ascii=False, indent=2) + "\n"
        elif args.csv:
            output = as_csv()
        else:
            output = text() + "\n"
    except CalculatorError as exc:
        print(f"错误 / error: {exc}".replace("\n", " "), file=sys.stderr)
        return 2
    for note in getattr(args, "notes", []):
        print(f"提示 / note: {note}", file=sys.stderr)
    sys.stdout.write(output)
    return 0
