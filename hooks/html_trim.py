"""Drop the theme's indentation from every written page.

Material's templates indent their output deeply; after gzip that is still about
0.7 KB per page on every first load. Each newline-plus-indentation becomes a bare
newline and runs of blank lines become one, so the page renders the same (a
newline is still whitespace between inline elements). The content of <pre>,
<textarea> and <script> is left exactly as it is.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

KEEP = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
INDENT = re.compile(r"\n[ \t\r\n]+")


def trim(html: str) -> str:
    parts = KEEP.split(html)
    out = []
    # re.split with two groups yields: text, whole kept element, tag name, text, …
    for index in range(0, len(parts), 3):
        out.append(INDENT.sub("\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)


@event_priority(-100)  # after calc_embed filled its slots into the written page
def on_post_page(output, page, config):
    return trim(output)
