"""Friendly text input for the CLI and the MkDocs hooks.

The calculators themselves accept only plain numbers (``Decimal``, ``int`` or a
plain numeric ``str``).  These helpers turn what people type into those
numbers, or raise :class:`~calculators.errors.ParseError` (a
``CalculatorError`` with ``.field`` set to the ``field`` argument).

Text is first NFKC-normalised, so full-width digits and symbols
（``１２，０００``、``１８％``）work like ASCII ones.

:func:`parse_amount` — money:

>>> parse_amount("12,000"), parse_amount("１２０００"), parse_amount("¥1,234.5元")
(Decimal('12000'), Decimal('12000'), Decimal('1234.5'))
>>> parse_amount("1.2万"), parse_amount("-8,833.33")
(Decimal('12000.0'), Decimal('-8833.33'))

Thousands separators must group by three (``"1,5"`` is refused, not read as 1.5
or 15).  ``万`` (10^4) and ``亿`` (10^8) multipliers are understood.

:func:`parse_rate` — a rate as a fraction.  **In a rate field, a bare number is
a percent in that field's period** (people type what the App or contract shows,
without ``%``):

>>> parse_rate("0.75", per="month"), parse_rate("18", per="year"), parse_rate("0.05", per="day")
(Decimal('0.0075'), Decimal('0.18'), Decimal('0.0005'))
>>> parse_rate("18%"), parse_rate("年化 18%"), parse_rate("年化18")
(Decimal('0.18'), Decimal('0.18'), Decimal('0.18'))
>>> parse_rate("0.05%/日", per="day"), parse_rate("日息万分之五", per="day")
(Decimal('0.0005'), Decimal('0.0005'))
>>> parse_rate("0.6%", per="month"), parse_rate("0.006", per="month")
(Decimal('0.006'), Decimal('0.00006'))

* Percent forms: ``18%``, ``百分之18``; per mille ``3‰`` / ``千分之3``; per ten
  thousand ``5‱`` / ``万分之5`` (Chinese numerals 一…十 allowed after 分之).
* A bare number is a percent: ``18`` is 18 %, ``0.75`` is 0.75 %.  A fraction
  is never guessed: ``0.006`` in a monthly field is 0.006 % a month, which
  :func:`rate_warning` flags as implausible.  (``Decimal`` and ``int`` values
  are not text a person typed; they pass through as fractions.)
* The period may be stated by a prefix (``年化``, ``年利率``, ``月``, ``月费率``,
  ``日息``, ``日利率`` …) or a suffix (``/年``, ``每月``, ``/日``, ``/天``,
  ``p.a.``, ``/day`` …).  ``per`` ("year", "month" or "day") says which period
  the caller needs; a stated period that differs raises ``ParseError``: no
  conversion is made, because converting a daily rate needs a day-count basis
  (use :func:`calculators.daily_to_annual` explicitly).
  :func:`parse_rate_with_unit` returns the value and the stated period instead.

:func:`describe_rate` says how a rate was read, to show beside the field, and
:func:`rate_warning` returns a short message (not an error) when a rate is
implausible for its period (bounds in :data:`RATE_PLAUSIBLE`):

>>> describe_rate(parse_rate("0.75", per="month"), "month", label="月费率")
'按 月费率 0.75% 计算'
>>> rate_warning(parse_rate("0.006", per="month"), "month", label="月费率")
'月费率 0.006% 低得少见，请核对：数字按百分数读，0.6 就是 0.6%'
>>> rate_warning(Decimal("0.0075"), "month") is None
True

:func:`parse_count` — whole numbers such as months and days (``"12"``,
``"１２期"``, ``"30天"``); a unit that is not the field's own (``"3个月"`` as
days, ``"36天"`` as months) is refused, as a rate of the wrong period is.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation, localcontext
from typing import Literal

from ._core import CONTEXT, percent_text, to_decimal
from .errors import FIELD_LABELS, FloatInputError, InvalidOptionError, ParseError

__all__ = [
    "COUNT_FIELD_UNITS",
    "RATE_PLAUSIBLE",
    "Period",
    "describe_rate",
    "format_rate",
    "parse_amount",
    "parse_count",
    "parse_rate",
    "parse_rate_with_unit",
    "rate_warning",
]

Period = Literal["year", "month", "day"]
_PERIOD_ZH = {"year": "年", "month": "月", "day": "日"}

_AMOUNT = re.compile(
    r"""^(?:rmb|cny|¥)?\s*
        (?P<sign>[-+\u2212])?\s*(?:¥)?\s*
        (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*
        (?P<mult>万|亿)?\s*(?:元|块|yuan|rmb|cny)?$""",
    re.VERBOSE,
)
_NUMBER = r"(?:\d+(?:\.\d+)?|\.\d+)"
_CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_RATE_PERCENT = re.compile(rf"^(?P<num>{_NUMBER})\s*(?P<sym>%|‰|‱)?$")
_RATE_FRACTION = re.compile(
    rf"^(?P<den>百|千|万)分之\s*(?P<num>{_NUMBER}|[零一二两三四五六七八九十])$"
)
_SCALE = {"%": -2, "百": -2, "‰": -3, "千": -3, "‱": -4, "万": -4}

# Longest first so that "年利率" wins over "年".
_PREFIXES: list[tuple[str, Period]] = sorted(
    [(w, "year") for w in ("年化利率", "年化", "年利率", "年息", "年费率", "年")]
    + [(w, "month") for w in ("月手续费率", "月费率", "月利率", "月息", "月")]
    + [(w, "day") for w in ("日利率", "日息", "日费率", "日", "天")],
    key=lambda item: -len(item[0]),
)
_SUFFIXES: list[tuple[str, Period]] = sorted(
    [(w, "year") for w in ("/年", "每年", "年", "/year", "per year", "a year", "p.a.", "pa", "/yr")]
    + [(w, "month") for w in ("/月", "每月", "月", "/month", "per month", "a month", "/mo")]
    + [(w, "day") for w in ("/日", "/天", "每日", "每天", "日", "天", "/day", "per day", "a day")],
    key=lambda item: -len(item[0]),
)


_DEFAULT_LABELS = {"value": "金额", "rate": "利率", "count": "数量"}


def _label(field: str) -> str:
    return FIELD_LABELS.get(field) or _DEFAULT_LABELS.get(field, field)


def _normalise(text: object, field: str) -> str:
    if isinstance(text, float):
        raise FloatInputError(
            field, f"{_label(field)}不接受浮点数（float）", f"{field} must not be a float", text
        )
    if not isinstance(text, str):
        raise ParseError(field, f"{_label(field)}必须是文本", f"{field} must be text", text)
    return unicodedata.normalize("NFKC", text).strip().lower()


def parse_amount(text: str | Decimal | int, *, field: str = "value") -> Decimal:
    """Read a money amount: ``12000``, ``12,000``, ``１２０００``, ``¥12,000元``, ``1.2万``.

    ``Decimal`` and ``int`` pass through unchanged.  Sign and range are *not*
    checked here (cash flows may be negative); the calculators do that.

    >>> parse_amount("1,5")
    Traceback (most recent call last):
    ...
    calculators.errors.ParseError: 金额格式无法识别（示例：12000、12,000、1.2万） / value: unrecognised amount (e.g. 12000, 12,000), got '1,5'
    """
    if isinstance(text, (Decimal, int)) and not isinstance(text, bool):
        return to_decimal(text, field, _label(field))
    clean = _normalise(text, field)
    match = _AMOUNT.match(clean)
    if not match:
        raise ParseError(
            field,
            f"{_label(field)}格式无法识别（示例：12000、12,000、1.2万）",
            f"{field}: unrecognised amount (e.g. 12000, 12,000)",
            text,
        )
    value = Decimal(match["num"].replace(",", ""))
    with localcontext(CONTEXT):
        if match["mult"] == "万":
            value *= 10_000
        elif match["mult"] == "亿":
            value *= 100_000_000
    if match["sign"] in ("-", "\u2212"):
        value = -value
    return value


def _strip_period(core: str) -> tuple[str, Period | None]:
    stated: Period | None = None
    for word, period in _PREFIXES:
        if core.startswith(word):
            core, stated = core[len(word) :].strip(), period
            break
    for word, period in _SUFFIXES:
        if core.endswith(word) and len(core) > len(word):
            if stated is not None and stated != period:
                raise ValueError("conflict")
            core, stated = core[: -len(word)].strip(), period
            break
    return core, stated


def parse_rate_with_unit(
    text: str | Decimal | int, *, field: str = "rate"
) -> tuple[Decimal, Period | None]:
    """Read a rate; return ``(fraction, stated period or None)``.

    >>> parse_rate_with_unit("0.05%/日")
    (Decimal('0.0005'), 'day')
    >>> parse_rate_with_unit("18%"), parse_rate_with_unit("18")
    ((Decimal('0.18'), None), (Decimal('0.18'), None))
    """
    if isinstance(text, (Decimal, int)) and not isinstance(text, bool):
        return to_decimal(text, field, _label(field)), None
    clean = _normalise(text, field)
    bad = ParseError(
        field,
        f"{_label(field)}格式无法识别（示例：18%、18、0.05%/日、万分之五）",
        f"{field}: unrecognised rate (e.g. 18%, 18, 0.05%/day)",
        text,
    )
    try:
        core, stated = _strip_period(clean)
    except ValueError:
        raise ParseError(
            field, f"{_label(field)}的前后单位互相矛盾", f"{field}: conflicting periods", text
        ) from None
    if match := _RATE_PERCENT.match(core):
        # A bare number is a percent in the field's period; a fraction is never guessed.
        return Decimal(match["num"]).scaleb(_SCALE[match["sym"] or "%"]), stated
    if match := _RATE_FRACTION.match(core):
        raw = match["num"]
        try:
            value = Decimal(_CN_DIGITS[raw]) if raw in _CN_DIGITS else Decimal(raw)
        except InvalidOperation:  # pragma: no cover - the regex admits only numbers
            raise bad from None
        return value.scaleb(_SCALE[match["den"]]), stated
    raise bad


def parse_rate(text: str | Decimal | int, *, per: Period = "year", field: str = "rate") -> Decimal:
    """Read a rate as a fraction per ``per`` ("year", "month" or "day"); see the module docstring.

    >>> parse_rate("0.05%/日")
    Traceback (most recent call last):
    ...
    calculators.errors.ParseError: 利率单位不符：这里需要年利率，输入的是日利率 / rate: expected a rate per year, got one per day, got '0.05%/日'
    """
    _check_per(per)
    value, stated = parse_rate_with_unit(text, field=field)
    if stated is not None and stated != per:
        raise ParseError(
            field,
            f"利率单位不符：这里需要{_PERIOD_ZH[per]}利率，输入的是{_PERIOD_ZH[stated]}利率",
            f"{field}: expected a rate per {per}, got one per {stated}",
            text,
        )
    return value


#: Plausible range of a rate per period, as fractions ``(low, high)``.  Outside it
#: (but not 0, which a 免息 promotion can be) :func:`rate_warning` returns a
#: message.  The low ends are about 1 % a year in each period (0.08 %/月,
#: 0.003 %/日): below that the reader has most likely typed a fraction
#: (``0.006`` for 0.6 %).  The high ends are far above what licensed lenders
#: charge: 100 % a year, 5 % a month (60 % a year simple), 0.1 % a day (36 % a
#: year on 360 days).  Rates up to the engine's hard limits are still computed.
RATE_PLAUSIBLE: dict[Period, tuple[Decimal, Decimal]] = {
    "year": (Decimal("0.01"), Decimal("1")),
    "month": (Decimal("0.0008"), Decimal("0.05")),
    "day": (Decimal("0.00003"), Decimal("0.001")),
}
_PERIOD_LABEL = {"year": "年利率", "month": "月利率", "day": "日利率"}


def format_rate(rate: Decimal) -> str:
    """A fraction as an exact percentage, nothing rounded: ``0.0075 → '0.75%'``.

    >>> format_rate(Decimal("0.18")), format_rate(Decimal("0.00006")), format_rate(Decimal(0))
    ('18%', '0.006%', '0%')
    """
    return percent_text(to_decimal(rate, "rate", "利率"))


def _check_per(per: str) -> None:
    if per not in _PERIOD_ZH:
        raise InvalidOptionError(
            "per",
            '利率单位只能是 "year"、"month" 或 "day"',
            'per must be "year", "month" or "day"',
            per,
        )


def _rate_label(per: Period, field: str | None, label: str | None) -> str:
    if label:
        return label
    if field and field in FIELD_LABELS and field != "rate":
        return FIELD_LABELS[field]
    return _PERIOD_LABEL[per]


def describe_rate(
    rate: Decimal, per: Period = "year", *, field: str | None = None, label: str | None = None
) -> str:
    """How a rate was read, to show beside its field: ``'按 月利率 0.75% 计算'``.

    The label is ``label``, else ``FIELD_LABELS[field]``, else 年利率/月利率/日利率.

    >>> describe_rate(Decimal("0.18"), "year")
    '按 年利率 18% 计算'
    >>> describe_rate(Decimal("0.0075"), "month", field="monthly_fee_rate")
    '按 月手续费率 0.75% 计算'
    """
    _check_per(per)
    return f"按 {_rate_label(per, field, label)} {format_rate(rate)} 计算"


def rate_warning(
    rate: Decimal, per: Period = "year", *, field: str | None = None, label: str | None = None
) -> str | None:
    """A short Chinese message when ``rate`` is implausible for a ``per`` field, else None.

    Not an error: the figure is still computed, and the message is shown next
    to the field.  0 never warns (interest-free offers exist).

    >>> rate_warning(Decimal("0.0018"), "year")
    '年利率 0.18% 低得少见，请核对：数字按百分数读，18 就是 18%'
    >>> rate_warning(Decimal("0.75"), "month", label="月费率")
    '月费率 75% 高得少见，请核对合同或 App 上的数字'
    >>> rate_warning(Decimal("0"), "day") is None
    True
    """
    _check_per(per)
    value = to_decimal(rate, "rate", "利率")
    low, high = RATE_PLAUSIBLE[per]
    name = _rate_label(per, field, label)
    if 0 < value < low:
        # Suggest what the reader probably meant if she typed the fraction.
        meant = format_rate(value * 100).removesuffix("%")
        return (
            f"{name} {format_rate(value)} 低得少见，请核对：数字按百分数读，{meant} 就是 {meant}%"
        )
    if value > high:
        return f"{name} {format_rate(value)} 高得少见，请核对合同或 App 上的数字"
    return None


_COUNT = re.compile(r"^(?P<num>\d+)\s*(?P<unit>期|个月|月|天|日|days?|months?)?$")
_COUNT_UNIT: dict[str, Period] = {
    "期": "month",
    "个月": "month",
    "月": "month",
    "month": "month",
    "months": "month",
    "天": "day",
    "日": "day",
    "day": "day",
    "days": "day",
}
#: The unit a count field is in, when ``parse_count`` is not told (``unit=None``).
COUNT_FIELD_UNITS: dict[str, Period] = {
    "months": "month",
    "after_period": "month",
    "pause_months": "month",
    "days": "day",
}
_COUNT_UNIT_ZH = {"month": "月（期）", "day": "天"}


def parse_count(text: str | int, *, field: str = "months", unit: Period | None = None) -> int:
    """Read a whole number of months or days: ``12``, ``１２期``, ``30天``.

    A unit written after the number must be the field's own: ``unit`` ("month"
    or "day"), or when not given the unit of ``field`` in
    :data:`COUNT_FIELD_UNITS` (``days`` counts days; ``months``,
    ``after_period`` and ``pause_months`` count months).  ``3个月`` in a days
    field is refused, not read as 3 days.

    >>> parse_count("１２期"), parse_count("30天", field="days"), parse_count("36", unit="month")
    (12, 30, 36)
    >>> parse_count("3个月", field="days")
    Traceback (most recent call last):
    ...
    calculators.errors.ParseError: 天数的单位不符：这里填天数，输入的是月（期）数 / days: expected a number of days, got months, got '3个月'
    """
    if unit is not None and unit not in _COUNT_UNIT_ZH:
        raise InvalidOptionError(
            "unit", '单位只能是 "month" 或 "day"', 'unit must be "month" or "day"', unit
        )
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    clean = _normalise(text, field)
    match = _COUNT.match(clean)
    if not match:
        raise ParseError(
            field, f"{_label(field)}必须是整数", f"{field} must be a whole number", text
        )
    expected = unit or COUNT_FIELD_UNITS.get(field)
    stated = _COUNT_UNIT.get(match["unit"] or "")
    if expected is not None and stated is not None and stated != expected:
        raise ParseError(
            field,
            f"{_label(field)}的单位不符：这里填{_COUNT_UNIT_ZH[expected].removesuffix('（期）')}数，"
            f"输入的是{_COUNT_UNIT_ZH[stated]}数",
            f"{field}: expected a number of {expected}s, got {stated}s",
            text,
        )
    return int(match["num"])
