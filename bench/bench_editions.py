"""Benchmark of the three downloads: build time and size of the zip, the single HTML file and the PDF.

Run: .venv/bin/python bench/bench_editions.py [OFFLINE_BUILD_DIR [MKDOCS_YML]]
From bench/run.py: `import bench_editions; bench_editions.report(offline_dir)` with the offline
build it already made (bench/ is on sys.path when run.py runs). Without a directory, it makes a
copy of the project and builds the offline edition first. Prints numbers only (no asserts).
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

EPOCH_DEFAULT = "1796083200"  # 2026-12-01, the date tests/sitebuild.py pins


def _timed(*command) -> float:
    environment = {**os.environ}
    environment.setdefault("SOURCE_DATE_EPOCH", EPOCH_DEFAULT)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *map(str, command)], check=True, env=environment, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


SEARCH_QUERIES = ["征信 异议", "催收 家人", "法院 短信", "停息挂账", "征信", "贷"]
THROTTLE = 4  # CPU slowed four times through the DevTools protocol, like a low-end phone


def search_latency(html_path: Path, chromium: str = "/usr/bin/chromium") -> dict[str, float]:
    """Milliseconds from the search box's input event to the results laid out, in the single
    file at 390 px with the CPU throttled ×4: opening the panel (which reads the passages), the
    first search, and the median and worst of the later ones."""
    from playwright.sync_api import sync_playwright

    script = """qs => { const box = document.getElementById('sf-search-input'), out = [];
        const list = document.getElementById('sf-search-results');
        for (const q of qs) { const t0 = performance.now(); box.value = q;
          box.dispatchEvent(new Event('input')); list.getBoundingClientRect();
          out.push(performance.now() - t0); }
        return out; }"""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
        page.goto(html_path.as_uri())
        page.wait_for_load_state("load")
        start = page.evaluate(
            "() => { const t0 = performance.now();"
            " document.getElementById('sf-bar-search').click(); return performance.now() - t0; }"
        )
        first = page.evaluate(script, SEARCH_QUERIES[:1])[0]
        later = sorted(page.evaluate(script, SEARCH_QUERIES * 3))
        browser.close()
    return {
        "focus": start,
        "first": first,
        "median": later[len(later) // 2],
        "max": later[-1],
    }


SINGLE_BUDGET = 1_500_000
ZIP_BUDGET = 1_000_000


def single_file_costs(html_path: Path) -> dict:
    """What the single file spends: the fixed part (styles, scripts, cover, contents, search
    panel) and each page's section, in bytes, plus how many pages of the average size fit."""
    import re

    text = html_path.read_text(encoding="utf-8")
    size = len(text.encode("utf-8"))
    styles = sum(len(m.encode()) for m in re.findall(r"<style>.*?</style>", text, re.S))
    scripts = sum(len(m.encode()) for m in re.findall(r"<script[^>]*>.*?</script>", text, re.S))
    pages = {
        m.group(1): len(m.group(0).encode())
        for m in re.finditer(r'<section class="sf-page" id="([^"]+)".*?</section>', text, re.S)
    }
    per_page = sum(pages.values()) / len(pages)
    fixed = size - sum(pages.values())
    return {
        "bytes": size,
        "styles": styles,
        "scripts": scripts,
        "fixed": fixed,
        "pages": len(pages),
        "per_page": per_page,
        "largest": sorted(pages.items(), key=lambda kv: -kv[1])[:3],
        "fit": int((SINGLE_BUDGET - fixed) / per_page),
    }


def zip_costs(zip_path: Path) -> dict:
    """The zip's compressed bytes: per page (its HTML) and the search index's share."""
    import zipfile

    with zipfile.ZipFile(zip_path) as archive:
        entries = archive.infolist()
    html = [e.compress_size for e in entries if e.filename.endswith(".html")]
    index = sum(e.compress_size for e in entries if e.filename.endswith("search_index.js"))
    total = zip_path.stat().st_size
    per_page = (sum(html) + index) / len(html)
    fixed = total - sum(html) - index
    return {
        "bytes": total,
        "pages": len(html),
        "html_per_page": sum(html) / len(html),
        "index_per_page": index / len(html),
        "fixed": fixed,
        "fit": int((ZIP_BUDGET - fixed) / per_page),
    }


