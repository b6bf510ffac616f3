"""The facts to confirm in a real browser (Debian's chromium): axe-core finds no serious or critical violation in
either language on a phone (390 × 844) and a laptop; on a phone each fact reads as a card within the screen; the
territory filter works without script; the actor page's ages stay within the screen too."""

from __future__ import annotations

import itertools

import pytest

pytestmark = pytest.mark.browser

SIZES = {"phone": (390, 844), "laptop": (1440, 900)}
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(params=list(SIZES), scope="module")
def sized(request, browser):
    width, height = SIZES[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="fr-CA", is_mobile=request.param == "phone"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield request.param, page, errors
    context.close()


@pytest.mark.parametrize(
    "path", ["/faits-a-confirmer", "/faits-a-confirmer?territoire=shawinigan", "/acteurs/cdc-des-chenaux"]
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_serious_violation(axe, sized, live_server, lang, path):
    name, page, errors = sized
    page.goto(f"{live_server}{path}{'&' if '?' in path else '?'}lang={lang}")
    found = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:4]}"
        for v in axe.run(page).response["violations"]
        if v["impact"] in SERIOUS
    ]
    assert not found, (name, found)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth") + 1, (
        "wider than the screen"
    )
    assert not errors


def test_each_fact_is_a_card_on_a_phone_and_a_row_on_a_laptop(sized, live_server, tmp_path):
    name, page, _ = sized
    page.goto(f"{live_server}/faits-a-confirmer")
    first = page.locator("table.to-confirm tbody tr").first
    assert first.locator("td.year").inner_text() == "date inconnue"
    header_visible = page.locator("table.to-confirm thead").bounding_box()["height"] > 2
    cells = [first.locator("td").nth(i).bounding_box() for i in range(4)]
    if name == "phone":
        assert not header_visible
        assert all(a["y"] < b["y"] for a, b in itertools.pairwise(cells)), "one under the other"
        assert all(c["x"] + c["width"] <= 391 for c in cells)
        page.screenshot(path=str(tmp_path / "faits-a-confirmer-phone.png"), full_page=False)
    else:
        assert header_visible and len({round(c["y"]) for c in cells}) == 1, "one row"


def test_the_territory_filter(sized, live_server):
    _, page, _ = sized
    page.goto(f"{live_server}/faits-a-confirmer?lang=en")
    total = page.locator("main p").nth(1).inner_text()
    page.select_option("#territoire", "shawinigan")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**territoire=shawinigan**")
    assert page.locator("#territoire").input_value() == "shawinigan"
    assert page.locator("main p").nth(1).inner_text() != total
    assert page.locator("a[download]").get_attribute("href") == "/faits-a-confirmer.csv?territoire=shawinigan&lang=en"
