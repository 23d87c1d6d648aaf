"""Repayment schedules: 等额本息, 等额本金 and 分期手续费 (等本等费).

Conventions (see ``calculators/README.md``):

* money is ``Decimal``, rounded half-up to the fen (0.01 yuan) at each row;
* monthly rate r = annual_rate / 12, never rounded; a row's interest is
  ``round(balance × annual_rate / 12)``;
* the last row repays the whole remaining balance, so the balance after it is
  exactly 0.00 and the principal parts add up to the principal exactly;
* totals are the sums of what the rows actually charge;
* ``annualized`` is the IRR of the schedule's own cash flows: net proceeds
  (principal − upfront fee) at t = 0, minus each payment at t = 1 … n.

等额本息 schedules always amortize: every row repays principal, the last
payment stays within n+1 fen of the level payment and the total interest within
n+1 fen of n·A* − P.  Where the per-row rounding above cannot deliver that
(long, high-rate terms, where a sub-fen error in A compounds), the interest is
taken from the exact schedule and its sub-fen remainder carried from row to row
(``Schedule.rounding == "carry"``); where no schedule to the fen can repay
principal in every row, :class:`~calculators.errors.AmortizationError`.

Degenerate tiny 等额本金/等本等费 loans (e.g. 1,000 yuan over 600 months): the
level principal part is rounded *up* in every row, so its n−1 copies can exceed
the principal.  The balance then reaches 0.00 a few rows early and the
remaining rows repay no principal (they still charge their fee).  The balance
never goes negative and never rises.

Hand-checked example, 1,200 yuan at 12 % a year over 3 months (r = 1 %):

    A* = 1200 × 0.01 × 1.01³ / (1.01³ − 1) = 408.0265…  → A = 408.03
    1: interest 12.00, principal 396.03, balance 803.97
    2: interest  8.04 (803.97 × 1 % = 8.0397), principal 399.99, balance 403.98
    3: interest  4.04 (4.0398), principal 403.98 (all of it), payment 408.02

>>> s = equal_installment("1200", "0.12", 3)
>>> [(r.payment, r.interest, r.principal, r.balance) for r in s.rows]
... # doctest: +NORMALIZE_WHITESPACE
[(Decimal('408.03'), Decimal('12.00'), Decimal('396.03'), Decimal('803.97')),
 (Decimal('408.03'), Decimal('8.04'), Decimal('399.99'), Decimal('403.98')),
 (Decimal('408.02'), Decimal('4.04'), Decimal('403.98'), Decimal('0.00'))]
>>> s.total_interest
Decimal('24.08')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, localcontext  # noqa: F401  (localcontext: a doctest)
from typing import NoReturn

from ._core import (
    CONTEXT,
    FEN,
    MAX_MONTHS,
    ONE,
    TWELVE,
    ZERO,
    ZERO_FEN,
    Number,
    bounded,
    exact,
    fen,
    money,
    to_int,
)
from .errors import (
    AmortizationError,
    InvalidFeeError,
    InvalidOptionError,
    InvalidPrincipalError,
    InvalidRateError,
    InvalidTermError,
)
from .irr import AnnualizedRate, solve_monthly_irr

__all__ = [
    "Row",
    "Schedule",
    "equal_installment",
    "equal_principal",
    "fee_installment",
    "METHOD_LABELS",
    "METHOD_RATE_FIELDS",
    "MAX_ANNUAL_RATE",
    "MAX_MONTHLY_FEE_RATE",
    "MAX_PAUSE_MONTHS",
    "schedule",
    "annualized_with_pause",
]

#: Highest annual interest rate accepted: 10 (= 1000 % a year).
MAX_ANNUAL_RATE = Decimal(10)
#: Highest monthly fee rate accepted: 10/12 ≈ 0.8333 (the same 1000 % a year, per month).
MAX_MONTHLY_FEE_RATE = CONTEXT.divide(Decimal(10), TWELVE)

METHOD_LABELS: dict[str, str] = {
    "equal_installment": "等额本息",
    "equal_principal": "等额本金",
    "fee_installment": "等本等费（分期手续费）",
}
#: The rate each method takes: a yearly interest rate, or 等本等费's monthly fee rate.
METHOD_RATE_FIELDS: dict[str, str] = {
    "equal_installment": "annual_rate",
    "equal_principal": "annual_rate",
    "fee_installment": "monthly_fee_rate",
}
#: Longest payment holiday :func:`annualized_with_pause` accepts (months).
MAX_PAUSE_MONTHS = 120

# Below this r·n the closed-form annuity loses digits to cancellation; use the
# first-order expansion P/n·(1 + r(n+1)/2), exact to ~(r·n)² ≈ 1e-40.
_TINY = Decimal("1e-20")


@dataclass(frozen=True, slots=True)
class Row:
    """One installment.  ``payment = principal + interest + fee``; ``balance`` is after it."""

    period: int
    payment: Decimal
    principal: Decimal
    interest: Decimal
    fee: Decimal
    balance: Decimal


@dataclass(frozen=True, slots=True)
class Schedule:
    """A full repayment schedule and its totals.

    ``payment`` is the regular payment: the rounded level payment A for 等额本息
    (the last row may differ by a few fen), the *first* payment for 等额本金
    (payments then fall), and principal part + fee for 等本等费.
    ``total_fee`` includes ``upfront_fee``; ``total_payment`` is the sum of the
    rows' payments (the upfront fee is withheld from the proceeds, not repaid).
    ``exact_payment`` is the unrounded A* of 等额本息 (``None`` otherwise):
    ``months × exact_payment − principal`` is the total interest many online
    calculators print, which is *not* what the schedule charges.
    ``rounding`` is ``"per_row"`` (interest = round(balance × r) each row) or,
    for a 等额本息 schedule where that rule does not amortize, ``"carry"``
    (interest on the exact balance, sub-fen remainder carried; see
    :func:`equal_installment`).
    """

    method: str
    principal: Decimal
    months: int
    annual_rate: Decimal | None
    monthly_fee_rate: Decimal | None
    upfront_fee: Decimal
    rows: tuple[Row, ...]
    payment: Decimal
    exact_payment: Decimal | None
    total_interest: Decimal
    total_fee: Decimal
    total_payment: Decimal
    annualized: AnnualizedRate
    rounding: str = "per_row"

    @property
    def method_label(self) -> str:
        """Chinese name of the method, e.g. 等额本息."""
        return METHOD_LABELS[self.method]

    @property
    def total_cost(self) -> Decimal:
        """Everything paid beyond the principal: interest + all fees."""
        return self.total_interest + self.total_fee

    def cashflows(self) -> tuple[Decimal, ...]:
        """Borrower's monthly cash flows: net proceeds at t=0, −payment at t=1…n."""
        return (self.principal - self.upfront_fee,) + tuple(-row.payment for row in self.rows)


