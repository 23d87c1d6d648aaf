"""Published and hand-checked values for the calculators package.

Every expected number here comes from a source named in the comment, or was
worked by hand (working shown), never from running the code under test.
"""

from decimal import Decimal as D
from decimal import localcontext
from fractions import Fraction

import pytest

import calculators
from calculators import (
    AmortizationError,
    annualized_rate,
    daily_interest,
    daily_to_annual,
    equal_installment,
    equal_principal,
    fee_installment,
    overdue_charges,
)


def pct(rate: D) -> D:
    """Rate as a percentage with 2 decimals, half-up (display rounding only)."""
    return (rate * 100).quantize(D("0.01"), rounding="ROUND_HALF_UP")


# --- PBOC 公告〔2021〕第3号 worked example (reproduced in
# /work/shared/calculator-conventions.md): 100,000 borrowed, 1,000 fee taken at
# disbursement, 12 payments of 8,833.33 -> 12.80 % (12·r) and 13.58 % ((1+r)^12 - 1).
def test_pboc_2021_no3_example_from_cashflows():
    a = annualized_rate([D("99000")] + [D("-8833.33")] * 12)
    assert pct(a.simple) == D("12.80")
    assert pct(a.compound) == D("13.58")
    with localcontext(prec=60):
        assert a.simple == 12 * a.monthly
        assert abs(a.compound - ((1 + a.monthly) ** 12 - 1)) < D("1e-30")


def test_pboc_example_as_fee_installment():
    # The same loan described as 等本等费: 100,000 / 12 = 8,333.33 principal a
    # month plus 0.5 % × 100,000 = 500 fee = 8,833.33; the last row takes the
    # 0.04 principal remainder (8,333.37 + 500 = 8,833.37).
    s = fee_installment("100000", "0.005", 12, upfront_fee="1000")
    assert s.payment == D("8833.33")
    assert s.rows[-1].payment == D("8833.37")
    assert s.total_fee == D("7000.00")  # 12 × 500 + 1,000 upfront
    assert pct(s.annualized.simple) == D("12.80")
    assert pct(s.annualized.compound) == D("13.58")


# --- conventions "Known values": 1,000,000 at 4.9 % for 360 months.
def test_mortgage_equal_installment_payment():
    s = equal_installment(1_000_000, "0.049", 360)
    assert s.payment == D("5307.27")
    # n·A* − P = 910,616.19 is what online calculators print (conventions).
    assert (360 * s.exact_payment - 1_000_000).quantize(D("0.01"), "ROUND_HALF_UP") == D(
        "910616.19"
    )
    # The fen-rounded schedule charges a different total; it must be the sum of its rows.
    assert s.total_interest == sum(r.interest for r in s.rows)
    assert s.total_interest != D("910616.19")
    assert s.rows[-1].balance == D("0.00")


def _fen_half_up(x: Fraction) -> int:
    """Round a non-negative Fraction of yuan to whole fen, half-up (independent of Decimal)."""
    q = x * 100
    return (2 * q.numerator + q.denominator) // (2 * q.denominator)


def test_mortgage_equal_installment_matches_independent_fraction_schedule():
    # Second implementation with exact fractions and integer fen.
    P, r, n = Fraction(1_000_000), Fraction(49, 12000), 360
    A = _fen_half_up(P * r * (1 + r) ** n / ((1 + r) ** n - 1))
    balance, total, last = 100_000_000, 0, None
    for k in range(1, n + 1):
        i = _fen_half_up(Fraction(balance, 100) * r)
        p = balance if k == n else A - i
        balance -= p
        total += i
        last = p + i
    s = equal_installment(1_000_000, "0.049", 360)
    assert s.total_interest == D(total) / 100
    assert s.rows[-1].payment == D(last) / 100


def test_mortgage_equal_principal():
    s = equal_principal(1_000_000, "0.049", 360)
    # First payment: 1,000,000/360 = 2,777.78 + 1,000,000 × 0.049/12 = 4,083.33 → 6,861.11.
    assert s.payment == s.rows[0].payment == D("6861.11")
    # Exact total interest P·r·(n+1)/2 = 1e6 × 0.049/12 × 361/2 = 737,041.666… → 737,041.67.
    exact = (D(1_000_000) * D("0.049") / 12 * 361 / 2).quantize(D("0.01"), "ROUND_HALF_UP")
    assert exact == D("737041.67")
    # The schedule repays 2,777.78 (not 2,777.777…) a month, so it charges a bit less:
    # Σ_{k=0}^{359} (1e6 − 2777.78k) × 0.049/12 = 737,041.08 before per-row rounding.
    assert s.total_interest == D("737041.08")
    assert s.rows[-1].principal == D("1000000") - 359 * D("2777.78")
    assert s.rows[-1].balance == D("0.00")


