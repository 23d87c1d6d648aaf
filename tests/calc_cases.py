"""Calculator cases shared by the parity golden file (tests/golden/calc-parity.json) and the
browser tests: generated and hand-picked raw inputs, with the Python view they must give.

`UPDATE_GOLDEN=1 pytest tests/test_calc_parity.py`
rewrites the golden file that `node --test tests/` runs calc.js against.
"""

from __future__ import annotations

import random

import calc_blocks

import calculators

# --- generated cases -----------------------------------------------------------------------

RATE_TYPES = {
    "equal_installment": "annual_rate",
    "equal_principal": "annual_rate",
    "fee_installment": "monthly_fee_rate",
}


def block_text(kind: str, raw: dict, title: str = "") -> str:
    head = [f"type: {kind}"] + ([f"title: {title}"] if title else [])
    if kind == "compare":
        parts = ["\n".join(head)]
        for plan in raw["plans"]:
            parts.append("\n".join(f"{k}: {v}" for k, v in plan.items() if v != ""))
        return "\n---\n".join(parts)
    return "\n".join(head + [f"{k}: {v}" for k, v in raw.items() if v != ""])


def _money(rng: random.Random) -> str:
    style = rng.random()
    if style < 0.15:
        return rng.choice(
            ["0.01", "1", "1,000,000", "10000000", "1.2万", "１２０００", "¥3,456.78元", "99.99"]
        )
    value = rng.randint(1, 10 ** rng.randint(2, 9))
    text = f"{value // 100}.{value % 100:02d}" if rng.random() < 0.5 else str(value)
    return f"{int(float(text)):,}" if rng.random() < 0.2 else text


def _rate(rng: random.Random, per: str, top: float) -> str:
    value = round(rng.uniform(0, top), rng.choice([1, 2, 3, 4]))
    forms = [f"{value}%", f"{value:.4f}%"]
    forms.append(f"{value}")  # a bare number is a percent in the field's period
    if value < 100:
        forms.append(f"{value / 100:.6f}".rstrip("0").rstrip(".") or "0")
    if per == "day":
        forms += [f"{value}%/日", f"日息{value}%"]
    if per == "year":
        forms += [f"年化{value}%", f"{value}%/年"]
    if per == "month":
        forms += [f"月费率{value}%", f"{value}%每月"]
    text = rng.choice(forms)
    return "0" if text in ("", ".") else text


def _months(rng: random.Random) -> int:
    return rng.choice([1, 2, 3, 6, 12, 12, 24, 36, 60, 61, 120, 360, 600, rng.randint(1, 600)])


def random_case(rng: random.Random, kind: str) -> tuple[str, dict]:
    if kind in RATE_TYPES:
        raw = {
            "principal": _money(rng),
            "months": f"{_months(rng)}{rng.choice(['', '期', '个月'])}",
        }
        if kind == "fee_installment":
            raw["monthly_fee_rate"] = _rate(rng, "month", 3)
            raw["upfront_fee"] = rng.choice(["0", "0", "100", "0.01", "500.5"])
        else:
            raw["annual_rate"] = _rate(rng, "year", 60)
        return kind, raw
    if kind == "daily_interest":
        return kind, {
            "principal": _money(rng),
            "daily_rate": _rate(rng, "day", 0.2),
            "days": f"{rng.randint(0, 3650)}{rng.choice(['', '天'])}",
        }
    if kind == "overdue":
        return kind, {
            "overdue_principal": _money(rng),
            "overdue_interest": rng.choice(["0", "15", "0.01", _money(rng)]),
            "annual_rate": _rate(rng, "year", 36),
            "days": str(rng.randint(0, 1000)),
            "penalty_multiplier": rng.choice(["1.5", "1.3", "2", "1", "0", "1.50"]),
            "basis": rng.choice(["360", "365"]),
            "late_fee_rate": rng.choice(["0", "5%", "0.01", "1%"]),
        }
    if kind == "early_repayment":
        method = rng.choice(list(RATE_TYPES))
        months = rng.choice([2, 3, 12, 24, 36, 120, 360])
        raw = {
            "method": rng.choice(
                [
                    method,
                    {
                        "equal_installment": "等额本息",
                        "equal_principal": "等额本金",
                        "fee_installment": "分期手续费",
                    }[method],
                ]
            ),
            "principal": str(rng.randint(1000, 2_000_000)),
            "months": str(months),
            "after_period": str(rng.randint(1, months - 1)),
            "fee_rate": rng.choice(["0", "1%", "3%", "0.5%"]),
            "keep": rng.choice(["term", "payment", "期限不变", "月供不变"]),
        }
        raw[RATE_TYPES[method]] = (
            _rate(rng, "year", 24) if method != "fee_installment" else _rate(rng, "month", 1.5)
        )
        if rng.random() < 0.75:
            raw["amount"] = str(rng.randint(1, 1000))
        return kind, raw
    plans = []
    for index in range(rng.randint(2, 4)):
        method = rng.choice(list(RATE_TYPES))
        plan = {
            "name": f"方案{index + 1}<&>",
            "method": method,
            "principal": str(rng.randint(100, 500_000)),
            "months": str(rng.choice([1, 3, 12, 24, 36, 60])),
            "pause_months": rng.choice(["0", "0", "3", "6"]),
            "upfront_fee": rng.choice(["0", "0", "50"]),
        }
        plan[RATE_TYPES[method]] = (
            _rate(rng, "year", 24) if method != "fee_installment" else _rate(rng, "month", 1.5)
        )
        plans.append(plan)
    return "compare", {"plans": plans}


