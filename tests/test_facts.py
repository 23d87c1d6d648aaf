"""Facts registry: loading, citations, review dates, generated pages, glossary tooltips."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import facts_data
import glossary_data
import glossary_ext
import markdown
import pytest
from golden_files import golden
from sitebuild import ROOT, build, copy_project

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def test_facts():
    return facts_data.load_facts(FIXTURES / "facts.yml")


# --- the site's own data ----------------------------------------------------------


def test_site_registry_loads():
    # load_facts checks every entry (the rules are tested on the fixture below)
    assert len(facts_data.load_facts(ROOT / "data" / "facts.yml")) >= 30


def test_site_glossary_covers_the_core_terms():
    names = {t.term for t in glossary_data.load_glossary(ROOT / "data" / "glossary.yml")}
    for term in (
        "年化利率",
        "LPR",
        "罚息",
        "复利",
        "征信",
        "异议",
        "个性化分期",
        "停息挂账",
        "诉讼时效",
        "支付令",
        "失信被执行人",
        "限制消费",
    ):
        assert term in names


# --- registry validation ------------------------------------------------------------


@pytest.mark.parametrize(
    "change, message",
    [
        (("id: F-TEST-02", "id: F-TEST-01"), "duplicate id"),
        (("status: official", "status: maybe"), "status must be one of"),
        (("topic: 征信", "topic: 其他"), "topic must be one of"),
        (("issued: 2013-01-21", "issued: 21.1.2013"), "'issued' must be"),
        (("      url: https://www.gov.cn/example", "      url: www.gov.cn"), "url must start with"),
        (("    checked: 2026-11-29\n  - id", "    checked:\n  - id"), "'checked' is missing"),
        (("    verified_in:", "    not_verified_in:"), "an official fact needs 'verified_in'"),
    ],
)
def test_registry_errors_name_the_fact_and_the_field(tmp_path, change, message):
    text = (FIXTURES / "facts.yml").read_text(encoding="utf-8").replace(*change, 1)
    path = tmp_path / "facts.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(facts_data.DataError, match=re.escape(message)):
        facts_data.load_facts(path)


# --- citations ----------------------------------------------------------------------


def topic_hrefs(folder: str) -> dict[str, str]:
    """Each topic's 全部来源 page as a page in `folder` would link it."""
    return {topic: f"{folder}{slug}/" for topic, slug in facts_data.TOPICS.items()}


def test_citations_render_like_the_golden_file(test_facts):
    source = (FIXTURES / "citations.md").read_text(encoding="utf-8")
    rendered, order = facts_data.render_citations(
        source, "rights/page.md", test_facts, topic_hrefs("../../sources/")
    )
    assert order == ["F-TEST-01", "F-TEST-02"]
    assert "[@F-NOPE-99]" in rendered, "markers inside code fences stay as they are"
    golden("citations.md", rendered)


def test_secondary_fact_shows_its_caveat_wherever_it_is_cited(test_facts):
    source = (FIXTURES / "citations.md").read_text(encoding="utf-8")
    rendered, _ = facts_data.render_citations(
        source, "page.md", test_facts, topic_hrefs("sources/")
    )
    body, _, footer = rendered.partition("## 来源")
    # F-TEST-02 is cited twice in the text: two caveats there, one in the list.
    assert body.count(facts_data.SECONDARY_CAVEAT) == 2
    assert footer.count(facts_data.SECONDARY_CAVEAT) == 1


def test_unknown_and_malformed_ids_name_page_and_line(test_facts):
    text = "第一行\n\n引用 [@F-TEST-01] 和 [@F-TEST-77]\n再来 [@张三]\n"
    with pytest.raises(facts_data.DataError) as error:
        facts_data.find_citations(text, "rights/x.md", test_facts)
    assert "rights/x.md:3: unknown fact id 'F-TEST-77'" in str(error.value)
    assert "rights/x.md:4: malformed citation '[@张三]'" in str(error.value)


