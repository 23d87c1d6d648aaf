"""Content lint: every page dated and cited, Simplified Chinese only, no placeholders,
no stray English, one spelling per term, no scraped contact data."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md"))

# Pages about the site itself or pure navigation: they make no legal, rate or company claim.
NO_CITATION_NEEDED = {
    "index.md",
    "about.md",
    "offline.md",
    "changelog.md",
    "calculators/index.md",
    "templates/index.md",
}
ACCEPTED_ENGLISH = {
    "LPR",
    "IRR",
    "App",
    "PDF",
    "P2P",
    "CEPA",
    "Cookie",
    "SHA-256",
    "Windows",
    "macOS",
    "Linux",
    "JavaScript",
}
# Wrong or inconsistent spelling -> the spelling the site uses.
ONE_SPELLING = {
    "APP": "App",
    "停息挂帐": "停息挂账",
    "帐单": "账单",
    "帐户": "账户",
    "对帐": "对账",
    "年化率": "年化利率",
    "内部报酬率": "内部收益率",
    "征信报告": "信用报告",
    "罚款利息": "罚息",
}
PLACEHOLDERS = re.compile(r"TODO|TBD|FIXME|XXX|lorem|待补充|待完善|此处填写|calc-needed|占位", re.I)
# Contact data that must never be copied from other sites (see DEVELOPERS.md).
SCRAPED = re.compile(r"15070879527|3590931873|删帖举报")

T2S = opencc.OpenCC("t2s")


def rel(path: Path) -> str:
    return path.relative_to(DOCS).as_posix()


def front_matter(text: str) -> dict:
    match = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    return yaml.safe_load(match.group(1)) if match else {}


def prose(text: str) -> str:
    """Body text a reader sees, without markup, code, markers or URLs."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"^([ \t]*)(```|~~~).*?^\1\2", "", text, flags=re.S | re.M)
    text = re.sub(r"`[^`\n]*`", "", text)
    text = re.sub(r"\{calc [^}]*\}", "", text)
    text = re.sub(r"\[@[^\]]*\]", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"https?://\S+", "", text)
    text = re.sub(r"^\s*(?:!!!|\?\?\?\+?|===)\s*[\w-]*", "", text, flags=re.M)
    text = re.sub(r"\{[^}\n]*\}", "", text)
    return text


def test_there_are_content_pages():
    assert len(PAGES) >= 10


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_page_is_dated_and_titled(page):
    meta = front_matter(page.read_text(encoding="utf-8"))
    assert meta.get("reviewed"), "front matter needs reviewed: YYYY-MM-DD"
    assert meta.get("title"), "front matter needs a title"


@pytest.mark.parametrize("page", [p for p in PAGES if rel(p) not in NO_CITATION_NEEDED], ids=rel)
def test_content_page_cites_the_registry(page):
    assert re.search(r"\[@F-[A-Z]+-\d", page.read_text(encoding="utf-8")), "no [@F-…] citation"


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_simplified_chinese_only(page):
    text = page.read_text(encoding="utf-8")
    converted = T2S.convert(text)
    traditional = sorted({a for a, b in zip(text, converted) if a != b})
    assert traditional == []


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_no_placeholder_or_scraped_text(page):
    text = page.read_text(encoding="utf-8")
    assert not PLACEHOLDERS.search(text), PLACEHOLDERS.search(text).group(0)
    assert not SCRAPED.search(text)


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_no_stray_english(page):
    words = re.findall(r"[A-Za-z][A-Za-z0-9+-]*(?:-\d+)?", prose(page.read_text(encoding="utf-8")))
    stray = sorted(set(words) - ACCEPTED_ENGLISH)
    assert stray == []


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_terms_spelled_one_way(page):
    text = prose(page.read_text(encoding="utf-8"))
    found = []
    for wrong, right in ONE_SPELLING.items():
        pattern = r"\bAPP\b" if wrong == "APP" else re.escape(wrong)
        if re.search(pattern, text):
            found.append(f"{wrong} -> {right}")
    assert found == []


def test_lint_catches_what_it_should():
    """The lint itself can fail: a traditional character, a placeholder and stray English are found."""
    assert T2S.convert("還款") != "還款"
    assert PLACEHOLDERS.search("这里待补充")
    assert re.findall(
        r"[A-Za-z]+", prose("---\ntitle: x\n---\n还款 schedule [@F-A-01] `code`")
    ) == ["schedule"]


FORM_MARKUP = re.compile(r'class="(?:letter-form|table-form|budget-form)')


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_a_page_with_a_form_asks_for_the_form_script(page):
    # page_assets is told, not searching: without `needs: [forms]` the form would be dead text
    text = page.read_text(encoding="utf-8")
    if FORM_MARKUP.search(text):
        meta = front_matter(text)
        assert "forms" in (meta.get("needs") or []), "front matter needs: [forms]"
