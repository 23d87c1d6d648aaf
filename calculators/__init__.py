"""Exact repayment calculators for the 借款人手册 site (standard library only).

Money is ``Decimal`` rounded half-up to the fen; rates are unrounded ``Decimal``
fractions (``Decimal("0.18")`` is 18 %).  Inputs may be ``Decimal``, ``int`` or
a plain numeric ``str``; a ``float`` raises :class:`FloatInputError`.  Friendly
text (``"18%"``, ``"12,000"``, full-width digits) goes through
:func:`parse_amount` / :func:`parse_rate` / :func:`parse_count` first.

Every error is a :class:`CalculatorError` (a ``ValueError``) with ``.field``
naming the offending parameter.  See ``calculators/README.md`` for formulas,
rounding rules and limits.

>>> from calculators import equal_installment, parse_rate
>>> s = equal_installment("12000", parse_rate("18%"), 12)
>>> s.payment, s.total_interest
(Decimal('1100.16'), Decimal('1201.95'))
"""

from . import errors as _errors
from .daily import (
    COURT_REVIEW_THRESHOLD,
    OverdueCharges,
    annual_to_daily,
    daily_interest,
    daily_to_annual,
    overdue_charges,
)
from .debts import Debt, DebtOffer, DebtPlan, debt_plan
from .errors import (
    FIELD_LABELS,
    AmortizationError,
    CalculatorError,
    ConvergenceError,
    DuplicateDebtError,
    FloatInputError,
    InputTypeError,
    InvalidAmountError,
    InvalidCashflowsError,
    InvalidDaysError,
    InvalidDebtError,
    InvalidFeeError,
    InvalidNumberError,
    InvalidOptionError,
    InvalidPeriodError,
    InvalidPrepaymentError,
    InvalidPrincipalError,
    InvalidRateError,
    InvalidTermError,
    NegativeCostError,
    NoDebtsError,
    NoSolutionError,
    NumericRangeError,
    ParseError,
    PaymentAboveBalanceError,
)
from .formatting import format_money, format_percent, to_jsonable
from .frontend import frontend_constants
from .irr import AnnualizedRate, CashflowRate, annualized_rate, cashflow_rate
from .parsing import (
    COUNT_FIELD_UNITS,
    RATE_PLAUSIBLE,
    describe_rate,
    format_rate,
    parse_amount,
    parse_count,
    parse_rate,
    parse_rate_with_unit,
    rate_warning,
)
from .prepayment import EarlyRepayment, early_repayment
from .schedules import (
    MAX_PAUSE_MONTHS,
    METHOD_LABELS,
    METHOD_RATE_FIELDS,
    Row,
    Schedule,
    annualized_with_pause,
    equal_installment,
    equal_principal,
    fee_installment,
    schedule,
)

__all__ = [
    # calculators
    "equal_installment",
    "equal_principal",
    "fee_installment",
    "schedule",
    "annualized_rate",
    "annualized_with_pause",
    "cashflow_rate",
    "daily_interest",
    "overdue_charges",
    "early_repayment",
    "debt_plan",
    "daily_to_annual",
    "annual_to_daily",
    # results
    "Row",
    "Schedule",
    "AnnualizedRate",
    "CashflowRate",
    "OverdueCharges",
    "EarlyRepayment",
    "Debt",
    "DebtOffer",
    "DebtPlan",
    "METHOD_LABELS",
    "METHOD_RATE_FIELDS",
    "MAX_PAUSE_MONTHS",
    "COURT_REVIEW_THRESHOLD",
    "frontend_constants",
    # parsing and formatting helpers
    "parse_amount",
    "parse_rate",
    "parse_rate_with_unit",
    "parse_count",
    "describe_rate",
    "rate_warning",
    "format_rate",
    "RATE_PLAUSIBLE",
    "COUNT_FIELD_UNITS",
    "format_money",
    "format_percent",
    "to_jsonable",
    # errors (their list lives in errors.py)
    *_errors.__all__,
]