@pytest.mark.parametrize(
    "text",
    [
        "例子：`[@F-NOPE-99]` 是写法\n",  # inline code
        "例子：``[@F-NOPE-99] 和 ` 反引号``\n",  # inline code with a backtick inside
        "段落\n\n    [@F-NOPE-99] 缩进的代码块\n",  # indented code block
        "````markdown\n```text\n[@F-NOPE-99]\n```\n````\n",  # a fence shown inside a fence
        "> ```text\n> [@F-NOPE-99]\n> ```\n",  # a fence inside a blockquote
    ],
)
def test_markers_in_any_kind_of_code_are_examples_not_citations(test_facts, text):
    assert facts_data.find_citations(text, "x.md", test_facts) == []
    rendered, order = facts_data.render_citations(text, "x.md", test_facts, topic_hrefs("sources/"))
    assert order == [] and "[@F-NOPE-99]" in rendered and "<sup" not in rendered


def test_list_and_admonition_content_is_prose_not_indented_code(test_facts):
    text = '- 第一条\n\n    接着说[@F-TEST-01]\n\n!!! note "提示"\n\n    见[@F-TEST-02]\n'
    assert [c.ids for c in facts_data.find_citations(text, "x.md", test_facts)] == [
        ["F-TEST-01"],
        ["F-TEST-02"],
    ]


def test_a_marker_after_an_unclosed_fence_is_checked(test_facts):
    # An unclosed fence is no fence: the renderer shows what follows as text, so it is checked.
    with pytest.raises(facts_data.DataError, match=r"x.md:3: unknown fact id 'F-TEST-77'"):
        facts_data.find_citations("```\n文字\n[@F-TEST-77]\n", "x.md", test_facts)


def test_lines_count_newlines_only(test_facts):
    # \x1e and \u2028 are line breaks to str.splitlines(), not to Markdown.
    with pytest.raises(facts_data.DataError, match=r"x.md:2: unknown fact id"):
        facts_data.find_citations("a\x1eb\u2028c\n[@F-TEST-77]\n", "x.md", test_facts)


def test_a_heading_that_cites_keeps_the_anchor_of_its_words(test_facts):
    text = "## 保存期限[@F-TEST-01]\n\n正文[@F-TEST-02]\n\n## 已有锚点[@F-TEST-02] { #keep }\n"
    rendered, _ = facts_data.render_citations(text, "x.md", test_facts, topic_hrefs("sources/"))
    heading = rendered.split("\n")[0]
    assert heading.startswith("## 保存期限<sup") and heading.endswith(" { #保存期限 }")
    assert rendered.split("\n")[4].endswith("{ #keep }")  # an explicit id is left alone


def test_a_citation_in_the_front_matter_title_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs" / "faq.md"
    text = page.read_text(encoding="utf-8")
    line = (
        text.split("\n").index(next(ln for ln in text.split("\n") if ln.startswith("title:"))) + 1
    )
    page.write_text(text.replace("title: ", "title: 引用[@F-CREDIT-03]", 1), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"faq.md:{line}: field 'title': a citation marker cannot" in result.output


# --- review dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    "meta, expected",
    [
        ({"reviewed": dt.date(2026, 11, 1)}, None),
        ({"reviewed": dt.date(2025, 12, 1)}, None),  # exactly 365 days: still fine
        ({"reviewed": dt.date(2025, 11, 30)}, "older than the 365-day window"),
        ({}, "no 'reviewed"),
        ({"reviewed": "去年"}, "must be a date"),
        ({"reviewed": dt.date(2027, 6, 1)}, "after the build date"),
    ],
)
def test_review_dates(meta, expected):
    problem = facts_data.review_problem(meta, dt.date(2026, 12, 1), 365)
    if expected is None:
        assert problem is None
    else:
        assert expected in problem


# --- glossary tooltips --------------------------------------------------------------


