"""Lighthouse scores (performance, accessibility, best practices, SEO) for three pages.

Run by `make bench` (which installs Lighthouse 12.8.2 from bench/package-lock.json;
13.x needs Node 22, this machine has Node 20). Serves an online build on 127.0.0.1
and drives Debian's chromium. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from sitebuild import LocalServer  # noqa: E402

PAGES = ["", "calculators/fee-rate/", "templates/negotiation-letter/"]
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def report(site: Path) -> None:
    if not LIGHTHOUSE.exists():
        print("lighthouse: not installed (make bench installs it)")
        return
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
    with LocalServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        print("lighthouse 12.8.2, mobile emulation with simulated throttling (scores 0–100):")
        for page in PAGES:
            out = Path(tmp) / "report.json"
            subprocess.run(
                [
                    str(LIGHTHOUSE),
                    server.url + page,
                    "--quiet",
                    "--output=json",
                    f"--output-path={out}",
                    f"--chrome-flags={FLAGS}",
                    "--only-categories=performance,accessibility,best-practices,seo",
                ],
                check=True,
                env=env,
                timeout=300,
            )
            categories = json.loads(out.read_text(encoding="utf-8"))["categories"]
            scores = "  ".join(
                f"{name} {round(c['score'] * 100)}" for name, c in categories.items()
            )
            print(f"  /{page:<32} {scores}")


if __name__ == "__main__":
    report(Path(sys.argv[1]))
