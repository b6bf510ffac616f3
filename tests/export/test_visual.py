"""SVG, PDF, PNG and HTML maps: every label in the SVG text, PDF renders, PNG at the asked size, data escaped."""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from PIL import Image

from ecosystem.export.html import render_html
from ecosystem.export.view import MapView, build_view
from ecosystem.export.visual import PAGES, VisualMeta, render_svg, svg_to_pdf, svg_to_png
from ecosystem.projection import projection_from_graph

SVG_NS = "{http://www.w3.org/2000/svg}"
META = VisualMeta("Cartographie — Mauricie", "2025-11-25", "courant", "Plan d'action 2024-2028")


def ring_positions(graph: nx.Graph) -> dict:
    """Positions given by the caller (the layout's job): three rings, deterministic."""
    nodes = sorted(graph)
    return {
        n: (
            math.cos(2 * math.pi * i / len(nodes)) * (1 + 0.3 * (i % 3)),
            math.sin(2 * math.pi * i / len(nodes)) * (1 + 0.3 * (i % 3)),
        )
        for i, n in enumerate(nodes)
    }


def svg_texts(svg: bytes) -> set[str]:
    """Every text of the SVG, its lines (tspans) joined by spaces."""
    return {
        " ".join(span.text for span in text.iter(f"{SVG_NS}tspan")) for text in ET.fromstring(svg).iter(f"{SVG_NS}text")
    }


def svg_labels(svg: str) -> set[str]:
    """Each node label as the SVG shows it: its lines (tspans) joined by spaces."""
    root = ET.fromstring(svg.encode())
    return {
        " ".join(span.text for span in text.iter(f"{SVG_NS}tspan"))
        for text in root.iter(f"{SVG_NS}text")
        if text.get("class") == "label"
    }


@pytest.fixture(scope="module")
def mauricie_view(mauricie_graph):
    return build_view(projection_from_graph(mauricie_graph))


@pytest.fixture(scope="module")
def mauricie_svg(mauricie_view):
    return render_svg(mauricie_view, ring_positions(mauricie_view.graph), META, "a3")


def test_every_node_label_is_svg_text(mauricie_view, mauricie_svg):
    labels = set(mauricie_view.labels.values())
    assert len(labels) > 50
    texts = svg_texts(mauricie_svg.encode())
    assert all(label in texts or any(t.endswith(f". {label}") for t in texts) for label in labels)


def test_svg_has_title_date_revision_legend_and_source(mauricie_svg):
    root = ET.fromstring(mauricie_svg.encode())
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))
    for expected in (
        "Cartographie — Mauricie",
        "2025-11-25",
        "courant",
        "Légende",
        "Plan d'action 2024-2028",
        "Instance de concertation",
    ):
        assert expected in texts
    assert root.get("width") == "420.0mm" and root.get("height") == "297.0mm"


@pytest.mark.parametrize("page", sorted(PAGES))
def test_labels_stay_on_the_page(mauricie_view, page):
    from ecosystem.export.visual import text_width

    svg = render_svg(mauricie_view, ring_positions(mauricie_view.graph), META, page)
    width, height = PAGES[page]
    root = ET.fromstring(svg.encode())
    for text in root.iter(f"{SVG_NS}text"):
        if text.get("class") != "label":
            continue
        x, y, size = float(text.get("x")), float(text.get("y")), float(text.get("font-size"))
        lines = [span.text for span in text.iter(f"{SVG_NS}tspan")]
        extent = max(text_width(line, size) for line in lines)
        left = {"middle": x - extent / 2, "start": x, "end": x - extent}[text.get("text-anchor")]
        assert left >= 0 and left + extent <= width, (page, lines)
        assert y + size * 1.15 * (len(lines) - 1) <= height


def test_data_text_is_escaped():
    graph = nx.Graph()
    graph.add_node("https://x/a", label='<script>alert("x")</script> & Cie', type="actor", seats=1)
    graph.add_node("https://x/i", label="Table", type="instance", seats=1)
    graph.add_edge("https://x/a", "https://x/i")
    view, positions = MapView(graph), {"https://x/a": (0, 0), "https://x/i": (1, 0)}
    svg = render_svg(view, positions, META)
    assert "<script>" not in svg
    assert '<script>alert("x")</script> & Cie' in svg_labels(svg)
    page = render_html(view, positions, META)
    assert "<script>alert" not in page
    assert "\\u003cscript\\u003ealert" in page


def test_pdf_renders_with_pdftoppm(mauricie_svg, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm absent (Debian poppler-utils)")
    pdf = svg_to_pdf(mauricie_svg)
    assert pdf.startswith(b"%PDF")
    (tmp_path / "carte.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(tmp_path / "carte.pdf"), str(tmp_path / "page")], check=True)
    [page] = list(tmp_path.glob("page*.png"))
    image = Image.open(page)
    assert abs(image.size[0] - 420 / 25.4 * 30) <= 1 and abs(image.size[1] - 297 / 25.4 * 30) <= 1
    assert sum(1 for count in image.convert("L").histogram() if count) > 10  # something is drawn, not a blank page
    info = subprocess.run(["pdfinfo", str(tmp_path / "carte.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+1190\.\d+ x 841\.\d+ pts", info), info


@pytest.mark.parametrize(("width", "dpi"), [(1200, 300), (2000, 600)])
def test_png_has_the_requested_size_and_dpi(mauricie_svg, width, dpi):
    image = Image.open(io.BytesIO(svg_to_png(mauricie_svg, width=width, dpi=dpi)))
    assert image.size == (width, round(width * 297 / 420))
    assert tuple(round(d) for d in image.info["dpi"]) == (dpi, dpi)


def test_png_default_width_is_the_page_at_the_dpi(mauricie_svg):
    image = Image.open(io.BytesIO(svg_to_png(mauricie_svg, dpi=300, page="a3")))
    assert image.size[0] == round(420 / 25.4 * 300)


def test_html_is_one_file_that_opens_offline(mauricie_view):
    page = render_html(mauricie_view, ring_positions(mauricie_view.graph), META)
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=|https?://cdn", page)
    assert "vis.Network" in page and "physics: false" in page
    for label in mauricie_view.labels.values():  # in full as the tooltip
        assert (
            json.dumps(label, ensure_ascii=False)
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
            in page
        )