def _check_common(
    principal: object, months: object, upfront_fee: object
) -> tuple[Decimal, int, Decimal]:
    amount = money(principal, "principal", "本金", InvalidPrincipalError)
    n = to_int(months, "months", "期数", InvalidTermError)
    if not 1 <= n <= MAX_MONTHS:
        raise InvalidTermError(
            "months",
            f"期数必须在 1 到 {MAX_MONTHS} 之间",
            f"months must be between 1 and {MAX_MONTHS}",
            months,
        )
    fee = money(upfront_fee, "upfront_fee", "放款时收取的费用", InvalidFeeError, allow_zero=True)
    if fee >= amount:
        raise InvalidFeeError(
            "upfront_fee",
            "放款时收取的费用必须小于本金",
            "upfront_fee must be smaller than the principal",
            upfront_fee,
        )
    return amount, n, fee


def _check_annual_rate(annual_rate: object) -> Decimal:
    return bounded(
        annual_rate,
        "annual_rate",
        "年利率",
        InvalidRateError,
        maximum=MAX_ANNUAL_RATE,
        limit_zh="10（即 1000%）",
        limit_en="10 (= 1000 %)",
    )


def _finish(
    method: str,
    principal: Decimal,
    months: int,
    annual_rate: Decimal | None,
    monthly_fee_rate: Decimal | None,
    upfront_fee: Decimal,
    rows: list[Row],
    payment: Decimal,
    exact_payment: Decimal | None,
    rounding: str = "per_row",
) -> Schedule:
    total_interest = sum((r.interest for r in rows), ZERO_FEN)
    total_fee = sum((r.fee for r in rows), ZERO_FEN) + upfront_fee
    total_payment = sum((r.payment for r in rows), ZERO_FEN)
    flows = [principal - upfront_fee]
    flows.extend(-r.payment for r in rows)
    annualized = AnnualizedRate.from_monthly(solve_monthly_irr(flows))
    return Schedule(
        method=method,
        principal=principal,
        months=months,
        annual_rate=annual_rate,
        monthly_fee_rate=monthly_fee_rate,
        upfront_fee=upfront_fee,
        rows=tuple(rows),
        payment=payment,
        exact_payment=exact_payment,
        total_interest=total_interest,
        total_fee=total_fee,
        total_payment=total_payment,
        annualized=annualized,
        rounding=rounding,
    )


