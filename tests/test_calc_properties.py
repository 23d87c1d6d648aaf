"""Property-based tests (hypothesis) for the calculators engine."""

from decimal import Decimal as D
from decimal import localcontext

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculators import (
    AmortizationError,
    NegativeCostError,
    annualized_rate,
    daily_interest,
    equal_installment,
    equal_principal,
    fee_installment,
    overdue_charges,
)

FEN = D("0.01")
SETTINGS = settings(deadline=None)  # max_examples: the profile's (tests/conftest.py)

principals = st.integers(min_value=1, max_value=10**9).map(lambda fen: D(fen) / 100)  # 0.01 … 10^7
months = st.integers(min_value=1, max_value=600)
annual_rates = st.integers(min_value=0, max_value=100_000).map(
    lambda bp: D(bp) / 100_000
)  # 0 … 100 %
fee_rates = st.integers(min_value=0, max_value=5_000).map(lambda x: D(x) / 100_000)  # 0 … 5 %/month
methods = st.sampled_from(["ei", "ep", "fi"])


def exact_payment(principal, rate, n):
    """A* in 80-digit arithmetic (P/n at rate 0)."""
    with localcontext(prec=80):
        r = D(rate) / 12
        if r == 0:
            return D(principal) / n
        g = (1 + r) ** n
        return D(principal) * r * g / (g - 1)


def ei(principal, rate, n, **kw):
    """equal_installment, or None when it refuses; a refusal must be justified.

    A schedule to the fen that repays principal in every row always exists when
    the exact first-row principal A* − P·r is at least 0.03 (see README), so a
    refusal is only allowed below that.
    """
    try:
        return equal_installment(principal, rate, n, **kw)
    except AmortizationError as error:
        assert error.field == "months"
        with localcontext(prec=80):
            assert exact_payment(principal, rate, n) - D(principal) * D(rate) / 12 < D("0.03")
        return None


def build(method, principal, rate, n, **kw):
    if method == "ei":
        s = ei(principal, rate, n, **kw)
        assume(s is not None)
        return s
    if method == "ep":
        return equal_principal(principal, rate, n, **kw)
    return fee_installment(principal, rate / 20, n, **kw)  # keep fee rates ≤ 5 %/month


@SETTINGS
@given(methods, principals, annual_rates, months)
def test_schedule_invariants(method, principal, rate, n):
    s = build(method, principal, rate, n)
    assert len(s.rows) == n
    assert [r.period for r in s.rows] == list(range(1, n + 1))
    assert sum(r.principal for r in s.rows) == principal
    assert s.rows[-1].balance == D("0.00")
    previous = principal
    for r in s.rows:
        assert r.balance <= previous  # never rises
        assert r.balance >= 0 and r.principal >= 0 and r.interest >= 0 and r.fee >= 0
        assert r.payment == r.principal + r.interest + r.fee
        assert previous - r.principal == r.balance
        for money in (r.payment, r.principal, r.interest, r.fee, r.balance):
            assert money == money.quantize(FEN)
        previous = r.balance
    assert s.total_interest == sum(r.interest for r in s.rows)
    assert s.total_payment == sum(r.payment for r in s.rows)
    assert s.total_fee == sum(r.fee for r in s.rows) + s.upfront_fee


def npv(flows, monthly):
    """(NPV, Σ|present values|) at a monthly rate, in 80-digit arithmetic."""
    with localcontext(prec=80):
        v = 1 / (1 + monthly)
        terms = [c * v**t for t, c in enumerate(flows)]
        return sum(terms), sum(abs(t) for t in terms)


wide_principals = st.one_of(
    st.integers(min_value=1, max_value=10**14).map(lambda f: D(f) / 100),  # 0.01 … 10^12
    st.integers(min_value=1, max_value=10**6).map(lambda f: D(f) / 100),  # small loans, often
)
wide_rates = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(lambda bp: D(bp) / 100_000),  # 0 … 1000 %
    st.integers(min_value=0, max_value=40_000).map(lambda bp: D(bp) / 100_000),  # 0 … 40 %
)


