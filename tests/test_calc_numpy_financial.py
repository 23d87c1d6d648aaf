"""numpy-financial as an independent second opinion (test-time only; the package never imports it)."""

import ast
import pathlib
from decimal import Decimal as D

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import AmortizationError, annualized_rate, equal_installment, fee_installment


@settings(deadline=None)
@given(
    st.integers(min_value=100, max_value=10**7),
    st.integers(min_value=1, max_value=3000),
    st.integers(min_value=1, max_value=600),
)
def test_payment_matches_npf_pmt(principal, rate_bp, n):
    rate = D(rate_bp) / 10_000  # 0.01 % … 30 %
    theirs = -npf.pmt(float(rate) / 12, n, principal)
    try:
        s = equal_installment(principal, rate, n)
    except AmortizationError:
        # refused only when the first row would repay (almost) no principal
        assert theirs - principal * float(rate) / 12 < 0.03 + 1e-6
        return
    # float pmt is accurate to ~1e-9 here; ours is A* rounded half-up (per-row
    # rounding) or down (carried remainder), so within a fen
    assert abs(float(s.exact_payment) - theirs) < 1e-6 * max(1.0, theirs)
    limit = 0.005 if s.rounding == "per_row" else 0.01
    assert abs(float(s.payment) - theirs) <= limit + 1e-6


@settings(deadline=None)
@given(
    st.integers(min_value=1000, max_value=10**6),
    st.integers(min_value=1, max_value=200),
    st.integers(min_value=2, max_value=60),
    st.integers(min_value=0, max_value=50),
)
def test_irr_matches_npf_irr(principal, fee_bp, n, upfront_pct):
    s = fee_installment(
        principal, D(fee_bp) / 10_000, n, upfront_fee=D(principal * upfront_pct) / 100
    )
    theirs = npf.irr([float(c) for c in s.cashflows()])
    assert abs(float(s.annualized.monthly) - theirs) < 1e-9


def test_pboc_example_against_npf():
    flows = [99000] + [-8833.33] * 12
    assert (
        abs(float(annualized_rate([D("99000")] + [D("-8833.33")] * 12).monthly) - npf.irr(flows))
        < 1e-12
    )


def test_package_does_not_import_numpy():
    for path in pathlib.Path(calculators.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] in {"numpy", "numpy_financial"} for n in names), path


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
