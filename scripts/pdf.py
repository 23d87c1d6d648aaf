"""Print the single-file edition to an A4 PDF with headless Chromium, then finish it with pypdf.

Usage: python scripts/pdf.py SINGLE_HTML OUT_PDF

Input is the file scripts/single_file.py writes. The PDF is printed from a
print variant of it (written to a temporary folder, never published):

  - no JavaScript: the calculators show the tables computed at build time and the
    letter templates print as blank forms, exactly as without a browser script;
  - every <details> open (full repayment schedules, folded notes);
  - a cover page (site name, description, edition date), then the table of
    contents with page numbers, then each nav section starting on a new page;
  - running heads: the section's title at the top of every page and the page
    number at the bottom. Chromium's headerTemplate cannot know the current
    section, but Chromium draws CSS page-margin boxes, and named pages
    (`page: part-3`) give each section its own `@page part-3 { @top-left {…} }`.
    One print of the whole document keeps every in-file link working and the
    page numbers continuous, so nothing has to be merged;
  - table rows never split across pages (`tr { break-inside: avoid }`).

Page numbers in the table of contents come from a first pass: Chromium turns
every in-file link target into a named destination, pypdf reads which page each
one landed on, the numbers are written into the contents and the document is
printed again (the placeholders have the width of the numbers, so the layout
does not move; the script checks that and repeats if it did).

pypdf then adds the outline (bookmarks: sections and pages), the document
information, and fixes what would differ between two prints: CreationDate and
ModDate come from SOURCE_DATE_EPOCH and /ID is derived from the printed HTML.
Fonts (see FONT_CSS): regular Chinese in Droid Sans Fallback, Latin in Liberation, bold
Chinese in Noto Sans CJK Bold; subset_fonts() cuts the font Chromium embeds whole, and qpdf
packs the result (4.3 MB -> about 1.9 MB for the same 225 pages).
Writes OUT_PDF.sha256 beside the PDF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from single_file import edition_date, write_sha256  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PLACEHOLDER = "000"  # as wide as any page number we expect (tabular digits)
MAX_PASSES = 4

# Fonts. Chromium writes a CFF (OpenType) font such as Noto Sans CJK, and any synthetic
# bold, as Type 3 fonts of 256 glyphs each; Chinese text then switches font almost every
# character, and the PDF was 4.3 MB. A TrueType font is written as one CID font instead:
# regular Chinese text uses Debian's Droid Sans Fallback (fonts-droid-fallback), Latin text
# Liberation Sans/Mono (fonts-liberation); only bold Chinese, which Droid lacks, stays in
# Noto Sans CJK Bold (Type 3, a few hundred glyphs). Chromium embeds Droid whole (4 MB), so
# subset_fonts() below cuts it to the glyphs the PDF uses. local() names installed fonts:
# nothing is fetched.
FONT_CSS = """
@font-face { font-family: PrintCJK; font-weight: 100 550; src: local("Droid Sans Fallback"); }
@font-face { font-family: PrintCJK; font-weight: 551 900; src: local("Noto Sans CJK SC Bold"); }
body { --md-text-font: "Liberation Sans", PrintCJK; --md-code-font: "Liberation Mono", PrintCJK; }
"""
FONT_FILES = ("Droid Sans Fallback", "Noto Sans CJK SC", "Liberation Sans", "Liberation Mono")

PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm 17mm 16mm;
  @bottom-center { content: counter(page); font-size: 9pt; color: #555; } }
@page cover { @bottom-center { content: none; } @top-left { content: none; } @top-right { content: none; } }
@page toc { @top-left { content: "目录"; font-size: 8.5pt; color: #555; } }
html, body { background: #fff !important; }
.sf-header, .sf-back, .md-top, .md-dialog { display: none !important; }
.md-main__inner { margin-top: 0 !important; }
.md-grid, .md-content, .md-main__inner { max-width: none !important; margin: 0 !important; }
.md-content__inner { margin: 0 !important; padding: 0 !important; }
.md-content__inner::before { display: none !important; }

.sf-cover { page: cover; height: 240mm; display: flex; flex-direction: column; justify-content: center; }
.md-typeset .sf-cover h1 { font-size: 3em; font-weight: 700; color: var(--md-primary-fg-color); margin-bottom: .6em; }
.md-typeset .sf-cover .sf-lede { font-size: 1.3em; }
.md-typeset .sf-cover .sf-edition { margin-top: 3em; font-size: 1.05em; }
.sf-toc { page: toc; break-before: page; }
.md-typeset .sf-toc h2 { margin-top: 0; }
.md-typeset .sf-toc li { display: block; margin: .15em 0; }
.md-typeset .sf-toc a { display: flex; align-items: baseline; color: var(--md-default-fg-color); text-decoration: none; }
.md-typeset .sf-toc a::after { content: ""; order: 1; flex: 1; margin: 0 .4em; border-bottom: 1px dotted #999; }
.md-typeset .sf-toc .sf-pn { order: 2; font-variant-numeric: tabular-nums; min-width: 2.2em; text-align: right; }

.sf-part { break-before: page; }
.md-typeset h1.sf-part-title { margin-top: 0; border-top: none; font-size: 2.2em; }
.md-typeset .sf-page { break-before: page; margin-top: 0; border-top: none; padding-top: 0; }
.md-typeset .sf-part-title + .sf-page { break-before: auto; margin-top: 1em; }
.md-typeset h1, .md-typeset h2, .md-typeset h3, .md-typeset h4 { break-after: avoid; }
.md-typeset tr, .md-typeset figure, .md-typeset .calc-chart, .md-typeset li { break-inside: avoid; }
.md-typeset thead { display: table-header-group; }
.md-typeset__scrollwrap, .md-typeset__table { overflow: visible !important; margin: 0 !important; padding: 0 !important; }
.md-typeset table:not([class]) { display: table; width: 100%; font-size: .68rem; }
.md-typeset table th, .md-typeset table td { min-width: 0 !important; }
.md-typeset a { color: var(--md-typeset-a-color); }
.md-typeset details { break-inside: auto; }
.md-typeset .tabbed-labels { display: none; }
.md-typeset .tabbed-content { display: block !important; }
.md-typeset .tabbed-block { display: block !important; margin-bottom: .8em; }
"""


