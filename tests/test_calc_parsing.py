"""parse_amount / parse_rate / parse_count: the friendly input forms."""

from decimal import Decimal as D

import pytest

from calculators import (
    FloatInputError,
    InvalidOptionError,
    ParseError,
    describe_rate,
    format_rate,
    parse_amount,
    parse_count,
    parse_rate,
    parse_rate_with_unit,
    rate_warning,
)


@pytest.mark.parametrize(
    "text, value",
    [
        ("12000", D("12000")),
        ("12,000", D("12000")),
        ("１２０００", D("12000")),
        ("１２，０００", D("12000")),
        ("12,000.50", D("12000.50")),
        (" 12000 ", D("12000")),
        ("¥12,000", D("12000")),
        ("￥12000元", D("12000")),
        ("1.2万", D("12000")),
        ("3亿", D("300000000")),
        ("-8,833.33", D("-8833.33")),
        ("−100", D("-100")),
        ("0.01", D("0.01")),
        (".5", D("0.5")),
        ("1,234,567", D("1234567")),
    ],
)
def test_parse_amount(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    "text", ["", "abc", "1,5", "12,00", "1,2345", "12000.", "1e5", "12 000", "--5", "18%"]
)
def test_parse_amount_rejects(text):
    with pytest.raises(ParseError) as info:
        parse_amount(text, field="principal")
    assert info.value.field == "principal"
    assert "本金" in str(info.value)


@pytest.mark.parametrize(
    "text, per, value",
    [
        ("18%", "year", D("0.18")),
        ("18", "year", D("0.18")),
        ("0.18", "year", D("0.0018")),  # a bare number is a percent, never a fraction
        ("4.9", "year", D("0.049")),
        ("年化18", "year", D("0.18")),
        ("18/年", "year", D("0.18")),
        ("0.75", "month", D("0.0075")),
        ("月费率0.75", "month", D("0.0075")),
        ("０．７５", "month", D("0.0075")),
        ("0.006", "month", D("0.00006")),
        ("0.05", "day", D("0.0005")),
        ("日息0.05", "day", D("0.0005")),
        ("１８％", "year", D("0.18")),
        ("18 %", "year", D("0.18")),
        ("年化18%", "year", D("0.18")),
        ("年利率 4.9%", "year", D("0.049")),
        ("18%/年", "year", D("0.18")),
        ("18% p.a.", "year", D("0.18")),
        ("百分之十八", "year", None),
        ("0.05%/日", "day", D("0.0005")),
        ("0.05%/天", "day", D("0.0005")),
        ("日息0.05%", "day", D("0.0005")),
        ("日利率万分之五", "day", D("0.0005")),
        ("万分之5", "day", D("0.0005")),
        ("5‱", "day", D("0.0005")),
        ("千分之3", "day", D("0.003")),
        ("0.6%", "month", D("0.006")),
        ("月费率0.6%", "month", D("0.006")),
        ("0.6%/月", "month", D("0.006")),
        ("0", "year", D("0")),
        ("0%", "year", D("0")),
    ],
)
def test_parse_rate(text, per, value):
    if value is None:  # Chinese numerals are only supported after 分之 for single digits
        with pytest.raises(ParseError):
            parse_rate(text, per=per)
    else:
        assert parse_rate(text, per=per) == value


def test_parse_rate_unit_mismatch_is_an_error_not_a_conversion():
    with pytest.raises(ParseError, match="日利率"):
        parse_rate("0.05%/日", per="year")
    with pytest.raises(ParseError):
        parse_rate("年化18%", per="day")
    assert parse_rate_with_unit("0.05%/日") == (D("0.0005"), "day")
    assert parse_rate_with_unit("0.6%每月") == (D("0.006"), "month")
    assert parse_rate_with_unit("18%") == (D("0.18"), None)


@pytest.mark.parametrize("text", ["abc", "18%%", "", "年化", "日18%/年", "18 18", "1e2"])
def test_parse_rate_rejects(text):
    with pytest.raises(ParseError) as info:
        parse_rate(text, field="annual_rate")
    assert info.value.field == "annual_rate"


def test_bare_number_is_a_percent_in_the_fields_period():
    # What the App shows, typed without %: 0.75 in 月费率 is 0.75 % a month (not 75 %).
    assert parse_rate("0.75", per="month") == D("0.0075")
    assert parse_rate("18", per="year") == D("0.18")
    assert parse_rate_with_unit("0.75") == (D("0.0075"), None)
    # the stated period is still checked for a bare number
    with pytest.raises(ParseError, match="日利率"):
        parse_rate("0.05/日", per="year")