EDGE_CASES = [
    # 等额本息 that carries the sub-fen remainder (calculators/README.md)
    ("equal_installment", {"principal": "10000", "annual_rate": "24%", "months": "360"}),
    ("equal_installment", {"principal": "10000", "annual_rate": "12%", "months": "600"}),
    ("equal_installment", {"principal": "1", "annual_rate": "0", "months": "40"}),
    (
        "early_repayment",
        {
            "method": "等额本息",
            "principal": "125.42",
            "annual_rate": "0",
            "months": "33",
            "after_period": "31",
            "amount": "0.01",
            "keep": "payment",
        },
    ),
    (  # one period left: the payment kept is the old last one (105.60), not A (105.58)
        "early_repayment",
        {
            "method": "等额本息",
            "principal": "1000",
            "annual_rate": "12%",
            "months": "10",
            "after_period": "9",
            "amount": "0.01",
            "keep": "payment",
        },
    ),
    # half-fen ties: 1,000.50 × 1.2 % ÷ 12 = 1.0005 (no), 100.50 × 12 % ÷ 12 = 1.005 → 1.01
    ("equal_installment", {"principal": "100.50", "annual_rate": "12%", "months": "3"}),
    ("equal_principal", {"principal": "100.50", "annual_rate": "12%", "months": "2"}),
    ("equal_principal", {"principal": "0.05", "annual_rate": "12%", "months": "2"}),  # P/n = 0.025
    ("equal_principal", {"principal": "100.10", "annual_rate": "0%", "months": "4"}),  # 25.025
    (
        "fee_installment",
        {"principal": "1,000.50", "monthly_fee_rate": "0.5%", "months": "12"},
    ),  # 5.0025
    ("fee_installment", {"principal": "101", "monthly_fee_rate": "0.5%", "months": "3"}),  # 0.505
    (
        "fee_installment",
        {"principal": "0.03", "monthly_fee_rate": "0.6%", "months": "600", "upfront_fee": "0.01"},
    ),
    ("equal_installment", {"principal": "1", "annual_rate": "6%", "months": "1"}),  # 1.005
    ("equal_installment", {"principal": "6", "annual_rate": "1%", "months": "1"}),  # 6.005
    (
        "equal_installment",
        {"principal": "2400", "annual_rate": "0.005%", "months": "1"},
    ),  # IRR tie 0.005 %
    ("equal_installment", {"principal": "12000", "annual_rate": "0%", "months": "12"}),
    ("equal_installment", {"principal": "1000000", "annual_rate": "4.9%", "months": "360"}),
    ("equal_principal", {"principal": "1000000", "annual_rate": "4.9%", "months": "360"}),
    ("equal_installment", {"principal": "0.01", "annual_rate": "24%", "months": "600"}),
    ("equal_installment", {"principal": "1000", "annual_rate": "24%", "months": "600"}),
    ("equal_principal", {"principal": "1000", "annual_rate": "24%", "months": "600"}),
    ("equal_installment", {"principal": "10000000", "annual_rate": "1000%", "months": "600"}),
    (
        "equal_installment",
        {"principal": "1,000,000,000,000", "annual_rate": "0.000001%", "months": "600"},
    ),
    ("fee_installment", {"principal": "12,000", "monthly_fee_rate": "0.6%", "months": "12"}),
    (
        "fee_installment",
        {"principal": "100000", "monthly_fee_rate": "0%", "months": "12", "upfront_fee": "1000"},
    ),
    ("fee_installment", {"principal": "10", "monthly_fee_rate": "0.1%", "months": "7"}),
    ("daily_interest", {"principal": "10000", "daily_rate": "0.05%/日", "days": "30"}),
    ("daily_interest", {"principal": "0.01", "daily_rate": "日息万分之五", "days": "365"}),
    ("daily_interest", {"principal": "1000.10", "daily_rate": "0.05%", "days": "10"}),  # 0.50005
    ("daily_interest", {"principal": "100", "daily_rate": "万分之五", "days": "0"}),
    ("daily_interest", {"principal": "100", "daily_rate": "0.0123456%/天", "days": "36500"}),
    (
        "overdue",
        {
            "overdue_principal": "1000",
            "overdue_interest": "15",
            "annual_rate": "18%",
            "days": "30",
            "penalty_multiplier": "1.5",
            "basis": "360",
            "late_fee_rate": "0",
        },
    ),
    (
        "overdue",
        {
            "overdue_principal": "3",
            "overdue_interest": "0",
            "annual_rate": "31.25%",
            "days": "256",
            "penalty_multiplier": "1.5",
            "basis": "360",
            "late_fee_rate": "0",
        },
    ),  # 1/3·360/256: 40-digit tie
    (
        "overdue",
        {
            "overdue_principal": "1000",
            "overdue_interest": "0",
            "annual_rate": "24%",
            "days": "10",
            "penalty_multiplier": "1.5",
            "basis": "365",
            "late_fee_rate": "1%",
        },
    ),
    (
        "overdue",
        {
            "overdue_principal": "0",
            "overdue_interest": "100",
            "annual_rate": "18%",
            "days": "0",
            "penalty_multiplier": "2.00",
            "basis": "365",
            "late_fee_rate": "5%",
        },
    ),
    (
        "overdue",
        {
            "overdue_principal": "8833.33",
            "overdue_interest": "0.01",
            "annual_rate": "0.1",
            "days": "1",
            "penalty_multiplier": "0",
            "basis": "360",
            "late_fee_rate": "0",
        },
    ),
    (
        "overdue",
        {
            "overdue_principal": "1",
            "overdue_interest": "0",
            "annual_rate": "1000%",
            "days": "36500",
            "penalty_multiplier": "10",
            "basis": "365",
            "late_fee_rate": "100%",
        },
    ),
]
for _method, _rate_field, _rate_value in (
    ("等额本息", "annual_rate", "6%"),
    ("equal_principal", "annual_rate", "4.35%"),
    ("分期手续费", "monthly_fee_rate", "0.6%"),
):
    for _amount in ("", "30000", "0.01", "60000"):
        for _keep in ("term", "payment"):
            EDGE_CASES.append(
                (
                    "early_repayment",
                    {
                        "method": _method,
                        "principal": "120000",
                        _rate_field: _rate_value,
                        "months": "12",
                        "after_period": "6",
                        "amount": _amount,
                        "fee_rate": "2%",
                        "keep": _keep,
                    },
                )
            )
