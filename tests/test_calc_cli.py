"""CLI via subprocess: tables, --json, --csv, and one-line errors with exit status 2."""

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal as D

import pytest


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "calculators", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_equal_installment_table():
    r = run("equal-installment", "--principal", "12000", "--annual-rate", "18%", "--months", "12")
    assert r.returncode == 0, r.stderr
    assert "期数" in r.stdout and "剩余本金" in r.stdout
    assert "1,100.16" in r.stdout
    assert "总利息" in r.stdout and "1,201.95" in r.stdout
    assert "单利口径" in r.stdout and "复利口径" in r.stdout
    # header and data rows align: every table line has the same display width of the first column
    lines = r.stdout.splitlines()
    assert lines[1].startswith("----")


def test_json_output_parses_and_uses_strings():
    r = run(
        "fee-installment",
        "--principal",
        "１２，０００",
        "--monthly-fee-rate",
        "0.6%",
        "--months",
        "12",
        "--json",
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["total_fee"] == "864.00"
    assert len(data["rows"]) == 12 and data["rows"][0]["fee"] == "72.00"
    assert (D(data["annualized"]["simple"]) * 100).quantize(D("0.01")) == D("13.03")


def test_csv_output():
    r = run(
        "equal-principal", "--principal", "1,200", "--annual-rate", "12", "--months", "3", "--csv"
    )
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [row["payment"] for row in rows] == ["412.00", "408.00", "404.00"]


def test_annualized_rate_pboc_example():
    r = run("annualized-rate", "99000", "-8,833.33*12", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert (D(data["simple"]) * 100).quantize(D("0.01")) == D("12.80")
    assert (D(data["compound"]) * 100).quantize(D("0.01")) == D("13.58")


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ["daily-interest", "--principal", "10000", "--daily-rate", "0.05%/日", "--days", "30"],
            "150.00",
        ),
        (
            [
                "overdue",
                "--principal",
                "5000",
                "--interest",
                "60",
                "--annual-rate",
                "18%",
                "--days",
                "45",
            ],
            "170.78",
        ),
        (
            [
                "early-repayment",
                "--method",
                "equal-installment",
                "--principal",
                "1200",
                "--annual-rate",
                "12%",
                "--months",
                "3",
                "--after-period",
                "1",
            ],
            "803.97",
        ),
        (
            [
                "early-repayment",
                "--method",
                "fee-installment",
                "--principal",
                "12000",
                "--monthly-fee-rate",
                "0.6%",
                "--months",
                "12",
                "--after-period",
                "4",
                "--amount",
                "4000",
                "--keep",
                "payment",
            ],
            "新的还款计划",
        ),
    ],
)
def test_other_subcommands(args, expected):
    r = run(*args)
    assert r.returncode == 0, r.stderr
    assert expected in r.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["equal-installment", "--principal", "-5", "--annual-rate", "18%", "--months", "12"],
        ["equal-installment", "--principal", "12000", "--annual-rate", "1800", "--months", "12"],
        ["equal-installment", "--principal", "12000", "--annual-rate", "18%", "--months", "601"],
        ["equal-installment", "--principal", "abc", "--annual-rate", "18%", "--months", "12"],
        ["daily-interest", "--principal", "100", "--daily-rate", "18%/年", "--days", "3"],
        ["overdue", "--principal", "100", "--annual-rate", "18%", "--days", "-3"],
        ["annualized-rate", "100", "10"],
        [
            "early-repayment",
            "--method",
            "equal-principal",
            "--principal",
            "1200",
            "--annual-rate",
            "12%",
            "--months",
            "3",
            "--after-period",
            "3",
        ],
        ["equal-installment", "--principal", "12000", "--months", "12"],  # argparse usage error
        ["no-such-command"],
    ],
)
def test_bad_input_one_line_exit_2(args):
    r = run(*args)
    assert r.returncode == 2
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert "error" in r.stderr


def test_bare_monthly_fee_rate_is_a_percent_a_month():
    # 0.75 typed as the App shows it is 0.75 %/月, not 75 %/月
    r = run(
        "fee-installment",
        "--principal",
        "12000",
        "--monthly-fee-rate",
        "0.75",
        "--months",
        "12",
        "--json",
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["monthly_fee_rate"] == "0.0075"
    assert data["rows"][0]["fee"] == "90.00"


def test_bare_rate_reading_and_implausible_note_on_stderr():
    r = run(
        "fee-installment", "--principal", "12000", "--monthly-fee-rate", "0.006", "--months", "12"
    )
    assert r.returncode == 0, r.stderr
    assert "按 月手续费率 0.006% 计算" in r.stderr
    assert "低得少见" in r.stderr
    r = run("equal-installment", "--principal", "12000", "--annual-rate", "18%", "--months", "12")
    assert r.returncode == 0 and r.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ["daily-interest", "--principal", "100", "--daily-rate", "0.05%", "--days", "3个月"],
        ["equal-installment", "--principal", "100", "--annual-rate", "5%", "--months", "36天"],
        ["annualized-rate", "--flows", "100;-110", "5"],
        [
            "early-repayment",
            "--method",
            "equal-installment",
            "--principal",
            "12000",
            "--annual-rate",
            "6%",
            "--monthly-fee-rate",
            "0.5%",
            "--months",
            "12",
            "--after-period",
            "6",
        ],
        [
            "early-repayment",
            "--method",
            "fee-installment",
            "--principal",
            "12000",
            "--annual-rate",
            "6%",
            "--monthly-fee-rate",
            "0.5%",
            "--months",
            "12",
            "--after-period",
            "6",
        ],
    ],
)
def test_refused_instead_of_ignored_or_merged(args):
    r = run(*args)
    assert r.returncode == 2
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1


def test_carried_remainder_is_said_in_the_table_output():
    r = run("equal-installment", "--principal", "10000", "--annual-rate", "24%", "--months", "360")
    assert r.returncode == 0, r.stderr
    assert "末期还款" in r.stdout and "200.32" in r.stdout
    assert "零头留到末期" in r.stdout
    r = run("equal-installment", "--principal", "12000", "--annual-rate", "18%", "--months", "12")
    assert "零头留到末期" not in r.stdout
    r = run("equal-installment", "--principal", "10000", "--annual-rate", "30%", "--months", "480")
    assert r.returncode == 2 and "月供几乎全是利息" in r.stderr
