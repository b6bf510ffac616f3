"""The analysis pages and the glossary in Debian's chromium: axe-core finds no serious or
critical violation, in French and English, and the glossary links lead to their term."""

from __future__ import annotations

import pytest

PAGES = [
    "/analyses",
    "/analyses/structure",
    "/analyses/sur-sollicitation",
    "/analyses/mandats-dupliques",
    "/analyses/surconcertation",
    "/glossaire",
]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(watched, live_server, path, lang):
    from axe_playwright_python.sync_playwright import Axe

    watched.page.goto(f"{live_server}{path}?lang={lang}")
    results = Axe().run(watched.page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], (path, lang, serious)
    assert watched.errors == [] and watched.external() == []


def test_a_term_link_opens_its_definition(watched, live_server):
    watched.page.goto(f"{live_server}/analyses/structure")
    watched.page.click("a.term[href$='#communaute']")
    watched.page.wait_for_url("**/glossaire?lang=fr#communaute")
    assert watched.page.locator("#communaute h2").inner_text() == "Communauté"
