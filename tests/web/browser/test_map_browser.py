"""The map in a real browser (Debian's chromium, headless): drawing, filters, search, panel, URL, language,
offline, console, escaping."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.web.browser.conftest import open_map, wait_drawn
from tests.web.conftest import XSS_NAME

pytestmark = pytest.mark.browser


def drawn_ids(watched) -> set[str]:
    return set(watched.page.evaluate("window.ecoMap.nodes.getIds()"))


def test_the_map_draws_the_mauricie_graph(watched, live_server, client):
    open_map(watched, live_server)
    data = client.get("/api/carte").json()
    linked = {end for e in data["edges"] for end in (e["from"], e["to"])}
    alone = {n["id"]: n["label"] for n in data["nodes"] if n["id"] not in linked}
    # The linked nodes are drawn; the nodes without links are listed under the map, not drawn.
    assert drawn_ids(watched) == linked and len(linked) > 30 and alone
    listed = watched.page.locator("#isolated li").all_inner_texts()
    assert len(listed) == len(alone) and all(any(name in text for text in listed) for name in alone.values())
    # vis-network drew on its canvas, and the legend is on screen.
    assert watched.page.evaluate("document.querySelector('#map canvas').width") > 0
    assert watched.page.locator("#legend").is_visible()
    assert "Instance de concertation" in watched.page.locator("#legend").inner_text()
    assert "Légende" in watched.page.locator("#legend-box summary").inner_text()
    # Shown on request.
    watched.page.check("#f-isoles")
    wait_drawn(watched, 2)
    assert drawn_ids(watched) == {n["id"] for n in data["nodes"]}
    assert not watched.external() and not watched.errors


def view_ids(watched) -> set[str]:
    """The nodes of the view, drawn or listed as without links."""
    return set(watched.page.evaluate("window.ecoMap.data.nodes.map(n => n.id)"))


def test_filters_change_what_is_drawn(watched, live_server):
    open_map(watched, live_server)
    everything = view_ids(watched)
    watched.page.select_option("#f-territoire", "la-tuque")
    wait_drawn(watched, 2)
    la_tuque = drawn_ids(watched)
    assert la_tuque and la_tuque < everything
    assert "territoire=la-tuque" in watched.page.url
    watched.page.select_option("#f-territoire", "")
    wait_drawn(watched, 3)
    watched.page.select_option("#f-enjeu", "securite-alimentaire")
    wait_drawn(watched, 4)
    food = drawn_ids(watched)
    # Instances without members that carry this issue are listed, not drawn.
    assert food and food < everything and food != la_tuque and food <= view_ids(watched)
    assert not watched.errors


@pytest.mark.parametrize("typed", ["Consortium", "consortium", "CONSORTIUM"])
def test_search_finds_the_consortium(watched, live_server, typed):
    open_map(watched, live_server)
    watched.page.fill("#search", typed)
    options = watched.page.locator("#search-results [role=option]")
    options.first.wait_for()
    assert any("Consortium" in text for text in options.all_inner_texts())
    watched.page.keyboard.press("Enter")  # keyboard: pick the first result
    watched.page.locator("#panel h2").wait_for()
    assert "Consortium" in watched.page.locator("#panel h2").inner_text()
    assert "selection=" in watched.page.url


def test_accents_do_not_matter(watched, live_server):
    open_map(watched, live_server)
    watched.page.fill("#search", "table des elus")
    watched.page.locator("#search-results [role=option]").first.wait_for()
    assert "Table des élus" in watched.page.locator("#search-results").inner_text()


def click_node(watched, node_id: str) -> None:
    """Click where vis-network draws the node."""
    point = watched.page.evaluate(
        """(id) => { const n = window.ecoMap.network; const p = n.canvasToDOM(n.getPosition(id));
                     const box = document.getElementById('map').getBoundingClientRect();
                     return {x: box.left + p.x, y: box.top + p.y}; }""",
        node_id,
    )
    watched.page.mouse.click(point["x"], point["y"])


def test_clicking_a_node_opens_its_panel(watched, live_server):
    open_map(watched, live_server, "?focus=instance/conseil-des-partenaires&profondeur=1")
    click_node(watched, "instance/conseil-des-partenaires")
    watched.page.locator("#panel h2").wait_for()
    panel = watched.page.locator("#panel")
    assert "Conseil des partenaires du Consortium" in panel.locator("h2").inner_text()
    assert "Membres" in panel.inner_text() and "Sources" in panel.inner_text()
    assert parse_qs(urlsplit(watched.page.url).query)["selection"] == ["instance/conseil-des-partenaires"]


def test_a_copied_url_restores_the_view(watched, live_server, browser):
    open_map(watched, live_server)
    watched.page.select_option("#f-territoire", "la-tuque")
    wait_drawn(watched, 2)
    watched.page.fill("#search", "haut saint-maurice")
    watched.page.locator("#search-results [role=option]").first.wait_for()
    watched.page.keyboard.press("Enter")
    watched.page.locator("#panel h2").wait_for()
    url, ids, title = watched.page.url, drawn_ids(watched), watched.page.locator("#panel h2").inner_text()
    other = browser.new_context(bypass_csp=True).new_page()  # wait_for_function uses eval
    other.goto(url)
    other.wait_for_function("window.ecoMap && window.ecoMap.ready")
    other.locator("#panel h2").wait_for()
    assert set(other.evaluate("window.ecoMap.nodes.getIds()")) == ids
    assert other.locator("#panel h2").inner_text() == title
    assert other.locator("#f-territoire").input_value() == "la-tuque"
    other.context.close()


def test_the_english_switch(watched, live_server):
    open_map(watched, live_server, "?territoire=la-tuque")
    watched.page.click("#lang-switch")
    wait_drawn(watched)
    assert watched.page.evaluate("document.documentElement.lang") == "en"
    assert "Legend" in watched.page.locator("#legend-box").inner_text()
    assert "Territory" in watched.page.locator("#filters").inner_text()
    assert "territoire=la-tuque" in watched.page.url and "lang=en" in watched.page.url


def test_the_xss_name_stays_text(watched, live_server):
    open_map(watched, live_server, "?focus=acteur/test-xss&profondeur=1")
    click_node(watched, "acteur/test-xss")
    watched.page.locator("#panel h2").wait_for()
    assert watched.page.locator("#panel h2").inner_text() == XSS_NAME
    assert watched.page.locator("#panel img").count() == 0
    # The tooltip: hover the node until vis-network shows its title.
    point = watched.page.evaluate(
        """() => { const n = window.ecoMap.network; const p = n.canvasToDOM(n.getPosition('acteur/test-xss'));
                   const box = document.getElementById('map').getBoundingClientRect(); return {x: box.left + p.x, y: box.top + p.y}; }"""
    )
    watched.page.mouse.move(point["x"] + 1, point["y"] + 1)
    watched.page.mouse.move(point["x"], point["y"])
    tooltip = watched.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert XSS_NAME in tooltip.inner_text()
    assert watched.page.locator("div.vis-tooltip img").count() == 0
    watched.page.wait_for_timeout(300)
    assert watched.dialogs == [] and not watched.errors


def test_entity_pages_work_offline(watched, live_server):
    for path in (
        "/instances/conseil-des-partenaires",
        "/acteurs/ciusss-mcq",
        "/territoires/la-tuque",
        "/enjeux/securite-alimentaire",
    ):
        watched.page.goto(f"{live_server}{path}")
        watched.page.locator(".mini-map canvas").wait_for()
    watched.page.goto(f"{live_server}/docs")
    watched.page.locator(".swagger-ui").wait_for()
    assert not watched.external() and not watched.errors


def test_the_export_links_carry_the_view(watched, live_server):
    open_map(watched, live_server)
    watched.page.select_option("#f-territoire", "la-tuque")
    wait_drawn(watched, 2)
    links = watched.page.eval_on_selector_all("a.export-link", "links => links.map(a => a.href)")
    assert {link.split("?")[0].rsplit("/", 1)[1] for link in links} == {"svg", "pdf", "png", "html", "gexf", "graphml"}
    assert all(link.endswith("?territoire=la-tuque") for link in links)
    svg = watched.page.request.get(links[0]).text()
    drawn = drawn_ids(watched)
    assert svg.count("<text") >= len(drawn)  # every drawn node has its label in the exported view
