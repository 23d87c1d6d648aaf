"""The facts registry: load data/facts.yml, find and render citations, check review dates.

Pure functions, no MkDocs. hooks/facts.py adapts them to MkDocs events, and the tests
call them directly. Citation markers are found in prose only (md_scan): a marker
shown in code stays as written.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import md_scan
import yaml
from data_files import DataError, as_date_text, as_text
from pymdownx.slugs import slugify  # the toc slugify configured in mkdocs.yml

__all__ = ["DataError"]  # re-exported: callers catch facts_data.DataError

FACT_ID = re.compile(r"F-[A-Z]+-\d{2,3}[A-Z]?")
# A citation marker: [@F-CREDIT-03] or [@F-CREDIT-03; @F-CREDIT-06]
CITATION = re.compile(r"\[@([^\]\n]*)\]")
STATUSES = ("official", "secondary")
# topic -> its 全部来源 page, sources/<slug>.md (mkdocs.yml lists them in the nav, in this order)
TOPICS = {
    "机构背景": "lender",
    "年化利率": "apr",
    "利率与法院": "rates-and-courts",
    "征信": "credit",
    "消费者权益": "consumer-rights",
    "催收": "collection",
    "投诉与调解": "complaints",
    "协商还款": "negotiation",
    "骗局提示": "scams",
    "诉讼与执行": "court",
    "法律帮助": "legal-help",
    "家庭与债务": "family",
    "身心健康": "wellbeing",
}
SECONDARY_CAVEAT = "仅见于二手资料"
SOURCES_PAGE = "sources/index.md"  # the overview, the 全部来源 section's index


def topic_page(topic: str) -> str:
    """The generated page that lists one topic's facts."""
    return f"sources/{TOPICS[topic]}.md"


@dataclass(frozen=True)
class Source:
    title: str
    issuer: str
    number: str = ""
    article: str = ""
    issued: str = ""
    in_force: str = ""
    url: str = ""


@dataclass(frozen=True)
class Fact:
    id: str
    topic: str
    claim: str
    source: Source
    status: str
    checked: str
    note: str = ""

    @property
    def secondary(self) -> bool:
        return self.status == "secondary"


@dataclass
class Citation:
    """One marker on a page: where it is and which facts it cites."""

    line: int
    start: int = 0  # offsets of the marker in the page's Markdown
    end: int = 0
    ids: list[str] = field(default_factory=list)


# --- loading ------------------------------------------------------------------


def load_facts(path: Path) -> dict[str, Fact]:
    """Read the registry; every entry is checked, and the first problem raises DataError."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("facts")
    if not isinstance(entries, list):
        raise DataError(f"{path.name}: a top-level 'facts:' list is required")
    facts: dict[str, Fact] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"{path.name} entry {number}"
        if not isinstance(entry, dict):
            raise DataError(f"{where}: must be a mapping")
        fact_id = as_text(entry.get("id"))
        if not FACT_ID.fullmatch(fact_id):
            raise DataError(f"{where}: id must look like F-CREDIT-03, got {fact_id!r}")
        where = f"{path.name} {fact_id}"
        if fact_id in facts:
            raise DataError(f"{where}: duplicate id")
        source = entry.get("source")
        if not isinstance(source, dict):
            raise DataError(f"{where}: 'source' must be a mapping")
        for required in ("title", "issuer"):
            if not as_text(source.get(required)):
                raise DataError(f"{where}: source '{required}' is missing")
        status = as_text(entry.get("status"))
        if status not in STATUSES:
            raise DataError(f"{where}: status must be one of {STATUSES}, got {status!r}")
        if status == "official" and not as_text(entry.get("verified_in")):
            # official means someone read the official text: the registry says where
            raise DataError(
                f"{where}: an official fact needs 'verified_in' (where the text was read)"
            )
        claim = as_text(entry.get("claim"))
        if not claim:
            raise DataError(f"{where}: 'claim' is missing")
        url = as_text(source.get("url"))
        if url and not url.startswith("https://") and not url.startswith("http://"):
            raise DataError(f"{where}: source url must start with http(s)://, got {url!r}")
        topic = as_text(entry.get("topic"))
        if topic not in TOPICS:
            raise DataError(f"{where}: topic must be one of {tuple(TOPICS)}, got {topic!r}")
        facts[fact_id] = Fact(
            id=fact_id,
            topic=topic,
            claim=claim,
            source=Source(
                title=as_text(source["title"]).strip("《》"),
                issuer=as_text(source["issuer"]),
                number=as_text(source.get("number")),
                article=as_text(source.get("article")),
                issued=as_date_text(source.get("issued"), where, "issued", False),
                in_force=as_date_text(source.get("in_force"), where, "in_force", False),
                url=url,
            ),
            status=status,
            checked=as_date_text(entry.get("checked"), where, "checked", True),
            note=as_text(entry.get("note")),
        )
    return facts


# --- citations on pages -------------------------------------------------------


def _ids(marker: str) -> list[str]:
    return [part.strip().lstrip("@").strip() for part in re.split(r"[;；,，]", marker)]


def find_citations(markdown: str, where: str, facts: dict[str, Fact]) -> list[Citation]:
    """Every citation marker in prose (not in code of any kind). Unknown or malformed ids
    raise DataError naming the page and line (all problems of the page at once)."""
    found: list[Citation] = []
    problems: list[str] = []
    for match, number in md_scan.find(CITATION, markdown):
        citation = Citation(line=number, start=match.start(), end=match.end())
        for fact_id in _ids(match.group(1)):
            if not FACT_ID.fullmatch(fact_id):
                problems.append(f"{where}:{number}: malformed citation {match.group(0)!r}")
            elif fact_id not in facts:
                problems.append(f"{where}:{number}: unknown fact id {fact_id!r}")
            else:
                citation.ids.append(fact_id)
        found.append(citation)
    if problems:
        raise DataError("; ".join(problems))
    return found


def _escape_md(text: str) -> str:
    """Keep registry text literal inside generated Markdown."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)


