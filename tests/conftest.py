"""Session fixtures: one strict build of each edition, the zip, and a real browser."""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import settings
from sitebuild import ROOT, LocalServer, build, copy_project

# Hypothesis profiles. Property tests leave max_examples to the profile, so one switch sizes them all.
#   ci        under CI=true: derandomized (the same examples on every run, no example database),
#             so a red CI run is reproducible and a green one cannot turn red by chance;
#   dev       the local default: random examples, failures remembered in .hypothesis/;
#   thorough  HYPOTHESIS_PROFILE=thorough for a long local hunt before a release.
settings.register_profile("ci", derandomize=True, database=None, max_examples=100, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)


def hypothesis_profile(environ) -> str:
    """HYPOTHESIS_PROFILE if set, else "ci" when CI is true, else "dev"."""
    if environ.get("HYPOTHESIS_PROFILE"):
        return environ["HYPOTHESIS_PROFILE"]
    return "ci" if environ.get("CI", "").lower() in ("1", "true", "yes") else "dev"


settings.load_profile(hypothesis_profile(os.environ))

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


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Path:
    """A pristine copy of the project (tests that edit pages make their own copy)."""
    return copy_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="session")
def online_site(project, tmp_path_factory) -> Path:
    return build(project, tmp_path_factory.mktemp("online") / "site").check().site


@pytest.fixture(scope="session")
def offline_site(project, tmp_path_factory) -> Path:
    return build(project, tmp_path_factory.mktemp("offline") / "site", offline=True).check().site


@pytest.fixture(scope="session")
def offline_zip(offline_site, tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    import bundle

    out = tmp_path_factory.mktemp("dist") / "borrower-handbook-offline.zip"
    bundle.make_zip(offline_site, out, out.stem)
    return out


@pytest.fixture(scope="session")
def unpacked_zip(offline_zip, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(dest)
    return dest / offline_zip.stem


@pytest.fixture(scope="session")
def online_server(online_site):
    with LocalServer(online_site) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright. A missing browser fails, never skips."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
