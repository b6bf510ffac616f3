"""Accessibility in a real browser: axe-core (shipped by axe-playwright-python, nothing downloaded) on every
page in French and English at phone and laptop sizes — no serious or critical violation — and the map
by keyboard alone: reach a node, open its panel, move to a neighbour."""

from __future__ import annotations

import pytest

from tests.web.browser.conftest import wait_drawn

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/?territoire=maskinonge&couleur=communaute",
    "/acteurs",
    "/acteurs?q=mrc",
    "/acteurs/ciusss-mcq",
    "/instances",
    "/instances/conseil-des-partenaires",
    "/territoires/la-tuque",
    "/enjeux/securite-alimentaire",
    "/verifier",
    "/verifier?verifier=1&enjeux=securite-alimentaire&territoire=maskinonge&partenaires=ciusss-mcq&partenaires=mrc-maskinonge",
    "/verifier?verifier=1",
    "/analyses",
    "/analyses/sur-sollicitation",
    "/analyses/mandats-dupliques",
    "/analyses/surconcertation",
    "/analyses/structure",
    "/tableau-de-bord",
    "/revisions",
    "/exports",
    "/sparql",
    "/accessibilite",
    "/nulle-part",
]
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(params=[(390, 844), (1440, 900)], ids=["phone", "laptop"], scope="module")
def sized_page(request, browser):
    width, height = request.param
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="fr-CA", bypass_csp=True
    )  # eval in wait_for_function
    yield context.new_page()
    context.close()


def _violations(axe, page) -> list[str]:
    found = axe.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:4]}" for v in found if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_serious_violation_on_any_page(axe, sized_page, live_server, lang):
    failures = {}
    for path in PAGES:
        url = f"{live_server}{path}{'&' if '?' in path else '?'}lang={lang}"
        sized_page.goto(url)
        if path.startswith("/?") or path == "/":
            sized_page.wait_for_function("window.ecoMap && window.ecoMap.ready", timeout=15_000)
        elif sized_page.locator(".mini-map").count():
            sized_page.locator(".mini-map canvas").first.wait_for()
        found = _violations(axe, sized_page)
        if found:
            failures[path] = found
    assert not failures, failures


def test_the_map_by_keyboard_alone(watched, live_server):
    page = watched.page
    page.goto(f"{live_server}/?territoire=la-tuque")
    wait_drawn(watched)
    # Tab from the top of the page to the map: every stop on the way is labelled, none is vis-network's own.
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            return {id: e.id, inMap: Boolean(e.closest('#map')) && e.id !== 'map', name: e.getAttribute('aria-label') || e.textContent.trim() || e.labels?.[0]?.textContent || ''}; }""")
        assert not focused["inMap"], "an unlabelled stop inside the map"
        assert focused["name"].strip() or focused["id"], focused
        if focused["id"] == "map":
            break
    else:
        pytest.fail("the map was not reached by Tab")
    scale = page.evaluate("window.ecoMap.network.getScale()")
    page.keyboard.press("+")
    assert page.evaluate("window.ecoMap.network.getScale()") > scale
    view = page.evaluate("window.ecoMap.network.getViewPosition()")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("window.ecoMap.network.getViewPosition()")["x"] > view["x"], "arrows pan with no selection"
    # Enter picks the most connected node, and opens its panel.
    page.keyboard.press("Enter")
    page.locator("#panel h2").wait_for()
    first = page.evaluate("new URLSearchParams(location.search).get('selection')")
    assert first and first == page.evaluate("window.ecoMap.network.getSelectedNodes()[0]")
    neighbours = set(page.evaluate(f"window.ecoMap.network.getConnectedNodes('{first}')"))
    # An arrow moves to a neighbour in that direction (one of the four finds one).
    for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"):
        page.keyboard.press(key)
        moved = page.evaluate("new URLSearchParams(location.search).get('selection')")
        if moved != first:
            break
    assert moved in neighbours
    page.wait_for_function(
        f"document.querySelector('#panel h2') && window.ecoMap.nodes.get('{moved}') && "
        f"document.querySelector('#panel h2').textContent === window.ecoMap.nodes.get('{moved}').name"
    )
    # Enter moves into the panel; its neighbour buttons open the next panel; Escape comes back to the map.
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "panel"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#panel') !== null")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "map" and page.locator("#panel").is_hidden()
    assert not watched.errors


def test_the_map_has_a_table_twin_with_a_summary_and_csv(watched, live_server, client):
    page = watched.page
    page.goto(f"{live_server}/?territoire=la-tuque")
    wait_drawn(watched)
    data = client.get("/api/carte?territoire=la-tuque").json()
    summary = page.locator("#summary").inner_text()
    assert f"{data['vue']['instances']} instances, {data['vue']['acteurs']} organisations" in summary
    assert "le nœud le plus lié :" in summary
    page.click("#twin-table summary")
    rows = page.locator("#twin-nodes tbody tr")
    assert rows.count() == len(data["nodes"])
    # Sorted by links, most first; a click on « Nom » sorts by name.
    links = [int(x) for x in page.locator("#twin-nodes tbody td.num").all_inner_texts()]
    assert links == sorted(links, reverse=True)
    page.click("#twin-nodes th >> text=Nom")
    names = page.locator("#twin-nodes tbody tr td:first-child").all_inner_texts()
    assert names == sorted(names, key=lambda n: n.casefold()) or names == sorted(
        names, key=lambda n: n.casefold(), reverse=True
    )
    assert page.locator("#twin-links tbody tr").count() == len(data["edges"])
    csv = page.evaluate("decodeURIComponent(document.getElementById('twin-csv').href.split(',').slice(1).join(','))")
    assert all(node["label"] in csv for node in data["nodes"])
    # A row opens the node's panel.
    page.locator("#twin-nodes tbody button").first.click()
    page.locator("#panel h2").wait_for()