def annuity_payment(principal: Decimal, annual_rate: Decimal, months: int) -> Decimal:
    """Exact (unrounded) level payment A* = P·r·(1+r)^n / ((1+r)^n − 1), r = annual/12.

    A* = P/n when r = 0.  Call inside ``localcontext(CONTEXT)``.

    >>> with localcontext(CONTEXT):
    ...     fen(annuity_payment(Decimal(1_000_000), Decimal("0.049"), 360))
    Decimal('5307.27')
    """
    r = annual_rate / TWELVE
    if r * months < _TINY:
        return principal / months * (ONE + r * (months + 1) / 2)
    growth = (ONE + r) ** months
    return principal * r * growth / (growth - ONE)


def _per_row_rows(amount: Decimal, rate: Decimal, n: int, level: Decimal) -> list[Row]:
    """The usual bank rule: interest = round(balance × r) on the fen balance; row n repays the rest."""
    rows: list[Row] = []
    balance = amount
    for period in range(1, n + 1):
        interest = fen(balance * rate / TWELVE)
        if period == n:
            part = balance
        else:
            part = level - interest
            if part > balance:  # degenerate tiny loan: caught by _amortizes
                part = balance
        balance -= part
        rows.append(Row(period, part + interest, part, interest, ZERO_FEN, balance))
    return rows


def _exact_balances(amount: Decimal, rate: Decimal, n: int, unrounded: Decimal) -> list[Decimal]:
    """Unrounded balances b*_0 … b*_n of the level schedule paying A*, as present values.

    b*_k = A*·(1 − (1+r)^−(n−k)) / r, the value of the payments still due: no
    cancellation, unlike rolling the balance forward, which would amplify the
    40-digit error by (1+r)^n.
    """
    r = rate / TWELVE
    balances = [ZERO] * (n + 1)
    if r * n < _TINY:  # every row's interest rounds to 0.00; A*·(n−k) is close enough
        for k in range(n + 1):
            balances[k] = unrounded * (n - k)
    else:
        v, w = ONE / (ONE + r), ONE
        for m in range(1, n + 1):
            w *= v
            balances[n - m] = unrounded * (ONE - w) / r
    balances[0] = amount
    return balances


