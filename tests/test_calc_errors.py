"""Every bad input raises its named CalculatorError with a bilingual message and .field."""

from decimal import Decimal as D

import pytest

import calculators
from calculators import (
    CalculatorError,
    ConvergenceError,
    FloatInputError,
    InputTypeError,
    InvalidAmountError,
    InvalidCashflowsError,
    InvalidDaysError,
    InvalidFeeError,
    InvalidNumberError,
    InvalidOptionError,
    InvalidPeriodError,
    InvalidPrepaymentError,
    InvalidPrincipalError,
    InvalidRateError,
    InvalidTermError,
    NegativeCostError,
    NoSolutionError,
    annualized_rate,
    cashflow_rate,
    daily_interest,
    early_repayment,
    equal_installment,
    equal_principal,
    fee_installment,
    overdue_charges,
)

SCHEDULE = equal_installment(12_000, "0.18", 12)

CASES = [
    # (callable, exception, field)
    (lambda: equal_installment(-5, "0.18", 12), InvalidPrincipalError, "principal"),
    (lambda: equal_principal(0, "0.18", 12), InvalidPrincipalError, "principal"),
    (lambda: fee_installment("0.001", "0.006", 12), InvalidPrincipalError, "principal"),
    (lambda: equal_installment(10**13, "0.18", 12), InvalidPrincipalError, "principal"),
    (lambda: equal_installment(1000, "0.18", 0), InvalidTermError, "months"),
    (lambda: equal_installment(1000, "0.18", 601), InvalidTermError, "months"),
    (lambda: equal_principal(1000, "0.18", "12.5"), InvalidTermError, "months"),
    (lambda: equal_installment(1000, "-0.01", 12), InvalidRateError, "annual_rate"),
    (lambda: equal_installment(1000, "10.01", 12), InvalidRateError, "annual_rate"),
    (lambda: fee_installment(1000, "-0.001", 12), InvalidRateError, "monthly_fee_rate"),
    (lambda: fee_installment(1000, "0.84", 12), InvalidRateError, "monthly_fee_rate"),
    (lambda: daily_interest(1000, "0.03", 10), InvalidRateError, "daily_rate"),
    (lambda: daily_interest(1000, "-0.0001", 10), InvalidRateError, "daily_rate"),
    (lambda: daily_interest(1000, "0.0005", -1), InvalidDaysError, "days"),
    (lambda: overdue_charges(1000, 0, "0.18", -3), InvalidDaysError, "days"),
    (lambda: overdue_charges(1000, 0, "0.18", 36_501), InvalidDaysError, "days"),
    (lambda: overdue_charges(1000, 0, "0.18", 10, basis=366), InvalidOptionError, "basis"),
    (
        lambda: overdue_charges(1000, 0, "0.18", 10, penalty_multiplier="-1"),
        InvalidRateError,
        "penalty_multiplier",
    ),
    (
        lambda: overdue_charges(1000, 0, "0.18", 10, late_fee_rate="1.5"),
        InvalidRateError,
        "late_fee_rate",
    ),
    (lambda: overdue_charges(-1, 0, "0.18", 10), InvalidPrincipalError, "overdue_principal"),
    (lambda: overdue_charges(0, 0, "0.18", 10), InvalidPrincipalError, "overdue_principal"),
    (lambda: overdue_charges(100, -1, "0.18", 10), InvalidAmountError, "overdue_interest"),
    (lambda: fee_installment(1000, "0.006", 12, upfront_fee=1000), InvalidFeeError, "upfront_fee"),
    (lambda: equal_installment(1000, "0.18", 12, upfront_fee=-1), InvalidFeeError, "upfront_fee"),
    (lambda: early_repayment(SCHEDULE, 0), InvalidPeriodError, "after_period"),
    (lambda: early_repayment(SCHEDULE, 12), InvalidPeriodError, "after_period"),
    (
        lambda: early_repayment(equal_installment(1000, "0.18", 1), 1),
        InvalidPeriodError,
        "after_period",
    ),
    (lambda: early_repayment(SCHEDULE, 6, amount=100_000), InvalidPrepaymentError, "amount"),
    (lambda: early_repayment(SCHEDULE, 6, amount=0), InvalidPrepaymentError, "amount"),
    (lambda: early_repayment(SCHEDULE, 6, amount=-5), InvalidPrepaymentError, "amount"),
    (lambda: early_repayment(SCHEDULE, 6, fee_rate="2"), InvalidRateError, "fee_rate"),
    (lambda: early_repayment(SCHEDULE, 6, amount=100, keep="both"), InvalidOptionError, "keep"),
    (lambda: early_repayment("not a schedule", 6), InputTypeError, "schedule"),
    (lambda: annualized_rate([100]), InvalidCashflowsError, "cashflows"),
    (lambda: annualized_rate([]), InvalidCashflowsError, "cashflows"),
    (lambda: annualized_rate([100, 10, 20]), NoSolutionError, "cashflows"),
    (lambda: annualized_rate([0, 0, 0]), NoSolutionError, "cashflows"),
    # −100, +50, −100: NPV = −100 + 50x − 100x² < 0 for every x > 0, so no real IRR
    (lambda: annualized_rate([-100, 50, -100]), NoSolutionError, "cashflows"),
    # IRR of 10^15 a month is beyond the solver's range
    (lambda: annualized_rate([1] + [-(10**15)] * 3), ConvergenceError, "cashflows"),
    (lambda: equal_installment("abc", "0.18", 12), InvalidNumberError, "principal"),
    (lambda: equal_installment("NaN", "0.18", 12), InvalidNumberError, "principal"),
    (lambda: equal_installment(1000, "Infinity", 12), InvalidNumberError, "annual_rate"),
    (lambda: equal_installment(1000, "18%", 12), InvalidNumberError, "annual_rate"),
    (lambda: equal_installment([1000], "0.18", 12), InputTypeError, "principal"),
    (lambda: equal_installment(1000, True, 12), InputTypeError, "annual_rate"),
]


