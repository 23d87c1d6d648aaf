"""Annualized rate of a series of monthly cash flows (PBOC 公告〔2021〕第3号 method).

Cash flows are from the borrower's point of view, one per month starting at
t = 0: ``+`` money received (net proceeds), ``−`` money paid.  The monthly
internal rate of return r solves

    Σ CF_t / (1 + r)^t = 0                                     (t = 0 … n)

and is reported three ways (:class:`AnnualizedRate`):

* ``monthly``  – r itself;
* ``simple``   – 12 × r, 单利口径 / 年百分比率 (APR);
* ``compound`` – (1 + r)^12 − 1, 复利口径 / 内部收益率法 (effective annual rate).

None of them is rounded.

Solver
------
With x = 1/(1+r) the equation is a polynomial p(x) = Σ CF_t x^t, and r > −1
corresponds to x > 0.

* One sign change in the (non-zero) flows — every ordinary loan — means, by
  Descartes' rule of signs, exactly one root x > 0.  It is bracketed by
  doubling/halving from x = 1 (r = 0).
* Several sign changes: a fixed grid of rates from −99.9 % to +10^6 % a month
  is scanned for a sign change and the bracket nearest r = 0 is used.  If the
  grid shows none, :class:`NoSolutionError` is raised (a double root that only
  touches zero cannot be bracketed and is reported the same way).
* Flows all of one sign (or all zero): :class:`NoSolutionError`.
* Payments totalling less than the money received (a negative cost, whose
  "rate" would be below zero): :class:`NegativeCostError`.  Paying back exactly
  what was received is a rate of 0.

The bracket is refined by Newton's method on f(r) = p(1/(1+r)), falling back to bisection
whenever a Newton step leaves the bracket or does not halve the error, until
the step is below 1e-30 (relative to 1 + r near −100 %, to r when r > 1), i.e. the monthly rate is exact to far
better than 1e-20; it is reported to 30 significant digits with trailing
zeros dropped (so 10 % comes out as ``Decimal('0.1')``).  If that takes more than 400 steps,
:class:`ConvergenceError` is raised.  No NaN can be produced: the decimal
context traps invalid operations.

>>> a = annualized_rate(["99000"] + ["-8833.33"] * 12)   # PBOC 2021 No.3 example
>>> round(a.simple * 100, 2), round(a.compound * 100, 2)
(Decimal('12.80'), Decimal('13.58'))
>>> annualized_rate([100, -110]).monthly
Decimal('0.1')
>>> annualized_rate([1200, -400, -400, -400]).monthly
Decimal('0')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal

from ._core import ONE, TWELVE, ZERO, Number, exact, money, tidy, to_decimal, to_int
from .errors import (
    ConvergenceError,
    InputTypeError,
    InvalidAmountError,
    InvalidCashflowsError,
    InvalidNumberError,
    InvalidTermError,
    NegativeCostError,
    NoSolutionError,
)

__all__ = ["AnnualizedRate", "CashflowRate", "annualized_rate", "cashflow_rate"]

#: Longest cash-flow list accepted (100 years of months, plus t = 0).
MAX_CASHFLOWS = 1201
#: Largest absolute cash flow accepted.
MAX_CASHFLOW = Decimal(10) ** 15

_TOLERANCE = Decimal("1e-30")
_REPORT = Context(prec=30, rounding=ROUND_HALF_EVEN)
_MAX_STEPS = 400
_TWO = Decimal(2)
_HALF = Decimal("0.5")
# Bracketing for the one-sign-change case: x = 1/(1+r) stays inside
# [1e-15, 1e15], i.e. −100 % < r < 10^15 a month.
_X_MIN = Decimal("1e-15")
_X_MAX = Decimal("1e15")


@dataclass(frozen=True, slots=True)
class AnnualizedRate:
    """A monthly IRR and its two annualizations (unrounded Decimal fractions)."""

    monthly: Decimal
    """Monthly internal rate of return r."""
    simple: Decimal
    """12 × r — 单利口径 / 年百分比率 (APR)."""
    compound: Decimal
    """(1 + r)^12 − 1 — 复利口径 / 内部收益率法."""

    @classmethod
    def from_monthly(cls, monthly: Decimal) -> AnnualizedRate:
        """Annualize a monthly rate both ways.

        >>> AnnualizedRate.from_monthly(Decimal("0.01")).compound
        Decimal('0.126825030131969720661201')
        """
        with exact():
            return cls(
                monthly=monthly,
                simple=tidy(TWELVE * monthly),
                compound=tidy((ONE + monthly) ** 12 - ONE),
            )


def annualized_rate(cashflows: Iterable[Number]) -> AnnualizedRate:
    """IRR of monthly cash flows (borrower's view: + received, − paid), annualized.

    >>> a = annualized_rate(["12000"] + ["-1072"] * 12)   # 12,000, 0.6 %/month fee
    >>> round(a.simple * 100, 2), round(a.compound * 100, 2)
    (Decimal('13.03'), Decimal('13.84'))
    """
    if isinstance(cashflows, (str, bytes)):
        raise InputTypeError(
            "cashflows", "现金流必须是数字列表", "cashflows must be a list of numbers", cashflows
        )
    with exact():
        try:
            items = list(cashflows)
        except TypeError:
            raise InputTypeError(
                "cashflows",
                "现金流必须是数字列表",
                "cashflows must be a list of numbers",
                cashflows,
            ) from None
        if not 2 <= len(items) <= MAX_CASHFLOWS:
            raise InvalidCashflowsError(
                "cashflows",
                f"现金流需要 2 到 {MAX_CASHFLOWS} 个（每月一个，从第 0 月起）",
                f"cashflows needs 2 to {MAX_CASHFLOWS} entries (one per month from t=0)",
                len(items),
            )
        flows: list[Decimal] = []
        for index, item in enumerate(items):
            try:
                flow = to_decimal(item, "cashflows", f"第 {index} 个现金流")
            except InvalidNumberError:
                raise
            if abs(flow) > MAX_CASHFLOW:
                raise InvalidCashflowsError(
                    "cashflows",
                    f"第 {index} 个现金流的绝对值不能超过 10^15",
                    f"cashflow {index} must be within ±10^15",
                    item,
                )
            flows.append(flow + ZERO)
        received = sum((f for f in flows if f > 0), ZERO)
        paid = -sum((f for f in flows if f < 0), ZERO)
        if paid > 0 and paid < received:
            raise NegativeCostError(
                "cashflows",
                f"付出的钱合计 {paid} 少于收到的 {received}：这不是一笔要付成本的借款，"
                "算不出有意义的年化利率；请核对正负号和金额",
                f"cashflows: the payments ({paid}) total less than the money received "
                f"({received}), so there is no cost to annualize",
                paid,
            )
        return AnnualizedRate.from_monthly(solve_monthly_irr(flows))


@dataclass(frozen=True, slots=True)
class CashflowRate:
    """Result of :func:`cashflow_rate`: money to the fen, the rate unrounded."""

    received: Decimal
    payment: Decimal
    months: int
    total_paid: Decimal
    """payment × months."""
    cost: Decimal
    """total_paid − received (≥ 0)."""
    annualized: AnnualizedRate


def cashflow_rate(received: Number, payment: Number, months: Number) -> CashflowRate:
    """The rate of "received now, ``payment`` a month for ``months`` months" (a cash-flow block).

    ``received`` is the money actually in hand (after any fee withheld).  Both
    amounts > 0, at most 2 decimals, ≤ 10^12; months 1 … 1,200.  Payments that
    total less than ``received`` raise :class:`NegativeCostError` (field
    ``payment``), as :func:`annualized_rate` does.

    >>> c = cashflow_rate("99000", "8833.33", 12)
    >>> c.total_paid, c.cost, round(c.annualized.simple * 100, 2)
    (Decimal('105999.96'), Decimal('6999.96'), Decimal('12.80'))
    >>> cashflow_rate(10000, 300, 2)
    Traceback (most recent call last):
    ...
    calculators.errors.NegativeCostError: 每期还款 300.00 × 2 期 = 600.00 元，少于到手的 10000.00 元：还的比借的少，没有成本可以折算成年化利率；请核对金额和期数 / payment: 2 payments of 300.00 total 600.00, less than the 10000.00 received; there is no cost to annualize, got 300
    """
    with exact():
        got = money(received, "received", "到手金额", InvalidAmountError)
        each = money(payment, "payment", "每期还款", InvalidAmountError)
        n = to_int(months, "months", "期数", InvalidTermError)
        if not 1 <= n <= MAX_CASHFLOWS - 1:
            raise InvalidTermError(
                "months",
                f"期数必须在 1 到 {MAX_CASHFLOWS - 1} 之间",
                f"months must be between 1 and {MAX_CASHFLOWS - 1}",
                months,
            )
        total = each * n
        if total < got:
            raise NegativeCostError(
                "payment",
                f"每期还款 {each} × {n} 期 = {total} 元，少于到手的 {got} 元："
                "还的比借的少，没有成本可以折算成年化利率；请核对金额和期数",
                f"payment: {n} payments of {each} total {total}, less than the {got} received; "
                "there is no cost to annualize",
                payment,
            )
        annual = AnnualizedRate.from_monthly(solve_monthly_irr([got] + [-each] * n))
        return CashflowRate(got, each, n, total, total - got, annual)


def _sign(value: Decimal) -> int:
    return (value > 0) - (value < 0)


def _poly(coefs: Sequence[Decimal], x: Decimal) -> Decimal:
    """p(x) = Σ c_t x^t by Horner's rule."""
    total = ZERO
    for c in reversed(coefs):
        total = total * x + c
    return total


def _poly_and_slope(coefs: Sequence[Decimal], x: Decimal) -> tuple[Decimal, Decimal]:
    """p(x) and p'(x) in one Horner pass."""
    total = ZERO
    slope = ZERO
    for c in reversed(coefs):
        slope = slope * x + total
        total = total * x + c
    return total, slope


def _grid_x() -> list[Decimal]:
    """x = 1/(1+r) for a grid of monthly rates r, ascending in x (descending in r)."""
    rates = [ZERO]
    step = Decimal("0.0005")
    while step <= 10_000:
        rates.append(step)
        step *= 2
    for neg in (
        "-0.0005",
        "-0.001",
        "-0.002",
        "-0.005",
        "-0.01",
        "-0.02",
        "-0.05",
        "-0.1",
        "-0.2",
        "-0.3",
        "-0.5",
        "-0.7",
        "-0.9",
        "-0.99",
        "-0.999",
    ):
        rates.append(Decimal(neg))
    with exact():
        return sorted(ONE / (ONE + r) for r in rates)


_GRID = _grid_x()


def solve_monthly_irr(flows: Sequence[Decimal]) -> Decimal:
    """Monthly IRR of already-validated Decimal flows (see the module docstring).

    Must be called inside ``localcontext(CONTEXT)``.
    """
    signs = [_sign(c) for c in flows if c]
    if not signs:
        raise NoSolutionError(
            "cashflows", "现金流全为 0，没有收益率", "cashflows: all cash flows are zero"
        )
    if all(s > 0 for s in signs) or all(s < 0 for s in signs):
        raise NoSolutionError(
            "cashflows",
            "现金流需要同时有流入（+）和流出（−），否则没有收益率",
            "cashflows: cash flows need both a positive and a negative entry to have a rate of return",
        )
    changes = sum(1 for a, b in zip(signs, signs[1:]) if a != b)
    near_zero = signs[0]  # sign of p(x) as x → 0+ (r → +∞)

    if changes == 1:
        f1 = _poly(flows, ONE)
        if f1 == 0:
            return ZERO
        if _sign(f1) == near_zero:  # root at x > 1, i.e. r < 0
            lo, hi = ONE, _TWO
            while _sign(_poly(flows, hi)) == near_zero:
                lo, hi = hi, hi * 2
                if hi > _X_MAX:
                    raise ConvergenceError(
                        "cashflows",
                        "收益率低于可求解范围（接近 −100%）",
                        "cashflows: rate of return below the searchable range (near -100 %)",
                    )
        else:  # root in (0, 1), i.e. r > 0
            lo, hi = _HALF, ONE
            while _sign(_poly(flows, lo)) != near_zero:
                lo, hi = lo / 2, lo
                if lo < _X_MIN:
                    raise ConvergenceError(
                        "cashflows",
                        "收益率高于可求解范围",
                        "cashflows: rate of return above the searchable range",
                    )
    else:
        lo, hi = _bracket_from_grid(flows)
        if lo == hi:
            return _report(ONE / lo - ONE)

    return _report(_refine(flows, lo, hi, _first_guess(flows)))


def _report(monthly: Decimal) -> Decimal:
    """Report 30 significant digits (the solver is exact to about that), trailing zeros dropped."""
    return tidy(_REPORT.plus(monthly))


def _first_guess(flows: Sequence[Decimal]) -> Decimal | None:
    """Starting rate for a loan-shaped flow (+ then −): r0 = 2·cost / (proceeds · (n+1)).

    Exact for a 等额本金-like flow to first order; Newton then needs a few steps.
    """
    proceeds = flows[0]
    if proceeds <= 0:
        return None
    paid = -sum(flows[1:], ZERO)
    n = len(flows) - 1
    if paid <= 0 or n == 0:
        return None
    return 2 * (paid - proceeds) / (proceeds * (n + 1))


def _bracket_from_grid(flows: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    values = [(x, _sign(_poly(flows, x))) for x in _GRID]
    best: tuple[Decimal, Decimal] | None = None
    best_distance: Decimal | None = None
    for (x0, s0), (x1, s1) in zip(values, values[1:]):
        if s0 == 0:
            candidate = (x0, x0)
        elif s1 == 0:
            candidate = (x1, x1)
        elif s0 != s1:
            candidate = (x0, x1)
        else:
            continue
        distance = min(abs(candidate[0] - ONE), abs(candidate[1] - ONE))
        if best_distance is None or distance < best_distance:
            best, best_distance = candidate, distance
    if best is None:
        raise NoSolutionError(
            "cashflows",
            "这组现金流没有实数收益率（在 −99.9% 到 +10^6% 月利率之间找不到解）",
            "cashflows: these cash flows have no real rate of return (no root between -99.9 % and +10^6 % a month)",
        )
    return best


def _refine(
    flows: Sequence[Decimal], x_lo: Decimal, x_hi: Decimal, guess: Decimal | None
) -> Decimal:
    """Safeguarded Newton in r (not x: the polynomial is too curved) inside a sign-changing bracket.

    f(r) = p(x) with x = 1/(1+r), f'(r) = −x²·p'(x).  Returns r.
    """
    lo, hi = ONE / x_hi - ONE, ONE / x_lo - ONE  # x_lo < x_hi  ⇔  r(x_hi) < r(x_lo)
    f_lo = _poly(flows, ONE / (ONE + lo))
    if f_lo == 0:
        return lo
    s_lo = _sign(f_lo)
    r = guess if guess is not None and lo < guess < hi else (lo + hi) / 2
    last_step = hi - lo
    for _ in range(_MAX_STEPS):
        x = ONE / (ONE + r)
        fx, px_slope = _poly_and_slope(flows, x)
        if fx == 0:
            return r
        if _sign(fx) == s_lo:
            lo = r
        else:
            hi = r
        slope = -x * x * px_slope
        newton_ok = slope != 0
        if newton_ok:
            step = fx / slope
            candidate = r - step
            newton_ok = lo < candidate < hi and abs(2 * fx) <= abs(last_step * slope)
        if not newton_ok:
            candidate = (lo + hi) / 2
            step = r - candidate
        last_step = step
        # absolute 1e-30 for ordinary rates, relative to 1+r near −100 %, to r when huge
        scale = ONE + candidate if candidate < 0 else max(ONE, candidate)
        if abs(step) <= _TOLERANCE * scale or hi - lo <= _TOLERANCE * scale:
            return candidate
        r = candidate
    raise ConvergenceError(
        "cashflows",
        f"求解 {_MAX_STEPS} 步后仍未收敛",
        f"cashflows: IRR solver did not converge in {_MAX_STEPS} steps",
    )
