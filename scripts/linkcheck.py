"""Collect every external link in the content and the facts registry; optionally check them.

    python scripts/linkcheck.py            # write build/external-links.txt (no network)
    python scripts/linkcheck.py --check    # also request each URL (needs network; `make linkcheck`)

Internal links and anchors are checked by the strict build; this is for the
links that leave the site (official sources, mostly), which rot over time.
"""

from __future__ import annotations

import argparse
import re
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MD_LINK = re.compile(r"\]\((https?://[^)\s]+)\)")
HTML_LINK = re.compile(r"""href=["'](https?://[^"']+)["']""")
BARE = re.compile(r"<(https?://[^>\s]+)>")


def collect(root: Path = ROOT) -> dict[str, list[str]]:
    """{url: [where it appears]} from docs/**/*.md and data/facts.yml, sorted."""
    found: dict[str, set[str]] = defaultdict(set)
    for page in sorted((root / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        where = page.relative_to(root).as_posix()
        for pattern in (MD_LINK, HTML_LINK, BARE):
            for url in pattern.findall(text):
                found[url].add(where)
    registry = yaml.safe_load((root / "data" / "facts.yml").read_text(encoding="utf-8"))
    for fact in registry["facts"]:
        url = str((fact.get("source") or {}).get("url") or "").strip()
        if url:
            found[url].add(f"data/facts.yml {fact['id']}")
    return {url: sorted(found[url]) for url in sorted(found)}


def check(url: str, timeout: float = 15) -> str:
    request = urllib.request.Request(url, headers={"User-Agent": "borrower-handbook-linkcheck"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return str(response.status)
    except urllib.error.HTTPError as error:
        return str(error.code)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return f"error: {getattr(error, 'reason', error)}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="request every URL (needs network)")
    parser.add_argument("--out", default=str(ROOT / "build" / "external-links.txt"))
    args = parser.parse_args(argv)
    links = collect()
    lines = []
    broken = 0
    for url, places in links.items():
        status = check(url) if args.check else "-"
        if args.check and not status.startswith(("2", "3")):
            broken += 1
        lines.append(f"{status}\t{url}\t{'; '.join(places)}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{len(links)} external links written to {out}"
        + (f"; {broken} not reachable" if args.check else "")
    )
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