@pytest.mark.parametrize(
    "text, per, reading",
    [
        ("0.75", "month", "按 月利率 0.75% 计算"),
        ("18", "year", "按 年利率 18% 计算"),
        ("万分之五", "day", "按 日利率 0.05% 计算"),
        ("0.006", "month", "按 月利率 0.006% 计算"),
        ("4.35%", "year", "按 年利率 4.35% 计算"),
    ],
)
def test_describe_rate_shows_the_reading_exactly(text, per, reading):
    assert describe_rate(parse_rate(text, per=per), per) == reading


def test_describe_rate_label():
    assert describe_rate(D("0.006"), "month", field="monthly_fee_rate") == "按 月手续费率 0.6% 计算"
    assert describe_rate(D("0.006"), "month", label="月费率") == "按 月费率 0.6% 计算"


@pytest.mark.parametrize(
    "text, per, expected",
    [
        ("0.75", "month", None),
        ("0.6%", "month", None),
        ("18", "year", None),
        ("4.9%", "year", None),
        ("0", "year", None),  # interest-free: no warning
        ("0.05", "day", None),
        ("100", "year", None),  # the bound itself is still plausible
        ("5", "month", None),
        ("0.1", "day", None),
        ("0.006", "month", "月利率 0.006% 低得少见，请核对：数字按百分数读，0.6 就是 0.6%"),
        ("0.18", "year", "年利率 0.18% 低得少见，请核对：数字按百分数读，18 就是 18%"),
        ("0.0005", "day", "低得少见"),
        ("5.01", "month", "月利率 5.01% 高得少见，请核对合同或 App 上的数字"),
        ("100.5", "year", "高得少见"),
        ("0.2", "day", "高得少见"),
    ],
)
def test_rate_warning_flags_implausible_rates(text, per, expected):
    message = rate_warning(parse_rate(text, per=per), per)
    if expected is None:
        assert message is None
    else:
        assert message is not None and expected in message


def test_rate_warning_uses_the_field_label():
    assert rate_warning(D("0.5"), "month", field="monthly_fee_rate").startswith("月手续费率 50%")
    with pytest.raises(InvalidOptionError):
        rate_warning(D("0.5"), "week")


def test_format_rate_is_exact():
    assert format_rate(D("0.000123456")) == "0.0123456%"
    assert format_rate(D("1.5")) == "150%"


def test_parse_helpers_refuse_float_and_pass_decimals():
    with pytest.raises(FloatInputError):
        parse_amount(12000.0)
    with pytest.raises(FloatInputError):
        parse_rate(0.18)
    assert parse_amount(D("5.5")) == D("5.5")
    assert parse_rate(D("0.18")) == D("0.18")


@pytest.mark.parametrize(
    "text, value", [("12", 12), ("１２", 12), ("12期", 12), ("36个月", 36), ("6 months", 6)]
)
def test_parse_count(text, value):
    assert parse_count(text) == value
    assert parse_count(text, unit="month") == value


@pytest.mark.parametrize("text, value", [("30", 30), ("30天", 30), ("30日", 30), ("3 days", 3)])
def test_parse_count_days(text, value):
    assert parse_count(text, field="days") == value
    assert parse_count(text, field="x", unit="day") == value


@pytest.mark.parametrize(
    "text, field, unit",
    [
        ("3个月", "days", None),
        ("3期", "days", None),
        ("3 months", "days", None),
        ("36天", "months", None),
        ("36日", "after_period", None),
        ("2天", "pause_months", None),
        ("3个月", "x", "day"),
        ("36天", "x", "month"),
    ],
)
def test_parse_count_refuses_the_wrong_unit(text, field, unit):
    # was read as 3 days / 36 months with the unit silently dropped
    with pytest.raises(ParseError, match="单位不符") as info:
        parse_count(text, field=field, unit=unit)
    assert info.value.field == field


def test_parse_count_unit_option_is_checked():
    with pytest.raises(InvalidOptionError):
        parse_count("3", unit="week")


@pytest.mark.parametrize("text", ["12.5", "-3", "twelve", ""])
def test_parse_count_rejects(text):
    with pytest.raises(ParseError):
        parse_count(text, field="days")