def reference_text(fact: Fact) -> str:
    """Full reference in one line: 《title》（number）article，issuer，dates。"""
    s = fact.source
    parts = [f"《{s.title}》"]
    if s.number and s.number not in s.title:
        parts.append(f"（{s.number}）")
    if s.article:
        parts.append(s.article)
    text = "".join(parts) + f"，{s.issuer}"
    if s.issued:
        text += f"，{s.issued} 发布"
    if s.in_force:
        text += f"，{s.in_force} 起施行"
    return text + "。"


def reference_markdown(fact: Fact) -> str:
    """The reference as Markdown, with the official link and the check date."""
    text = _escape_md(reference_text(fact))
    if fact.source.url:
        text += f" [原文链接]({fact.source.url})"
    text += f"（核对于 {fact.checked}）"
    if fact.secondary:
        text += f' <span class="cite-secondary">{SECONDARY_CAVEAT}</span>'
    return text


def reference_html(fact: Fact) -> str:
    """The same reference as HTML, for lists built as raw HTML."""
    text = html.escape(reference_text(fact))
    if fact.source.url:
        text += f' <a href="{html.escape(fact.source.url, quote=True)}">原文链接</a>'
    text += f"（核对于 {fact.checked}）"
    if fact.secondary:
        text += f' <span class="cite-secondary">{SECONDARY_CAVEAT}</span>'
    return text


def render_citations(
    markdown: str, page_uri: str, facts: dict[str, Fact], topic_hrefs: dict[str, str]
) -> tuple[str, list[str]]:
    """Replace markers with numbered superscripts and append the page's 来源 list.

    topic_hrefs maps a topic to the final URL of its 全部来源 page relative to this
    page (raw HTML links are not rewritten by MkDocs). Returns the new Markdown and
    the cited ids in order of first use. Numbers follow first use on the page;
    citing a fact twice reuses its number.
    """
    citations = find_citations(markdown, page_uri, facts)
    if not citations:
        return markdown, []
    order: list[str] = []
    for citation in citations:
        for fact_id in citation.ids:
            if fact_id not in order:
                order.append(fact_id)

    def superscripts(marker: str) -> str:
        out = []
        for fact_id in _ids(marker):
            n = order.index(fact_id) + 1
            fact = facts[fact_id]
            caveat = (
                f'<span class="cite-secondary">{SECONDARY_CAVEAT}</span>' if fact.secondary else ""
            )
            # No title= with the reference: the 来源 list it links to has it, once per page.
            out.append(f'<sup class="cite"><a href="#source-{n}">[{n}]</a>{caveat}</sup>')
        return "".join(out)

    pieces, done = [], 0
    for citation in citations:
        pieces += [
            markdown[done : citation.start],
            superscripts(markdown[citation.start + 2 : citation.end - 1]),
        ]
        done = citation.end
    pieces.append(markdown[done:])
    body = _anchor_headings("".join(pieces), markdown, {c.line for c in citations})
    lines = body.removesuffix("\n").split("\n")
    # The full references are searchable once, on the 全部来源 page, not again on every page.
    footer = ["", "## 来源 { #来源 }", "", '<ol class="sources" data-search-exclude>']
    for n, fact_id in enumerate(order, start=1):
        fact = facts[fact_id]
        footer.append(
            f'<li id="source-{n}"><span class="source-claim">{html.escape(fact.claim)}</span><br>'
            f"{reference_html(fact)} "
            f'<a class="fact-id" href="{topic_hrefs[fact.topic]}#{fact_id.lower()}">{fact_id}</a></li>'
        )
    footer += ["</ol>", ""]
    return "\n".join(lines + footer), order


HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
EXPLICIT_ID = re.compile(r"\{[^{}]*#[^{}]*\}[ \t]*$")


def _anchor_headings(rendered: str, source: str, lines: set[int]) -> str:
    """A heading that cites keeps the anchor of its words alone.

    The toc extension builds a heading's id from its text, superscripts included,
    so "## 时效[@F-X]" would get the id "时效1" and every link to it would break
    when the citations on the page are renumbered. Such headings get an explicit
    `{ #id }` made from the heading without its markers (same slugify as mkdocs.yml).
    """
    slug = slugify(case="lower")
    out = rendered.split("\n")
    for number in lines:
        heading = HEADING.match(source.split("\n")[number - 1])
        if not heading or EXPLICIT_ID.search(heading["text"]):
            continue
        words = CITATION.sub("", heading["text"]).strip()
        out[number - 1] = out[number - 1].rstrip() + f" {{ #{slug(words, '-')} }}"
    return "\n".join(out)


# --- review dates -------------------------------------------------------------


def review_problem(meta: dict, build_date: dt.date, window_days: int) -> str | None:
    """Why a page's `reviewed` date is unacceptable, or None if it is fine."""
    value = meta.get("reviewed")
    if value is None:
        return "front matter has no 'reviewed: YYYY-MM-DD'"
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value))
        except ValueError:
            return f"'reviewed' must be a date YYYY-MM-DD, got {value!r}"
    age = (build_date - value).days
    if age > window_days:
        return (
            f"'reviewed: {value}' is {age} days before the build date {build_date}, "
            f"older than the {window_days}-day window: check the page and update the date"
        )
    if age < -31:
        return f"'reviewed: {value}' lies more than a month after the build date {build_date}"
    return None


def reviewed_date(meta: dict) -> str:
    return as_text(meta.get("reviewed"))


# --- generated pages ----------------------------------------------------------


def _fact_markdown(fact: Fact, pages: list[tuple[str, str]], up: str) -> list[str]:
    """One fact's entry on its topic page; `up` leads from that page to the docs root."""
    out = [
        f'<div class="fact" id="{fact.id.lower()}" markdown>',
        "",
        f"**{fact.id}**　{_escape_md(fact.claim)}",
        "",
        f"- 出处：{reference_markdown(fact)}",
    ]
    if not fact.secondary:  # a secondary one says so in its 出处 line already
        out.append("- 状态：已对照官方文本")
    if pages:
        links = "、".join(f"[{_escape_md(title)}]({up}{uri})" for uri, title in pages)
        out.append(f"- 引用页面：{links}")
    else:
        out.append("- 引用页面：暂无")
    return [*out, "", "</div>", ""]


def sources_page(
    facts: dict[str, Fact], usage: dict[str, list[tuple[str, str]]], build_date: dt.date
) -> dict[str, str]:
    """The 全部来源 pages as {path: Markdown}: an overview (SOURCES_PAGE) with a count per
    topic, and a page per topic (topic_page) with each fact and the pages citing it. One
    page of every fact would outgrow a phone's first-load budget as the registry grows."""
    caveat = f"标有“{SECONDARY_CAVEAT}”的，是我们还没能对照官方原文核实的内容，请谨慎看待。"
    intro = "本站每一条涉及法律、监管、利率或机构的说法，都对应这里的一条记录。" + caveat
    front = ["---", "title: {title}", "search:", "  boost: 0.5", "---", ""]
    overview = [
        *[line.format(title="全部来源") for line in front],
        "# 全部来源",
        "",
        intro,
        "",
        f"共 {len(facts)} 条，其中 {sum(not f.secondary for f in facts.values())} 条已对照官方文本核对。"
        f"本页由事实登记表生成，生成日期 {build_date}。按主题分为以下几页：",
        "",
    ]
    pages = {}
    for topic in TOPICS:
        entries = sorted((f for f in facts.values() if f.topic == topic), key=lambda f: f.id)
        if not entries:
            continue
        official = sum(not f.secondary for f in entries)
        overview.append(
            f"- [{topic}]({TOPICS[topic]}.md)：{len(entries)} 条，其中 {official} 条已对照官方文本"
        )
        title = f"来源：{topic}"
        body = [
            *[line.format(title=title) for line in front],
            f"# {title}",
            "",
            f"[全部来源](index.md)中“{topic}”一类的 {len(entries)} 条记录。{caveat}",
            "",
        ]
        for fact in entries:
            body += _fact_markdown(fact, usage.get(fact.id, []), "../")
        pages[topic_page(topic)] = "\n".join(body)
    return {SOURCES_PAGE: "\n".join([*overview, ""]), **pages}