def part_page_css(document: str) -> str:
    """One named page per nav section, with the section's title as the running head."""
    rules = []
    for anchor, title in re.findall(
        r'<div class="sf-part" id="([^"]+)" data-part="([^"]*)"', document
    ):
        title = html.unescape(title).replace("\\", "\\\\").replace('"', '\\"')
        rules.append(
            f'@page {anchor} {{ @top-left {{ content: "{title}"; font-size: 8.5pt; color: #555; }} }}\n'
            f"#{anchor} {{ page: {anchor}; }}"
        )
    return "\n".join(rules)


def short_ids(document: str) -> str:
    """Give every non-ASCII or long id a short ASCII name (d1, d2, …) in ids and in-file links.

    Chromium names a PDF destination after the id, percent-encoded: a Chinese heading
    id becomes a name longer than the 127 bytes PDF readers are promised."""
    names: dict[str, str] = {}
    for value in re.findall(r'\bid="([^"]+)"', document):
        if value not in names and (not value.isascii() or len(value) > 40):
            names[value] = f"d{len(names) + 1}"

    def attribute(match: re.Match) -> str:
        name, hash_, value = match.group(1), match.group(2), match.group(3)
        return f'{name}="{hash_}{names.get(value, value)}"'

    return re.sub(r'\b(id|href|for)="(#?)([^"]+)"', attribute, document)


