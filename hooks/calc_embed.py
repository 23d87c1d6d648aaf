"""MkDocs hook: ```calc blocks and {calc …} inline figures, computed at build time.

Thin adapter: find the markers in a page's Markdown, let calc_blocks parse and
compute them, let calc_render write the HTML. Blocks are swapped for a slot
before Markdown runs; on_page_content checks that every slot came through, and the
finished HTML replaces the slots only in the written page (on_post_page). So
neither Markdown nor the search indexer (the blocks are excluded from search
anyway) nor the theme has to carry the tables and charts; inline figures stay
in the text and are searchable. Any problem fails the build with
`page.md:LINE: calc …: field 'x': reason` (a PluginError: one line, no
traceback, nothing written). Pages work with JavaScript off; calc.js only makes
the blocks editable, reading the registry part that the first block of a page
carries as JSON (only this page's types). The slots ride on the page object from
on_page_markdown to on_post_page.
"""

from __future__ import annotations

import re

import calc_blocks
import calc_registry
import calc_render
import debt_plan_block
import md_scan
import page_assets
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

import calculators

METHOD_PAGE = "calculators/method.md"
SLOT = '<div class="calc-slot" data-slot="{}"></div>'
REGISTRY_SCRIPT = '<script type="application/json" class="calc-registry">{}</script>'
SLOT_HTML = re.compile(r'(?:<p>)?<div class="calc-slot" data-slot="(\d+)"></div>(?:</p>)?')

# Inline figures repeat (the same example loan is quoted on several pages): one
# engine run per distinct set of inputs. The engine is pure, so this is safe.
_views: dict[tuple, dict] = {}


def _fail(uri: str, line: int, what: str, error) -> PluginError:
    return PluginError(f"{uri}:{line}: {what}: {error}")


def _line_of(block: calc_blocks.Block, field: str | None) -> int:
    """The block line a field was written on; for a default or a whole plan, that plan's first line."""
    if not field:
        return 0
    if field in block.lines:
        return block.lines[field]
    return block.lines.get(field.split(".")[0], 0)  # "plans[2].pause_months" -> "plans[2]"


def _block_html(body: str, uri: str, first_line: int, href: str, number: int) -> tuple[str, str]:
    """first_line: the page line of the block's first body line; number: the block's place on the page (from 1)."""
    try:
        block = calc_blocks.parse_block(body)
    except calc_blocks.LineError as error:
        raise _fail(uri, first_line + error.line, "calc block", error.error) from None
    try:
        view = calc_blocks.compute(block)
    except (calculators.CalculatorError, calc_blocks.BlockError) as error:
        field = getattr(error, "field", None)
        line = first_line + _line_of(block, field)
        raise _fail(
            uri,
            line,
            f"calc block '{block.type}'",
            calc_blocks.BlockError(field, calc_blocks.message(error)),
        ) from None
    return calc_render.block(view, block, href, number), block.type


def _inline(match: re.Match[str], uri: str, line: int) -> str:
    try:
        block, show, digits = calc_blocks.parse_inline(match["body"])
        key = (block.type, tuple(block.raw.items()))
        view = _views.get(key)
        if view is None:
            view = _views[key] = calc_blocks.compute(block)
        return calc_render.esc(calc_blocks.inline_value(view, show, digits, block))
    except (calculators.CalculatorError, calc_blocks.BlockError) as error:
        field = getattr(error, "field", None)
        reason = calc_blocks.message(error)
        raise _fail(
            uri, line, f"inline figure {match.group(0)!r}", calc_blocks.BlockError(field, reason)
        ) from None


def _near_miss(fence: md_scan.Fence) -> str | None:
    """Why a fence that looks like a calculator block is not one (None: it is one)."""
    if fence.info == "calc":
        return "a calculator block cannot go inside a blockquote" if fence.quoted else None
    return (
        f"fence info {fence.marker}{fence.info!r} is not a calculator block: "
        f"write exactly {fence.marker}calc on the opening line (no attributes, lower case)"
    )


