"""Pack the offline build into a reproducible zip and write its sha256.

Usage: python scripts/bundle.py BUILD_DIR OUT_ZIP

Left out: files the offline edition never loads from file:// (LEFT_OUT below; checked in
a browser by tests/test_editions.py, which opens every page and the search of the unpacked zip
and records each file it reads).

Reproducible: entries sorted, every timestamp fixed (SOURCE_DATE_EPOCH, or
1980-01-01 if unset), fixed permissions, no extra attributes. The same tree
always gives the same bytes, so the published checksum is stable.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
import zipfile
from pathlib import Path

ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can hold
# Paths in the build the offline edition never reads, and why.
LEFT_OUT = {
    "search/search_index.json": "the offline search reads search/search_index.js (same data)",
    "sitemap.xml": "for search engines; a file on a disk is never crawled",
    "sitemap.xml.gz": "the same, compressed",
}


def zip_time() -> tuple[int, int, int, int, int, int]:
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", ZIP_EPOCH)), ZIP_EPOCH)
    epoch -= epoch % 2  # a zip entry stores seconds in steps of two
    return time.gmtime(epoch)[:6]


def make_zip(build_dir: Path, out_zip: Path, top: str) -> str:
    """Write out_zip from build_dir (inside a folder named top); return its sha256."""
    stamp = zip_time()
    files = sorted(
        p
        for p in build_dir.rglob("*")
        if p.is_file() and p.relative_to(build_dir).as_posix() not in LEFT_OUT
    )
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(
        out_zip, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9
    ) as archive:
        for path in files:
            info = zipfile.ZipInfo(
                f"{top}/{path.relative_to(build_dir).as_posix()}", date_time=stamp
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix, so the permissions above are honoured
            archive.writestr(info, path.read_bytes())
    digest = hashlib.sha256(out_zip.read_bytes()).hexdigest()
    out_zip.with_name(out_zip.name + ".sha256").write_text(
        f"{digest}  {out_zip.name}\n", encoding="utf-8"
    )
    return digest


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python scripts/bundle.py BUILD_DIR OUT_ZIP", file=sys.stderr)
        return 2
    build_dir, out_zip = Path(argv[1]), Path(argv[2])
    if not (build_dir / "index.html").is_file():
        print(
            f"bundle: {build_dir} has no index.html; build the offline edition first",
            file=sys.stderr,
        )
        return 2
    digest = make_zip(build_dir, out_zip, out_zip.stem)
    print(f"{out_zip}  {out_zip.stat().st_size:,} bytes  sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