def print_variant(document: str, site_name: str, numbers: dict[str, int] | None) -> str:
    """The HTML Chromium prints: no scripts, details open, page numbers in the contents."""
    document = re.sub(r"<script\b[^>]*>.*?</script>", "", document, flags=re.S | re.I)
    document = short_ids(document)
    document = re.sub(
        r'(<p class="sf-edition">)单文件版 · (版本日期 <time[^>]*>[^<]*</time>)。[^<]*',
        r"\1PDF 版 · \2。每页标题下的“最后核对”日期说明那一页的内容有多新。",
        document,
        count=1,
    )
    document = re.sub(r"<details(?![^>]*\bopen\b)", "<details open", document)

    def number(match: re.Match) -> str:
        anchor = match.group(1)
        value = str(numbers[anchor]) if numbers and anchor in numbers else PLACEHOLDER
        return f'{match.group(0)[: -len("</a>")]}<span class="sf-pn">{value}</span></a>'

    start = document.index('<nav class="sf-toc"')
    end = document.index("</nav>", start)
    toc = re.sub(r'<a href="#([^"]+)">[^<]*</a>', number, document[start:end])
    document = document[:start] + toc + document[end:]
    site = site_name.replace('"', '\\"')
    css = (
        FONT_CSS
        + PRINT_CSS
        + f'\n@page {{ @top-right {{ content: "{site}"; font-size: 8.5pt; color: #555; }} }}\n'
        + part_page_css(document)
    )
    return document.replace("</head>", f"<style>{css}</style>\n</head>", 1)


def toc_anchors(document: str) -> list[tuple[str, str, str]]:
    """(kind, anchor, title) of every contents entry, in order; kind is part or page."""
    start = document.index('<nav class="sf-toc"')
    toc = document[start : document.index("</nav>", start)]
    entries = []
    for match in re.finditer(
        r'<li class="sf-toc-(part|page)"><a href="#([^"]+)">([^<]*)</a>|<li><a href="#([^"]+)">([^<]*)</a>',
        toc,
    ):
        if match.group(1):
            entries.append((match.group(1), match.group(2), html.unescape(match.group(3))))
        else:
            entries.append(("child", match.group(4), html.unescape(match.group(5))))
    return entries


def destination_pages(pdf_path: Path) -> dict[str, int]:
    """Named destination -> 1-based page number."""
    from pypdf import PdfReader

    reader = PdfReader(pdf_path)
    return {
        name.lstrip("/"): reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }


def print_pdf(page, html_path: Path, pdf_path: Path) -> None:
    page.goto(html_path.as_uri())
    page.emulate_media(media="print")
    page.pdf(
        path=str(pdf_path),
        prefer_css_page_size=True,
        print_background=True,
        display_header_footer=False,
        outline=False,
        tagged=False,
    )


def _used_codes(font, pages) -> set[int]:
    """Glyph ids (= CIDs, Identity-H) a Type 0 font draws: its ToUnicode map, and every
    hex string shown while it is the current font in a page's content."""
    codes: set[int] = set()
    if "/ToUnicode" in font:
        cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            codes.update(
                int(a, 16) for a in re.findall(r"<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>", block)
            )
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for low, high in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<[0-9A-Fa-f]+>|\[[^\]]*\])", block
            ):
                codes.update(range(int(low, 16), int(high, 16) + 1))
    token = re.compile(rb"/([^\s/\[\]<>()]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj")
    for names, content in pages:
        current = False
        for match in token.finditer(content):
            if match.group(1) is not None:
                current = match.group(1).decode("latin-1") in names
            elif current:
                hexes = match.group(2)
                codes.update(int(hexes[i : i + 4], 16) for i in range(0, len(hexes) - 3, 4))
    return codes


