"""Named exceptions of the calculators package.

Every error is a :class:`CalculatorError`, itself a :class:`ValueError`, so a
caller can catch one class.  Each carries

* ``field``   – the name of the offending parameter exactly as it is spelled in
  the Python API (``"principal"``, ``"annual_rate"``, ``"months"`` …); look it up
  in :data:`FIELD_LABELS` for the Chinese label;
* ``value``   – the offending value (``None`` when there is no single value);
* ``message_zh`` / ``message_en`` – the two halves of the message.

``str(error)`` is ``"<中文> / <English>, got <value>"``, e.g.
``本金必须大于 0 / principal must be > 0, got -5``.

>>> from calculators import equal_installment
>>> try:
...     equal_installment("-5", "0.18", 12)
... except CalculatorError as exc:
...     print(type(exc).__name__, exc.field)
...     print(exc)
InvalidPrincipalError principal
本金必须大于 0 / principal must be > 0, got '-5'
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "FIELD_LABELS",
    "CalculatorError",
    "InputTypeError",
    "FloatInputError",
    "InvalidNumberError",
    "ParseError",
    "InvalidPrincipalError",
    "InvalidAmountError",
    "InvalidTermError",
    "InvalidRateError",
    "InvalidDaysError",
    "InvalidOptionError",
    "InvalidFeeError",
    "InvalidPeriodError",
    "InvalidPrepaymentError",
    "InvalidCashflowsError",
    "NegativeCostError",
    "AmortizationError",
    "NoSolutionError",
    "ConvergenceError",
    "NumericRangeError",
    "InvalidDebtError",
    "NoDebtsError",
    "PaymentAboveBalanceError",
    "DuplicateDebtError",
]

#: Chinese label of every parameter name that can appear in ``error.field``.
FIELD_LABELS: dict[str, str] = {
    "principal": "本金",
    "annual_rate": "年利率",
    "monthly_fee_rate": "月手续费率",
    "months": "期数",
    "upfront_fee": "放款时收取的费用",
    "cashflows": "现金流",
    "daily_rate": "日利率",
    "days": "天数",
    "overdue_principal": "逾期本金",
    "overdue_interest": "逾期利息",
    "penalty_multiplier": "罚息倍数",
    "basis": "计息基准天数",
    "late_fee_rate": "违约金比例",
    "schedule": "还款计划",
    "after_period": "已还期数",
    "amount": "提前还款金额",
    "fee_rate": "提前还款手续费率",
    "keep": "部分提前还款方式",
    "per": "利率单位",
    "rate": "利率",
    # debt_plan (calculators/debts.py)
    "available": "每月能拿出来还债的钱",
    "debts": "债务",
    "name": "借款机构名称",
    "balance": "欠款余额",
    "payment": "合同月还款",
    "priority": "优先",
}

_MISSING: Any = object()


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    return str(value)


class CalculatorError(ValueError):
    """Base class: bad input or no answer.  See the module docstring."""

    field: str | None
    value: Any
    message_zh: str
    message_en: str

    def __init__(
        self, field: str | None, message_zh: str, message_en: str, value: Any = _MISSING
    ) -> None:
        self.field = field
        self.value = None if value is _MISSING else value
        self.message_zh = message_zh
        self.message_en = message_en
        text = f"{message_zh} / {message_en}"
        if value is not _MISSING:
            text += f", got {_show(value)}"
        super().__init__(text)


class InputTypeError(CalculatorError, TypeError):
    """A value of an unsupported type (not ``Decimal``, ``int`` or ``str``)."""


class FloatInputError(InputTypeError):
    """A ``float`` was passed: refused, because ``0.1`` as a float is not 0.1."""


class InvalidNumberError(CalculatorError):
    """A string or Decimal that is not a finite number (``"abc"``, ``"NaN"``)."""


class ParseError(InvalidNumberError):
    """Text the parsing helpers (:mod:`calculators.parsing`) cannot read."""


class InvalidPrincipalError(CalculatorError):
    """Principal (or overdue principal) ≤ 0, above the limit, or finer than a fen."""


class InvalidAmountError(CalculatorError):
    """Another money amount (e.g. overdue interest) out of range."""


class InvalidTermError(CalculatorError):
    """Number of months outside 1–600 or not a whole number."""


class InvalidRateError(CalculatorError):
    """A rate or multiplier that is negative or absurdly high."""


class InvalidDaysError(CalculatorError):
    """Negative, fractional or absurdly large number of days."""


class InvalidOptionError(CalculatorError):
    """A choice outside its allowed set (``basis``, ``keep``, ``per``)."""


class InvalidFeeError(CalculatorError):
    """Upfront fee negative or not smaller than the principal."""


class InvalidPeriodError(CalculatorError):
    """``after_period`` outside 1 … n−1 of the schedule."""


class InvalidPrepaymentError(CalculatorError):
    """Prepayment amount ≤ 0 or larger than the outstanding balance."""


class InvalidCashflowsError(CalculatorError):
    """Cash-flow list empty, too long, or with a bad element."""


class NegativeCostError(InvalidCashflowsError):
    """The payments total less than the money received: not a loan with a cost.

    Its "rate" would be negative (a cash-flow block once showed −95.90 %), which
    a reader could take for a real annualized rate; refused instead.
    """


class AmortizationError(InvalidTermError):
    """No 等额本息 schedule to the fen repays principal in every row for these inputs.

    Raised for a term far too long for the rate (the payment is almost all
    interest, so a row would repay less than a fen) or a loan too small for its
    number of rows.  ``field`` is ``"months"``: a shorter term always works.
    """


class NoSolutionError(CalculatorError):
    """The cash flows have no real internal rate of return above −100 %."""


class NumericRangeError(CalculatorError):
    """A result too large or too small to represent (safety net; ``field`` is ``None``)."""


class ConvergenceError(CalculatorError):
    """The root finder did not converge (should not happen for real loans)."""


class InvalidDebtError(CalculatorError):
    """A debt for :func:`debt_plan` that cannot be used (e.g. an empty or too long name)."""


class NoDebtsError(InvalidDebtError):
    """``debt_plan`` got no debts (or more than it accepts)."""


class PaymentAboveBalanceError(InvalidDebtError):
    """A debt's monthly payment is larger than what is owed on it."""


class DuplicateDebtError(InvalidDebtError):
    """Two debts in one plan have the same name, so offers and letters could be confused."""
