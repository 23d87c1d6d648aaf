"""What the site's YAML data files share: the error they raise and how their values read.

No MkDocs here. facts_data.py (data/facts.yml) and glossary_data.py
(data/glossary.yml) use these, and so may any later registry.
"""

from __future__ import annotations

import datetime as dt
import re


class DataError(ValueError):
    """A data file or a page breaks the registry's rules; the message says where."""


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def as_date_text(value, where: str, name: str, required: bool) -> str:
    text = as_text(value)
    if not text:
        if required:
            raise DataError(f"{where}: '{name}' is missing")
        return ""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise DataError(f"{where}: '{name}' must be YYYY-MM-DD, YYYY-MM or YYYY, got {text!r}")
    return text