def subset_fonts(writer, min_glyphs: int = 5000) -> list[tuple[str, int, int]]:
    """Cut every embedded TrueType font Chromium left whole (more than min_glyphs glyphs)
    down to the glyphs the document uses, keeping glyph ids, so the content streams stay
    as they are. Returns (font, bytes before, bytes after)."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont
    from pypdf.generic import NameObject, NumberObject

    fonts: dict[int, tuple] = {}  # FontFile2 object number -> (font dict, stream)
    pages = []
    for page in writer.pages:
        names = set()
        for name, ref in (page["/Resources"].get("/Font") or {}).items():
            font = ref.get_object()
            if font.get("/Subtype") != "/Type0":
                continue
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            file_ref = descriptor.get("/FontFile2")
            if file_ref is not None:
                fonts.setdefault(file_ref.idnum, (font, file_ref.get_object(), set()))[2].add(
                    name.lstrip("/")
                )
        contents = page.get_contents()
        pages.append((page, contents.get_data() if contents is not None else b""))
    done = []
    for font, stream, _ in fonts.values():
        data = stream.get_data()
        face = TTFont(io.BytesIO(data), recalcTimestamp=False)
        if face["maxp"].numGlyphs <= min_glyphs:
            continue
        names = {n for f, _, ns in fonts.values() if f is font for n in ns}
        page_sets = [
            (names & {n.lstrip("/") for n in (page["/Resources"].get("/Font") or {})}, content)
            for page, content in pages
        ]
        codes = _used_codes(font, [(n, c) for n, c in page_sets if n])
        options = subset.Options()
        options.retain_gids = True  # the content streams name glyphs by id
        options.notdef_outline = True
        options.hinting = False
        options.layout_features = []
        options.name_IDs = ["*"]
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "vhea", "vmtx"]
        subsetter = subset.Subsetter(options)
        count = face["maxp"].numGlyphs
        subsetter.populate(gids=sorted(c for c in codes | {0} if c < count))
        subsetter.subset(face)
        out = io.BytesIO()
        face.save(out)
        stream.set_data(out.getvalue())
        stream[NameObject("/Length1")] = NumberObject(len(out.getvalue()))
        done.append((str(font["/BaseFont"]), len(data), len(out.getvalue())))
    return done


def pdf_date(epoch: int) -> str:
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    return stamp.strftime("D:%Y%m%d%H%M%S+00'00'")


def finish(
    raw_pdf: Path, out: Path, entries, numbers: dict[str, int], info: dict, printed_html: bytes
) -> int:
    """Outline, document information, fixed dates and /ID; return the page count."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    reader = PdfReader(raw_pdf)
    writer = PdfWriter(clone_from=reader)
    writer.add_outline_item(title="封面", page_number=0)
    toc_page = numbers.get("sf-toc")
    if toc_page:
        writer.add_outline_item(title="目录", page_number=toc_page - 1)
    parent = None
    for kind, anchor, title in entries:
        if anchor not in numbers:
            continue
        index = numbers[anchor] - 1
        if kind == "child" and parent is not None:
            writer.add_outline_item(title=title, page_number=index, parent=parent)
        else:
            item = writer.add_outline_item(title=title, page_number=index, is_open=False)
            parent = item if kind == "part" else None
    writer.page_mode = "/UseOutlines"

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0) or int(
        dt.datetime.combine(edition_date(), dt.time(), tzinfo=dt.UTC).timestamp()
    )
    stamp = pdf_date(epoch)
    writer.metadata = None
    writer.add_metadata(
        {
            "/Title": info["title"],
            "/Subject": info["description"],
            "/Creator": "借款人手册 scripts/pdf.py (Chromium)",
            "/Producer": "Chromium, pypdf, fontTools, qpdf",
            "/CreationDate": stamp,
            "/ModDate": stamp,
        }
    )
    identifier = ByteStringObject(hashlib.sha256(printed_html).digest()[:16])
    writer._ID = ArrayObject(
        [identifier, identifier]
    )  # pypdf keeps the reader's random one otherwise
    subset_fonts(writer)
    for page in writer.pages:  # Chromium compresses quickly, not tightly
        page.compress_content_streams(level=9)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    unpacked = out.with_name(out.name + ".unpacked")
    with unpacked.open("wb") as handle:
        writer.write(handle)
    pack(unpacked, out)
    unpacked.unlink()
    return len(reader.pages)