def _carry_rows(amount: Decimal, rate: Decimal, n: int, unrounded: Decimal) -> list[Row]:
    """Interest on the exact balance, its sub-fen remainder carried from row to row.

    The cumulative interest to row k is that of the exact schedule paying A*,
    C*_k = Σ_{j≤k} b*_{j−1}·r (= k·A* − (P − b*_k)), rounded to the fen; row k
    charges round(C*_k) − round(C*_{k−1}), so row 1 charges round(P·r) as usual.  Rows 1…n−1 pay A = A* rounded *down* to the
    fen (so the balance can never run out early); row n repays what is left,
    i.e. A plus the sub-fen shortfall of every row (less than n fen).
    """
    level = unrounded.quantize(FEN, rounding=ROUND_DOWN)
    exact_balance = _exact_balances(amount, rate, n, unrounded)
    rows: list[Row] = []
    balance, accrued, charged = amount, ZERO, ZERO_FEN
    for period in range(1, n + 1):
        accrued += exact_balance[period - 1] * rate / TWELVE
        interest = fen(accrued) - charged
        charged += interest
        part = balance if period == n else min(level - interest, balance)
        balance -= part
        rows.append(Row(period, part + interest, part, interest, ZERO_FEN, balance))
    return rows


def _amortizes(
    rows: list[Row], amount: Decimal, n: int, level: Decimal, unrounded: Decimal
) -> bool:
    """Every row repays principal, the last payment is within n+1 fen of the level
    payment, and the total interest within n+1 fen of the exact n·A* − P."""
    tolerance = FEN * (n + 1)
    exact_interest = n * unrounded - amount
    return (
        all(r.principal > 0 for r in rows)
        and abs(rows[-1].payment - level) <= tolerance
        and abs(sum(r.interest for r in rows) - exact_interest) <= tolerance
    )


def _refuse(amount: Decimal, rate: Decimal, n: int, unrounded: Decimal, months: object) -> NoReturn:
    first_part = unrounded - amount * rate / TWELVE
    if amount < FEN * n:
        raise AmortizationError(
            "months",
            f"本金太少，分 {n} 期每期还不到 1 分钱；请减少期数",
            f"months: {n} rows of at least one fen exceed the principal {amount}",
            months,
        )
    raise AmortizationError(
        "months",
        f"这个利率下分 {n} 期，月供几乎全是利息（第 1 期只还本金约 {first_part:.4f} 元），"
        "按分取整的还款计划无法每期都还到本金；请缩短期数或核对利率",
        f"months: at this rate the level payment is almost all interest "
        f"(row 1 repays about {first_part:.4f} of principal), so no schedule to the fen "
        "repays principal in every row; shorten the term",
        months,
    )


