"""The engine's rules and limits as JSON-ready data, for front-ends that cannot import Python.

A browser script or a template needs the same numbers the engine applies (the
24 % line, the limits of each field, the plausible range of a rate, which unit a
count is in).  :func:`frontend_constants` returns them as plain data, Decimals
as exact strings, so a build step can write them out once (e.g. as JSON) and no
second copy of a rule lives in JavaScript.

>>> c = frontend_constants()
>>> c["court_review_threshold"], c["max_months"], c["rate_plausible"]["month"]
('0.24', 600, ['0.0008', '0.05'])
>>> import json; len(json.dumps(c)) > 0
True
"""

from __future__ import annotations

from typing import Any

from ._core import MAX_DAYS, MAX_MONEY, MAX_MONTHS
from .daily import COURT_REVIEW_THRESHOLD, MAX_DAILY_RATE, MAX_MULTIPLIER
from .formatting import to_jsonable
from .irr import MAX_CASHFLOWS
from .parsing import COUNT_FIELD_UNITS, RATE_PLAUSIBLE
from .schedules import (
    MAX_ANNUAL_RATE,
    MAX_MONTHLY_FEE_RATE,
    MAX_PAUSE_MONTHS,
    METHOD_LABELS,
    METHOD_RATE_FIELDS,
)

__all__ = ["frontend_constants"]


def frontend_constants() -> dict[str, Any]:
    """A fresh dict of the engine's constants (safe to modify); see the module docstring.

    Keys: ``court_review_threshold`` (法发〔2017〕22号 24 % line, compared with
    ``>``), ``max_money``, ``max_months``, ``max_days``, ``max_annual_rate``,
    ``max_monthly_fee_rate``, ``max_daily_rate`` (10/360), ``max_multiplier``,
    ``max_ratio`` (fee and late-fee rates), ``bases``, ``max_cashflows``,
    ``max_pause_months``, ``rate_plausible`` ({period: [low, high]}),
    ``count_field_units``, ``method_labels``, ``method_rate_fields`` and
    ``amortization_tolerance_fen`` (等额本息: last payment and total interest
    within ``months + this`` fen, see ``equal_installment``).
    """
    return to_jsonable(
        {
            "court_review_threshold": COURT_REVIEW_THRESHOLD,
            "max_money": MAX_MONEY,
            "max_months": MAX_MONTHS,
            "max_days": MAX_DAYS,
            "max_annual_rate": MAX_ANNUAL_RATE,
            "max_monthly_fee_rate": MAX_MONTHLY_FEE_RATE,
            "max_daily_rate": MAX_DAILY_RATE,
            "max_multiplier": MAX_MULTIPLIER,
            "max_ratio": 1,
            "bases": [360, 365],
            "max_cashflows": MAX_CASHFLOWS,
            "max_pause_months": MAX_PAUSE_MONTHS,
            "rate_plausible": {period: list(pair) for period, pair in RATE_PLAUSIBLE.items()},
            "count_field_units": dict(COUNT_FIELD_UNITS),
            "method_labels": dict(METHOD_LABELS),
            "method_rate_fields": dict(METHOD_RATE_FIELDS),
            "amortization_tolerance_fen": 1,
        }
    )
