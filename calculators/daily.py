"""按日计息 (daily interest), rate conversion and 逾期 (overdue) charges.

Daily interest = principal × daily_rate × days, rounded once at the end.
The day-count basis (360 is bank practice, 365 appears in some contracts and
news reports) is always an input, never assumed silently:

>>> daily_to_annual("0.0005", 360), daily_to_annual("0.0005", 365)
(Decimal('0.18'), Decimal('0.1825'))

Overdue charges (all inputs are contract terms):

* 罚息 penalty_interest  = round(overdue_principal × annual_rate × multiplier × days / basis)
* 复利 compound_interest = round(overdue_interest  × annual_rate × multiplier × days / basis)
  (on unpaid interest only, never on principal)
* 违约金 late_fee        = round((overdue_principal + overdue_interest) × late_fee_rate),
  a one-off charge once the loan is overdue (days ≥ 1); late_fee_rate defaults to 0
  because 违约金 exists only when the contract sets one
* total                  = the sum of the three rounded parts
* annualized             = total ÷ (overdue_principal + overdue_interest) × basis ÷ days
  (unrounded; 0 when days = 0)

Compare ``annualized`` with 24 % (:data:`COURT_REVIEW_THRESHOLD`): under
法发〔2017〕22号 a borrower may ask a court to reduce charges above it.  (4 × the
one-year LPR is the cap for *private* lending, not for licensed lenders.)

Limits: rates 0 … 10 a year (1000 %), daily rates 0 … 10/360, multiplier
0 … 10, late_fee_rate 0 … 1, days 0 … 36,500, basis 360 or 365.

>>> c = overdue_charges(10_000, 500, "0.12", 30)
>>> c.penalty_interest, c.compound_interest, c.total   # 10,000 × 18 % × 30/360 = 150
(Decimal('150.00'), Decimal('7.50'), Decimal('157.50'))
>>> c.annualized
Decimal('0.18')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ._core import (
    CONTEXT,
    MAX_DAYS,
    ONE,
    ZERO,
    ZERO_FEN,
    Number,
    bounded,
    exact,
    fen,
    money,
    tidy,
    to_int,
)
from .errors import (
    InvalidAmountError,
    InvalidDaysError,
    InvalidOptionError,
    InvalidPrincipalError,
    InvalidRateError,
)
from .schedules import MAX_ANNUAL_RATE

__all__ = [
    "COURT_REVIEW_THRESHOLD",
    "OverdueCharges",
    "annual_to_daily",
    "daily_interest",
    "daily_to_annual",
    "overdue_charges",
]

#: 24 % a year: above it a borrower may ask a court to reduce charges (法发〔2017〕22号).
COURT_REVIEW_THRESHOLD = Decimal("0.24")
#: Highest daily rate accepted: 10/360 (1000 % a year on a 360-day basis).
MAX_DAILY_RATE = CONTEXT.divide(MAX_ANNUAL_RATE, Decimal(360))
MAX_MULTIPLIER = Decimal(10)


def check_basis(basis: object) -> int:
    """Accept 360 or 365 (as int, str or Decimal)."""
    value = to_int(basis, "basis", "计息基准天数", InvalidOptionError)
    if value not in (360, 365):
        raise InvalidOptionError(
            "basis", "计息基准天数只能是 360 或 365", "basis must be 360 or 365", basis
        )
    return value


def check_days(days: object) -> int:
    value = to_int(days, "days", "天数", InvalidDaysError)
    if not 0 <= value <= MAX_DAYS:
        raise InvalidDaysError(
            "days",
            f"天数必须在 0 到 {MAX_DAYS} 之间",
            f"days must be between 0 and {MAX_DAYS}",
            days,
        )
    return value


def _daily_rate(value: object) -> Decimal:
    return bounded(
        value,
        "daily_rate",
        "日利率",
        InvalidRateError,
        maximum=MAX_DAILY_RATE,
        limit_zh="10/360（即 2.7777…%，年化 1000%）",
        limit_en="10/360 (2.7777… %, 1000 % a year)",
    )


def _annual_rate(value: object) -> Decimal:
    return bounded(
        value,
        "annual_rate",
        "年利率",
        InvalidRateError,
        maximum=MAX_ANNUAL_RATE,
        limit_zh="10（即 1000%）",
        limit_en="10 (= 1000 %)",
    )


def daily_interest(principal: Number, daily_rate: Number, days: Number) -> Decimal:
    """按日计息: round(principal × daily_rate × days), rounded once.

    >>> daily_interest(10_000, "0.0005", 30)   # 0.05 %/day for 30 days
    Decimal('150.00')
    >>> daily_interest("0.01", "0.0005", 365)
    Decimal('0.00')
    """
    with exact():
        amount = money(principal, "principal", "本金", InvalidPrincipalError)
        rate = _daily_rate(daily_rate)
        n = check_days(days)
        return fen(amount * rate * n)


def daily_to_annual(daily_rate: Number, basis: Number = 360) -> Decimal:
    """Annual rate = daily rate × basis (unrounded).

    >>> daily_to_annual("0.0005")
    Decimal('0.18')
    """
    with exact():
        return tidy(_daily_rate(daily_rate) * check_basis(basis))


def annual_to_daily(annual_rate: Number, basis: Number = 360) -> Decimal:
    """Daily rate = annual rate ÷ basis (unrounded).

    >>> annual_to_daily("0.18"), annual_to_daily("0.1825", 365)
    (Decimal('0.0005'), Decimal('0.0005'))
    """
    with exact():
        return tidy(_annual_rate(annual_rate) / check_basis(basis))


@dataclass(frozen=True, slots=True)
class OverdueCharges:
    """Overdue charges for ``days`` days; money fields rounded to the fen."""

    overdue_principal: Decimal
    overdue_interest: Decimal
    annual_rate: Decimal
    penalty_multiplier: Decimal
    penalty_rate: Decimal
    """annual_rate × penalty_multiplier (a yearly rate, unrounded)."""
    days: int
    basis: int
    late_fee_rate: Decimal
    penalty_interest: Decimal
    """罚息 on overdue principal."""
    compound_interest: Decimal
    """复利 on unpaid interest."""
    late_fee: Decimal
    """违约金 (one-off, only if the contract sets a rate)."""
    total: Decimal
    annualized: Decimal
    """total ÷ (principal + interest) × basis ÷ days; 0 when days = 0."""

    @property
    def above_court_review_threshold(self) -> bool:
        """True when ``annualized`` exceeds 24 % (法发〔2017〕22号)."""
        return self.annualized > COURT_REVIEW_THRESHOLD


def overdue_charges(
    overdue_principal: Number,
    overdue_interest: Number,
    annual_rate: Number,
    days: Number,
    *,
    penalty_multiplier: Number = "1.5",
    basis: Number = 360,
    late_fee_rate: Number = 0,
) -> OverdueCharges:
    """罚息, 复利 and 违约金 on an overdue installment (formulas in the module docstring).

    ``overdue_principal`` and ``overdue_interest`` may each be 0 but not both.

    >>> c = overdue_charges(1000, 0, "0.24", 10, late_fee_rate="0.01")
    >>> c.penalty_interest, c.late_fee, c.total      # 1000 × 36 % × 10/360 = 10
    (Decimal('10.00'), Decimal('10.00'), Decimal('20.00'))
    >>> c.annualized, c.above_court_review_threshold  # 20/1000 × 360/10
    (Decimal('0.72'), True)
    """
    with exact():
        principal = money(
            overdue_principal,
            "overdue_principal",
            "逾期本金",
            InvalidPrincipalError,
            allow_zero=True,
        )
        interest = money(
            overdue_interest, "overdue_interest", "逾期利息", InvalidAmountError, allow_zero=True
        )
        if principal + interest == 0:
            raise InvalidPrincipalError(
                "overdue_principal",
                "逾期本金与逾期利息不能都为 0",
                "overdue_principal and overdue_interest cannot both be 0",
                overdue_principal,
            )
        rate = _annual_rate(annual_rate)
        n = check_days(days)
        multiplier = bounded(
            penalty_multiplier,
            "penalty_multiplier",
            "罚息倍数",
            InvalidRateError,
            maximum=MAX_MULTIPLIER,
            limit_zh="10",
            limit_en="10",
            percent=False,
        )
        base = check_basis(basis)
        late_rate = bounded(
            late_fee_rate,
            "late_fee_rate",
            "违约金比例",
            InvalidRateError,
            maximum=ONE,
            limit_zh="1（即 100%）",
            limit_en="1 (= 100 %)",
        )
        penalty_rate = tidy(rate * multiplier)
        penalty = fen(principal * penalty_rate * n / base)
        compound = fen(interest * penalty_rate * n / base)
        late_fee = fen((principal + interest) * late_rate) if n > 0 else ZERO_FEN
        total = penalty + compound + late_fee
        annualized = tidy(total / (principal + interest) * base / n) if n > 0 else ZERO
        return OverdueCharges(
            overdue_principal=principal,
            overdue_interest=interest,
            annual_rate=rate,
            penalty_multiplier=multiplier,
            penalty_rate=penalty_rate,
            days=n,
            basis=base,
            late_fee_rate=late_rate,
            penalty_interest=penalty,
            compound_interest=compound,
            late_fee=late_fee,
            total=total,
            annualized=annualized,
        )