def equal_installment(
    principal: Number,
    annual_rate: Number,
    months: Number,
    *,
    upfront_fee: Number = 0,
    rounding: str | None = None,
) -> Schedule:
    """等额本息: level payment A = round(A*), last row repays the rest.

    A* = P·r·(1+r)^n / ((1+r)^n − 1) with r = annual_rate / 12 (A* = P/n if r = 0);
    rows 1…n−1: interest = round(balance × r), principal = A − interest;
    row n: principal = remaining balance.

    That rule is kept whenever it amortizes: every row repays principal, the
    last payment is within n+1 fen of A, and the total interest within n+1 fen
    of n·A* − P.  For long, high-rate terms the sub-fen error compounds and it
    does not; the schedule then carries the remainder instead (see
    ``_carry_rows``; ``Schedule.rounding == "carry"``), and where even that
    would leave a row repaying nothing, :class:`AmortizationError` is raised.
    ``rounding="per_row"`` or ``"carry"`` forces one rule (refused where it
    does not amortize); early repayment uses ``"carry"`` to keep a payment.

    >>> s = equal_installment(1_000_000, "0.049", 360)
    >>> s.payment, s.rows[-1].payment, s.rows[-1].balance, s.rounding
    (Decimal('5307.27'), Decimal('5305.19'), Decimal('0.00'), 'per_row')
    >>> equal_installment(1200, 0, 3).payment
    Decimal('400.00')
    >>> s = equal_installment(10_000, "0.24", 360)
    >>> s.rounding, s.payment, s.rows[-1].payment, s.total_interest
    ('carry', Decimal('200.16'), Decimal('200.32'), Decimal('62057.76'))
    >>> equal_installment(10_000, "0.30", 480)
    Traceback (most recent call last):
    ...
    calculators.errors.AmortizationError: 这个利率下分 480 期，月供几乎全是利息（第 1 期只还本金约 0.0018 元），按分取整的还款计划无法每期都还到本金；请缩短期数或核对利率 / months: at this rate the level payment is almost all interest (row 1 repays about 0.0018 of principal), so no schedule to the fen repays principal in every row; shorten the term, got 480
    """
    with exact():
        amount, n, fee = _check_common(principal, months, upfront_fee)
        rate = _check_annual_rate(annual_rate)
        unrounded = annuity_payment(amount, rate, n)
        level = fen(unrounded)
        if rounding not in (None, "per_row", "carry"):
            raise InvalidOptionError(
                "rounding",
                '取整方式只能是 "per_row" 或 "carry"',
                'rounding must be "per_row" or "carry" (or None: per_row where it amortizes)',
                rounding,
            )
        rows = _per_row_rows(amount, rate, n, level)
        if rounding != "carry" and _amortizes(rows, amount, n, level, unrounded):
            rounding = "per_row"
        elif rounding == "per_row":
            _refuse(amount, rate, n, unrounded, months)
        else:
            rows = _carry_rows(amount, rate, n, unrounded)
            level = rows[0].payment if n == 1 else unrounded.quantize(FEN, rounding=ROUND_DOWN)
            rounding = "carry"
            if not _amortizes(rows, amount, n, level, unrounded):
                _refuse(amount, rate, n, unrounded, months)
        return _finish(
            "equal_installment", amount, n, rate, None, fee, rows, level, unrounded, rounding
        )


def _level_parts(amount: Decimal, n: int) -> list[Decimal]:
    """Principal parts round(P/n) for rows 1…n−1 and the remainder in row n (never negative)."""
    part = fen(amount / n)
    parts: list[Decimal] = []
    balance = amount
    for period in range(1, n + 1):
        p = balance if period == n or part > balance else part
        parts.append(p)
        balance -= p
    return parts


def equal_principal(
    principal: Number, annual_rate: Number, months: Number, *, upfront_fee: Number = 0
) -> Schedule:
    """等额本金: principal part round(P/n) (last row: the rest), interest = round(balance × r).

    Exact total interest with unrounded principal parts = P·r·(n+1)/2
    (737,041.67 for 1,000,000 at 4.9 % over 360 months); the schedule charges
    slightly less because round(P/n) = 2,777.78 repays a little faster.

    >>> s = equal_principal(1_000_000, "0.049", 360)
    >>> s.payment, s.total_interest
    (Decimal('6861.11'), Decimal('737041.08'))
    """
    with exact():
        amount, n, fee = _check_common(principal, months, upfront_fee)
        rate = _check_annual_rate(annual_rate)
        rows: list[Row] = []
        balance = amount
        for period, part in enumerate(_level_parts(amount, n), start=1):
            interest = fen(balance * rate / TWELVE)
            balance -= part
            rows.append(Row(period, part + interest, part, interest, ZERO_FEN, balance))
        return _finish("equal_principal", amount, n, rate, None, fee, rows, rows[0].payment, None)