def test_glossary_tooltips_work_inside_chinese_text():
    names = {
        "年化利率": ("年化利率", "一年的比例"),
        "年化": ("年化利率", "一年的比例"),
        "LPR": ("LPR", "报价利率"),
    }
    md = markdown.Markdown(extensions=[glossary_ext.GlossaryExtension(names)])
    html = md.convert((FIXTURES / "glossary.md").read_text(encoding="utf-8"))
    golden("glossary.html", html + "\n")
    # First occurrence only, never in headings or links, not inside a longer ASCII word.
    assert html.count('<abbr title="一年的比例">') == 1
    assert html.count('<abbr title="报价利率">LPR</abbr>') == 1
    assert "<h1>年化利率是什么</h1>" in html
    assert "LPRS" in html and '<abbr title="报价利率">LPRS' not in html


# --- through a real build --------------------------------------------------------------


def _reviewed(page: str) -> str:
    """The page's own `reviewed:` line (so the tests follow the content's dates)."""
    return re.search(
        r"^reviewed: .*$", (ROOT / "docs" / page).read_text(encoding="utf-8"), re.M
    ).group(0)


def _edit(project: Path, page: str, old: str, new: str) -> None:
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_fact_id_fails_the_build_naming_page_and_line(tmp_path):
    project = copy_project(tmp_path / "p")
    _edit(project, "about.md", "## 这是什么\n", "## 这是什么\n\n错误引用[@F-NOPE-01]。\n")
    lines = (project / "docs" / "about.md").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if "F-NOPE-01" in text)
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"about.md:{line}: unknown fact id 'F-NOPE-01'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site" / "about").exists(), "no partial output"


def test_missing_reviewed_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "p")
    _edit(project, "offline.md", _reviewed("offline.md") + "\n", "")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "offline.md: front matter has no 'reviewed: YYYY-MM-DD'" in result.output


def test_stale_reviewed_fails_the_build_against_the_pinned_date(tmp_path):
    project = copy_project(tmp_path / "p")
    stale = str(int(dt.datetime(2028, 1, 1, tzinfo=dt.UTC).timestamp()))
    result = build(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": stale})
    assert result.returncode != 0
    assert "older than the 365-day window" in result.output
    assert f"index.md: '{_reviewed('index.md')}'" in result.output


def test_sources_pages_list_every_cited_fact_with_its_full_reference(online_site):
    facts = facts_data.load_facts(ROOT / "data" / "facts.yml")
    overview = (online_site / "sources" / "index.html").read_text(encoding="utf-8")
    cited = {}
    for html_page in online_site.rglob("*.html"):
        for href, fact_id in re.findall(
            r'class="fact-id" href="([^"#]*)#(f-[a-z]+-\d+[a-z]?)"', html_page.read_text("utf-8")
        ):
            cited[fact_id] = href
    assert cited, "some page cites a fact"
    for fact_id, href in sorted(cited.items()):
        fact = facts[fact_id.upper()]
        slug = facts_data.TOPICS[fact.topic]
        assert href.rstrip("/").endswith(f"sources/{slug}"), f"{fact_id} links {href}"
        page = (online_site / "sources" / slug / "index.html").read_text(encoding="utf-8")
        block = page.split(f'id="{fact_id}"', 1)[1].split('class="fact"', 1)[0]
        text = re.sub(r"<abbr[^>]*>|</abbr>", "", block)  # glossary terms may mark a title
        assert f"《{fact.source.title}》" in text
        assert fact.source.issuer in text and fact.source.article in text
        assert fact.checked in block
        if fact.secondary:
            assert facts_data.SECONDARY_CAVEAT in block
        else:
            assert "状态：已对照官方文本" in block
        assert "引用页面：<a" in block
    # the overview counts each topic and links its page
    for topic, slug in facts_data.TOPICS.items():
        count = sum(f.topic == topic for f in facts.values())
        if count:
            assert re.search(rf'<a href="{slug}/">{topic}</a>：{count} 条', overview), topic


def test_pages_show_their_review_date(online_site):
    html = (online_site / "about" / "index.html").read_text(encoding="utf-8")
    date = _reviewed("about.md").removeprefix("reviewed: ")
    assert f'<p class="reviewed">最后核对：{date}</p>' in html


def test_glossary_page_and_tooltips_in_the_build(online_site):
    glossary = (online_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'id="停息挂账"' in glossary
    index = (online_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">停息挂账</abbr>', index)
