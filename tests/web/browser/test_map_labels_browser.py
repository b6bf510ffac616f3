"""The labels chosen at the fitted zoom of the default map (Debian's chromium, real Mauricie data):
at a desktop and a phone size, each placed label overlaps neither another label nor another node's
shape and stays inside the map; a shortened label keeps the full name in its tooltip; on a desktop
the drawing spreads over most of the map's width."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}

# The label and the shape of every node as vis-network really drew them, in screen pixels of the map.
GEOMETRY = """() => { const m = window.ecoMap, n = m.network, s = n.getScale();
  const box = (x0, y0, x1, y1) => { const a = n.canvasToDOM({x: x0, y: y0}), b = n.canvasToDOM({x: x1, y: y1});
                                    return {left: a.x, top: a.y, right: b.x, bottom: b.y}; };
  const nodes = m.nodes.getIds().map((id) => { const b = n.body.nodes[id], r = b.options.size;
    return {id, shape: box(b.x - r, b.y - r, b.x + r, b.y + r)}; });
  const labels = m.labelled.map((id) => { const b = n.body.nodes[id], l = b.labelModule.size, v = b.options.font.vadjust || 0;
    return {id, text: b.options.label, title: m.nodes.get(id).title.textContent, px: b.options.font.size * s,
            box: box(l.left, l.top + v, l.left + l.width, l.top + v + l.height)}; });
  const canvas = document.querySelector('#map canvas');
  const xs = m.shown.map((node) => node.x);  // the server's positions, before the stretch
  return {nodes, labels, width: canvas.clientWidth, height: canvas.clientHeight,
          serverSpan: (Math.max(...xs) - Math.min(...xs)) * s}; }"""


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.fixture(params=list(SIZES))
def drawn(request, browser, live_server):
    width, height = SIZES[request.param]
    phone = request.param == "phone"
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="fr-CA", is_mobile=phone, has_touch=phone, bypass_csp=True
    )  # wait_for_function uses eval (see test_csp_browser.py)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server}/")
    page.wait_for_function("window.ecoMap && window.ecoMap.ready", timeout=15_000)
    yield request.param, page.evaluate(GEOMETRY), errors
    context.close()


def test_placed_labels_overlap_no_label_and_no_other_node(drawn):
    name, geometry, errors = drawn
    labels, nodes = geometry["labels"], geometry["nodes"]
    assert len(labels) >= 4 and all(label["px"] >= 12 for label in labels), name
    for i, label in enumerate(labels):
        box = label["box"]
        assert box["left"] >= 0 and box["top"] >= 0, (name, label["text"])
        assert box["right"] <= geometry["width"] and box["bottom"] <= geometry["height"], (name, label["text"])
        crossed = [other["text"] for other in labels[i + 1 :] if overlap(box, other["box"])]
        assert not crossed, f"{name}: « {label['text']} » over the labels {crossed}"
        covered = [node["id"] for node in nodes if node["id"] != label["id"] and overlap(box, node["shape"])]
        assert not covered, f"{name}: « {label['text']} » over the nodes {covered}"
    assert not errors


def test_a_shortened_label_keeps_the_full_name_in_its_tooltip(drawn):
    name, geometry, _errors = drawn
    for label in geometry["labels"]:
        lines = label["text"].split("\n")
        assert len(lines) <= 2, (name, label["text"])
        shown = " ".join(lines).removesuffix(" …")
        assert " ".join(label["title"].split("\n")[0].split()).startswith(shown), (name, label["text"])
    assert any(label["text"].endswith("…") for label in geometry["labels"]), name


def test_the_desktop_drawing_spreads_over_the_map_width(drawn):
    name, geometry, _errors = drawn
    if name != "desktop":
        pytest.skip("a phone's drawing is bound by its width already")
    xs = [x for node in geometry["nodes"] for x in (node["shape"]["left"], node["shape"]["right"])]
    # The server's layout is about square and the area wide: stretched (at most ×1.5) towards the area.
    assert max(xs) - min(xs) >= 1.4 * geometry["serverSpan"]
    assert max(xs) - min(xs) >= 0.55 * geometry["width"]