def pack(source: Path, out: Path) -> None:
    """qpdf: thousands of small objects (links, destinations, glyphs) into compressed object
    streams, every stream deflated at level 9; the /ID is derived from the content, so the
    same input gives the same bytes. About a quarter of the size."""
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        raise SystemExit("pdf: qpdf not found (make browser installs it: apt-get install qpdf)")
    result = subprocess.run(
        [
            qpdf,
            "--object-streams=generate",
            "--recompress-flate",
            "--compression-level=9",
            "--deterministic-id",
            str(source),
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode not in (0, 3):  # 3: finished with warnings
        raise SystemExit(f"pdf: qpdf failed: {result.stderr.strip()}")


def make_pdf(single_html: Path, out: Path) -> dict:
    """Print single_html to out; return {'bytes', 'sha256', 'pages', 'passes'}."""
    from playwright.sync_api import sync_playwright

    document = single_html.read_text(encoding="utf-8")
    site_match = re.search(r'<header class="sf-header"><strong>([^<]*)</strong>', document)
    site_name = html.unescape(site_match.group(1)) if site_match else "借款人手册"
    description = re.search(r'<meta name="description" content="([^"]*)"', document)
    entries = toc_anchors(document)
    wanted = {anchor for _, anchor, _ in entries} | {"sf-toc"}
    info = {
        "title": site_name,
        "description": html.unescape(description.group(1)) if description else "",
    }

    if not Path(CHROMIUM).exists():
        raise SystemExit(
            f"pdf: {CHROMIUM} not found (make browser installs it: apt-get install chromium fonts-noto-cjk)"
        )
    with (
        tempfile.TemporaryDirectory(prefix="handbook-pdf-") as tmp,
        sync_playwright() as playwright,
    ):
        work = Path(tmp)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        # Nothing may be fetched while printing: the file is self-contained.
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("file:", "data:"))
                else route.abort()
            ),
        )
        numbers: dict[str, int] | None = None
        passes = 0
        while True:
            passes += 1
            printed = print_variant(document, site_name, numbers)
            # The contents link to the cover-less TOC too, so its page is known.
            printed = printed.replace(
                '<h2 id="sf-toc-title">目录</h2>',
                '<h2 id="sf-toc-title"><a href="#sf-toc" style="color:inherit">目录</a></h2>',
                1,
            )
            html_path = work / f"print-{passes}.html"
            html_path.write_text(printed, encoding="utf-8")
            raw = work / f"print-{passes}.pdf"
            print_pdf(page, html_path, raw)
            found = {
                name: number for name, number in destination_pages(raw).items() if name in wanted
            }
            missing = wanted - found.keys()
            if missing:
                raise SystemExit(f"pdf: no destination for {sorted(missing)}")
            if found == numbers:
                break
            if passes >= MAX_PASSES:
                raise SystemExit("pdf: page numbers in the contents did not settle")
            numbers = found
        context.close()
        browser.close()
        page_count = finish(raw, out, entries, numbers, info, printed.encode("utf-8"))
    digest = write_sha256(out)
    return {"bytes": out.stat().st_size, "sha256": digest, "pages": page_count, "passes": passes}


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python scripts/pdf.py SINGLE_HTML OUT_PDF", file=sys.stderr)
        return 2
    single_html, out = Path(argv[1]), Path(argv[2])
    if not single_html.is_file():
        print(f"pdf: {single_html} not found; run scripts/single_file.py first", file=sys.stderr)
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    result = make_pdf(single_html, out)
    print(f"{out}  {result['bytes']:,} bytes  {result['pages']} pages  sha256 {result['sha256']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
