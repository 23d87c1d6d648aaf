"""提前还款 (early repayment) on a due date, right after installment ``after_period``.

Definitions (k = ``after_period``, B = balance after row k):

* ``after_period`` must be 1 … n−1.  0 is refused: before the first due date it
  is a cancellation, not a prepayment, and contracts treat it differently; at
  n nothing is left to prepay.
* Full repayment (``amount=None``, or ``amount == B``): ``fee = round(B × fee_rate)``,
  ``amount_due = B + fee``, ``interest_saved`` = the interest **and fees** the
  schedule still had in rows k+1 … n, ``schedule = None``.
* Partial repayment of ``amount`` X (0 < X < B): ``fee = round(X × fee_rate)``,
  ``amount_due = X + fee``; the remaining balance B − X is re-amortized by the
  same method and rate:

  - ``keep="term"``: over the same n − k remaining months;
  - ``keep="payment"``: over the fewest months m ≤ n − k for which the level
    amount does not exceed the old one (this is how banks usually 缩短期限:
    recompute the term, then the payment by the usual formula, so the new
    payment is at most the old one, usually a little lower).  The level amount
    is the payment A for 等额本息 and 等本等费, and the monthly principal part
    round(P/n) for 等额本金 (whose payments fall every month anyway).

  ``interest_saved`` = (interest + fees of rows k+1 … n) − (interest + fees of
  the new schedule).  The new schedule's rows are numbered from 1; its row j
  falls on the original due date k + j.
* ``net_saving = interest_saved − fee``.

A very small partial prepayment can show ``interest_saved`` a few fen below
zero: re-amortizing rounds the new level amount to the fen afresh (e.g. the
new 等额本金 principal part rounds down where the old one rounded up).  The
figure is reported as computed, not clamped.

等本等费 (fee_installment): its "interest" is the monthly fee charged on the
original principal.  Here fees of rows after the prepayment count as no longer
owed — the borrower stops paying them — and a partial prepayment re-instals the
remaining balance as a new 等本等费 at the same monthly fee rate, charged on the
new balance.  Many credit-card 分期 contracts instead charge all remaining fees
on early settlement (then nothing is saved); check the contract.

>>> s = equal_installment(1200, "0.12", 3)
>>> e = early_repayment(s, 1)
>>> e.outstanding, e.amount_due, e.interest_saved    # 8.04 + 4.04 no longer owed
(Decimal('803.97'), Decimal('803.97'), Decimal('12.08'))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ._core import ONE, ZERO, Number, bounded, exact, fen, money, to_int
from .errors import (
    AmortizationError,
    InputTypeError,
    InvalidOptionError,
    InvalidPeriodError,
    InvalidPrepaymentError,
    InvalidRateError,
)
from .schedules import (
    METHOD_RATE_FIELDS,
    Schedule,
    annuity_payment,
    equal_installment,
)
from .schedules import schedule as build_schedule

__all__ = ["EarlyRepayment", "early_repayment"]


@dataclass(frozen=True, slots=True)
class EarlyRepayment:
    """Result of :func:`early_repayment`; money fields rounded to the fen."""

    after_period: int
    outstanding: Decimal
    """Balance after installment ``after_period`` (before prepaying)."""
    amount: Decimal
    """Principal prepaid (= ``outstanding`` for a full repayment)."""
    fee: Decimal
    amount_due: Decimal
    """amount + fee, due on that date (on top of installment ``after_period`` itself)."""
    interest_saved: Decimal
    """Scheduled interest and fees no longer owed."""
    net_saving: Decimal
    """interest_saved − fee (negative: prepaying costs more than it saves)."""
    keep: str | None
    """"term" or "payment" for a partial repayment, ``None`` for a full one."""
    schedule: Schedule | None
    """New schedule of the remaining balance (partial repayment), else ``None``."""

    @property
    def full(self) -> bool:
        return self.schedule is None


def _remaining_charges(schedule: Schedule, after: int) -> Decimal:
    return sum((r.interest + r.fee for r in schedule.rows[after:]), ZERO)


def _rebuild(schedule: Schedule) -> Callable[[Decimal, int], Schedule]:
    if schedule.method not in METHOD_RATE_FIELDS:
        raise InvalidOptionError(
            "schedule", "未知的还款方式", "unknown schedule method", schedule.method
        )
    rate = getattr(schedule, METHOD_RATE_FIELDS[schedule.method])
    return lambda p, m: build_schedule(schedule.method, p, rate, m)


def _shortest_term(schedule: Schedule, balance: Decimal, remaining: int) -> int:
    """Fewest months m ≤ remaining whose level amount ≤ the old one (binary search)."""
    n = schedule.months
    if schedule.method == "equal_installment":
        assert schedule.annual_rate is not None
        rate = schedule.annual_rate
        old = schedule.payment

        def level(m: int) -> Decimal:
            return fen(annuity_payment(balance, rate, m))
    elif schedule.method == "equal_principal":
        old = fen(schedule.principal / n)

        def level(m: int) -> Decimal:
            return fen(balance / m)
    else:
        assert schedule.monthly_fee_rate is not None
        old = fen(schedule.principal / n) + fen(schedule.principal * schedule.monthly_fee_rate)
        charge = fen(balance * schedule.monthly_fee_rate)

        def level(m: int) -> Decimal:
            return fen(balance / m) + charge

    # level(m) falls as m grows; if even m = remaining is above the old amount
    # (possible only through fen rounding), keep the remaining term.
    lo, hi = 1, remaining
    while lo < hi:
        mid = (lo + hi) // 2
        if level(mid) <= old:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _keep_payment_fallback(
    schedule: Schedule, rest: Decimal, months: int, amount: object, cap: Decimal
) -> Schedule:
    """Even the remaining term gives a level payment above the old one (fen rounding of a
    drifted balance): for 等额本息 carry the sub-fen remainder, whose level payment is A*
    rounded down; otherwise, or if still above, refuse rather than raise the payment."""
    if schedule.method == "equal_installment":
        assert schedule.annual_rate is not None
        new = equal_installment(rest, schedule.annual_rate, months, rounding="carry")
        if new.payment <= cap:
            return new
    raise InvalidPrepaymentError(
        "amount",
        "提前还的本金太少：期限缩短不了，重新分期后月供反而会多 1 分钱；请多还一些",
        "amount: too small to shorten the term; re-instaling it would raise the payment "
        "by a fen (prepay more)",
        amount,
    )


def early_repayment(
    schedule: Schedule,
    after_period: Number,
    *,
    amount: Number | None = None,
    fee_rate: Number = 0,
    keep: Literal["term", "payment"] = "term",
) -> EarlyRepayment:
    """Prepay all (``amount=None``) or part of the balance right after installment ``after_period``.

    ``fee_rate`` (0 … 1) is the contract's prepayment fee on the amount prepaid.
    See the module docstring for every definition.

    >>> s = equal_installment(120_000, "0.06", 12)
    >>> e = early_repayment(s, 6, amount=30_000, keep="term")
    >>> e.schedule.months, e.schedule.payment
    (6, Decimal('5240.11'))
    >>> early_repayment(s, 6, amount=30_000, keep="payment").schedule.months
    4
    """
    if not isinstance(schedule, Schedule):
        raise InputTypeError(
            "schedule",
            "schedule 必须是还款计划（Schedule）",
            "schedule must be a Schedule",
            schedule,
        )
    with exact():
        n = schedule.months
        k = to_int(after_period, "after_period", "已还期数", InvalidPeriodError)
        if not 1 <= k <= n - 1:
            if n == 1:
                raise InvalidPeriodError(
                    "after_period",
                    "只有 1 期的贷款没有提前还款的时点",
                    "after_period: a 1-month loan has no date to prepay on",
                    after_period,
                )
            raise InvalidPeriodError(
                "after_period",
                f"已还期数必须在 1 到 {n - 1} 之间",
                f"after_period must be between 1 and {n - 1}",
                after_period,
            )
        if keep not in ("term", "payment"):
            raise InvalidOptionError(
                "keep",
                '部分提前还款方式只能是 "term"（期限不变）或 "payment"（月供不变）',
                'keep must be "term" or "payment"',
                keep,
            )
        rate = bounded(
            fee_rate,
            "fee_rate",
            "提前还款手续费率",
            InvalidRateError,
            maximum=ONE,
            limit_zh="1（即 100%）",
            limit_en="1 (= 100 %)",
        )
        outstanding = schedule.rows[k - 1].balance
        remaining_charges = _remaining_charges(schedule, k)
        if outstanding == 0:
            raise InvalidPeriodError(
                "after_period",
                f"第 {k} 期后已无剩余本金",
                f"after_period: nothing is left to prepay after period {k}",
                after_period,
            )
        if amount is None:
            prepaid = outstanding
        else:
            prepaid = money(amount, "amount", "提前还款金额", InvalidPrepaymentError)
            if prepaid > outstanding:
                raise InvalidPrepaymentError(
                    "amount",
                    f"提前还款金额不能超过剩余本金 {outstanding}",
                    f"amount must not exceed the outstanding balance {outstanding}",
                    amount,
                )
        fee = fen(prepaid * rate)
        if prepaid == outstanding:
            return EarlyRepayment(
                after_period=k,
                outstanding=outstanding,
                amount=prepaid,
                fee=fee,
                amount_due=prepaid + fee,
                interest_saved=remaining_charges,
                net_saving=remaining_charges - fee,
                keep=None,
                schedule=None,
            )
        rest = outstanding - prepaid
        remaining = n - k
        months = remaining if keep == "term" else _shortest_term(schedule, rest, remaining)
        try:
            new = _rebuild(schedule)(rest, months)
            # the payment kept: the level one, or with one period left the old last payment
            cap = schedule.payment if remaining > 1 else schedule.rows[-1].payment
            if keep == "payment" and new.payment > cap:
                new = _keep_payment_fallback(schedule, rest, months, amount, cap)
        except AmortizationError as error:
            raise InvalidPrepaymentError(
                "amount",
                f"提前还款后剩余本金 {rest} 元无法按 {months} 期重新分期：{error.message_zh}",
                f"amount: the remaining {rest} cannot be re-instaled over {months} months "
                f"({error.message_en})",
                amount,
            ) from None
        saved = remaining_charges - new.total_interest - new.total_fee
        return EarlyRepayment(
            after_period=k,
            outstanding=outstanding,
            amount=prepaid,
            fee=fee,
            amount_due=prepaid + fee,
            interest_saved=saved,
            net_saving=saved - fee,
            keep=keep,
            schedule=new,
        )