@SETTINGS
@given(wide_principals, wide_rates, months)
def test_equal_installment_always_amortizes_or_refuses_with_reason(principal, rate, n):
    """Over the whole accepted input range: every row repays principal, the last payment
    stays close to the level one, the total interest close to n·A* − P."""
    s = ei(principal, rate, n)
    if s is None:
        return
    a_star = exact_payment(principal, rate, n)
    tolerance = D("0.01") * (n + 1)
    assert len(s.rows) == n and s.rows[-1].balance == 0
    assert all(r.principal > 0 for r in s.rows)  # no row repays nothing
    assert all(r.payment == s.payment for r in s.rows[:-1])  # level
    assert abs(s.rows[-1].payment - s.payment) <= tolerance
    with localcontext(prec=80):
        assert abs(s.total_interest - (n * a_star - principal)) <= tolerance
    assert abs(s.payment - a_star) < D("0.01")
    assert sum(r.principal for r in s.rows) == principal
    assert s.rounding in ("per_row", "carry")


@SETTINGS
@given(
    methods,
    st.integers(min_value=100_00, max_value=10**9).map(lambda f: D(f) / 100),
    annual_rates,
    months,
)
def test_npv_at_solved_rate_is_zero(method, principal, rate, n):
    s = build(method, principal, rate, n)
    flows = s.cashflows()
    # Scale-free check: |NPV| tiny compared with the present values it sums.
    value, size = npv(flows, s.annualized.monthly)
    assert abs(value) <= size * D("1e-24")


@SETTINGS
@given(
    st.integers(min_value=1, max_value=10**7).map(D),
    st.lists(st.integers(min_value=1, max_value=10**6).map(D), min_size=1, max_size=60),
)
def test_npv_zero_for_arbitrary_loan_shaped_flows(received, payments):
    flows = [received] + [-p for p in payments]
    if sum(payments) < received:  # no cost: refused, not a negative "rate"
        with pytest.raises(NegativeCostError):
            annualized_rate(flows)
        return
    a = annualized_rate(flows)
    value, size = npv(flows, a.monthly)
    assert abs(value) <= size * D("1e-24")
    # sign: paying back more than received costs a positive rate, exactly as much 0
    assert (a.monthly > 0) == (sum(payments) > received)
    assert a.monthly >= 0


@SETTINGS
@given(
    st.integers(min_value=1000_00, max_value=10**9).map(lambda f: D(f) / 100),
    fee_rates,
    fee_rates,
    st.integers(min_value=2, max_value=120),
)
def test_higher_fee_rate_gives_higher_annualized_rate(principal, f1, f2, n):
    lo, hi = sorted((f1, f2))
    a = fee_installment(principal, lo, n)
    b = fee_installment(principal, hi, n)
    if b.rows[0].fee > a.rows[0].fee:
        assert b.annualized.monthly > a.annualized.monthly
        assert b.annualized.simple > a.annualized.simple
        assert b.annualized.compound > a.annualized.compound
    else:
        assert b.annualized.monthly == a.annualized.monthly


@SETTINGS
@given(
    st.integers(min_value=1000_00, max_value=10**9).map(lambda f: D(f) / 100),
    annual_rates,
    st.integers(min_value=1, max_value=360),
    st.integers(min_value=0, max_value=50),
    st.integers(min_value=0, max_value=50),
)
def test_higher_upfront_fee_gives_higher_rate(principal, rate, n, u1, u2):
    lo, hi = sorted((u1, u2))
    a = ei(principal, rate, n, upfront_fee=D(lo))
    b = ei(principal, rate, n, upfront_fee=D(hi))
    assume(a is not None and b is not None)
    if hi > lo:
        assert b.annualized.monthly > a.annualized.monthly
    assert b.annualized.compound >= b.annualized.simple or b.annualized.monthly <= 0


