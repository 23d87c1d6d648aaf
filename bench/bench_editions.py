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
    file at 390 px with the CPU throttled ×4: the first search (which reads the passages,
    started by focusing the box) and the median and worst of the later ones."""
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
            " document.getElementById('sf-search-input').focus(); return performance.now() - t0; }"
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
    print("editions (from the offline build; seconds include starting Python / Chromium):")
    for name, (size, seconds) in results.items():
        print(f"  {name:<12} {size:>11,} bytes  {seconds:6.2f} s")
        latency = search_latency(html_path)
    print(f"  single HTML gzip {html_gzip:,} bytes; PDF {pdf_pages} pages")
    print(
        f"  single-file search, CPU ×{THROTTLE}, 390 px: reading the passages on focus "
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
