"""Small accessibility repairs on the generated HTML.

Task lists (pymdownx.tasklist) render a disabled checkbox with no text of its
own; it only draws the box in front of the item. Screen readers would announce
an unlabelled form control, so the box is hidden from them: the item's text is
read as usual.
"""

from __future__ import annotations

import re

TASK_BOX = re.compile(r'(<label class="task-list-control">)<input type="checkbox" disabled')


def on_page_content(html, page, config, files):
    return TASK_BOX.sub(r'\1<input type="checkbox" disabled aria-hidden="true" tabindex="-1"', html)
