"""Benchmarks: clean build times, output sizes, first-load bytes per page.

Prints numbers; asserts nothing. Run with `make bench` (needs the test extras
and Debian chromium for the first-load figures).
"""

from __future__ import annotations

import gzip
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

from sitebuild import LocalServer, build, copy_project, pages  # noqa: E402

BUDGET = 80 * 1024  # first load, gzip: the goal for every page (tests/test_quality.py)


def tree_bytes(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def timed_builds(project: Path, work: Path, offline: bool, runs: int = 3) -> tuple[float, Path]:
    times = []
    for i in range(runs):
        site = work / f"{'offline' if offline else 'online'}-{i}"
        start = time.perf_counter()
        build(project, site, offline=offline).check()
        times.append(time.perf_counter() - start)
    return statistics.median(times), site


def first_load(site: Path, start_url_for, origin_is_file: bool) -> list[tuple]:
    """(page, requests, raw bytes, gzip bytes, URLs fetched) for a cold load of each page."""
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page_path in pages(site):
            context = browser.new_context()  # a fresh cache for every page
            page = context.new_page()
            urls: list[str] = []
            page.on("requestfinished", lambda request, urls=urls: urls.append(request.url))
            page.goto(start_url_for(page_path))
            page.wait_for_load_state("networkidle")
            raw = packed = 0
            for url in urls:
                local = url_to_file(url, site, start_url_for)
                if local and local.is_file():
                    data = local.read_bytes()
                    raw += len(data)
                    packed += len(gzip.compress(data, 6))
            rows.append((page_path.relative_to(site).as_posix(), len(urls), raw, packed, urls))
            context.close()
        browser.close()
    return rows


def later_loads(site: Path, rows) -> list[tuple[str, int]]:
    """(page, gzip bytes once its later scripts are loaded) for the pages that name scripts in
    <meta name="bh-script-later"> and did not load them on first load."""
    import re

    out = []
    for page, _requests, _raw, packed, urls in rows:
        html = (site / page).read_text(encoding="utf-8")
        extra = 0
        for src in re.findall(r'<meta name="bh-script-later" content="([^"]+)"', html):
            if not any(url.endswith(src.rsplit("/", 1)[-1]) for url in urls):
                script = ((site / page).parent / src).resolve()
                extra += len(gzip.compress(script.read_bytes(), 6))
        if extra:
            out.append((page, packed + extra))
    return out


def url_to_file(url: str, site: Path, start_url_for) -> Path | None:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    relative = unquote(parts.path).lstrip("/")
    candidate = site / relative
    return candidate / "index.html" if candidate.is_dir() else candidate


CALC_FENCE = re.compile(r"^([ \t]*)```calc\n.*?^\1```[ \t]*$", re.S | re.M)
CALC_INLINE = re.compile(r"\{calc [^{}\n]*\}")


def hook_overhead(project: Path, work: Path, runs: int = 5) -> None:
    """Full build time with the calculator blocks vs the same pages without them, as a ratio.

    The two builds alternate, so a machine that slows down mid-run slows both alike.
    """
    plain = work / "plain-project"
    shutil.copytree(project, plain)
    for page in (plain / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(
            CALC_INLINE.sub("1.00", CALC_FENCE.sub("（计算器）", text)), encoding="utf-8"
        )
    times: dict[str, list[float]] = {"with": [], "without": []}
    for i in range(runs):
        for name, source in (("with", project), ("without", plain)):
            start = time.perf_counter()
            build(source, work / f"{name}-{i}", offline=False).check()
            times[name].append(time.perf_counter() - start)
    with_blocks, without = statistics.median(times["with"]), statistics.median(times["without"])
    print(
        f"  with blocks {with_blocks:.2f} s, without {without:.2f} s (medians of {runs}, alternating), "
        f"ratio {with_blocks / without:.3f}"
    )


def main() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import bundle

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = copy_project(work / "project")
        online_time, online = timed_builds(project, work, offline=False)
        offline_time, offline = timed_builds(project, work, offline=True)
        zip_path = work / "borrower-handbook-offline.zip"
        bundle.make_zip(offline, zip_path, zip_path.stem)
        count = len(pages(online))
        print(f"pages: {count}")
        print(f"clean build, median of 3 (online):  {online_time:.2f} s")
        print(f"clean build, median of 3 (offline): {offline_time:.2f} s")
        for name, tree in (("online", online), ("offline", offline)):
            size, files = tree_bytes(tree)
            print(f"{name} output: {size:,} bytes in {files} files")
        print(f"offline zip: {zip_path.stat().st_size:,} bytes")
        index = online / "search" / "search_index.json"
        print(
            f"search index: {index.stat().st_size:,} bytes, gzip {len(gzip.compress(index.read_bytes(), 6)):,}"
        )

        print("\nfirst load, online over http (page, requests, raw bytes, gzip bytes):")
        with LocalServer(online) as server:

            def online_url(p: Path) -> str:
                rel = p.relative_to(online).as_posix()
                return server.url + rel.removesuffix("index.html")

            rows = first_load(online, online_url, False)
        for row in rows:
            print(f"  {row[0]:<40} {row[1]:>3} {row[2]:>9,} {row[3]:>8,}")
        over = [r[0] for r in rows if r[3] > BUDGET]
        print(
            f"  max gzip first load: {max(r[3] for r in rows):,} bytes "
            f"(budget {BUDGET:,}; {len(over)} of {len(rows)} pages over{': ' + ', '.join(over) if over else ''})"
        )
        with_later = later_loads(online, rows)
        if with_later:
            worst = max(with_later, key=lambda r: r[1])
            print(
                f"  pages whose calculators load calc.js later (near the screen): {len(with_later)}; "
                f"once it is loaded, at most {worst[1]:,} bytes gzip ({worst[0]})"
            )

        print("\nfirst load, offline from file:// (page, requests, raw bytes, gzip bytes):")
        rows = first_load(offline, lambda p: p.as_uri(), True)
        for row in rows:
            print(f"  {row[0]:<40} {row[1]:>3} {row[2]:>9,} {row[3]:>8,}")
        print(f"  max gzip first load: {max(r[3] for r in rows):,} bytes")

        print(
            "\ncalculator hook overhead (same pages, blocks and inline figures replaced by plain text):"
        )
        hook_overhead(project, work)
        print("\nscripts as served (minified, gzip -9):")
        for name in ("calc.js", "forms.js"):
            served = (online / "assets" / "javascripts" / name).read_bytes()
            print(f"  {name}: {len(served):,} bytes, gzip {len(gzip.compress(served, 9)):,}")

        print("\nbuild growth (clean online builds, generated pages added to the site):")
        sys.path.insert(0, str(ROOT / "bench"))
        import build_growth

        build_growth.report(runs=1)

        print("\ndownloads:")
        sys.path.insert(0, str(ROOT / "bench"))
        import bench_editions

        bench_editions.report(offline, project / "mkdocs.yml")

        print()
        import lighthouse

        lighthouse.report(online)

    calculators_bench = ROOT / "bench" / "bench_calculators.py"
    if calculators_bench.exists():
        print("\ncalculators:")
        subprocess.run([sys.executable, str(calculators_bench)], check=False)


if __name__ == "__main__":
    main()
