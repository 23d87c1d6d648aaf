"""Load a page's scripts only where they are used.

calc.js (calculator forms) and forms.js (letter templates, budget worksheet)
are needed on a few pages each; loading them everywhere would add ~15 KB gzip
to every page. This hook looks at the finished HTML of each page and lists the
scripts it needs in page.meta["page_scripts"]; overrides/main.html emits them.
"""

from __future__ import annotations

import debt_plan_block
from mkdocs.plugins import event_priority

# marker in the page's HTML -> script it needs (paths relative to docs/)
SCRIPTS = {
    'class="calc-slot"': "assets/javascripts/calc.js",  # a block; calc_embed fills it in on_post_page
    'class="letter-form': "assets/javascripts/forms.js",
    'class="table-form': "assets/javascripts/forms.js",
    'class="budget-form': "assets/javascripts/forms.js",
}
DEBT_PLAN_JS = "assets/javascripts/debt-plan.js"  # debt_plan blocks (hooks/debt_plan_block.py)


@event_priority(-100)  # after the other hooks have changed the page's HTML
def on_page_content(html, page, config, files):
    needed = []
    for marker, script in SCRIPTS.items():
        if marker in html and script not in needed:
            needed.append(script)
    # A debt_plan block's HTML replaces its calc-slot only in on_post_page; calc_embed
    # records the pages that have one. The budget page links to it (debt-plan-link).
    if page.file.src_uri in debt_plan_block.PAGES or 'class="debt-plan-link' in html:
        needed.append(DEBT_PLAN_JS)
    page.meta["page_scripts"] = needed
    return html
