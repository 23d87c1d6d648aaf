"""Calculator blocks in pages: parsing, golden HTML, errors with page and line, inline figures."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import calc_blocks
import calc_embed
import calc_render
import pytest
from golden_files import golden
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError
from sitebuild import build, copy_project

FIXTURES = Path(__file__).parent / "fixtures" / "calc"
BLOCKS = [
    b.strip("\n") + "\n"
    for b in (FIXTURES / "blocks.txt").read_text(encoding="utf-8").split("\n====\n")
]
BLOCKS[0] = BLOCKS[0].split("\n", 1)[1]  # drop the file's header comment line


def render(text: str) -> str:
    block = calc_blocks.parse_block(text)
    return calc_render.block(calc_blocks.compute(block), block, "../method/")


@pytest.mark.parametrize("text", BLOCKS, ids=lambda t: t.split("\n")[0].split(": ")[1])
def test_blocks_render_like_their_golden_files(text):
    kind = text.split("\n")[0].split(": ")[1]
    html = render(text)
    # Pretty-print one element per line so a golden diff is readable.
    golden(
        f"calc-{kind}.html",
        re.sub(r"(<(?:li|tr|table|details|figure|p|ul)\b)", r"\n\1", html) + "\n",
    )


def test_known_values_reach_the_page():
    fee = render(BLOCKS[2])
    assert "<strong>1,072.00</strong>" in fee  # 1,000 principal + 72 fee
    assert "月费率乘以 12 只有 7.20%" in fee
    pboc = render(BLOCKS[6])  # PBOC 2021 No.3 worked example
    assert "复利口径 <strong>13.58%</strong>，单利口径 12.80%" in pboc


def test_tables_are_accessible_and_excluded_from_search():
    html = render(BLOCKS[1])  # 24 periods: folded
    assert "data-search-exclude" in html
    assert "<caption>还款计划（等额本金，共 24 期，单位：元）</caption>" in html
    assert '<th scope="col">期数</th>' in html and '<th scope="row">1</th>' in html
    assert html.count('<td class="num">') > 24 * 4
    assert '<details class="calc-all"><summary>展开全部 24 期</summary>' in html
    assert "第 4–21 期见下方完整列表" in html


@pytest.mark.parametrize(
    "text",
    [
        "type: fee_installment\nprincipal: 12000\nmonthly_fee_rate: 0.5%\nmonths: 12\nupfront_fee: 300\n",
        "type: equal_installment\nprincipal: 10000\nannual_rate: 18%\nmonths: 7\n",
    ],
)
def test_table_total_row_adds_up_its_columns(text):
    view = calc_blocks.compute(calc_blocks.parse_block(text))

    def fen(s):
        return int(s.replace(",", "").replace(".", ""))

    for column, total in ((1, "total_payment"), (2, "principal"), (3, "charged")):
        assert sum(fen(row[column]) for row in view["rows"]) == fen(view[total])
    # a fee taken at disbursement is in the cost, not in the instalments' column
    assert fen(view["charged"]) == fen(view["total_interest"]) + fen(view["total_fee"]) - fen(
        view["upfront_fee"]
    )


@pytest.mark.parametrize(
    "rate, verdict",
    [
        ("18%", "（不高于 24%）"),
        (
            "23%",
            "（复利口径高于 24%，单利口径不高于）",
        ),  # 12 × 23%/12 = 23 %; (1 + 23%/12)^12 − 1 ≈ 25.6 %
        ("30%", "（两种口径都高于 24%）"),
    ],
)
def test_the_24_percent_line_is_told_per_rate(rate, verdict):
    html = render(f"type: equal_installment\nprincipal: 12000\nannual_rate: {rate}\nmonths: 12\n")
    assert verdict in html


def test_chart_has_a_text_alternative():
    html = render(BLOCKS[0])
    svg = re.search(r"<svg [^>]*>", html).group(0)
    assert 'role="img"' in svg and 'aria-label="每期还款中本金和利息的构成' in svg


def test_inline_figures_come_from_the_engine():
    block, show, digits = calc_blocks.parse_inline(
        "fee_installment principal=12000 monthly_fee_rate=0.6% months=12 show=apr_compound digits=1"
    )
    assert calc_blocks.inline_value(calc_blocks.compute(block), show, digits, block) == "13.8%"
    block, show, digits = calc_blocks.parse_inline(
        "fee_installment principal=12000 monthly_fee_rate=0.6% months=12 show=nominal_rate"
    )
    assert calc_blocks.inline_value(calc_blocks.compute(block), show, digits, block) == "7.20%"


# --- the hook, with stand-ins for MkDocs' page and files ------------------------------------


def fake_page(markdown: str, front: str = "---\ntitle: x\n---\n"):
    """Three lines of front matter, so page line = body line + 3."""
    file = SimpleNamespace(src_uri="calculators/demo.md", content_string=front + markdown)
    page = SimpleNamespace(file=file, url="calculators/demo/", meta={})
    files = SimpleNamespace(get_file_from_path=lambda p: SimpleNamespace(url="calculators/method/"))
    return page, files


def run_hook(markdown: str, page=None) -> str:
    page, files = fake_page(markdown) if page is None else (page, fake_page("")[1])
    out = calc_embed.on_page_markdown(markdown, page=page, config=None, files=files)
    html = calc_embed.on_page_content(out, page=page, config=None, files=files)
    return calc_embed.on_post_page(html, page=page, config=None)


def test_the_hook_tells_page_assets_which_pages_have_blocks():
    with_block, _ = fake_page("")
    run_hook("```calc\n" + BLOCKS[0] + "```\n", with_block)
    figure_only, _ = fake_page("")
    run_hook(
        "约 {calc equal_installment principal=12000 annual_rate=18% months=12 show=payment} 元。\n",
        figure_only,
    )
    assert with_block.meta.get("page_asset_groups") == ["calc"]
    assert figure_only.meta.get("page_asset_groups") is None  # an inline figure is plain text


def test_hook_replaces_blocks_and_figures_and_leaves_no_marker():
    text = (
        "# 标题\n\n```calc\n"
        + BLOCKS[0]
        + "```\n\n约 {calc equal_installment principal=12000 annual_rate=18% months=12 show=payment} 元。\n"
    )
    html = run_hook(text)
    assert "```calc" not in html and "{calc" not in html and "calc-slot" not in html
    assert 'data-calc="equal_installment"' in html
    assert "约 1,100.16 元" in html
    assert 'href="../method/"' in html


def test_a_slot_lost_in_markdown_conversion_fails_the_build():
    page, files = fake_page("")
    out = calc_embed.on_page_markdown(
        "```calc\n" + BLOCKS[0] + "```\n", page=page, config=None, files=files
    )
    assert 'data-slot="0"' in out
    with pytest.raises(PluginError, match="calculators/demo.md: a calculator block was lost"):
        calc_embed.on_page_content("<p>nothing left</p>", page=page, config=None, files=files)


def test_blocks_go_into_the_written_page_once_each():
    page, files = fake_page("")
    out = calc_embed.on_page_markdown(
        "```calc\n" + BLOCKS[0] + "```\n", page=page, config=None, files=files
    )
    html = calc_embed.on_page_content(out, page=page, config=None, files=files)
    assert "calc-slot" in html and 'data-calc="' not in html  # search and theme see only the slot
    with pytest.raises(PluginError, match="1 calculator blocks, 0 slots in the written page"):
        calc_embed.on_post_page("<html>theme lost the content</html>", page=page, config=None)


def test_form_is_built_hidden_with_the_pages_values():
    block = calc_blocks.parse_block(
        "type: early_repayment\nmethod: 等本等费\nprincipal: 1.2万\nmonthly_fee_rate: 0.6%\nmonths: 12\n"
        "after_period: 3\nkeep: 月供不变\n"
    )
    html = calc_render.form(block, 4)
    assert html.startswith('<form class="calc-form" novalidate hidden>')
    assert (
        '<option value="fee_installment" selected>分期手续费</option>' in html
    )  # alias -> its option
    assert '<option value="payment" selected>月供不变</option>' in html
    assert (
        'id="calc4-0-principal" name="principal" type="text" autocomplete="off" value="1.2万"'
        in html
    )
    # the other method's rate field is there but hidden; the fee rate is shown
    assert '<div class="calc-field" hidden><label for="calc4-0-annual_rate">年利率</label>' in html
    assert '<div class="calc-field"><label for="calc4-0-monthly_fee_rate">月费率</label>' in html
    ids = re.findall(r'id="([^"]+)"', html)
    rates = 3  # annual_rate, monthly_fee_rate, fee_rate: each also has a reading and a warning
    assert len(ids) == len(set(ids)) == 2 * len(calc_blocks.SPECS["early_repayment"]) + 2 * rates
    for_ids = re.findall(r'for="([^"]+)"', html)
    assert set(for_ids) <= set(ids) and len(for_ids) == len(calc_blocks.SPECS["early_repayment"])


def test_a_block_the_browser_cannot_recompute_gets_no_form():
    block = calc_blocks.parse_block(
        "type: cashflow_rate\nreceived: 10000\npayment: 900\nmonths: 12\n"
    )
    assert "calc-form" not in calc_render.block(calc_blocks.compute(block), block, "../method/")


def test_blocks_inside_admonitions_keep_their_indentation():
    body = "\n".join("    " + line if line else "" for line in BLOCKS[3].splitlines())
    page, files = fake_page("")
    out = calc_embed.on_page_markdown(
        f'!!! note "例子"\n\n    ```calc\n{body}\n    ```\n', page=page, config=None, files=files
    )
    assert '    <div class="calc-slot" data-slot="0"></div>' in out


@pytest.mark.parametrize(
    "block, line, message",
    [
        ("type: balloon\nprincipal: 1\n", 7, "field 'type': unknown calculator 'balloon'"),
        ("principal: 1\n", 7, "field 'type': is required"),
        (
            "type: equal_installment\nprincipal: 12000\nannual_rate: 18%\n",
            7,
            "field 'months': is required but missing",
        ),
        (
            "type: equal_installment\nprincipal: 12000\nannual_rate: 18%\nmonths: 12\ncolour: red\n",
            11,
            "field 'colour': unknown field",
        ),
        (
            "type: equal_installment\nprincipal: 12000\nannual_rate: 18%\nmonths: 0\n",
            10,
            "field 'months'",
        ),
        (
            "type: equal_installment\nprincipal: 12000\nannual_rate: 18%\nmonths: 601\n",
            10,
            "field 'months'",
        ),
        (
            "type: equal_installment\nprincipal: -5\nannual_rate: 18%\nmonths: 12\n",
            8,
            "field 'principal'",
        ),
        (
            "type: equal_installment\nprincipal: abc\nannual_rate: 18%\nmonths: 12\n",
            8,
            "field 'principal'",
        ),
        (
            "type: equal_installment\nprincipal: 12000\nannual_rate: 1800\nmonths: 12\n",
            9,
            "field 'annual_rate'",
        ),
        (  # payments below the money received: was shown as −95.90 %
            "type: cashflow_rate\nreceived: 10000\npayment: 300\nmonths: 12\n",
            9,
            "field 'payment'",
        ),
        (
            "type: equal_installment\nprincipal: 12000\nannual_rate: 2000%\nmonths: 12\n",
            9,
            "field 'annual_rate'",
        ),
        (
            "type: daily_interest\nprincipal: 100\ndaily_rate: 0.6%/月\ndays: 3\n",
            9,
            "field 'daily_rate'",
        ),
        (
            "type: early_repayment\nmethod: 等额本息\nprincipal: 1000\nannual_rate: 6%\nmonths: 12\nafter_period: 12\n",
            12,
            "field 'after_period'",
        ),
        (
            "type: early_repayment\nmethod: 等额本息\nprincipal: 1000\nannual_rate: 6%\nmonths: 12\nafter_period: 2\namount: 5000\n",
            13,
            "field 'amount'",
        ),
        (
            "type: early_repayment\nmethod: 分期手续费\nprincipal: 1000\nannual_rate: 6%\nmonths: 12\nafter_period: 2\n",
            8,
            "field 'monthly_fee_rate': is required for method fee_installment",
        ),
        (
            "type: compare\n---\nname: a\nmethod: 等额本息\nprincipal: 1\nannual_rate: 1%\nmonths: 2\n",
            7,
            "2 to 5 plans",
        ),
        (
            "type: fee_installment\nprincipal: 1000\nmonthly_fee_rate: 1%\nmonths: 3\nupfront_fee: 1000\n",
            11,
            "field 'upfront_fee'",
        ),
        ("type: equal_installment\nprincipal 12000\n", 8, "expected 'key: value'"),
    ],
)
def test_malformed_blocks_name_page_line_field_and_reason(block, line, message):
    markdown = "# 标题\n\n```calc\n" + block + "```\n"
    with pytest.raises(PluginError) as error:
        run_hook(markdown)
    text = str(error.value)
    assert "\n" not in text
    assert text.startswith(f"calculators/demo.md:{line}: calc block"), text
    assert message in text


def test_malformed_inline_figure_names_page_and_line():
    with pytest.raises(PluginError) as error:
        run_hook(
            "# 标题\n\n第三行 {calc fee_installment principal=12000 months=12 show=apr_compound}\n"
        )
    assert str(error.value).startswith("calculators/demo.md:6: inline figure")
    assert "field 'monthly_fee_rate': is required" in str(error.value)


def test_unclosed_fence_fails():
    with pytest.raises(PluginError, match=r"demo.md:6: calc block: the fence is never closed"):
        run_hook("# 标题\n\n```calc\ntype: daily_interest\n")


@pytest.mark.parametrize(
    "opening, message",
    [
        (
            "```calc {.x}",
            "demo.md:6: calc block: fence info ```'calc {.x}' is not a calculator block",
        ),
        ("```Calc", "demo.md:6: calc block: fence info ```'Calc' is not a calculator block"),
        ("~~~calc title=x", "demo.md:6: calc block: fence info ~~~'calc title=x'"),
    ],
)
def test_a_fence_that_almost_opens_a_block_fails(opening, message):
    close = opening[:3]
    with pytest.raises(PluginError, match=re.escape(message)):
        run_hook(f"# 标题\n\n{opening}\n{BLOCKS[0]}{close}\n")


def test_a_block_inside_a_blockquote_fails():
    quoted = "".join(f"> {line}\n" for line in ["```calc", *BLOCKS[0].splitlines(), "```"])
    with pytest.raises(PluginError, match=r"demo.md:6: calc block: .*inside a blockquote"):
        run_hook(f"# 标题\n\n{quoted}")


def test_markers_shown_as_code_stay_as_written():
    page = (
        "# 写法\n\n````markdown\n```calc\ntype: nonsense\n```\n````\n\n"
        "行内写法 `{calc equal_installment principal=1 show=payment}` 不计算。\n\n"
        "    {calc nonsense}\n"
    )
    out = run_hook(page)
    assert out == page  # nothing computed, nothing replaced


def test_a_control_character_in_a_value_does_not_shift_the_reported_line():
    # str.splitlines() breaks at \x1e (the fuzz test once drew it): lines count "\n" only.
    block = (
        "type: equal_installment\ntitle: 甲\x1e乙\nprincipal: 12000\nannual_rate: 18%\nmonths: 0\n"
    )
    with pytest.raises(
        PluginError, match=r"demo.md:11: calc block 'equal_installment': field 'months'"
    ):
        run_hook(f"# 标题\n\n```calc\n{block}```\n")


VALID = BLOCKS[0].splitlines()  # type, principal, annual_rate, months
JUNK = st.one_of(
    st.text(max_size=8),
    st.sampled_from(
        [
            "-1",
            "0",
            "1e400",
            "NaN",
            "Infinity",
            "18",
            "1,5",
            "１２，０００",
            "0.05%/日",
            "999999999999999",
            "%",
            "万",
        ]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fuzzed_blocks_either_render_or_fail_with_a_located_one_line_error(data):
    lines = list(VALID)
    action = data.draw(st.sampled_from(["replace", "drop", "add", "type"]))
    index = data.draw(st.integers(0, len(lines) - 1))
    if action == "replace":
        key = lines[index].split(":")[0]
        lines[index] = f"{key}: {data.draw(JUNK)}"
    elif action == "drop":
        del lines[index]
    elif action == "add":
        lines.append(
            f"{data.draw(st.sampled_from(['days', 'colour', 'basis', 'amount']))}: {data.draw(JUNK)}"
        )
    else:
        lines[0] = (
            f"type: {data.draw(st.text(alphabet='abcdefghijklmnopqrstuvwxyz_', max_size=12))}"
        )
    markdown = "# 标题\n\n```calc\n" + "\n".join(lines) + "\n```\n"
    try:
        html = run_hook(markdown)
    except PluginError as error:  # the only exception allowed: never a traceback from elsewhere
        text = str(error)
        assert "\n" not in text
        match = re.match(r"calculators/demo\.md:(\d+): calc block", text)
        assert match, text
        assert 7 <= int(match.group(1)) <= 7 + len(lines)  # the block's lines in the file
        return
    assert "NaN" not in html and "Infinity" not in html
    assert 'class="calc"' in html


# --- through a real strict build --------------------------------------------------------------


@pytest.mark.build
def test_a_malformed_block_fails_the_strict_build_without_partial_output(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs" / "about.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text
        + "\n```calc\ntype: equal_installment\nprincipal: 12000\nannual_rate: 18%\nmonths: 1000\n```\n",
        encoding="utf-8",
    )
    line = (
        len(text.splitlines()) + 6
    )  # blank line, fence, then type, principal, annual_rate, months
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"about.md:{line}: calc block 'equal_installment': field 'months'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site" / "about").exists()


# --- what the reader sees -------------------------------------------------------------------


def test_a_block_with_an_annual_rate_leads_with_the_one_to_compare():
    for text in (BLOCKS[2], BLOCKS[6]):  # fee_installment, cashflow_rate
        html = render(text)
        lead = re.search(r'<p class="calc-lead">(.*?)</p>', html).group(1)
        view = calc_blocks.compute(calc_blocks.parse_block(text))
        assert f"注明“单利”的，看单利口径 <strong>{view['apr_simple']}</strong>" in lead
        assert f"没有注明的，看复利口径 <strong>{view['apr_compound']}</strong>" in lead
        # the lead comes before the result list
        assert html.index("calc-lead") < html.index("calc-summary")


def test_overdue_shows_the_extra_charge_and_what_is_owed_in_all():
    html = render(BLOCKS[4])  # 1,000 principal + 15 interest, 30 days, 1 % late fee
    assert "逾期多出的费用合计：<strong>32.99</strong> 元" in html
    assert "连本带息共欠：<strong>1,047.99</strong> 元" in html  # 1,000 + 15 + 32.99
    assert "年利率填合同或 App 标明的年化利率，不要填月费率乘以 12" in html


def test_every_numeric_field_opens_the_number_pad():
    for text in BLOCKS:
        html = render(text)
        for tag in re.findall(r"<input [^>]*>", html):
            name = re.search(r'name="(\w+)"', tag).group(1)
            assert ('inputmode="decimal"' in tag) == (name != "name"), tag


def test_a_page_carries_the_registry_of_its_own_calculator_types_once():
    fee = "```calc\n" + BLOCKS[2] + "```\n"
    html = run_hook("# 标题\n\n" + fee + "\n" + fee)
    scripts = re.findall(
        r'<script type="application/json" class="calc-registry">(.*?)</script>', html
    )
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert list(data["types"]) == ["fee_installment"]
    assert data["plausible"]["month"] == ["0.0008", "0.05"]
    # a compare block names methods: their types come along
    compare = run_hook("```calc\n" + BLOCKS[7] + "```\n")
    types = json.loads(re.search(r'class="calc-registry">(.*?)</script>', compare).group(1))[
        "types"
    ]
    assert set(types) == {"compare", "equal_installment", "equal_principal", "fee_installment"}
    assert "calc-registry" not in run_hook("没有计算器。\n")


def test_a_rate_field_shows_how_its_number_was_read_and_warns_when_implausible():
    block = calc_blocks.parse_block(
        "type: fee_installment\nprincipal: 20000\nmonthly_fee_rate: 0.75\nmonths: 12\n"
    )
    html = calc_render.form(block, 1)
    assert (
        '<p class="calc-reading" id="calc1-0-monthly_fee_rate-r">按 月费率 0.75% 计算</p>' in html
    )
    assert '<p class="calc-warning" id="calc1-0-monthly_fee_rate-w" hidden></p>' in html
    # a bare 0.75 is 0.75 % a month: 150 + 1,666.67 a month, not 16,666.67
    assert calc_blocks.compute(block)["payment"] == "1,816.67"
    odd = calc_blocks.parse_block(
        "type: equal_installment\nprincipal: 20000\nannual_rate: 0.18\nmonths: 12\n"
    )
    html = calc_render.form(odd, 1)
    assert "按 年利率 0.18% 计算" in html
    assert "年利率 0.18% 低得少见，请核对：数字按百分数读，18 就是 18%</p>" in html


# --- block syntax that used to fail quietly ---------------------------------------------------

COMPARE = BLOCKS[7]  # title, then three plans


def test_an_engine_error_in_a_compare_block_names_the_plans_own_line():
    body = COMPARE.replace("months: 24", "months: 700")  # plan 2's months, refused by the engine
    line = 6 + body.split("\n").index("months: 700")  # fence on page line 6, body from line 7
    with pytest.raises(PluginError) as error:
        run_hook("# 标题\n\n```calc\n" + body + "```\n")
    assert str(error.value).startswith(f"calculators/demo.md:{line + 1}: calc block 'compare': ")
    assert "field 'plans[2].months'" in str(error.value)
    # a default the plan did not write: the plan's own first line
    body = COMPARE.replace("pause_months: 3", "pause_months: 121")
    with pytest.raises(PluginError) as error:
        run_hook("# 标题\n\n```calc\n" + body + "```\n")
    assert "field 'plans[3].pause_months'" in str(error.value)


def test_a_hash_inside_a_value_is_kept_and_a_spaced_hash_starts_a_comment():
    block = calc_blocks.parse_block(
        "type: compare\ntitle: 方案#1 对比  # 注释\n---\n"
        + "\n---\n".join(COMPARE.split("\n---\n")[1:3])
    )
    assert block.title == "方案#1 对比"
    assert (
        calc_blocks.parse_block(BLOCKS[0].replace("months: 12", "months: 12 # 一年")).params[
            "months"
        ]
        == 12
    )


@pytest.mark.parametrize("digits", ["²", "٣", "5", "-1", "1.5"])
def test_bad_digits_give_the_one_line_error(digits):
    with pytest.raises(PluginError) as error:
        run_hook(
            f"# 标题\n\n见 {{calc fee_installment principal=12000 monthly_fee_rate=0.6% months=12 "
            f"show=apr_compound digits={digits}}}\n"
        )
    text = str(error.value)
    assert "\n" not in text and text.startswith("calculators/demo.md:6: inline figure")
    assert "field 'digits': must be 0 to 4" in text


INLINE_JUNK = st.lists(
    st.sampled_from(list("0123456789.%,万²٣-+e ") + ["\x1e", "\u2028", "abc", "=", "#"]),
    max_size=8,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    field=st.sampled_from(
        ["principal", "monthly_fee_rate", "months", "upfront_fee", "digits", "show"]
    ),
    value=INLINE_JUNK,
)
def test_fuzzed_inline_figures_render_or_fail_with_the_one_line_error(field, value):
    parts = {
        "principal": "12000",
        "monthly_fee_rate": "0.6%",
        "months": "12",
        "show": "apr_compound",
        "digits": "1",
    }
    parts[field] = value
    body = " ".join(f"{k}={v}" for k, v in parts.items())
    try:
        run_hook(f"# 标题\n\n见 {{calc fee_installment {body}}}。\n")
    except PluginError as error:
        assert "\n" not in str(error) and str(error).startswith("calculators/demo.md:")
