"""The Mauricie map through ``export()`` (the CLI's and the web's path), at the server-side layout."""

from __future__ import annotations

import io
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from ecosystem.export.formats import ExportOptions, export
from ecosystem.export.writers import map_view

SVG_NS = "{http://www.w3.org/2000/svg}"


def svg_texts(svg: bytes) -> set[str]:
    """Every text of the SVG, its lines (tspans) joined by spaces."""
    return {
        " ".join(span.text for span in text.iter(f"{SVG_NS}tspan")) for text in ET.fromstring(svg).iter(f"{SVG_NS}text")
    }


def assert_every_name_shown(view, svg: bytes) -> None:
    """Each node's name is on the page: its label on the map, or in the side column (lone nodes,
    and the names of numbered nodes)."""
    texts = svg_texts(svg)
    for label in view.labels.values():
        assert label in texts or any(t.endswith(f". {label}") for t in texts), label


def svg_labels(svg: bytes) -> set[str]:
    root = ET.fromstring(svg)
    return {
        " ".join(span.text for span in text.iter(f"{SVG_NS}tspan"))
        for text in root.iter(f"{SVG_NS}text")
        if text.get("class") == "label"
    }


@pytest.mark.parametrize("filters", [{}, {"enjeu": "pauvrete-exclusion"}, {"territoire": "la-tuque"}])
def test_every_label_of_the_view_is_in_the_svg(export_store, filters, assert_no_person):
    options = ExportOptions(filters=filters)
    view = map_view(export_store, options)
    svg = export(export_store, "svg", options)
    assert len(view.graph) > 0
    assert_every_name_shown(view, svg)
    assert_no_person(svg.decode())


def test_pdf_and_png_of_the_map(export_store):
    assert export(export_store, "pdf").startswith(b"%PDF")
    png = Image.open(io.BytesIO(export(export_store, "png", ExportOptions(width=1000, dpi=300))))
    assert png.size == (1000, round(1000 * 297 / 420))


def test_html_of_the_map_has_every_node(export_store, assert_no_person):
    page = export(export_store, "html").decode()
    view = map_view(export_store, ExportOptions())
    assert all(f'"id":"{node}"' in page for node in view.graph)
    assert_no_person(page)


def test_a_revision_can_be_drawn(export_store):
    options = ExportOptions(revision="r2025")
    svg = export(export_store, "svg", options)
    assert_every_name_shown(map_view(export_store, options), svg)
    assert "Révision : r2025" in svg.decode()


def test_pdf_text_has_the_labels_and_no_person(export_store, tmp_path, assert_no_person):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext absent (Debian poppler-utils)")
    (tmp_path / "carte.pdf").write_bytes(export(export_store, "pdf"))
    # -raw: content order, so that a label wrapped next to its neighbours on a dense map reads whole
    subprocess.run(["pdftotext", "-raw", str(tmp_path / "carte.pdf"), str(tmp_path / "carte.txt")], check=True)
    text = " ".join((tmp_path / "carte.txt").read_text(encoding="utf-8").split())
    assert_no_person(text)
    assert "Légende" in text and "Comité local de développement social du Haut Saint-Maurice" in text