@pytest.mark.parametrize("call, exc, field", CASES)
def test_named_error(call, exc, field):
    with pytest.raises(exc) as info:
        call()
    err = info.value
    assert isinstance(err, CalculatorError) and isinstance(err, ValueError)
    assert err.field == field
    assert " / " in str(err)  # "中文 / English"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.message_zh)
    assert field in err.message_en
    assert field in calculators.FIELD_LABELS


@pytest.mark.parametrize(
    "call",
    [
        lambda: equal_installment(12000.0, "0.18", 12),
        lambda: equal_installment(12000, 0.18, 12),
        lambda: equal_principal(12000, "0.18", 12.0),
        lambda: fee_installment(12000, 0.006, 12),
        lambda: annualized_rate([100.0, -110]),
        lambda: daily_interest(1000, 0.0005, 10),
        lambda: overdue_charges(1000, 0, "0.18", 10, penalty_multiplier=1.5),
        lambda: early_repayment(SCHEDULE, 6, amount=1000.0),
        lambda: early_repayment(SCHEDULE, 6, fee_rate=0.01),
    ],
)
def test_float_refused(call):
    with pytest.raises(FloatInputError, match="float"):
        call()


def test_message_example_and_value():
    with pytest.raises(InvalidPrincipalError) as info:
        equal_installment(-5, "0.18", 12)
    assert str(info.value) == "本金必须大于 0 / principal must be > 0, got -5"
    assert info.value.value == -5


def test_months_range_message_names_range():
    with pytest.raises(InvalidTermError, match="1 到 600") as info:
        equal_installment(1000, "0.18", 601)
    assert "between 1 and 600" in str(info.value)


def test_global_decimal_context_untouched():
    import decimal

    before = decimal.getcontext().prec
    equal_installment(1_000_000, "0.049", 360)
    assert decimal.getcontext().prec == before
    with decimal.localcontext(prec=5):  # a caller's odd context does not leak in
        s = equal_installment(1_000_000, "0.049", 360)
    assert s.payment == D("5307.27")


def test_payments_below_the_money_received_are_refused():
    # was a rate of −95.90 % a year on a cash-flow block
    with pytest.raises(NegativeCostError) as info:
        cashflow_rate(10_000, 300, 12)
    assert info.value.field == "payment"
    assert "少于到手的 10000.00 元" in info.value.message_zh
    with pytest.raises(NegativeCostError) as info:
        annualized_rate([10_000] + [-300] * 12)
    assert info.value.field == "cashflows"
    # paying back exactly what was received is 0 %, not an error
    assert cashflow_rate(1200, 100, 12).annualized.monthly == 0
    assert annualized_rate([1200] + [-100] * 12).monthly == 0


@pytest.mark.parametrize(
    "args, field",
    [
        ((0, 100, 12), "received"),
        ((1000, 0, 12), "payment"),
        ((1000, "100.001", 12), "payment"),
        ((1000, 100, 0), "months"),
        ((1000, 100, 1201), "months"),
    ],
)
def test_cashflow_rate_checks_its_inputs(args, field):
    with pytest.raises(CalculatorError) as info:
        cashflow_rate(*args)
    assert info.value.field == field


@pytest.mark.parametrize(
    "call, shown",
    [
        (lambda: daily_interest(100, "0.027778", 3), "2.7778%"),  # just above 10/360
        (lambda: fee_installment(100, "0.83334", 3), "83.334%"),  # just above 10/12
        (lambda: equal_installment(100, "10.0001", 3), "1000.01%"),
        (lambda: overdue_charges(100, 0, "0.18", 3, penalty_multiplier="10.5"), "10.5"),
        (lambda: overdue_charges(100, 0, "0.18", 3, late_fee_rate="1.00001"), "100.001%"),
    ],
)
def test_range_errors_quote_the_refused_value_exactly(call, shown):
    with pytest.raises(CalculatorError) as info:
        call()
    # the value itself, unrounded: a rounded one (0.02778, 2.78 %) could look inside the range
    assert f"这里是 {shown}" in info.value.message_zh
    # each half stands alone (the hooks show message_zh only)
    assert " / " not in info.value.message_zh
    assert "之间" not in info.value.message_en


def test_every_error_class_carries_both_messages():
    for name in calculators.errors.__all__:
        cls = getattr(calculators, name)
        if not (isinstance(cls, type) and issubclass(cls, CalculatorError)):
            continue
        error = cls("months", "中文说明", "english text", 5)
        assert (error.message_zh, error.message_en) == ("中文说明", "english text")
        assert str(error) == "中文说明 / english text, got 5"
