"""Playwright driving Debian's chromium (never a downloaded browser) against the live server.

Every request the page makes is recorded; a test fails if one leaves localhost or if the
console reports an error or a dialog opens."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest


class Watched:
    """A page with what it requested, what its console said and the dialogs it opened."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

    def external(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlparse(url).hostname not in ("127.0.0.1", "localhost")
            and not url.startswith(("data:", "blob:", "about:"))
        ]


@pytest.fixture
def watched(browser, live_server):
    # bypass_csp: wait_for_function evaluates its predicate with eval, which the pages' policy
    # forbids; test_csp_browser.py loads the pages under the real policy.
    context = browser.new_context(viewport={"width": 1366, "height": 800}, locale="fr-CA", bypass_csp=True)
    page = context.new_page()
    watch = Watched(page)

    def route(route):
        watch.requests.append(route.request.url)
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: message.type == "error" and watch.errors.append(message.text))
    page.on("pageerror", lambda error: watch.errors.append(str(error)))

    def dialog(d):
        watch.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    yield watch
    context.close()


def open_map(watched: Watched, live_server: str, query: str = "") -> None:
    """Load the map page and wait until vis-network has drawn the data."""
    watched.page.goto(f"{live_server}/{query}")
    wait_drawn(watched)


def wait_drawn(watched: Watched, loads: int = 1) -> None:
    watched.page.wait_for_function(
        f"window.ecoMap && window.ecoMap.ready && window.ecoMap.loads >= {loads}", timeout=15_000
    )
