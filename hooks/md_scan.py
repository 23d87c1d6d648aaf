"""Where a page's Markdown is code: one scanner for every marker a hook looks for.

No MkDocs here. Citation markers (``[@F-…]``) and calculator figures (``{calc …}``)
mean something only in prose; shown inside code they are examples and must stay
as written. :func:`mask_code` returns the page with every code character
(fenced blocks, indented code blocks, inline code spans) replaced by a space, so
a regular expression run over the mask finds markers only in prose, at offsets
that are valid in the original text. :func:`fences` lists the fenced blocks with
their info strings, so a hook can claim its own fences (```` ```calc ````) and
refuse near misses.

Line numbers count ``\\n`` only (``str.splitlines`` would also split on
``\\x1c``–``\\x1e``, ``\\x85``, ``\\u2028``… and put every later line off by one).

The rules follow what Python-Markdown with pymdownx.superfences renders as
code, closely enough for markers:

- a fence opens with three or more backticks or tildes at any indentation
  (also inside a blockquote) and closes with a line of the same character, at
  least as long, at the same indentation; an unclosed fence is no fence (the
  renderer shows it as text), so what follows it is prose;
- an indented code block is a run of lines indented four columns deeper than
  the container they are in (top level, a list item or an admonition), after a
  blank line;
- an inline code span is a run of backticks closed by a run of the same length,
  within one paragraph.

>>> text = "see [@F-A-01]\\n\\n    [@F-B-02]\\n\\n`[@F-C-03]` and ```x``` [@F-D-04]\\n"
>>> [text[m.start():m.end()] for m in CITE_EXAMPLE.finditer(mask_code(text))]
['[@F-A-01]', '[@F-D-04]']
>>> line_of("a\\x1eb\\nc", 4)
2
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE_OPEN = re.compile(
    r"^(?P<indent>[ \t]*)(?P<quote>(?:>[ \t]?)*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$"
)
CONTAINER = re.compile(r"^(?P<indent>[ ]*)(?:[-*+][ \t]|\d+[.)][ \t]|(?:!!!|\?\?\?\+?|===!?)[ \t])")
INLINE_CODE = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
CITE_EXAMPLE = re.compile(r"\[@[^\]\n]*\]")  # for the doctest above


@dataclass(frozen=True)
class Fence:
    """A closed fenced block. Lines are 1-based; `first` is the opening line."""

    first: int
    last: int
    indent: str
    quoted: bool  # inside a blockquote (">" before the fence)
    marker: str  # the backticks or tildes that open it
    info: str  # what follows the marker, stripped
    body: str  # the lines between, with the fence's indentation removed


def _width(indent: str) -> int:
    return len(indent.expandtabs(4))


def _lines(text: str) -> list[str]:
    return text.split("\n")


def fences(text: str) -> list[Fence]:
    """Every closed fenced block, outermost only (a fence shown inside another is its body)."""
    lines = _lines(text)
    found: list[Fence] = []
    index = 0
    while index < len(lines):
        opening = FENCE_OPEN.match(lines[index])
        if not opening or (opening["fence"][0] == "`" and "`" in opening["info"]):
            index += 1
            continue
        indent, quote, marker = opening["indent"], opening["quote"], opening["fence"]
        closing = re.compile(
            rf"^{re.escape(indent)}(?:>[ \t]?)*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$"
            if quote
            else rf"^{re.escape(indent)}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$"
        )
        end = next((j for j in range(index + 1, len(lines)) if closing.match(lines[j])), None)
        if end is None:  # never closed: not a fence
            index += 1
            continue
        body = "\n".join(
            line[len(indent) :] if line.startswith(indent) else line.lstrip(" \t")
            for line in lines[index + 1 : end]
        )
        found.append(
            Fence(index + 1, end + 1, indent, bool(quote), marker, opening["info"].strip(), body)
        )
        index = end + 1
    return found


def _indented_code_lines(lines: list[str], fenced: set[int]) -> set[int]:
    """0-based indexes of lines in indented code blocks (outside fences)."""
    code: set[int] = set()
    containers: list[int] = []  # content indentation of each open list item / admonition
    previous_blank = True
    in_code_at: int | None = None
    for index, line in enumerate(lines):
        if index in fenced:
            previous_blank = False
            in_code_at = None
            continue
        if not line.strip():
            previous_blank = True
            continue
        width = _width(line[: len(line) - len(line.lstrip(" \t"))])
        if in_code_at is not None:
            if width >= in_code_at:
                code.add(index)
                previous_blank = False
                continue
            in_code_at = None
        while containers and width < containers[-1] and previous_blank:
            containers.pop()
        base = containers[-1] if containers else 0
        if previous_blank and width >= base + 4:
            in_code_at = base + 4
            code.add(index)
            previous_blank = False
            continue
        item = CONTAINER.match(line.expandtabs(4))
        if item:
            while containers and containers[-1] > width:
                containers.pop()
            containers.append(width + 4)
        previous_blank = False
    return code


def mask_code(text: str) -> str:
    """The text with every character of code replaced by a space (newlines kept)."""
    lines = _lines(text)
    fenced: set[int] = set()
    for fence in fences(text):
        fenced.update(range(fence.first - 1, fence.last))
    code = fenced | _indented_code_lines(lines, fenced)
    masked = [" " * len(line) if i in code else line for i, line in enumerate(lines)]
    out = "\n".join(masked)
    # Inline code within a paragraph: split on blank lines so a stray backtick
    # cannot swallow the rest of the page.
    pieces = re.split(r"(\n[ \t]*\n)", out)
    return "".join(
        INLINE_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), piece) for piece in pieces
    )


def line_of(text: str, offset: int) -> int:
    """1-based line of a character offset, counting ``\\n`` only."""
    return text.count("\n", 0, offset) + 1


def find(pattern: re.Pattern[str], text: str, masked: str | None = None):
    """Matches of `pattern` in prose only: (match on the original text, line) pairs."""
    masked = mask_code(text) if masked is None else masked
    for hit in pattern.finditer(masked):
        original = pattern.match(text, hit.start(), hit.end()) or hit
        yield original, line_of(text, hit.start())
