"""``python -m calculators debt-plan``: table, --json, --csv and one-line errors (exit 2)."""

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal as D

import pytest

EXAMPLE = ["--debt", "甲:30000:2800", "--debt", "乙:20000:1900", "--debt", "丙:10000:1000"]


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "calculators", "debt-plan", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_issue_example_table_adds_up_to_3000():
    r = run("--available", "3000", *EXAMPLE)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == [
        "借款机构",
        "欠款余额",
        "合同月还款",
        "本方案每月还",
        "还清约需月数*",
    ]
    assert lines[1].startswith("----")
    assert lines[2].split() == ["甲", "30,000.00", "2,800.00", "1,500.00", "20"]
    assert lines[3].split() == ["乙", "20,000.00", "1,900.00", "1,000.00", "20"]
    assert lines[4].split() == ["丙", "10,000.00", "1,000.00", "500.00", "20"]
    assert "本方案每月合计        3,000.00" in r.stdout
    assert "每月缺口              2,700.00" in r.stdout
    assert "利息冻结" in r.stdout


def test_json_offers_sum_to_available():
    r = run("--available", "3,000", *EXAMPLE, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    amounts = [D(o["amount"]) for o in data["offers"]]
    assert sum(amounts) == D("3000.00") == D(data["total_offered"])
    assert [o["debt"]["name"] for o in data["offers"]] == ["甲", "乙", "丙"]
    assert data["surplus"] == "0.00" and data["shortfall"] == "2700.00"


def test_csv_with_priority_and_fullwidth_colons():
    r = run(
        "--available",
        "1000",
        "--debt",
        "法院执行：5000：600：优先",
        "--debt",
        "卡:8,000:900",
        "--csv",
    )
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [(x["name"], x["priority"], x["offer"], x["months_to_clear"]) for x in rows] == [
        ("法院执行", "yes", "600.00", "9"),
        ("卡", "no", "400.00", "20"),
    ]


def test_zero_offer_shows_a_dash_and_surplus_line():
    r = run("--available", "0", "--debt", "甲:100:10")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[2].split()[-1] == "—"
    r = run("--available", "50", "--debt", "甲:100:10")
    assert "付完全部月还款后还剩  40.00" in r.stdout


def test_name_with_colon_is_kept():
    r = run("--available", "10", "--debt", "A:B:100:10", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["offers"][0]["debt"]["name"] == "A:B"


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--available", "3000"], "至少要有一笔债务"),
        (["--available", "3000", "--debt", "甲:30000"], "名称:欠款余额:合同月还款"),
        (["--available", "-1", *EXAMPLE], "不能为负数"),
        (["--available", "abc", *EXAMPLE], "available"),
        (["--available", "100", "--debt", "甲:500:600"], "合同月还款不能超过欠款余额"),
        (["--available", "100", "--debt", "甲:500:50", "--debt", "甲:600:60"], "名称相同"),
        (["--available", "100", "--debt", "甲:-500:50"], "欠款余额"),
        (["--available", "100", "--debt", ":500:50"], "名称不能为空"),
    ],
)
def test_bad_input_one_line_exit_2(args, fragment):
    r = run(*args)
    assert r.returncode == 2
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1
    assert fragment in r.stderr
    assert "Traceback" not in r.stderr