# --- conventions: 12,000 in 12 installments at a 0.6 % monthly fee.
def test_fee_installment_known_value():
    s = fee_installment(12_000, "0.006", 12)
    assert s.total_fee == D("864.00")
    assert all(r.fee == D("72.00") and r.principal == D("1000.00") for r in s.rows)
    assert pct(s.annualized.simple) == D("13.03")
    assert pct(s.annualized.compound) == D("13.84")


# --- hand-checked: 1,200 at 12 % a year over 3 months (r = 1 % a month).
#   A* = 1200 × 0.01 × 1.01³/(1.01³ − 1) = 12.36361 / 0.030301 = 408.0265… → 408.03
#   row 1: interest 1200 × 1 % = 12.00, principal 396.03, balance 803.97
#   row 2: interest 8.0397 → 8.04, principal 399.99, balance 403.98
#   row 3: interest 4.0398 → 4.04, principal 403.98, payment 408.02
#   total interest 24.08.
#   等额本金: parts 400; interest 12.00, 8.00, 4.00 → payments 412, 408, 404; total 24.00.
def test_hand_checked_small_equal_installment():
    s = equal_installment(1200, "0.12", 3)
    assert [(r.payment, r.principal, r.interest, r.balance) for r in s.rows] == [
        (D("408.03"), D("396.03"), D("12.00"), D("803.97")),
        (D("408.03"), D("399.99"), D("8.04"), D("403.98")),
        (D("408.02"), D("403.98"), D("4.04"), D("0.00")),
    ]
    assert s.total_interest == D("24.08")
    assert s.total_payment == D("1224.08")


def test_hand_checked_small_equal_principal():
    s = equal_principal(1200, "0.12", 3)
    assert [r.payment for r in s.rows] == [D("412.00"), D("408.00"), D("404.00")]
    assert s.total_interest == D("24.00")


# --- edge cases
def test_zero_rate_is_principal_over_n():
    s = equal_installment(1000, 0, 3)
    # 1000/3 = 333.333… → 333.33, 333.33, last row 333.34.
    assert [r.payment for r in s.rows] == [D("333.33"), D("333.33"), D("333.34")]
    assert s.total_interest == D("0.00")
    assert s.annualized.monthly == 0
    assert equal_principal(1000, 0, 3).total_interest == D("0.00")


@pytest.mark.parametrize("build", [equal_installment, equal_principal])
def test_one_month(build):
    # 10,000 at 12 % for one month: interest 100.00, one payment of 10,100.00.
    s = build(10_000, "0.12", 1)
    assert len(s.rows) == 1
    assert s.rows[0].payment == D("10100.00")
    assert s.annualized.monthly == D("0.01")


def test_600_months():
    s = equal_installment(500_000, "0.05", 600)
    assert len(s.rows) == 600
    assert s.rows[-1].balance == D("0.00")
    # A* = 2,270.6938…: with per-row rounding each of the 599 level payments of
    # 2,270.69 is 0.0038 short and the shortfall compounds into a last row of
    # about 2,280.95, more than n+1 fen off A. So the schedule carries the
    # sub-fen remainder instead: interest on the exact balance, and the last row
    # pays A plus 600 × 0.0038 ≈ 2.31.
    assert s.rounding == "carry"
    assert s.payment == D("2270.69")
    assert s.rows[-1].payment == D("2273.00")
    with localcontext(prec=50):
        assert abs(s.total_interest - (600 * s.exact_payment - 500_000)) < D("0.01")


def test_issue_examples_of_schedules_that_did_not_amortize():
    # 10,000 at 30 % over 480 months: A* − P·r = 0.0018, the first row would
    # repay 0.00 whatever the rounding: refused, naming the term and the reason.
    with pytest.raises(AmortizationError, match="月供几乎全是利息") as info:
        equal_installment(10_000, "0.30", 480)
    assert info.value.field == "months"
    assert "0.0018" in info.value.message_zh
    # 10,000 at 24 % over 360 months: was a last payment of 235.18 against 200.16.
    s = equal_installment(10_000, "0.24", 360)
    assert (s.payment, s.rows[-1].payment, s.total_interest) == (
        D("200.16"),
        D("200.32"),
        D("62057.76"),  # n·A* − P = 62,057.7589…
    )
    # 10,000 at 12 % over 600 months ended with a row that paid 0.00.
    s = equal_installment(10_000, "0.12", 600)
    assert min(r.principal for r in s.rows) > 0
    assert s.rows[-1].payment == D("103.87") and s.payment == D("100.25")


def test_too_small_for_its_term_is_refused():
    # 0.01 yuan cannot be repaid in 12 rows of at least a fen (it used to give 11 rows of 0.00).
    with pytest.raises(AmortizationError, match="本金太少"):
        equal_installment("0.01", "0.18", 12)
    # 1 yuan over 40 months at 0 %: A = 0.03 would run out after 34 rows; the
    # carried remainder gives 39 × 0.02 and a last row of 0.22.
    s = equal_installment(1, 0, 40)
    assert [r.payment for r in s.rows] == [D("0.02")] * 39 + [D("0.22")]


