"""The pages work under their real Content-Security-Policy (no inline script, no eval): loaded
in Chromium without any bypass, no page reports a policy violation or a script error."""

from __future__ import annotations

import pytest

PAGES = {
    "/": "#map canvas",
    "/instances/conseil-des-partenaires": ".mini-map canvas",
    "/acteurs/ciusss-mcq": "h1",
    "/analyses/structure": "h1",
    "/verifier": "form",
    "/tableau-de-bord": "h1",
    "/sparql": "textarea",
    "/docs": ".swagger-ui .info",
    "/revisions": "h1",
    "/exports": "h1",
}
_REPORT = "document.addEventListener('securitypolicyviolation', e => console.error('CSP: ' + e.violatedDirective + ' ' + e.blockedURI))"


@pytest.fixture(scope="module")
def strict_page(browser):
    context = browser.new_context(locale="fr-CA")
    context.add_init_script(_REPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()


@pytest.mark.parametrize("path", list(PAGES))
def test_the_page_works_under_its_policy(strict_page, live_server, path):
    page, errors = strict_page
    errors.clear()
    response = page.goto(f"{live_server}{path}")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(PAGES[path]).first.wait_for(timeout=15_000)
    page.wait_for_timeout(300)
    assert not errors, errors
