"""Small accessibility repairs on the generated HTML.

1. Task lists (pymdownx.tasklist) render a disabled checkbox with no text of
   its own; it only draws the box in front of the item. Screen readers would
   announce an unlabelled form control, so the box is hidden from them: the
   item's text is read as usual.
2. A nav section that has its own index page (Material's navigation.indexes)
   gets an expand button, a <label> holding only an icon, and the section's
   <nav> is labelled by that empty label. Every such section was an unnamed
   landmark (axe: landmark-unique). The <nav> is named with the section's
   title instead (aria-label; a <label> may not carry one itself).
"""

from __future__ import annotations

import html
import re

TASK_BOX = re.compile(r'(<label class="task-list-control">)<input type="checkbox" disabled')
# <a …><span class="md-ellipsis"> TITLE </span></a> <label … id="__nav_N_label" …> icon </label>
INDEXED_SECTION = re.compile(
    r'<div class="md-nav__link md-nav__container">\s*<a [^>]*>\s*<span class="md-ellipsis">\s*'
    r'(?P<title>[^<]+?)\s*</span>\s*</a>\s*<label class="md-nav__link[^"]*" for="[^"]+" id="(?P<id>[^"]+_label)"'
)
LABELLED_BY = re.compile(r'aria-labelledby="([^"]+)"')


def on_page_content(html, page, config, files):
    return TASK_BOX.sub(r'\1<input type="checkbox" disabled aria-hidden="true" tabindex="-1"', html)


def on_post_page(output, page, config):
    titles = {
        m["id"]: html.escape(html.unescape(m["title"])) for m in INDEXED_SECTION.finditer(output)
    }
    if not titles:
        return output
    return LABELLED_BY.sub(
        lambda m: f'aria-label="{titles[m[1]]}"' if m[1] in titles else m[0], output
    )