@event_priority(50)  # before facts.py adds lines, so line numbers match the file
def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    offset = page.file.content_string.count("\n") - markdown.count("\n")  # front matter lines
    masked = md_scan.mask_code(markdown)
    blocks = [f for f in md_scan.fences(markdown) if f.info[:4].lower() == "calc"]
    unclosed = [
        n
        for n, line in enumerate(markdown.split("\n"), start=1)
        if (m := md_scan.FENCE_OPEN.match(line))
        and m["info"].strip()[:4].lower() == "calc"
        and not any(f.first <= n <= f.last for f in blocks)
        and masked.split("\n")[n - 1].strip()
    ]
    if unclosed:
        raise PluginError(f"{uri}:{unclosed[0] + offset}: calc block: the fence is never closed")
    inline = list(md_scan.find(calc_blocks.INLINE, markdown, masked))
    if not blocks and not inline and "{calc" not in masked:
        page.calc_slots = []
        return markdown
    method = files.get_file_from_path(METHOD_PAGE)
    if not method:
        raise PluginError(f"{uri}: calculator blocks link to {METHOD_PAGE}, which does not exist")
    href = get_relative_url(method.url, page.url)
    for fence in blocks:
        problem = _near_miss(fence)
        if problem:
            raise PluginError(f"{uri}:{fence.first + offset}: calc block: {problem}")
    for lineno, line in enumerate(masked.split("\n"), start=1):
        if "{calc" in calc_blocks.INLINE.sub("", line):
            raise PluginError(
                f"{uri}:{lineno + offset}: malformed inline figure: write {{calc TYPE key=value … show=FIELD}}"
            )
    # Replace from the end, so earlier offsets stay valid.
    lines = markdown.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    edits: list[tuple[int, int, str]] = []
    slots: list[str] = []
    types: set[str] = set()
    for fence in blocks:
        first = fence.first + 1 + offset
        if debt_plan_block.is_debt_plan(
            fence.body
        ):  # several lenders: its own parser, view and HTML
            page_assets.need(page, "debt_plan")
            slots.append(debt_plan_block.block_html(fence.body, uri, first, href, len(slots) + 1))
        else:
            html, kind = _block_html(fence.body, uri, first, href, len(slots) + 1)
            slots.append(html)
            types.add(kind)
        edits.append(
            (
                starts[fence.first - 1],
                starts[fence.last] - 1,
                fence.indent + SLOT.format(len(slots) - 1),
            )
        )
    for match, lineno in inline:
        edits.append((match.start(), match.end(), _inline(match, uri, lineno + offset)))
    for start, end, text in sorted(edits, reverse=True):
        markdown = markdown[:start] + text + markdown[end:]
    if types:  # a debt_plan block alone needs neither calc.js nor the registry (debt-plan.js)
        page_assets.need(page, "calc")  # calc.css + calc.js on this page only
        # what calc.js needs to know about this page's calculator types, once per page
        slots[0] = REGISTRY_SCRIPT.format(calc_registry.REGISTRY.browser_json(types)) + slots[0]
    page.calc_slots = slots  # carried by the page from here to on_post_page
    return markdown


def on_page_content(html, page, config, files):
    slots = getattr(page, "calc_slots", [])
    found = sorted(int(number) for number in SLOT_HTML.findall(html))
    if found != list(range(len(slots))):
        raise PluginError(
            f"{page.file.src_uri}: a calculator block was lost in Markdown conversion "
            "(is it inside a construct that drops raw HTML?)"
        )
    return html


def on_post_page(output, page, config):
    slots = getattr(page, "calc_slots", [])
    page.calc_slots = []
    if not slots:
        return output
    output, filled = SLOT_HTML.subn(lambda match: slots[int(match.group(1))], output)
    if filled != len(slots):  # the theme dropped or repeated page.content
        raise PluginError(
            f"{page.file.src_uri}: {len(slots)} calculator blocks, {filled} slots in the written page"
        )
    return output
