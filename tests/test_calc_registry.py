"""The calculator registry (data/calculators.yml): its rules, its template language, its agreement
with the engine."""

from __future__ import annotations

import json

import calc_blocks
import calc_registry
import pytest

import calculators

REGISTRY = calc_registry.REGISTRY


def registry_with(tmp_path, old: str, new: str):
    text = calc_registry.PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "calculators.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return calc_registry.load(path)


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "months: {kind: count,",
            "months: {kind: counter,",
            "fields.months: unknown kind 'counter'",
        ),
        (
            '{>apr}"\n    table: schedule\n    charge: 利息\n    note: 每期利息',
            '{>aprs}"\n    table: schedule\n    charge: 利息\n    note: 每期利息',
            "unknown snippet '{>aprs}'",
        ),
        ('{if: "above_24", then: "高于"}', '{if: "above_24 >= 1", then: "高于"}', "bad condition"),
        (
            "fields: [principal, daily_rate, days]",
            "fields: [principal, daily_rat, days]",
            "'daily_rat' is not under 'fields'",
        ),
    ],
)
def test_a_broken_registry_fails_on_load_naming_the_key(tmp_path, old, new, message):
    with pytest.raises(
        calc_registry.RegistryError,
        match="calculators.yml: .*" + message.replace("{", r"\{").replace("(", r"\("),
    ):
        registry_with(tmp_path, old, new)


def test_templates_escape_values_and_pick_the_first_true_case():
    view = {"a": "<b>&", "n": "0", "flag": False, "other": True}
    assert REGISTRY.fill("x {a} [a]", view) == "x &lt;b&gt;&amp; <strong>&lt;b&gt;&amp;</strong>"
    cases = [{"if": "flag", "then": "one"}, {"if": "n != 0", "then": "two"}, {"else": "three"}]
    assert REGISTRY.fill(cases, view) == "three"
    assert REGISTRY.fill(cases, dict(view, n="5")) == "two"
    assert REGISTRY.lines(["L1", [{"if": "not flag", "then": ["L2", "L3"]}]], view) == [
        "L1",
        "L2",
        "L3",
    ]
    assert REGISTRY.lines(
        [[{"if": "other", "then": "L"}, {"else": "M"}]], dict(view, other=False)
    ) == ["M"]


def test_the_registry_agrees_with_the_engine():
    for name, kind in REGISTRY.types.items():
        if kind.method_label:
            engine = getattr(calculators, name)
            rate = "0.01" if kind.rate_field == "monthly_fee_rate" else "0.12"
            assert engine("1000", rate, 3).method_label == kind.method_label, name
            assert kind.rate_field in kind.spec
    # every type a page may write is declared, and a compare block's plans name a method's rate fields
    assert set(calc_blocks.TYPES) == set(REGISTRY.types)
    assert set(calc_blocks.RATE_FIELD.values()) <= set(calc_blocks.SPECS["plan"])


def test_browser_json_carries_every_type_with_its_fields_in_form_order():
    data = json.loads(REGISTRY.browser_json())
    assert list(data["types"]) == sorted(n for n, t in REGISTRY.types.items() if t.editable)
    fee = data["types"]["fee_installment"]
    assert fee["fields"] == [
        ["principal", "amount", None],
        ["monthly_fee_rate", "month_rate", None],
        ["months", "count", None],
        ["upfront_fee", "amount", "0"],
    ]
    assert data["options"]["method"][2] == ["fee_installment", "分期手续费", "等本等费"]
