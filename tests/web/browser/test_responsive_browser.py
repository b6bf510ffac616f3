"""The map on a phone, a tablet and a laptop (Debian's chromium): the map first and large, nodes
drawn, filters in a drawer, touch pan, zoom and full-screen buttons, an empty view explained."""

from __future__ import annotations

import pytest

from tests.web.browser.conftest import wait_drawn

pytestmark = pytest.mark.browser

SIZES = {"phone": (390, 844), "tablet": (768, 1024), "laptop": (1440, 900)}


@pytest.fixture(params=list(SIZES))
def sized(request, browser, live_server):
    width, height = SIZES[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="fr-CA",
        has_touch=request.param != "laptop",
        is_mobile=request.param == "phone",
        bypass_csp=True,
    )  # wait_for_function uses eval (see test_csp_browser.py)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server}/")
    page.wait_for_function("window.ecoMap && window.ecoMap.ready", timeout=15_000)
    yield request.param, page, errors
    context.close()


def painted_pixels(page) -> int:
    """How many pixels of the map's canvas are not blank: the nodes and links really drawn."""
    return page.evaluate("""() => { const c = document.querySelector('#map canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }""")


def test_the_map_is_large_and_drawn(sized):
    name, page, errors = sized
    height = page.evaluate("window.innerHeight")
    box = page.locator("#map").bounding_box()
    assert box["height"] >= 0.6 * height, f"{name}: map {box['height']} px of {height}"
    assert box["width"] >= 0.6 * page.evaluate("window.innerWidth") or name == "laptop"
    assert page.evaluate("window.ecoMap.nodes.length") > 30
    assert painted_pixels(page) > 2000
    # Most important nodes carry a readable label at the fitted zoom (at least 12 px on screen).
    readable = page.evaluate("""() => { const m = window.ecoMap, s = m.network.getScale();
        return m.labelled.filter(id => m.nodes.get(id).font.size * s >= 12).length; }""")
    assert readable >= 4
    assert not errors


def test_the_filters_open(sized, live_server):
    name, page, errors = sized
    drawer = page.locator("#filters")
    if name != "laptop":
        assert not page.locator("#f-territoire").is_visible()
        page.click("#open-filters")
        assert page.get_attribute("#open-filters", "aria-expanded") == "true"
    page.locator("#f-territoire").wait_for(state="visible")
    box = drawer.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.evaluate("window.innerWidth") + 1
    page.select_option("#f-territoire", "la-tuque")
    wait_drawn(type("W", (), {"page": page}), 2)
    assert "territoire=la-tuque" in page.url
    if name != "laptop":
        page.keyboard.press("Escape")
        assert page.get_attribute("#open-filters", "aria-expanded") == "false"
        assert "(1)" in page.locator("#open-filters").inner_text()
    assert not errors


class Touch:
    """Touch gestures through the DevTools protocol (one session for a whole gesture)."""

    def __init__(self, page):
        self.page = page
        self.session = page.context.new_cdp_session(page)

    def send(self, kind: str, points: list[tuple[float, float]]) -> None:
        self.session.send(
            "Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y} for x, y in points]}
        )

    def gesture(self, start: list[tuple[float, float]], step: tuple[float, float], spread: float = 0) -> None:
        self.send("touchStart", start)
        for n in range(1, 11):
            moved = [
                (x + n * step[0] + (n * spread if i else -n * spread), y + n * step[1])
                for i, (x, y) in enumerate(start)
            ]
            self.send(
                "touchMove", moved if len(start) > 1 else [(start[0][0] + n * step[0], start[0][1] + n * step[1])]
            )
            self.page.wait_for_timeout(20)
        self.send("touchEnd", [])


def empty_point(page) -> tuple[float, float]:
    """A point of the map's background near its centre (no node under it), in page coordinates."""
    point = page.evaluate(
        """() => { const n = window.ecoMap.network, box = document.getElementById('map').getBoundingClientRect();
                   for (let r = 0; r < Math.min(box.width, box.height) / 2; r += 8)
                     for (let a = 0; a < 16; a++) {
                       const p = {x: box.width / 2 + r * Math.cos(a * Math.PI / 8),
                                  y: box.height / 2 + r * Math.sin(a * Math.PI / 8)};
                       if (n.getNodeAt(p) === undefined && n.getEdgeAt(p) === undefined)
                         return {x: box.left + p.x, y: box.top + p.y};
                     }
                   return null; }"""
    )
    assert point is not None, "the map has some background to pan from"
    return point["x"], point["y"]


def test_touch_pan_and_pinch(sized):
    name, page, errors = sized
    if name == "laptop":
        pytest.skip("no touch screen")
    x, y = empty_point(page)  # a finger on a node drags the node: the view pans from the background
    touch = Touch(page)
    before = page.evaluate("window.ecoMap.network.getViewPosition()")
    touch.gesture([(x, y)], (12, 8))
    after = page.evaluate("window.ecoMap.network.getViewPosition()")
    assert abs(after["x"] - before["x"]) > 20 and abs(after["y"] - before["y"]) > 10
    scale = page.evaluate("window.ecoMap.network.getScale()")
    touch.gesture([(x - 20, y), (x + 20, y)], (0, 0), spread=10)
    assert page.evaluate("window.ecoMap.network.getScale()") > scale * 1.3
    assert not errors


def test_zoom_and_full_screen_buttons(sized):
    _name, page, errors = sized
    scale = page.evaluate("window.ecoMap.network.getScale()")
    page.click("#zoom-in")
    assert page.evaluate("window.ecoMap.network.getScale()") > scale
    page.click("#zoom-out")
    page.click("#zoom-out")
    assert page.evaluate("window.ecoMap.network.getScale()") < scale
    page.click("#fullscreen")
    box = page.locator("#map-area").bounding_box()
    assert (
        box["height"] >= page.evaluate("window.innerHeight") - 1
        and box["width"] >= page.evaluate("window.innerWidth") - 1
    )
    assert page.get_attribute("#fullscreen", "aria-pressed") == "true"
    page.click("#fullscreen")
    assert page.get_attribute("#fullscreen", "aria-pressed") == "false"
    assert not errors


def test_an_empty_view_says_why_and_how_to_widen_it(watched, live_server):
    watched.page.goto(f"{live_server}/?enjeu=securite-alimentaire&secteur=religieux")
    wait_drawn(watched)
    message = watched.page.locator("#empty")
    message.wait_for(state="visible")
    text = message.inner_text()
    assert "Aucun nœud" in text and "Enjeu : Sécurité alimentaire" in text and "Secteur : Religieux" in text
    assert "retirez un filtre" in text
    message.get_by_role("button", name="Effacer les filtres").click()
    wait_drawn(watched, 2)
    assert watched.page.evaluate("window.ecoMap.nodes.length") > 30 and not message.is_visible()
