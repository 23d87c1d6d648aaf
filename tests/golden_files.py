"""Golden-file comparison shared by the tests (expected output lives in tests/golden/)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it (review the diff).

    A missing golden file is written and the test fails, so a new file is always looked at.
    """
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1" or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if os.environ.get("UPDATE_GOLDEN") != "1":
            pytest.fail(
                f"golden file {name} was missing and has been written; review and commit it"
            )
    assert actual == path.read_text(encoding="utf-8")
