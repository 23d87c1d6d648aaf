"""The parity golden file: raw inputs -> the Python view and HTML, for calc.js to match.

tests/golden/calc-parity.json holds the browser registry (what the build writes into
calc.js), hundreds of generated and hand-picked cases with their Python view and
output HTML, and bad inputs with the field Python blames. `node --test tests/`
(tests/calc_parity.test.mjs, run by `make test`) runs calc.js against it without a
browser. This test fails when the file is out of date; `UPDATE_GOLDEN=1` rewrites it.
"""

from __future__ import annotations

import hashlib
import json

import calc_blocks
import calc_registry
import calc_render
from calc_cases import BAD_INPUTS, full_raw, parity_cases, python_view
from golden_files import golden

KINDS = {
    "equal_installment",
    "equal_principal",
    "fee_installment",
    "daily_interest",
    "overdue",
    "early_repayment",
    "compare",
}


def digest(value) -> str:
    """sha256 of a string, or of a value's compact JSON (JSON.stringify gives the same text)."""
    text = (
        value
        if isinstance(value, str)
        else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    )
    return hashlib.sha256(text.encode()).hexdigest()


def expected(kind: str, raw: dict, title: str, view: dict) -> dict:
    """A case as stored: long schedules' rows, the chart bars and the HTML as digests, so the
    file stays small; everything else in full, so a mismatch names the field."""
    short = {k: v for k, v in view.items() if k not in ("rows", "bars")}
    if "rows" in view:
        short["rows_bars_sha256"] = digest([view["rows"], view["bars"]])
    return {
        "type": kind,
        "raw": raw,
        "title": title,
        "view": short,
        "html_sha256": digest(calc_render.output(view)),
        "readings": readings(kind, raw),
    }


def readings(kind: str, raw: dict) -> list[list]:
    """[kind, text, label, reading, warning] for each rate field with a value (as the form shows them)."""
    out = []
    for section_kind, section in (
        [("plan", plan) for plan in raw["plans"]] if kind == "compare" else [(kind, raw)]
    ):
        for name, (field_kind, _) in calc_blocks.SPECS[section_kind].items():
            text = section.get(name, "")
            if text and calc_registry.REGISTRY.kinds[field_kind].get("per"):
                value = calc_blocks.PARSERS[field_kind](text, name)
                label = calc_render.LABELS[name]
                out.append(
                    [field_kind, text, label, *calc_render.rate_reading(name, field_kind, value)]
                )
    return out


def parity_data() -> dict:
    cases = parity_cases()
    assert len(cases) >= 300 and {kind for kind, *_ in cases} == KINDS
    errors = []
    for kind, raw in BAD_INPUTS:
        refused, _ = python_view(kind, raw)
        assert "error" in refused, (kind, raw)
        errors.append({"type": kind, "raw": full_raw(kind, raw), "field": refused["error"]})
    return {
        "registry": json.loads(calc_registry.REGISTRY.browser_json()),
        # two pages' parts, as the single-file edition carries them one after the other
        "page_registries": [
            json.loads(calc_registry.REGISTRY.browser_json({"daily_interest"})),
            json.loads(calc_registry.REGISTRY.browser_json({"overdue"})),
        ],
        "cases": [expected(*case) for case in cases],
        "errors": errors,
    }


def test_parity_golden_file_is_current():
    text = json.dumps(parity_data(), ensure_ascii=False, indent=None, separators=(",", ":"))
    golden("calc-parity.json", text.replace(',{"type"', ',\n{"type"') + "\n")
