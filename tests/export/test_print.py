"""The exported maps fit to print: no two texts overlap, lone nodes are listed rather than
drawn, no code reaches the page, and importing a little data moves the map little.

The text boxes are measured here from the SVG itself — each ``<text>``'s position, anchor,
size, weight and lines — with the ink boxes of the DejaVu Sans glyphs (Pillow), not with
the boxes the placement reserved.
"""

from __future__ import annotations

import itertools
import re
import shutil
import statistics
import subprocess
import xml.etree.ElementTree as ET
from functools import lru_cache

import pytest
from PIL import ImageFont
from rdflib import Graph
from rdflib.namespace import SKOS

from ecosystem.export.formats import ExportOptions, export
from ecosystem.export.writers import map_view
from ecosystem.ingest.apply import import_paths
from ecosystem.journal import Author, Journal
from ecosystem.ontology import ontology_graph
from ecosystem.store import EmbeddedStore
from ecosystem.store.base import CURRENT
from ecosystem.writes import WritePath

SVG = "{http://www.w3.org/2000/svg}"
VIEWS = [
    {},
    {"enjeu": "securite-alimentaire"},
    {"territoire": "la-tuque"},
    {"focus": "instance/consortium", "profondeur": "2"},
    {"type": "concertation-locale"},
]


@lru_cache(maxsize=32)
def _font(size: float, bold: bool):
    return ImageFont.truetype("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", size=round(size * 10))


def text_boxes(svg: bytes) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(text, ink box) of every line of every ``<text>``, from the SVG's attributes."""
    boxes = []
    for text in ET.fromstring(svg).iter(f"{SVG}text"):
        size = float(text.get("font-size"))
        bold = text.get("font-weight") == "bold"
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}[text.get("text-anchor", "start")]
        y = float(text.get("y"))
        spans = list(text.iter(f"{SVG}tspan")) or [text]
        for span in spans:
            y += float(span.get("dy", 0))
            x = float(span.get("x", text.get("x")))
            line = span.text or ""
            left, top, right, bottom = _font(size, bold).getbbox(line, anchor=anchor)
            boxes.append((line, (x + left / 10, y + top / 10, x + right / 10, y + bottom / 10)))
    return boxes


def overlapping_pairs(boxes) -> list:
    pairs = []
    for (a, p), (b, q) in itertools.combinations(boxes, 2):
        if min(p[2], q[2]) - max(p[0], q[0]) > 0.01 and min(p[3], q[3]) - max(p[1], q[1]) > 0.01:
            pairs.append((a, b))
    return pairs


@pytest.fixture(scope="module")
def notations() -> set[str]:
    """The vocabularies' codes that are not words (« securite-alimentaire »), and the current graph's name."""
    codes = {str(n) for n in ontology_graph().objects(None, SKOS.notation)}
    return {c for c in codes if "-" in c} | {"courant"}


def assert_plain_words(text: str, notations: set[str], ids: set[str]) -> None:
    assert "http" not in text and "w3id" not in text
    assert not re.search(r"\b[a-z][a-zA-Z]*:[A-Za-z]", text), re.search(r"\b[a-z][a-zA-Z]*:[A-Za-z]\S*", text)
    assert not re.search(r"\w\s?=\s?\w", text)
    words = set(re.findall(r"[\w'\u2019-]+", text))
    assert not words & notations, words & notations
    assert not words & ids, words & ids


@pytest.fixture(scope="module")
def ids(export_store) -> set[str]:
    """The ids of the data's resources with a hyphen (codes that are not words)."""
    view = map_view(export_store, ExportOptions())
    return {node.rsplit("/", 1)[-1] for node in view.graph if "-" in node.rsplit("/", 1)[-1]}


@pytest.mark.parametrize("page", ["a3", "tabloid", "letter"])
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("filters", VIEWS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "tout")
def test_no_two_texts_overlap_and_none_is_a_code(export_store, page, lang, filters, notations, ids):
    options = ExportOptions(filters=filters, page=page, lang=lang)
    svg = export(export_store, "svg", options)
    boxes = text_boxes(svg)
    view = map_view(export_store, options)
    assert len(boxes) > min(len(view.graph), 10)
    assert overlapping_pairs(boxes) == []
    root = ET.fromstring(svg)
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    assert all(b[0] >= 0 and b[2] <= width and b[1] >= 0 and b[3] <= height for _, b in boxes)
    assert_plain_words(" ".join(line for line, _ in boxes), notations, ids)


