"""Display helpers shared by the CLI and the MkDocs hooks.

>>> format_money(Decimal("1234567.5"))
'1,234,567.50'
>>> format_percent(Decimal("0.128049"))        # half-up on the exact value
'12.80%'
>>> format_percent(Decimal("0.0012345"), places=3)
'0.123%'
"""

from __future__ import annotations

import dataclasses
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from ._core import CONTEXT

__all__ = ["format_money", "format_percent", "to_jsonable"]


def format_money(value: Decimal, *, grouping: bool = True) -> str:
    """Fen-rounded (half-up) amount with thousands separators: ``12,000.00``."""
    with localcontext(CONTEXT):
        rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{rounded:,.2f}" if grouping else f"{rounded:.2f}"


def format_percent(rate: Decimal, *, places: int = 2) -> str:
    """A fraction as a percentage rounded half-up: ``0.1303 → '13.03%'``.

    Only for display; the underlying rate stays unrounded.
    """
    with localcontext(CONTEXT):
        scaled = (rate * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{scaled:.{places}f}%"


def to_jsonable(value: Any) -> Any:
    """Turn a result (dataclasses, tuples, Decimals) into JSON-ready data; Decimals become strings.

    >>> from calculators import annualized_rate
    >>> to_jsonable(annualized_rate([100, -110]))["simple"]
    '1.2'
    """
    if isinstance(value, Decimal):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value
