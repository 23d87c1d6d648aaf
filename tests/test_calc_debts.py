"""debt_plan: one monthly offer per lender — properties, known values and bad input."""

from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import (
    FIELD_LABELS,
    CalculatorError,
    Debt,
    DuplicateDebtError,
    FloatInputError,
    InputTypeError,
    InvalidAmountError,
    InvalidDebtError,
    InvalidNumberError,
    NoDebtsError,
    PaymentAboveBalanceError,
    debt_plan,
)

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True)
FEN = D("0.01")


@st.composite
def debts_strategy(draw, max_size=8):
    n = draw(st.integers(min_value=1, max_value=max_size))
    out = []
    for i in range(n):
        balance = draw(st.integers(min_value=1, max_value=10**9))  # fen: 0.01 … 10^7 yuan
        payment = draw(st.integers(min_value=1, max_value=balance))
        priority = draw(st.booleans()) if draw(st.integers(0, 3)) == 0 else False
        out.append(Debt(f"机构{i}", D(balance) / 100, D(payment) / 100, priority=priority))
    return out


@st.composite
def plans(draw):
    debts = draw(debts_strategy())
    total = sum(int(d.payment * 100) for d in debts)
    # mostly short of the payments, sometimes exactly enough or more
    avail = draw(st.integers(min_value=0, max_value=total + total // 4 + 1))
    return D(avail) / 100, debts


def fen(x):
    return int(x * 100)


@SETTINGS
@given(plans())
def test_offers_add_up_exactly_and_are_whole_fen(case):
    available, debts = case
    plan = debt_plan(available, debts)
    assert [o.debt for o in plan.offers] == debts  # input order
    assert sum(o.amount for o in plan.offers) == plan.total_offered
    assert plan.total_offered == min(available, plan.total_payments)
    assert plan.total_payments == sum(d.payment for d in debts)
    assert plan.shortfall == max(plan.total_payments - available, 0)
    assert plan.surplus == max(available - plan.total_payments, 0)
    assert plan.shortfall == 0 or plan.surplus == 0
    for o in plan.offers:
        assert o.amount == o.amount.quantize(FEN)
        assert 0 <= o.amount <= o.debt.payment  # capped at the payment


@SETTINGS
@given(plans())
def test_priority_first_then_pro_rata_within_a_fen(case):
    available, debts = case
    plan = debt_plan(available, debts)
    if plan.surplus > 0 or plan.shortfall == 0:
        assert all(o.full for o in plan.offers)
        return
    priority = [o for o in plan.offers if o.debt.priority]
    others = [o for o in plan.offers if not o.debt.priority]
    priority_total = sum(o.debt.payment for o in priority)
    if available >= priority_total:
        assert all(o.full for o in priority)
        group, money = others, available - priority_total
    else:
        assert all(o.amount == 0 for o in others)  # nothing for others before priority is paid
        group, money = priority, available
    # The exact solution: offer_i = min(payment_i, λ·balance_i) with Σ = money, found here
    # independently by trying "the k debts with the lowest payment/balance ratio are capped".
    # A capped debt is offered exactly its payment; any other is within one fen of λ·balance_i.
    if not group:
        return
    order = sorted(group, key=lambda o: Fraction(fen(o.debt.payment), fen(o.debt.balance)))
    target = fen(money)
    lam = None
    for k in range(len(order)):
        capped_sum = sum(fen(o.debt.payment) for o in order[:k])
        weight = sum(fen(o.debt.balance) for o in order[k:])
        candidate = Fraction(target - capped_sum, weight)
        low = Fraction(fen(order[k - 1].debt.payment), fen(order[k - 1].debt.balance)) if k else 0
        high = Fraction(fen(order[k].debt.payment), fen(order[k].debt.balance))
        if low <= candidate <= high:
            lam = candidate
            break
    assert lam is not None
    for o in group:
        exact = min(Fraction(fen(o.debt.payment)), lam * fen(o.debt.balance))
        if exact == fen(o.debt.payment):
            assert fen(o.amount) == fen(o.debt.payment)
        else:
            assert abs(fen(o.amount) - exact) < 1


@SETTINGS
@given(plans())
def test_months_to_clear_with_interest_frozen(case):
    available, debts = case
    for o in debt_plan(available, debts).offers:
        if o.amount == 0:
            assert o.months_to_clear is None
        else:
            m = o.months_to_clear
            assert m * o.amount >= o.debt.balance > (m - 1) * o.amount


@SETTINGS
@given(plans())
def test_more_money_never_lowers_an_offer(case):
    available, debts = case
    lower = debt_plan(available, debts)
    higher = debt_plan(available + D(1), debts)
    for a, b in zip(lower.offers, higher.offers, strict=True):
        # rounding can move a single fen between lenders, never more
        assert b.amount >= a.amount - FEN


def test_issue_example():
    plan = debt_plan(
        3000, [Debt("甲", 30000, 2800), Debt("乙", 20000, 1900), Debt("丙", 10000, 1000)]
    )
    assert [o.amount for o in plan.offers] == [D("1500.00"), D("1000.00"), D("500.00")]
    assert [o.months_to_clear for o in plan.offers] == [20, 20, 20]
    assert plan.total_offered == D("3000.00")
    assert plan.total_payments == D("5700.00")
    assert plan.shortfall == D("2700.00") and plan.surplus == D("0.00")


def test_enough_money_pays_every_payment():
    plan = debt_plan("6000.50", [Debt("甲", 30000, 2800), Debt("乙", 20000, 1900)])
    assert [o.amount for o in plan.offers] == [D("2800.00"), D("1900.00")]
    assert plan.surplus == D("1300.50") and plan.shortfall == D("0.00")
    assert [o.months_to_clear for o in plan.offers] == [11, 11]  # 30000/2800 = 10.7 → 11


def test_exactly_enough():
    plan = debt_plan(4700, [Debt("甲", 30000, 2800), Debt("乙", 20000, 1900)])
    assert plan.surplus == 0 and plan.shortfall == 0
    assert all(o.full for o in plan.offers)


def test_largest_remainder_ties_go_to_the_first_listed():
    plan = debt_plan("1.00", [Debt("A", 100, 50), Debt("B", 100, 50), Debt("C", 100, 50)])
    assert [o.amount for o in plan.offers] == [D("0.34"), D("0.33"), D("0.33")]


def test_largest_remainder_not_order():
    # 101 fen over balances 1:1:2 → 25.25, 25.25, 50.5: the spare fen goes to the largest remainder
    plan = debt_plan("1.01", [Debt("A", 1, 1), Debt("B", 1, 1), Debt("C", 2, 2)])
    assert [o.amount for o in plan.offers] == [D("0.25"), D("0.25"), D("0.51")]


def test_cap_redistributes_pro_rata_repeatedly():
    # 1000 over balances 50,000 / 30,000 / 20,000 = 500 / 300 / 200, but C pays only 100
    # → C 100, the 900 left over 50:30 → 562.50 / 337.50, B capped at 320 → A 580
    plan = debt_plan(1000, [Debt("A", 50000, 3000), Debt("B", 30000, 320), Debt("C", 20000, 100)])
    assert [o.amount for o in plan.offers] == [D("580.00"), D("320.00"), D("100.00")]
    assert [o.full for o in plan.offers] == [False, True, True]


def test_priority_short_is_split_among_priority_only():
    plan = debt_plan(
        500,
        [
            Debt("卡", 8000, 900),
            Debt("执行 1", 6000, 600, priority=True),
            Debt("执行 2", 4000, 400, priority=True),
        ],
    )
    assert [o.amount for o in plan.offers] == [D("0.00"), D("300.00"), D("200.00")]
    assert plan.offers[0].months_to_clear is None
    assert plan.offers[1].months_to_clear == 20


def test_zero_available():
    plan = debt_plan(0, [Debt("甲", 100, 10)])
    assert plan.offers[0].amount == D("0.00") and plan.offers[0].months_to_clear is None
    assert plan.shortfall == D("10.00")


def test_debt_normalises_input():
    d = Debt("  招联   消费金融 ", "12000", D("1100.5"))
    assert d.name == "招联 消费金融"
    assert d.balance == D("12000.00") and str(d.payment) == "1100.50"


BAD = [
    (lambda: debt_plan(100, []), NoDebtsError, "debts"),
    (lambda: debt_plan(100, [Debt(f"{i}", 10, 1) for i in range(51)]), NoDebtsError, "debts"),
    (lambda: debt_plan(-1, [Debt("甲", 10, 1)]), InvalidAmountError, "available"),
    (lambda: debt_plan("abc", [Debt("甲", 10, 1)]), InvalidNumberError, "available"),
    (lambda: debt_plan("0.001", [Debt("甲", 10, 1)]), InvalidAmountError, "available"),
    (lambda: debt_plan(100.0, [Debt("甲", 10, 1)]), FloatInputError, "available"),
    (lambda: debt_plan(100, [("甲", 10, 1)]), InputTypeError, "debts"),
    (
        lambda: debt_plan(100, [Debt("甲", 10, 1), Debt(" 甲 ", 20, 2)]),
        DuplicateDebtError,
        "name",
    ),
    (lambda: Debt("甲", -10, 1), InvalidAmountError, "balance"),
    (lambda: Debt("甲", 0, 0), InvalidAmountError, "balance"),
    (lambda: Debt("甲", 10, 0), InvalidAmountError, "payment"),
    (lambda: Debt("甲", 10, -1), InvalidAmountError, "payment"),
    (lambda: Debt("甲", "十", 1), InvalidNumberError, "balance"),
    (lambda: Debt("甲", 10, 11), PaymentAboveBalanceError, "payment"),
    (lambda: Debt("甲", 10, 1.5), FloatInputError, "payment"),
    (lambda: Debt("  ", 10, 1), InvalidDebtError, "name"),
    (lambda: Debt("长" * 41, 10, 1), InvalidDebtError, "name"),
    (lambda: Debt(5, 10, 1), InputTypeError, "name"),
    (lambda: Debt("甲", 10, 1, priority="yes"), InputTypeError, "priority"),
]


@pytest.mark.parametrize("call, exc, field", BAD)
def test_bad_input_raises_named_error(call, exc, field):
    with pytest.raises(exc) as info:
        call()
    err = info.value
    assert isinstance(err, CalculatorError)
    assert err.field == field
    assert field in FIELD_LABELS
    assert err.message_zh and err.message_en
    assert " / " in str(err)


def test_error_classes_are_calculator_errors():
    for cls in (InvalidDebtError, NoDebtsError, PaymentAboveBalanceError, DuplicateDebtError):
        assert issubclass(cls, CalculatorError) and issubclass(cls, ValueError)
    assert issubclass(NoDebtsError, InvalidDebtError)