def report(offline_dir: Path, config: Path | None = None) -> dict[str, tuple[int, float]]:
    """Make the three editions from offline_dir into a temporary folder; print and return
    {name: (bytes, seconds)}."""
    config = config or (offline_dir.parent / "project" / "mkdocs.yml")
    if not config.is_file():
        config = ROOT / "mkdocs.yml"
    results: dict[str, tuple[int, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-editions-") as tmp:
        dist = Path(tmp)
        zip_path = dist / "borrower-handbook-offline.zip"
        html_path = dist / "borrower-handbook.html"
        pdf_path = dist / "borrower-handbook.pdf"
        seconds = _timed(ROOT / "scripts" / "bundle.py", offline_dir, zip_path)
        results["zip"] = (zip_path.stat().st_size, seconds)
        seconds = _timed(
            ROOT / "scripts" / "single_file.py", "--config", config, offline_dir, html_path
        )
        results["single HTML"] = (html_path.stat().st_size, seconds)
        seconds = _timed(ROOT / "scripts" / "pdf.py", html_path, pdf_path)
        results["PDF"] = (pdf_path.stat().st_size, seconds)
        html_gzip = len(gzip.compress(html_path.read_bytes(), 6))
        from pypdf import PdfReader

        pdf_pages = len(PdfReader(pdf_path).pages)
        # measured while the files still exist (the folder goes with the with-block)
        latency = search_latency(html_path)
        costs = single_file_costs(html_path)
        zipped = zip_costs(zip_path)
    print("editions (from the offline build; seconds include starting Python / Chromium):")
    for name, (size, seconds) in results.items():
        print(f"  {name:<12} {size:>11,} bytes  {seconds:6.2f} s")
    print(f"  single HTML gzip {html_gzip:,} bytes; PDF {pdf_pages} pages")
    print(
        f"  single HTML: {costs['bytes']:,} bytes = fixed {costs['fixed']:,} (CSS {costs['styles']:,},"
        f" JS {costs['scripts']:,}, cover/contents/search) + {costs['pages']} pages x"
        f" {costs['per_page']:,.0f} bytes/page; largest "
        + ", ".join(f"{name} {size:,}" for name, size in costs["largest"])
        + f"; {costs['fit']} pages of this size fit in {SINGLE_BUDGET:,}"
    )
    print(
        f"  zip: {zipped['bytes']:,} bytes = fixed {zipped['fixed']:,} + {zipped['pages']} pages x"
        f" ({zipped['html_per_page']:,.0f} HTML + {zipped['index_per_page']:,.0f} search index)"
        f" bytes/page compressed; {zipped['fit']} pages of this size fit in {ZIP_BUDGET:,}"
    )
    print(
        f"  single-file search, CPU ×{THROTTLE}, 390 px: opening the panel (reads the passages) "
        f"{latency['focus']:.0f} ms; first query {latency['first']:.0f} ms; "
        f"later queries median {latency['median']:.0f} ms, max {latency['max']:.0f} ms "
        f"({', '.join(SEARCH_QUERIES)})"
    )
    return results


def main() -> None:
    if len(sys.argv) > 1:  # OFFLINE_BUILD_DIR [MKDOCS_YML]
        report(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
        return
    from sitebuild import build, copy_project

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = copy_project(work / "project")
        start = time.perf_counter()
        offline = build(project, work / "offline", offline=True).check().site
        print(f"offline build: {time.perf_counter() - start:.2f} s")
        report(offline, project / "mkdocs.yml")


if __name__ == "__main__":
    main()
