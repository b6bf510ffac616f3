"""« Porte la stratégie … » in Debian's chromium: chosen in the filters (a drawer on a phone), the map draws the
strategy's carriers only, the table twin lists them, the URL and the export links carry the filter.

``ECOSYSTEM_GUIDE_SCREENSHOTS=docs/guide`` keeps the screenshot of the filtered map on a phone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ecosystem.analysis.carriers import strategy_carriers
from ecosystem.mapdata import short_id
from ecosystem.projection import build_projection
from ecosystem.queries import plan_responsibilities
from tests.web.browser.conftest import wait_drawn

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def busiest(web_store) -> tuple[str, set[str], str]:
    """The strategy with the most active carriers: its short id, their short ids, its label."""
    responsibilities = plan_responsibilities(web_store)
    carried = strategy_carriers({s: e["carriers"] for s, e in responsibilities.items()}, build_projection(web_store))
    best = max(carried, key=lambda s: (sum(c.active for c in s.carriers), s.strategy))
    return (
        short_id(best.strategy),
        {short_id(c.iri) for c in best.carriers if c.active},
        responsibilities[best.strategy]["label"],
    )


@pytest.mark.parametrize("size", [(390, 844), (1366, 800)], ids=["telephone", "bureau"])
def test_choosing_a_strategy_keeps_its_carriers(browser, live_server, busiest, tmp_path, size):
    strategy, carriers, label = busiest
    phone = size[0] < 500
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]},
        locale="fr-CA",
        has_touch=phone,
        is_mobile=phone,
        bypass_csp=True,
    )  # wait_for_function uses eval (test_csp_browser.py)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server}/")
    page.wait_for_function("window.ecoMap && window.ecoMap.ready", timeout=15_000)
    if phone:
        page.click("#open-filters")
    page.get_by_label("Porte la stratégie du plan d\u2019action").select_option(strategy)
    wait_drawn(type("W", (), {"page": page}), 2)
    assert f"strategie={strategy.replace('/', '%2F')}" in page.url or f"strategie={strategy}" in page.url
    assert set(page.evaluate("window.ecoMap.data.nodes.map(n => n.id)")) == carriers
    assert set(page.evaluate("window.ecoMap.nodes.getIds()")) <= carriers
    links = page.eval_on_selector_all("a.export-link", "links => links.map(a => a.href)")
    assert links and all("strategie=" in link for link in links)
    if phone:
        page.keyboard.press("Escape")
        assert "(1)" in page.locator("#open-filters").inner_text()
        folder = Path(os.environ.get("ECOSYSTEM_GUIDE_SCREENSHOTS") or tmp_path)
        page.screenshot(path=str(folder / "carte-strategie.png"))
    page.locator("#twin-table summary").click()
    twin = page.locator("#twin-body").inner_text()
    names = page.evaluate("window.ecoMap.data.nodes.map(n => n.label)")
    assert names and all(name in twin for name in names)
    # The copied address restores the same view.
    page.goto(page.url)
    page.wait_for_function("window.ecoMap && window.ecoMap.ready", timeout=15_000)
    assert page.locator("#f-strategie").input_value() == strategy
    assert set(page.evaluate("window.ecoMap.data.nodes.map(n => n.id)")) == carriers
    assert label  # named by the plan
    assert not errors
    context.close()
