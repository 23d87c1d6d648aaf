"""parse_amount / parse_rate / parse_count: the friendly input forms."""

from decimal import Decimal as D

import pytest

from calculators import (
    FloatInputError,
    ParseError,
    parse_amount,
    parse_count,
    parse_rate,
    parse_rate_with_unit,
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
        ("0.18", "year", D("0.18")),
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


@pytest.mark.parametrize("text", ["18", "1.5", "abc", "18%%", "", "年化", "日18%/年"])
def test_parse_rate_rejects(text):
    with pytest.raises(ParseError) as info:
        parse_rate(text, field="annual_rate")
    assert info.value.field == "annual_rate"


def test_parse_rate_bare_number_hint():
    with pytest.raises(ParseError, match="18%"):
        parse_rate("18")


def test_parse_helpers_refuse_float_and_pass_decimals():
    with pytest.raises(FloatInputError):
        parse_amount(12000.0)
    with pytest.raises(FloatInputError):
        parse_rate(0.18)
    assert parse_amount(D("5.5")) == D("5.5")
    assert parse_rate(D("0.18")) == D("0.18")


@pytest.mark.parametrize(
    "text, value", [("12", 12), ("１２", 12), ("12期", 12), ("30天", 30), ("36个月", 36)]
)
def test_parse_count(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["12.5", "-3", "twelve", ""])
def test_parse_count_rejects(text):
    with pytest.raises(ParseError):
        parse_count(text, field="days")
