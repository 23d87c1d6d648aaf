"""Facts registry on pages: citations, 来源 lists, review dates, the 全部来源 page.

Thin adapter over facts_data.py:
- on_config: load data/facts.yml; work out the build date (SOURCE_DATE_EPOCH
  when set, so builds are reproducible) and the review window
  (extra.review_window_days, default 365).
- on_files: check every page before anything is rendered — `reviewed` present
  and fresh, every [@F-…] marker known — and fail with one message listing
  page:line for each problem; then generate the 全部来源 pages (the overview
  sources/index.md and one page per topic) from the usage.
- on_page_markdown: turn markers into numbered citations, append 来源, show 最后核对.
- on_post_build: list facts no page cites (information, not an error).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import facts_data
import glossary_data
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

log = get_plugin_logger(__name__)
GENERATED = {
    facts_data.SOURCES_PAGE,
    glossary_data.GLOSSARY_PAGE,
    *map(facts_data.topic_page, facts_data.TOPICS),
}
H1 = re.compile(r"^# .+$", re.M)

_state: dict = {}


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def on_config(config):
    root = Path(config.config_file_path).parent
    try:
        facts = facts_data.load_facts(root / "data" / "facts.yml")
    except (facts_data.DataError, OSError) as error:
        raise PluginError(f"facts registry: {error}") from None
    _state.update(
        facts=facts,
        date=build_date(),
        window=int(config.extra.get("review_window_days", 365)),
        usage={},
    )
    return config


def _title(source: str, meta: dict, uri: str) -> str:
    if meta.get("title"):
        return str(meta["title"])
    heading = H1.search(source)
    return heading.group(0)[2:].strip() if heading else uri


@event_priority(-10)  # after glossary.py added its generated page, so its citations count too
def on_files(files, config):
    facts, usage = _state["facts"], {}
    problems: list[str] = []
    for file in files.documentation_pages():
        uri = file.src_uri
        source = file.content_string
        body, meta = get_data(source)
        offset = source[: len(source) - len(body)].count("\n")  # front matter lines
        if uri not in GENERATED:
            problem = facts_data.review_problem(meta, _state["date"], _state["window"])
            if problem:
                problems.append(f"{uri}: {problem}")
        title = str(meta.get("title") or "")
        if facts_data.CITATION.search(title):
            # The title goes into the nav, the tab and <title>, where a citation cannot render.
            line = 1 + source[: len(source) - len(body)].split("\n").index(
                next(ln for ln in source.split("\n") if ln.startswith("title:"))
            )
            problems.append(
                f"{uri}:{line}: field 'title': a citation marker cannot go in the title; cite in the text"
            )
        try:
            citations = facts_data.find_citations(body, uri, facts)
        except facts_data.DataError as error:
            # Report lines of the whole file, front matter included.
            problems += [
                re.sub(
                    rf"^{re.escape(uri)}:(\d+)",
                    lambda m, uri=uri, offset=offset: f"{uri}:{int(m.group(1)) + offset}",
                    p,
                )
                for p in str(error).split("; ")
            ]
            continue
        for citation in citations:
            for fact_id in citation.ids:
                entry = (uri, _title(body, meta, uri))
                if entry not in usage.setdefault(fact_id, []):
                    usage[fact_id].append(entry)
    if problems:
        raise PluginError("facts check failed:\n  " + "\n  ".join(problems))
    _state["usage"] = usage
    for path, content in facts_data.sources_page(facts, usage, _state["date"]).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    hrefs = {}
    for topic in facts_data.TOPICS:
        listing = files.get_file_from_path(facts_data.topic_page(topic))
        if listing:  # a topic with no facts has no page
            hrefs[topic] = get_relative_url(listing.url, page.url)
    try:
        markdown, _ = facts_data.render_citations(markdown, uri, _state["facts"], hrefs)
    except facts_data.DataError as error:  # on_files already checked; this is a safety net
        raise PluginError(str(error)) from None
    if uri not in GENERATED and page.meta.get("reviewed"):
        stamp = f'<p class="reviewed">最后核对：{facts_data.reviewed_date(page.meta)}</p>'
        match = H1.search(markdown)
        if match:
            markdown = markdown[: match.end()] + "\n\n" + stamp + "\n" + markdown[match.end() :]
        else:
            markdown = stamp + "\n\n" + markdown
    return markdown


def on_post_build(config):
    unused = sorted(set(_state["facts"]) - set(_state["usage"]))
    if unused:
        log.info("facts no page cites yet (%d): %s", len(unused), ", ".join(unused))
