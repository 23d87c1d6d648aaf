"""Build growth: a clean build with 100 and with 1000 generated pages, and the ratio.

A site whose build is linear in its pages takes about 10x as long for 10x the pages
(a little less, since start-up is paid once). The generated pages sit in the real
site, under docs/bench/, in a nav that grows as a tree, ten wide at every level:
sections of ten pages, groups of ten sections (100 pages: one group; 1000 pages: ten).
Each page has the shape of a real one: a summary box, headings, paragraphs, a list, a
table, a citation and glossary terms. Prints numbers only.

Run: .venv/bin/python bench/build_growth.py [RUNS]   (also part of bench/run.py)
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from sitebuild import build, copy_project  # noqa: E402

WIDTH = 10

PAGE = """---
title: 生成页面 {n}
reviewed: 2026-11-29
---

# 生成页面 {n}：分期和年化利率

!!! abstract "要点"
    - 这是第 {n} 页，用来测量网站变大以后构建要多久。
    - 看分期成本，要看年化利率，不要只看月费率。

## 分期的钱怎么算

借款 {principal} 元，分 12 期还。每期还的钱里有本金，也有利息或手续费。手续费按月收，
看上去不高，折成年化利率常常翻倍[@F-APR-01]。

- 先看合同写的年化利率；
- 再看每期实际还款；
- 最后算一共多还了多少。

## 一张表

| 期数 | 月供（元） | 说明 |
| --- | --- | --- |
| 1 | {payment} | 第一期 |
| 2 | {payment} | 第二期 |
| 12 | {payment} | 最后一期 |

## 还不上的时候

先和借款机构联系，说明情况，留下沟通记录。催收有边界，征信记录有异议渠道。
第 {n} 页说的话和别的页面一样：不要借新还旧，不要找“代理维权”。
"""


def make_project(dest: Path, count: int) -> Path:
    project = copy_project(dest)
    docs = project / "docs" / "bench"
    nav = ["  - 生成页面:"]
    sections = [range(start, min(start + WIDTH, count)) for start in range(0, count, WIDTH)]
    groups = [sections[i : i + WIDTH] for i in range(0, len(sections), WIDTH)]
    for g, group in enumerate(groups, start=1):
        nav.append(f"    - 第 {g} 组:")
        for s, section in enumerate(group, start=1):
            nav.append(f"      - 第 {g}.{s} 节:")
            for n in section:
                path = docs / f"g{g:02d}" / f"s{s:02d}" / f"p{n:04d}.md"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(
                    PAGE.format(n=n + 1, principal=10000 + n, payment=f"{900 + n % 97}.00"),
                    encoding="utf-8",
                )
                nav.append(f"        - {path.relative_to(project / 'docs').as_posix()}")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # the generated section goes at the end of the nav (the nav is the file's last key)
    text = re.sub(r"\n*\Z", "\n" + "\n".join(nav) + "\n", text)
    config.write_text(text, encoding="utf-8")
    return project


def timed(project: Path, site: Path) -> float:
    start = time.perf_counter()
    build(project, site).check()
    return time.perf_counter() - start


def report(runs: int = 3) -> float:
    with tempfile.TemporaryDirectory(prefix="bench-growth-") as tmp:
        work = Path(tmp)
        small = make_project(work / "p100", 100)
        large = make_project(work / "p1000", 1000)
        times: dict[int, list[float]] = {100: [], 1000: []}
        for i in range(runs):  # alternating, so a machine that slows down slows both
            times[100].append(timed(small, work / f"s100-{i}"))
            times[1000].append(timed(large, work / f"s1000-{i}"))
        t100, t1000 = statistics.median(times[100]), statistics.median(times[1000])
        html = sorted((work / "s1000-0").rglob("p0*.html")) or sorted(
            (work / "s1000-0").rglob("p0*/index.html")
        )
        biggest = max(p.stat().st_size for p in html)
    print(f"  100 generated pages:  {t100:6.2f} s (median of {runs}, real site included)")
    print(f"  1000 generated pages: {t1000:6.2f} s")
    print(f"  1000/100 build ratio: {t1000 / t100:.1f}x (goal <= 11x)")
    print(f"  each generated page beyond the first 100: {(t1000 - t100) / 900 * 1000:.0f} ms")
    print(f"  largest generated page at 1000: {biggest:,} bytes")
    return t1000 / t100


if __name__ == "__main__":
    report(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
