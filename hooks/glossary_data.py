"""The glossary: load data/glossary.yml and write the generated 术语表 page.

Pure functions, no MkDocs. hooks/glossary.py adapts them to MkDocs events.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from data_files import DataError, as_text

__all__ = ["DataError"]  # re-exported: callers catch glossary_data.DataError

GLOSSARY_PAGE = "glossary.md"


@dataclass(frozen=True)
class Term:
    term: str
    short: str
    detail: str = ""
    aliases: tuple[str, ...] = ()


def load_glossary(path: Path) -> list[Term]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("terms")
    if not isinstance(entries, list):
        raise DataError(f"{path.name}: a top-level 'terms:' list is required")
    terms: list[Term] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        term = as_text(entry.get("term")) if isinstance(entry, dict) else ""
        if not term:
            raise DataError(f"{path.name} entry {number}: 'term' is missing")
        short = as_text(entry.get("short"))
        if not short:
            raise DataError(f"{path.name} {term}: 'short' is missing")
        aliases = tuple(as_text(a) for a in entry.get("aliases") or () if as_text(a))
        for name in (term, *aliases):
            if name in seen:
                raise DataError(f"{path.name} {term}: {name!r} is defined twice")
            seen.add(name)
        terms.append(
            Term(term=term, short=short, detail=as_text(entry.get("detail")), aliases=aliases)
        )
    return terms


def glossary_page(terms: list[Term]) -> str:
    out = [
        "---",
        "title: 术语表",
        "---",
        "",
        "# 术语表",
        "",
        "本站常用词的简单解释。在其他页面上，这些词第一次出现时下面有一条虚线，"
        "用手指点一下或把鼠标放上去，就能看到简短解释。",
        "",
    ]
    for term in terms:
        out += [f"## {term.term}", "", term.detail or term.short, ""]
        if term.aliases:
            out += [f"也叫：{'、'.join(term.aliases)}", ""]
    return "\n".join(out)