def test_one_fen_loan():
    s = equal_installment("0.01", "0.18", 1)
    assert s.rows[0].principal == D("0.01")
    assert s.rows[-1].balance == D("0.00")


def test_ten_million():
    s = equal_principal(10**7, "0.06", 120)
    # first payment = 10^7/120 = 83,333.33 + 10^7 × 0.005 = 50,000 → 133,333.33
    assert s.payment == D("133333.33")
    assert sum(r.principal for r in s.rows) == D("10000000.00")


def test_upfront_fee_raises_rate_of_zero_rate_loan():
    # 0 % interest but 100 withheld of 1,200: flows +1,100, −400 × 3 → r > 0.
    s = equal_installment(1200, 0, 3, upfront_fee=100)
    assert s.annualized.monthly > 0
    assert s.total_fee == D("100.00")
    assert s.total_payment == D("1200.00")


def test_daily_interest_and_both_bases():
    # conventions: 0.05 %/day is 18 % a year on 360 days, 18.25 % on 365.
    assert daily_to_annual("0.0005", 360) == D("0.18")
    assert daily_to_annual("0.0005", 365) == D("0.1825")
    # 10,000 × 0.0005 × 30 = 150.00, rounded once.
    assert daily_interest(10_000, "0.0005", 30) == D("150.00")
    # rounded once at the end: 333.33 × 0.0003 × 7 = 0.6999993 → 0.70
    assert daily_interest("333.33", "0.0003", 7) == D("0.70")


def test_overdue_worked_example():
    # 5,000 principal and 60 interest overdue 45 days, contract 18 %, multiplier 1.5, basis 360:
    # penalty rate 27 %; 罚息 = 5000 × 0.27 × 45/360 = 168.75; 复利 = 60 × 0.27 × 45/360 = 2.025 → 2.03.
    c = overdue_charges(5000, 60, "0.18", 45)
    assert c.penalty_rate == D("0.27")
    assert c.penalty_interest == D("168.75")
    assert c.compound_interest == D("2.03")
    assert c.late_fee == D("0.00")
    assert c.total == D("170.78")
    # annualized = 170.78 / 5060 × 360 / 45 = 0.27000790…
    assert abs(c.annualized - D("170.78") / D("5060") * 8) < D("1e-25")
    assert c.above_court_review_threshold  # 27 % > 24 %
    # basis 365: 5000 × 0.27 × 45/365 = 166.438… → 166.44
    assert overdue_charges(5000, 60, "0.18", 45, basis=365).penalty_interest == D("166.44")


# --- money rules in the engine (one dispatcher, the pause, constants for front-ends)
@pytest.mark.parametrize(
    "method, rate, direct",
    [
        ("equal_installment", "0.18", equal_installment),
        ("equal-installment", "0.18", equal_installment),
        ("equal_principal", "0.049", equal_principal),
        ("fee_installment", "0.006", fee_installment),
    ],
)
def test_schedule_dispatcher_is_the_schedule_function(method, rate, direct):
    assert calculators.schedule(method, 12_000, rate, 12, upfront_fee=100) == direct(
        12_000, rate, 12, upfront_fee=100
    )


def test_schedule_dispatcher_refuses_unknown_method_and_misplaced_rounding():
    with pytest.raises(calculators.InvalidOptionError) as info:
        calculators.schedule("balloon", 1000, "0.1", 12)
    assert info.value.field == "method"
    with pytest.raises(calculators.InvalidOptionError) as info:
        calculators.schedule("equal_principal", 1000, "0.1", 12, rounding="carry")
    assert info.value.field == "rounding"
    s = calculators.schedule("equal_installment", 1000, "0.1", 12, rounding="carry")
    assert s.rounding == "carry"


def test_pause_annualization():
    s = equal_installment(12_000, "0.18", 12)
    assert calculators.annualized_with_pause(s, 0) == s.annualized
    # three months with no payment and no interest: the same payments, later
    paused = calculators.annualized_with_pause(s, 3)
    flows = list(s.cashflows())
    assert paused == annualized_rate(flows[:1] + [0, 0, 0] + flows[1:])
    assert paused.monthly < s.annualized.monthly
    for bad in (-1, 121):
        with pytest.raises(calculators.InvalidTermError) as info:
            calculators.annualized_with_pause(s, bad)
        assert info.value.field == "pause_months"


def test_frontend_constants_are_the_engines_and_serialize():
    import json

    c = calculators.frontend_constants()
    assert json.loads(json.dumps(c)) == c
    assert D(c["court_review_threshold"]) == calculators.COURT_REVIEW_THRESHOLD == D("0.24")
    assert D(c["max_daily_rate"]) * 360 == D(10)
    assert c["max_pause_months"] == calculators.MAX_PAUSE_MONTHS
    assert c["rate_plausible"]["year"] == ["0.01", "1"]
    assert c["count_field_units"]["days"] == "day"
    assert c["method_rate_fields"]["fee_installment"] == "monthly_fee_rate"
    c["max_months"] = 0  # a fresh copy each time
    assert calculators.frontend_constants()["max_months"] == 600