EDGE_CASES += [
    (
        "early_repayment",
        {
            "method": "等额本息",
            "principal": "120000",
            "annual_rate": "6%",
            "months": "2",
            "after_period": "1",
            "amount": "",
            "fee_rate": "0",
            "keep": "term",
        },
    ),
    (
        "early_repayment",
        {
            "method": "equal_installment",
            "principal": "1000000",
            "annual_rate": "4.9%",
            "months": "360",
            "after_period": "60",
            "amount": "200000",
            "fee_rate": "1%",
            "keep": "payment",
        },
    ),
    (
        "compare",
        {
            "plans": [
                {
                    "name": "现在",
                    "method": "fee_installment",
                    "principal": "12000",
                    "monthly_fee_rate": "0.6%",
                    "months": "12",
                },
                {
                    "name": "延长到 24 期",
                    "method": "fee_installment",
                    "principal": "12000",
                    "monthly_fee_rate": "0.6%",
                    "months": "24",
                },
                {
                    "name": "暂停 3 个月",
                    "method": "equal_installment",
                    "principal": "12000",
                    "annual_rate": "12%",
                    "months": "12",
                    "pause_months": "3",
                },
            ]
        },
    ),
    (
        "compare",
        {
            "plans": [
                {
                    "name": "一期",
                    "method": "equal_installment",
                    "principal": "1",
                    "annual_rate": "6%",
                    "months": "1",
                    "pause_months": "120",
                },
                {
                    "name": "零利率",
                    "method": "等额本金",
                    "principal": "5000",
                    "annual_rate": "0%",
                    "months": "10",
                },
                {
                    "name": "\"引号\" & 'x'",
                    "method": "分期手续费",
                    "principal": "5000",
                    "monthly_fee_rate": "1%",
                    "months": "60",
                    "upfront_fee": "100",
                    "pause_months": "6",
                },
            ]
        },
    ),
]


