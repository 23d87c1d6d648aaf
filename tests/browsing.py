"""Browser-side helpers: a page that records every request and every console error."""

from __future__ import annotations

from urllib.parse import urldefrag, urlsplit


class Recorder:
    """Attach to a Playwright page; keeps requests, console errors and page errors."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def foreign_requests(self, allowed_origin: str) -> list[str]:
        """Requests that left file: or the given http origin."""
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.scheme == "file" and allowed_origin == "file:":
                continue
            if f"{parts.scheme}://{parts.netloc}" == allowed_origin:
                continue
            out.append(url)
        return out


def internal_links(page, base: str) -> list[str]:
    """Absolute URLs of links on the page that stay inside the site."""
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    return [href for href in hrefs if href.startswith(base)]


def crawl(page, start: str, base: str) -> tuple[list[str], set[tuple[str, str]]]:
    """Visit every page reachable from start; return (pages visited, (page, #fragment) links seen)."""
    visited: list[str] = []
    anchors: set[tuple[str, str]] = set()
    queue = [start]
    while queue:
        url, _ = urldefrag(queue.pop())
        if url in visited:
            continue
        visited.append(url)
        response = page.goto(url)
        assert response is None or response.ok, f"{url}: HTTP {response.status}"
        assert page.title(), f"{url} has no title"
        for link in internal_links(page, base):
            target, fragment = urldefrag(link)
            if not (target.endswith("/") or target.endswith(".html")):
                continue  # assets such as the zip or a stylesheet
            queue.append(target)
            if fragment:
                anchors.add((target, fragment))
    return visited, anchors


def missing_anchors(page, anchors: set[tuple[str, str]]) -> list[str]:
    """Links whose #fragment names no element on the target page."""
    missing = []
    for target in sorted({t for t, _ in anchors}):
        page.goto(target)
        for fragment in sorted(f for t, f in anchors if t == target):
            found = page.evaluate("f => !!document.getElementById(decodeURIComponent(f))", fragment)
            if not found:
                missing.append(f"{target}#{fragment}")
    return missing


def page_stem(url: str, base: str) -> str:
    """'about' for .../about.html, .../about/ or .../about/?h=x#y; 'index' for the home page."""
    path = urlsplit(url)._replace(query="", fragment="").geturl()
    stem = path[len(base) :] if path.startswith(base) else path
    stem = stem.removesuffix("index.html").removesuffix(".html").strip("/")
    return stem or "index"


def search(page, query: str) -> list[str]:
    """Type a query into Material's search and return the result links in order."""
    page.click("label.md-search__icon") if not page.is_visible("input.md-search__input") else None
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)  # one value, no intermediate searches for a partial query
    box.press("End")  # the search box reacts to keyup only; fill() sends none
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_timeout(300)  # let the worker's answer for the full query settle
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
