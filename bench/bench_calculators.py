"""Benchmark of the calculators package: median time per schedule and per IRR solve.

Run: .venv/bin/python bench/bench_calculators.py
Prints numbers only (no asserts).  A schedule's time includes solving its own
annualized rate (every Schedule carries one).
"""

from __future__ import annotations

import statistics
import timeit
from decimal import Decimal

from calculators import (
    annualized_rate,
    early_repayment,
    equal_installment,
    equal_principal,
    fee_installment,
)

REPEAT = 15


def median_us(func, number: int) -> float:
    times = timeit.repeat(func, number=number, repeat=REPEAT)
    return statistics.median(times) / number * 1e6


def main() -> None:
    cases = {
        "equal_installment": lambda n: equal_installment(1_000_000, "0.049", n),
        "equal_principal": lambda n: equal_principal(1_000_000, "0.049", n),
        "fee_installment": lambda n: fee_installment(1_000_000, "0.006", n, upfront_fee=1000),
    }
    print(f"median of {REPEAT} repeats, microseconds per call")
    print(f"{'schedule':<20}{'12 months':>12}{'36 months':>12}{'360 months':>12}")
    for name, build in cases.items():
        cells = []
        for n in (12, 36, 360):
            number = 200 if n < 360 else 20
            cells.append(median_us(lambda build=build, n=n: build(n), number))
        print(f"{name:<20}" + "".join(f"{c:>12.0f}" for c in cells))

    print()
    print(f"{'IRR solve (annualized_rate)':<32}{'µs':>8}")
    flows = {
        "PBOC example, 13 flows": [Decimal("99000")] + [Decimal("-8833.33")] * 12,
        "36 flows": [Decimal(100_000)] + [Decimal("-3300.00")] * 36,
        "361 flows (360-month loan)": list(equal_installment(1_000_000, "0.049", 360).cashflows()),
        "601 flows (600-month loan)": list(fee_installment(500_000, "0.004", 600).cashflows()),
    }
    for label, cf in flows.items():
        number = 200 if len(cf) < 100 else 20
        print(f"{label:<32}{median_us(lambda cf=cf: annualized_rate(cf), number):>8.0f}")

    print()
    s = equal_installment(1_000_000, "0.049", 360)
    print(
        f"{'early_repayment, 360 months, keep=payment':<44}"
        f"{median_us(lambda: early_repayment(s, 60, amount=200_000, keep='payment'), 20):>8.0f} µs"
    )


if __name__ == "__main__":
    main()