def python_view(kind: str, raw: dict, title: str = ""):
    """(view, block.raw) through the real block parser, or ({"error": field}, None)."""
    try:
        block = calc_blocks.parse_block(block_text(kind, raw, title))
        return calc_blocks.compute(block), block.raw
    except calc_blocks.LineError as error:
        return {"error": error.error.field}, None
    except (calculators.CalculatorError, calc_blocks.BlockError) as error:
        return {"error": error.field}, None


def parity_cases() -> list[tuple[str, dict, str, dict]]:
    """(kind, raw as the page stores it, title, Python view) — valid cases only."""
    rng = random.Random(20261201)
    kinds = [
        "equal_installment",
        "equal_principal",
        "fee_installment",
        "daily_interest",
        "overdue",
        "early_repayment",
        "compare",
    ]
    candidates = [(kind, raw, "") for kind, raw in EDGE_CASES]
    candidates += [(*random_case(rng, kinds[i % len(kinds)]), "") for i in range(420)]
    candidates[3] = (*candidates[3][:2], "标题 <b>&</b>")
    out = []
    for kind, raw, title in candidates:
        view, stored = python_view(kind, raw, title)
        if stored is not None:
            out.append((kind, stored, title, view))
    return out


BAD_INPUTS = [
    (  # keep the payment, but even the remaining 3 months re-instal at 96.46 > 96.45
        "early_repayment",
        {
            "method": "等额本息",
            "principal": "1000",
            "annual_rate": "12%",
            "months": "11",
            "after_period": "8",
            "amount": "0.01",
            "keep": "payment",
        },
    ),
    ("equal_installment", {"principal": "abc", "annual_rate": "18%", "months": "12"}),
    ("equal_installment", {"principal": "1,5", "annual_rate": "18%", "months": "12"}),
    ("equal_installment", {"principal": "-5", "annual_rate": "18%", "months": "12"}),
    ("equal_installment", {"principal": "1e9", "annual_rate": "18%", "months": "12"}),
    ("equal_installment", {"principal": "0", "annual_rate": "18%", "months": "12"}),
    ("equal_installment", {"principal": "12.345", "annual_rate": "18%", "months": "12"}),
    ("equal_installment", {"principal": "2万亿", "annual_rate": "18%", "months": "12"}),
    ("equal_installment", {"principal": "12000", "annual_rate": "1800", "months": "12"}),
    ("equal_installment", {"principal": "12000", "annual_rate": "0.05%/日", "months": "12"}),
    ("equal_installment", {"principal": "12000", "annual_rate": "年化18%/月", "months": "12"}),
    ("equal_installment", {"principal": "12000", "annual_rate": "1001%", "months": "12"}),
    ("equal_installment", {"principal": "12000", "annual_rate": "18%", "months": "0"}),
    ("equal_installment", {"principal": "12000", "annual_rate": "18%", "months": "601"}),
    ("equal_installment", {"principal": "12000", "annual_rate": "18%", "months": "12.5"}),
    ("equal_principal", {"principal": "12000", "annual_rate": "abc", "months": "abc"}),
    ("fee_installment", {"principal": "12000", "monthly_fee_rate": "0.6%/年", "months": "12"}),
    ("fee_installment", {"principal": "12000", "monthly_fee_rate": "90%", "months": "12"}),
    (
        "fee_installment",
        {"principal": "12000", "monthly_fee_rate": "0.6%", "months": "12", "upfront_fee": "12000"},
    ),
    (
        "fee_installment",
        {"principal": "12000", "monthly_fee_rate": "0.6%", "months": "12", "upfront_fee": "-1"},
    ),
    ("daily_interest", {"principal": "12000", "daily_rate": "18%", "days": "30"}),
    ("daily_interest", {"principal": "12000", "daily_rate": "0.05%", "days": "3个月"}),
    ("equal_installment", {"principal": "12000", "annual_rate": "18%", "months": "36天"}),
    ("equal_installment", {"principal": "10000", "annual_rate": "30%", "months": "480"}),
    ("equal_installment", {"principal": "0.01", "annual_rate": "18%", "months": "12"}),
    ("daily_interest", {"principal": "12000", "daily_rate": "0.05%", "days": "36501"}),
    ("daily_interest", {"principal": "12000", "daily_rate": "0.05%/年", "days": "30"}),
    (
        "overdue",
        {"overdue_principal": "0", "overdue_interest": "0", "annual_rate": "18%", "days": "30"},
    ),
    (
        "overdue",
        {
            "overdue_principal": "100",
            "annual_rate": "18%",
            "days": "30",
            "penalty_multiplier": "-1",
        },
    ),
    (
        "overdue",
        {
            "overdue_principal": "100",
            "annual_rate": "18%",
            "days": "30",
            "penalty_multiplier": "11",
        },
    ),
    ("overdue", {"overdue_principal": "100", "annual_rate": "18%", "days": "30", "basis": "364"}),
    (
        "overdue",
        {"overdue_principal": "100", "annual_rate": "18%", "days": "30", "late_fee_rate": "101%"},
    ),
    (
        "overdue",
        {"overdue_principal": "100", "overdue_interest": "-1", "annual_rate": "18%", "days": "30"},
    ),
    (
        "early_repayment",
        {
            "method": "等额本息",
            "principal": "12000",
            "annual_rate": "6%",
            "months": "12",
            "after_period": "12",
        },
    ),
    (
        "early_repayment",
        {
            "method": "等额本息",
            "principal": "12000",
            "annual_rate": "6%",
            "months": "1",
            "after_period": "1",
        },
    ),
    (
        "early_repayment",
        {
            "method": "等额本息",
            "principal": "12000",
            "annual_rate": "6%",
            "months": "12",
            "after_period": "6",
            "amount": "100000",
        },
    ),
    (
        "early_repayment",
        {
            "method": "等额本息",
            "principal": "12000",
            "monthly_fee_rate": "0.6%",
            "months": "12",
            "after_period": "6",
        },
    ),
    (
        "early_repayment",
        {
            "method": "分期手续费",
            "principal": "12000",
            "annual_rate": "6%",
            "monthly_fee_rate": "0.6%",
            "months": "12",
            "after_period": "6",
        },
    ),
    (
        "early_repayment",
        {
            "method": "等额本息",
            "principal": "12000",
            "annual_rate": "6%",
            "months": "12",
            "after_period": "6",
            "fee_rate": "101%",
        },
    ),
    (
        "compare",
        {
            "plans": [
                {
                    "name": "a",
                    "method": "等额本息",
                    "principal": "100",
                    "annual_rate": "6%",
                    "months": "12",
                },
                {
                    "name": "b",
                    "method": "等额本息",
                    "principal": "100",
                    "annual_rate": "6%",
                    "months": "x",
                },
            ]
        },
    ),
    (
        "compare",
        {
            "plans": [
                {
                    "name": "a",
                    "method": "等额本息",
                    "principal": "100",
                    "annual_rate": "6%",
                    "months": "12",
                },
                {
                    "name": "b",
                    "method": "等额本息",
                    "principal": "100",
                    "annual_rate": "6%",
                    "months": "700",
                },
            ]
        },
    ),
    (
        "compare",
        {
            "plans": [
                {
                    "name": "a",
                    "method": "等额本息",
                    "principal": "100",
                    "annual_rate": "6%",
                    "months": "12",
                    "pause_months": "121",
                },
                {
                    "name": "b",
                    "method": "等额本息",
                    "principal": "100",
                    "annual_rate": "6%",
                    "months": "7",
                },
            ]
        },
    ),
]


def full_raw(kind: str, raw: dict) -> dict:
    """Fill defaults the way the block parser does, so JavaScript gets the same strings."""
    if kind == "compare":
        return {"plans": [full_raw("plan", plan) for plan in raw["plans"]]}
    return {
        name: raw.get(name, default if default is not None else "")
        for name, (_, default) in calc_blocks.SPECS[kind].items()
    }
