"""early_repayment: full and partial, keep term / keep payment, all three schedule kinds."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import (
    AmortizationError,
    InvalidPrepaymentError,
    early_repayment,
    equal_installment,
    equal_principal,
    fee_installment,
)


def test_full_repayment_hand_checked():
    # 1,200 at 12 % over 3 months (rows worked by hand in test_calc_known_values):
    # after row 1 the balance is 803.97; rows 2 and 3 still carried 8.04 + 4.04 interest.
    s = equal_installment(1200, "0.12", 3)
    e = early_repayment(s, 1, fee_rate="0.01")
    assert e.outstanding == D("803.97")
    assert e.fee == D("8.04")  # 803.97 × 1 % = 8.0397
    assert e.amount_due == D("812.01")
    assert e.interest_saved == D("12.08")
    assert e.net_saving == D("4.04")
    assert e.schedule is None and e.full and e.keep is None


def test_full_repayment_fee_installment_saves_remaining_fees():
    s = fee_installment(12_000, "0.006", 12)
    e = early_repayment(s, 4)
    assert e.outstanding == D("8000.00")
    assert e.interest_saved == 8 * D("72.00")  # the 8 remaining monthly fees are not owed
    assert e.amount_due == D("8000.00")


@pytest.mark.parametrize(
    "build, rate",
    [(equal_installment, "0.06"), (equal_principal, "0.06"), (fee_installment, "0.005")],
)
def test_partial_keep_term(build, rate):
    s = build(120_000, rate, 12)
    e = early_repayment(s, 6, amount=30_000, fee_rate="0.02")
    assert e.fee == D("600.00")
    assert e.amount_due == D("30600.00")
    new = e.schedule
    assert new.method == s.method and new.months == 6
    assert new.principal == e.outstanding - D("30000")
    assert new == build(new.principal, rate, 6)  # re-amortized by the same rules
    old_rest = sum(r.interest + r.fee for r in s.rows[6:])
    assert e.interest_saved == old_rest - new.total_interest - new.total_fee
    assert e.interest_saved > 0
    assert e.net_saving == e.interest_saved - D("600.00")


def test_partial_keep_payment_shortens_term():
    s = equal_installment(120_000, "0.06", 12)
    e = early_repayment(s, 6, amount=30_000, keep="payment")
    new = e.schedule
    # remaining 30,897.71 at the old payment 10,327.97 needs 4 months (3 would need > 10,327.97)
    assert new.months == 4
    assert new.payment <= s.payment
    assert equal_installment(new.principal, "0.06", 3).payment > s.payment
    keep_term = early_repayment(s, 6, amount=30_000, keep="term")
    assert e.interest_saved > keep_term.interest_saved  # shorter term saves more interest


def test_keep_payment_equal_principal_keeps_principal_part():
    s = equal_principal(120_000, "0.06", 12)  # 10,000 principal a month
    e = early_repayment(s, 6, amount=30_000, keep="payment")
    assert e.schedule.months == 3  # 30,000 left at 10,000 a month
    assert e.schedule.rows[0].principal == D("10000.00")


def test_prepay_everything_via_amount_is_full():
    s = equal_installment(12_000, "0.18", 12)
    balance = s.rows[5].balance
    assert early_repayment(s, 6, amount=balance).schedule is None
    assert early_repayment(s, 6, amount=str(balance)) == early_repayment(s, 6)


@settings(deadline=None)
@given(
    st.sampled_from([equal_installment, equal_principal, fee_installment]),
    st.integers(min_value=1000_00, max_value=10**8).map(lambda f: D(f) / 100),
    st.integers(min_value=2, max_value=120),
    st.data(),
)
def test_partial_prepayment_invariants(build, principal, n, data):
    rate = "0.005" if build is fee_installment else "0.12"
    s = build(principal, rate, n)
    k = data.draw(st.integers(min_value=1, max_value=n - 1))
    balance = s.rows[k - 1].balance
    fen = data.draw(st.integers(min_value=1, max_value=int(balance * 100)))
    amount = D(fen) / 100
    keep = data.draw(st.sampled_from(["term", "payment"]))
    try:
        e = early_repayment(s, k, amount=amount, keep=keep)
    except InvalidPrepaymentError as error:
        # only "keep the payment" when even the remaining term re-instals above it
        # (a few fen prepaid on a balance that fen rounding left a little high)
        assert keep == "payment" and error.field == "amount"
        cap = s.payment if n - k > 1 else s.rows[-1].payment
        assert build(balance - amount, rate, n - k).payment > cap
        return
    # Prepaying never adds interest or fees, except that re-amortizing can move
    # the fen rounding of the level amounts (a 0.01 prepayment on 等额本金 can
    # round the new principal part down and cost a few fen more).
    assert e.interest_saved >= -D("0.01") * (n - k)
    if amount * 10 >= balance and balance >= 100:
        assert e.interest_saved > 0
    if amount == balance:
        assert e.schedule is None
    else:
        assert e.schedule.principal == balance - amount
        assert 1 <= e.schedule.months <= n - k
        assert e.schedule.rows[-1].balance == 0
        if keep == "term":
            assert e.schedule.months == n - k


@settings(deadline=None)
@given(
    st.integers(min_value=100_00, max_value=10**9).map(lambda f: D(f) / 100),
    st.integers(min_value=0, max_value=60_000).map(lambda bp: D(bp) / 100_000),  # 0 … 60 %
    st.integers(min_value=2, max_value=600),
    st.data(),
)
def test_keep_payment_never_raises_the_payment(principal, rate, n, data):
    try:
        s = equal_installment(principal, rate, n)
    except AmortizationError:
        return
    k = data.draw(st.integers(min_value=1, max_value=n - 1))
    balance = s.rows[k - 1].balance
    amount = D(data.draw(st.integers(min_value=1, max_value=int(balance * 100) - 1))) / 100
    try:
        e = early_repayment(s, k, amount=amount, keep="payment")
    except InvalidPrepaymentError as error:  # only with a reason, naming the amount
        assert error.field == "amount"
        return
    # the payment kept: the level one, or with one period left the old last payment
    assert e.schedule.payment <= (s.payment if n - k > 1 else s.rows[-1].payment)
    assert e.schedule.months <= n - k


def test_keep_payment_with_drifted_balance_does_not_raise_the_payment():
    # 10,000 at 24 % over 360 months; a 0.01 prepayment after row 1
    s = equal_installment(10_000, "0.24", 360)
    e = early_repayment(s, 1, amount="0.01", keep="payment")
    assert e.schedule.payment <= s.payment


def test_keep_payment_in_the_last_period_compares_with_the_last_payment():
    # 1,000 at 12 % over 10 months: A = 105.58, the last row pays 105.60. Prepaying 0.01
    # after row 9 leaves one payment of 105.59: above A but below what was due; allowed
    # (the thorough hypothesis profile found this being refused).
    s = equal_installment(1000, "0.12", 10)
    e = early_repayment(s, 9, amount="0.01", keep="payment")
    assert (s.payment, s.rows[-1].payment, e.schedule.payment) == (
        D("105.58"),
        D("105.60"),
        D("105.59"),
    )