@pytest.mark.parametrize("orientation", ["portrait", "paysage"])
def test_portrait_pages_and_a_long_title(export_store, orientation):
    title = "Cartographie de l'écosystème du développement social de la Mauricie — rapport annuel du Consortium, édition 2026"
    svg = export(export_store, "svg", ExportOptions(page="letter", orientation=orientation, title=title))
    root = ET.fromstring(svg)
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    assert (width < height) == (orientation == "portrait")
    boxes = text_boxes(svg)
    assert overlapping_pairs(boxes) == [] and all(b[2] <= width for _, b in boxes)
    assert title.split()[-1] in " ".join(line for line, _ in boxes)


def test_lone_nodes_are_listed_not_drawn(export_store):
    options = ExportOptions()
    view = map_view(export_store, options)
    lone = [n for n in view.graph if view.graph.degree(n) == 0]
    assert len(lone) > 10
    root = ET.fromstring(export(export_store, "svg", options))
    drawn = {g.get("data-iri") for g in root.iter(f"{SVG}g") if g.get("class") == "node"}
    assert drawn == set(view.graph) - set(lone)
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    listed = " ".join(" ".join(t.itertext()) for t in legend.iter(f"{SVG}text"))
    assert "Sans lien dans cette vue" in listed
    for node in lone:
        assert view.graph.nodes[node]["label"].split()[0] in listed


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_text_is_plain_words_and_english_has_no_french(export_store, tmp_path, lang, notations, ids):
    (tmp_path / "carte.pdf").write_bytes(
        export(export_store, "pdf", ExportOptions(lang=lang, filters={"enjeu": "securite-alimentaire"}))
    )
    text = subprocess.run(
        [shutil.which("pdftotext"), str(tmp_path / "carte.pdf"), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert_plain_words(text, notations, ids)
    french = (
        "Légende",
        "Sans lien",
        "Révision",
        "Enjeu",
        "Date :",
        "nœuds",
        "Acteur —",
        "carte courante",
        "source(s) citée(s)",
    )
    english = ("Legend", "Revision", "Issue: Food security", "nodes", "Actor —", "current map")
    if lang == "en":
        assert not [w for w in french if w in text] and all(w in text for w in english), text[:400]
    else:
        assert "Enjeu : Sécurité alimentaire" in text and "Légende" in text


def _positions(svg: bytes) -> dict[str, tuple[float, float]]:
    centres = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if group.get("class") == "node":
            shape = next(e for e in group if e.tag in (f"{SVG}circle", f"{SVG}polygon"))
            if shape.tag == f"{SVG}circle":
                centres[group.get("data-iri")] = (float(shape.get("cx")), float(shape.get("cy")))
            else:
                points = [tuple(map(float, p.split(","))) for p in shape.get("points").split()]
                centres[group.get("data-iri")] = (sum(p[0] for p in points) / 4, sum(p[1] for p in points) / 4)
    return centres


def test_importing_one_instance_with_three_members_moves_the_map_little(tmp_path, mauricie_graph):
    store = EmbeddedStore(tmp_path / "store")
    store.apply(add=mauricie_graph)
    try:
        before = _positions(export(store, "svg"))
        (tmp_path / "instances.csv").write_text(
            "id;nom\nnouvelle-table;Nouvelle table de concertation\n", encoding="utf-8"
        )
        # Members from the main group, the Chenaux group and an organisation without a seat: three groups join.
        (tmp_path / "participations.csv").write_text(
            "acteur;instance\nciusss-mcq;nouvelle-table\ncdc-des-chenaux;nouvelle-table\ncfcm;nouvelle-table\n",
            encoding="utf-8",
        )
        # Through the write path, as the server writes: the print keeps the screen's carried arrangement.
        with WritePath(store, Journal(tmp_path / "etat")).session(Author(None, None, "test"), "import") as writes:
            assert import_paths(writes, [tmp_path / "instances.csv", tmp_path / "participations.csv"]).written
        after = _positions(export(store, "svg"))
        kept = [n for n in before if n in after]
        xs = [x for x, _ in after.values()]
        moves = [((before[n][0] - after[n][0]) ** 2 + (before[n][1] - after[n][1]) ** 2) ** 0.5 for n in kept]
        assert statistics.median(moves) < 0.05 * (max(xs) - min(xs))
        assert len(after) == len(before) + 2 and len(kept) == len(before)  # the table, and cfcm now linked
        assert len(Graph().parse(data=export(store, "nt"), format="nt")) > len(store.graph(CURRENT)) / 2
    finally:
        store.close()