def fee_installment(
    principal: Number, monthly_fee_rate: Number, months: Number, *, upfront_fee: Number = 0
) -> Schedule:
    """分期手续费 (等本等费): fee = round(P × monthly_fee_rate) every row, on the original principal.

    Principal is repaid as in 等额本金 (round(P/n), last row the rest); no interest.
    The fee rate limit is 10/12 a month (the same 1000 % a year as interest rates).

    >>> s = fee_installment(12_000, "0.006", 12)
    >>> s.payment, s.total_fee
    (Decimal('1072.00'), Decimal('864.00'))
    >>> round(s.annualized.simple * 100, 2), round(s.annualized.compound * 100, 2)
    (Decimal('13.03'), Decimal('13.84'))
    """
    with exact():
        amount, n, fee = _check_common(principal, months, upfront_fee)
        rate = bounded(
            monthly_fee_rate,
            "monthly_fee_rate",
            "月手续费率",
            InvalidRateError,
            maximum=MAX_MONTHLY_FEE_RATE,
            limit_zh="10/12（即 83.333…%，年化 1000%）",
            limit_en="10/12 (83.333… %, 1000 % a year)",
        )
        charge = fen(amount * rate)
        rows: list[Row] = []
        balance = amount
        for period, part in enumerate(_level_parts(amount, n), start=1):
            balance -= part
            rows.append(Row(period, part + charge, part, ZERO_FEN, charge, balance))
        return _finish("fee_installment", amount, n, None, rate, fee, rows, rows[0].payment, None)


def schedule(
    method: str,
    principal: Number,
    rate: Number,
    months: Number,
    *,
    upfront_fee: Number = 0,
    rounding: str | None = None,
) -> Schedule:
    """One entry for the three schedules: ``method`` → the schedule function.

    ``method`` is ``"equal_installment"``, ``"equal_principal"`` or
    ``"fee_installment"`` (``-`` may stand for ``_``, as on the command line);
    ``rate`` is the yearly interest rate, or the monthly fee rate for
    ``fee_installment`` (:data:`METHOD_RATE_FIELDS`).  ``rounding`` applies to
    等额本息 only (see :func:`equal_installment`).

    >>> schedule("equal-installment", 1200, "0.12", 3).payment
    Decimal('408.03')
    >>> schedule("fee_installment", 12_000, "0.006", 12).total_fee
    Decimal('864.00')
    """
    key = method.replace("-", "_") if isinstance(method, str) else method
    if key not in METHOD_LABELS:
        raise InvalidOptionError(
            "method",
            "还款方式只能是等额本息、等额本金或等本等费",
            "method must be equal_installment, equal_principal or fee_installment",
            method,
        )
    if key == "equal_installment":
        return equal_installment(
            principal, rate, months, upfront_fee=upfront_fee, rounding=rounding
        )
    if rounding is not None:
        raise InvalidOptionError(
            "rounding",
            "取整方式只适用于等额本息",
            "rounding applies to equal_installment only",
            rounding,
        )
    build = equal_principal if key == "equal_principal" else fee_installment
    return build(principal, rate, months, upfront_fee=upfront_fee)


def annualized_with_pause(plan: Schedule, pause_months: Number) -> AnnualizedRate:
    """The annualized rate when the first payment comes ``pause_months`` months late.

    A payment holiday with no payment and no interest (a compare block's
    ``pause_months``): the money is received at t = 0 and the same payments
    follow from t = pause + 1.  0 … :data:`MAX_PAUSE_MONTHS` months; 0 gives the
    schedule's own rate.

    >>> s = equal_installment(12_000, "0.18", 12)
    >>> annualized_with_pause(s, 3).simple < s.annualized.simple
    True
    """
    with exact():
        pause = to_int(pause_months, "pause_months", "免息暂停月数", InvalidTermError)
        if not 0 <= pause <= MAX_PAUSE_MONTHS:
            raise InvalidTermError(
                "pause_months",
                f"暂停还款的月数必须在 0 到 {MAX_PAUSE_MONTHS} 之间",
                f"pause_months must be between 0 and {MAX_PAUSE_MONTHS}",
                pause_months,
            )
        if pause == 0:
            return plan.annualized
        flows = list(plan.cashflows())
        return AnnualizedRate.from_monthly(
            solve_monthly_irr(flows[:1] + [ZERO] * pause + flows[1:])
        )
