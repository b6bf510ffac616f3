"""`ecosystem export` as a user runs it."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
import xmlschema
from PIL import Image
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.export.privacy import public_graph
from ecosystem.store import EmbeddedStore

runner = CliRunner()
SCHEMAS = Path(__file__).parent / "schemas"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory, mauricie_graph):
    folder = tmp_path_factory.mktemp("cli") / "magasin"
    store = EmbeddedStore(folder)
    store.apply(add=mauricie_graph)
    store.close()
    return folder


def test_export_turtle_writes_the_public_graph(store_folder, tmp_path, mauricie_graph):
    out = tmp_path / "sous-dossier" / "graphe.ttl"
    result = run("--store", store_folder, "export", "--format", "turtle", "-o", out)
    assert result.exit_code == 0, result.output
    assert isomorphic(Graph().parse(out, format="turtle"), public_graph(mauricie_graph))


def test_export_graphml_with_a_filter(store_folder, tmp_path):
    out = tmp_path / "carte.graphml"
    result = run("--store", store_folder, "export", "-f", "graphml", "-o", out, "--filter", "type=concertation-locale")
    assert result.exit_code == 0, result.output
    xmlschema.XMLSchema(SCHEMAS / "graphml-1.0" / "graphml.xsd").validate(str(out))
    back = nx.read_graphml(out)
    instances = [n for n, kind in back.nodes(data="type") if kind == "instance"]
    assert instances and all(back.nodes[n]["category"] == back.nodes[instances[0]]["category"] for n in instances)
    assert all(kind == "actor" for n, kind in back.nodes(data="type") if n not in instances)


@pytest.mark.parametrize(("args", "message"), [
    (["-f", "docx"], "--format"),
    (["-f", "svg", "--page", "a9"], "--page"),
    (["-f", "svg", "--filter", "couleur=rouge"], "CLÉ=VALEUR"),
    (["-f", "nt", "--revision", "absente"], "Révision inconnue"),
])
def test_bad_options_say_what_to_do(store_folder, tmp_path, args, message):
    result = run("--store", store_folder, "export", "-o", tmp_path / "x", *args)
    assert result.exit_code != 0
    assert message in result.output
    assert not (tmp_path / "x").exists()


def test_map_formats_through_the_cli(store_folder, tmp_path):
    pytest.importorskip("ecosystem.layout")
    png = tmp_path / "carte.png"
    result = run("--store", store_folder, "export", "-f", "png", "-o", png, "--width", "1600", "--dpi", "300", "--page", "letter")
    assert result.exit_code == 0, result.output
    image = Image.open(io.BytesIO(png.read_bytes()))
    assert image.size == (1600, round(1600 * 8.5 / 11))
    for format in ("svg", "pdf", "html", "gexf"):
        out = tmp_path / f"carte.{format}"
        assert run("--store", store_folder, "export", "-f", format, "-o", out).exit_code == 0
        assert out.stat().st_size > 1000
