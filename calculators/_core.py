"""Decimal context, fen rounding and input validation shared by all modules.

Private: the public names are re-exported from :mod:`calculators`.

All arithmetic runs inside ``localcontext(CONTEXT)``: 40 significant digits,
traps on invalid operations so that no NaN can ever escape.  The global
decimal context is never modified.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DecimalException,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

from .errors import (
    CalculatorError,
    FloatInputError,
    InputTypeError,
    InvalidNumberError,
    NumericRangeError,
)

#: Anything the Python API accepts as a number.
Number = Decimal | int | str

#: 40 significant digits; rounding inside a computation is negligible
#: (≈1e-40 relative) and money is rounded explicitly with :func:`fen`.
CONTEXT = Context(
    prec=40,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

FEN = Decimal("0.01")
ZERO = Decimal(0)
ZERO_FEN = Decimal("0.00")
ONE = Decimal(1)
TWELVE = Decimal(12)

#: Largest money amount accepted anywhere: 10^12 yuan (1 万亿).
MAX_MONEY = Decimal(10) ** 12
MAX_MONTHS = 600
#: Largest number of days accepted (100 years).
MAX_DAYS = 36_500


def fen(value: Decimal) -> Decimal:
    """Round to the fen, half-up (10.005 → 10.01, −10.005 → −10.01).

    >>> fen(Decimal("10.005")), fen(Decimal("10.0049999")), fen(Decimal("2.675"))
    (Decimal('10.01'), Decimal('10.00'), Decimal('2.68'))
    """
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros of a rate without changing its value (0.1800 → 0.18, 5.0 → 5).

    >>> tidy(Decimal("0.1800")), tidy(Decimal("5.000")), tidy(Decimal("0E-40"))
    (Decimal('0.18'), Decimal('5'), Decimal('0'))
    """
    if value == value.to_integral_value() and value.adjusted() < CONTEXT.prec:
        return value.quantize(ONE)
    return value.normalize()


@contextmanager
def exact() -> Iterator[None]:
    """Run a calculation in :data:`CONTEXT`; a decimal trap becomes :class:`NumericRangeError`.

    The traps (invalid operation, division by zero, overflow) cannot fire for
    validated inputs in the documented ranges; this is a safety net so that
    callers only ever see ``CalculatorError``.
    """
    with localcontext(CONTEXT):
        try:
            yield
        except DecimalException as exc:
            raise NumericRangeError(
                None,
                "计算结果超出可表示的数值范围",
                f"result outside the representable range ({type(exc).__name__})",
            ) from exc


def to_decimal(value: object, field: str, label: str) -> Decimal:
    """Convert an API input to a finite Decimal, refusing floats.

    >>> to_decimal("0.18", "annual_rate", "年利率")
    Decimal('0.18')
    >>> to_decimal(0.18, "annual_rate", "年利率")
    Traceback (most recent call last):
    ...
    calculators.errors.FloatInputError: 年利率不接受浮点数（float），请用字符串或 Decimal，如 "0.18" / annual_rate must not be a float (0.1 as a float is not 0.1); pass a str or Decimal, got 0.18
    """
    if isinstance(value, bool):
        raise InputTypeError(
            field, f"{label}必须是数字", f"{field} must be a number, not a bool", value
        )
    if isinstance(value, float):
        raise FloatInputError(
            field,
            f'{label}不接受浮点数（float），请用字符串或 Decimal，如 "0.18"',
            f"{field} must not be a float (0.1 as a float is not 0.1); pass a str or Decimal",
            value,
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise InvalidNumberError(
                field,
                f"{label}不是数字（如需 18%、12,000 等写法请先用 parse_rate / parse_amount）",
                f"{field} is not a number (use parse_rate / parse_amount for forms like 18% or 12,000)",
                value,
            ) from None
    else:
        raise InputTypeError(
            field,
            f"{label}必须是 Decimal、int 或 str",
            f"{field} must be a Decimal, int or str, not {type(value).__name__}",
            value,
        )
    if not result.is_finite():
        raise InvalidNumberError(
            field, f"{label}必须是有限的数", f"{field} must be a finite number", value
        )
    return result


def to_int(value: object, field: str, label: str, exc: type[CalculatorError]) -> int:
    """Convert an API input to an ``int``; ``"12"`` and ``Decimal("12")`` are fine, 12.5 is not."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    number = to_decimal(value, field, label)
    if number != number.to_integral_value():
        raise exc(field, f"{label}必须是整数", f"{field} must be a whole number", value)
    return int(number)


def money(
    value: object,
    field: str,
    label: str,
    exc: type[CalculatorError],
    *,
    allow_zero: bool = False,
    maximum: Decimal = MAX_MONEY,
) -> Decimal:
    """Validate a money amount: > 0 (or ≥ 0), ≤ ``maximum``, at most two decimals."""
    amount = to_decimal(value, field, label)
    if allow_zero:
        if amount < 0:
            raise exc(field, f"{label}不能为负数", f"{field} must be >= 0", value)
    elif amount <= 0:
        raise exc(field, f"{label}必须大于 0", f"{field} must be > 0", value)
    if amount > maximum:
        raise exc(field, f"{label}不能超过 {maximum:,}", f"{field} must be <= {maximum:,}", value)
    if amount != amount.quantize(FEN):
        raise exc(
            field,
            f"{label}最多保留两位小数（到分）",
            f"{field} must be a whole number of fen (at most 2 decimals)",
            value,
        )
    return amount.quantize(FEN) + ZERO_FEN  # 12000 → 12000.00; -0 → 0.00


def bounded(
    value: object,
    field: str,
    label: str,
    exc: type[CalculatorError],
    *,
    maximum: Decimal,
    limit_zh: str,
    limit_en: str,
    percent: bool = True,
) -> Decimal:
    """Validate a rate-like number: 0 ≤ value ≤ maximum (``limit_zh``/``limit_en`` describe it).

    The message quotes the refused value exactly (as a percentage for rates),
    never rounded, so it cannot look as if it were inside the range:

    >>> bounded(Decimal("0.027778"), "daily_rate", "日利率", ValueError, maximum=Decimal(10) / 360,
    ...         limit_zh="10/360（即 2.7777…%）", limit_en="10/360 (2.7777…%)")
    Traceback (most recent call last):
    ...
    ValueError: ('daily_rate', '日利率必须在 0 到 10/360（即 2.7777…%） 之间，这里是 2.7778%', 'daily_rate must be between 0 and 10/360 (2.7777…%), here 2.7778 %', Decimal('0.027778'))
    """
    number = to_decimal(value, field, label)
    if number < 0 or number > maximum:
        shown = percent_text(number) if percent else f"{number.normalize():f}"
        raise exc(
            field,
            f"{label}必须在 0 到 {limit_zh} 之间，这里是 {shown}",
            f"{field} must be between 0 and {limit_en}, here {shown.replace('%', ' %')}",
            value,
        )
    return number + ZERO


def percent_text(rate: Decimal) -> str:
    """A fraction as an exact percentage, nothing rounded: ``0.0075 → '0.75%'``."""
    with localcontext(CONTEXT):
        percent = (rate * 100).normalize()
    return f"{percent:f}%"