@SETTINGS
@given(
    st.integers(min_value=1000_00, max_value=10**9).map(lambda f: D(f) / 100),
    st.integers(min_value=1, max_value=100_000).map(lambda bp: D(bp) / 100_000),
    st.integers(min_value=2, max_value=600),
)
def test_equal_principal_pays_no_more_interest(principal, rate, n):
    ep = equal_principal(principal, rate, n).total_interest
    s = ei(principal, rate, n)
    assume(s is not None)
    ei_total = s.total_interest
    with localcontext(prec=60):
        r = rate / 12
        s_n = ((1 + r) ** n - 1) / r
        exact_ei = n * principal * r * (1 + r) ** n / ((1 + r) ** n - 1) - principal
        exact_ep = principal * r * (n + 1) / 2
        # Exact formulas: 等额本金 strictly cheaper for r > 0, n ≥ 2.
        assert exact_ep < exact_ei
        # Fen rounding can move each schedule total away from its formula: A is
        # off by ≤ 0.005 and each row's interest by ≤ 0.005, compounding over the
        # term (≤ 0.01·s_n); 等额本金 parts are off by ≤ 0.005 each (≤ 0.005·r·n²)
        # plus its own row rounding (≤ 0.005·n).
        allowance = D("0.01") * s_n + D("0.005") * n + D("0.005") * r * n * n
    assert abs(ei_total - exact_ei) <= allowance
    assert ep <= ei_total + allowance
    if exact_ei - exact_ep > 2 * allowance:  # every realistic loan
        assert ep <= ei_total


@SETTINGS
@given(
    st.integers(min_value=0, max_value=10**8).map(lambda f: D(f) / 100),
    st.integers(min_value=0, max_value=10**6).map(lambda f: D(f) / 100),
    annual_rates,
    st.integers(min_value=0, max_value=3000),
    st.integers(min_value=0, max_value=3000),
    st.sampled_from([360, 365]),
    st.sampled_from(["0", "0.01", "0.05"]),
)
def test_overdue_charges_never_fall_as_days_grow(p, i, rate, d1, d2, basis, late):
    assume(p + i > 0)
    lo, hi = sorted((d1, d2))
    a = overdue_charges(p, i, rate, lo, basis=basis, late_fee_rate=late)
    b = overdue_charges(p, i, rate, hi, basis=basis, late_fee_rate=late)
    assert b.penalty_interest >= a.penalty_interest
    assert b.compound_interest >= a.compound_interest
    assert b.late_fee >= a.late_fee
    assert b.total >= a.total
    assert a.total == a.penalty_interest + a.compound_interest + a.late_fee


# --- half-fen ties must round UP (half-even or binary floats would round some down)


@SETTINGS
@given(st.integers(min_value=0, max_value=10**6))
def test_daily_interest_half_fen_rounds_up(j):
    # principal 10·(2j+1) yuan × 0.0005 × 1 day = 0.005·(2j+1) = j fen + half a fen exactly
    assert daily_interest(10 * (2 * j + 1), "0.0005", 1) == D(j + 1) / 100


@SETTINGS
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=24))
def test_schedule_interest_half_fen_rounds_up(j, n):
    # principal (2j+1)·0.50 yuan at 12 % a year: first interest = P × 1 % = (2j+1)·0.005 yuan, a tie
    principal = D(2 * j + 1) * D("0.50")
    assert equal_principal(principal, "0.12", n).rows[0].interest == D(j + 1) / 100
    s = ei(principal, "0.12", n)
    assert s is None or s.rows[0].interest == D(j + 1) / 100


@SETTINGS
@given(st.integers(min_value=0, max_value=10**6))
def test_overdue_half_fen_rounds_up(j):
    # 罚息 = P × (0.12 × 1.5) × 20/360 = P × 0.01; P = (2j+1)·0.50 → tie
    c = overdue_charges(D(2 * j + 1) * D("0.50"), 0, "0.12", 20)
    assert c.penalty_interest == D(j + 1) / 100


def test_fee_installment_fee_half_fen_rounds_up():
    # 1,000.50 × 0.5 % = 5.0025 → 5.00; 1,001 × 0.5 % = 5.005 → 5.01 (half-even would say 5.00)
    assert fee_installment("1001", "0.005", 3).rows[0].fee == D("5.01")


def test_hypothesis_profiles_make_ci_reproducible():
    from conftest import hypothesis_profile

    assert hypothesis_profile({"CI": "true"}) == "ci"
    assert hypothesis_profile({}) == "dev"
    assert hypothesis_profile({"CI": "true", "HYPOTHESIS_PROFILE": "thorough"}) == "thorough"
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.database is None
    assert settings.get_profile("thorough").max_examples > settings.get_profile("dev").max_examples
    # the profile in force sizes the tests (no max_examples of their own)
    assert SETTINGS.max_examples == settings.default.max_examples
