"""Markdown extension: glossary tooltips that work in Chinese text.

Python-Markdown's `abbr` matches terms between \\b word boundaries, and
Chinese characters count as word characters, so a term inside a Chinese
sentence ("实际年化利率约…") never matches. This treeprocessor wraps the first
occurrence of each glossary term on a page in <abbr title="short explanation">,
requiring only that ASCII terms (LPR, 12378) are not part of a longer ASCII
word. Headings, links, code, existing abbr and citation superscripts are skipped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

SKIP_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "code",
    "pre",
    "abbr",
    "sup",
    "dt",
    "script",
    "style",
}


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md, names: dict[str, tuple[str, str]]):
        super().__init__(md)
        # name (term or alias) -> (canonical term, tooltip)
        self.names = names
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        self.pattern = (
            re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])") if names else None
        )
        self.done: set[str] = set()

    def run(self, root):
        if self.pattern is None:
            return
        self.done = set()
        self._walk(root)

    def _skip(self, element) -> bool:
        return element.tag in SKIP_TAGS or "data-search-exclude" in element.attrib

    def _walk(self, element):
        if self._skip(element):
            return
        element.text = self._wrap_text(element, element.text, index=0)
        for child in list(element):
            self._walk(child)
            position = list(element).index(child) + 1
            child.tail = self._wrap_text(element, child.tail, index=position)

    def _wrap_text(self, parent, text, index: int):
        """Wrap the first unseen term in text; new elements go into parent at index."""
        if not text or isinstance(text, AtomicString):
            return text
        for match in self.pattern.finditer(text):
            canonical, tooltip = self.names[match.group(0)]
            if canonical in self.done:
                continue
            self.done.add(canonical)
            abbr = etree.Element("abbr", {"title": tooltip})
            abbr.text = AtomicString(match.group(0))
            parent.insert(index, abbr)
            abbr.tail = self._wrap_text(parent, text[match.end() :], index + 1)
            return text[: match.start()]
        return text


class GlossaryExtension(Extension):
    def __init__(self, names: dict[str, tuple[str, str]], **kwargs):
        self.names = names
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After inline processing (so text nodes are final), before prettify.
        md.treeprocessors.register(GlossaryTreeprocessor(md, self.names), "glossary_tooltips", 5)
