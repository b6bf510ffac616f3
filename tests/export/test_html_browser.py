"""The standalone HTML map opens from a file, with the network cut off, and draws every node."""

from __future__ import annotations

import math

import pytest

from ecosystem.export.html import render_html
from ecosystem.export.view import build_view
from ecosystem.export.visual import VisualMeta
from ecosystem.projection import projection_from_graph

pytestmark = pytest.mark.browser


def test_standalone_html_draws_offline(browser, mauricie_graph, tmp_path):
    view = build_view(projection_from_graph(mauricie_graph))
    nodes = sorted(view.graph)
    positions = {n: (math.cos(i), math.sin(i) * (1 + i % 3)) for i, n in enumerate(nodes)}
    path = tmp_path / "carte.html"
    path.write_text(
        render_html(view, positions, VisualMeta("Carte", "2025-11-25", "courant", "Source")), encoding="utf-8"
    )
    requests, errors = [], []
    page = browser.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(
        "**/*",
        lambda route: (
            (requests.append(route.request.url), route.abort())
            if not route.request.url.startswith("file:")
            else route.continue_()
        ),
    )
    page.goto(path.as_uri())
    page.wait_for_function("() => typeof network !== 'undefined' && network.getPositions().constructor === Object")
    drawn = page.evaluate("() => Object.keys(network.getPositions()).length")
    page.mouse.click(10, 10)
    page.close()
    assert errors == [] and requests == []
    assert drawn == len(nodes)
