"""`ecosystem export` as a user runs it."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import networkx as nx
import pytest
import xmlschema
from PIL import Image
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.export.privacy import public_graph
from ecosystem.ingest.columns import SHEETS
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
    result = run("--store", store_folder, "export", "--format", "turtle", "--no-vocabularies", "-o", out)
    assert result.exit_code == 0, result.output
    assert isomorphic(Graph().parse(out, format="turtle"), public_graph(mauricie_graph))


def test_export_graphml_with_a_filter(store_folder, tmp_path, without_extensions):
    out = tmp_path / "carte.graphml"
    result = run("--store", store_folder, "export", "-f", "graphml", "-o", out, "--filter", "type=concertation-locale")
    assert result.exit_code == 0, result.output
    xmlschema.XMLSchema(SCHEMAS / "graphml-1.0" / "graphml.xsd").validate(
        without_extensions(out.read_bytes(), "http://www.yworks.com/xml/graphml")
    )
    back = nx.read_graphml(out)
    instances = [n for n, kind in back.nodes(data="type") if kind == "instance"]
    assert instances and all(back.nodes[n]["category"] == back.nodes[instances[0]]["category"] for n in instances)
    assert all(kind == "actor" for n, kind in back.nodes(data="type") if n not in instances)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "docx"], "--format"),
        (["-f", "svg", "--page", "a9"], "--page"),
        (["-f", "svg", "--filter", "couleur=rouge"], "CLÉ=VALEUR"),
        (["-f", "nt", "--revision", "absente"], "Révision inconnue"),
    ],
)
def test_bad_options_say_what_to_do(store_folder, tmp_path, args, message):
    result = run("--store", store_folder, "export", "-o", tmp_path / "x", *args)
    assert result.exit_code != 0
    assert message in result.output
    assert not (tmp_path / "x").exists()


def test_map_formats_through_the_cli(store_folder, tmp_path):
    png = tmp_path / "carte.png"
    result = run(
        "--store", store_folder, "export", "-f", "png", "-o", png, "--width", "1600", "--dpi", "300", "--page", "letter"
    )
    assert result.exit_code == 0, result.output
    image = Image.open(io.BytesIO(png.read_bytes()))
    assert image.size == (1600, round(1600 * 8.5 / 11))
    for format in ("svg", "pdf", "html", "gexf"):
        out = tmp_path / f"carte.{format}"
        assert run("--store", store_folder, "export", "-f", format, "-o", out).exit_code == 0
        assert out.stat().st_size > 1000


@pytest.mark.parametrize(
    ("name", "suffix", "parser"),
    [
        ("ttl", "ttl", "turtle"),
        ("turtle", "ttl", "turtle"),
        ("nt", "nt", "nt"),
        ("n-triples", "nt", "nt"),
        ("ntriples", "nt", "nt"),
        ("jsonld", "jsonld", "json-ld"),
        ("json-ld", "jsonld", "json-ld"),
        ("trig", "trig", "trig"),
    ],
)
def test_rdf_formats_answer_to_their_usual_names(store_folder, tmp_path, name, suffix, parser):
    out = tmp_path / f"graphe.{suffix}"
    result = run("--store", store_folder, "export", "--format", name, "-o", out)
    assert result.exit_code == 0, result.output
    parsed = Dataset() if parser == "trig" else Graph()
    assert len(parsed.parse(out, format=parser)) > 1000


@pytest.mark.parametrize(
    ("file", "magic"),
    [
        ("carte.svg", b"<?xml"),
        ("carte.pdf", b"%PDF"),
        ("carte.png", b"\x89PNG"),
        ("carte.html", b"<!doctype html>"),
        ("carte.htm", b"<!doctype html>"),
        ("carte.gexf", b"<?xml"),
        ("carte.graphml", b"<?xml"),
        ("graphe.ttl", b"@prefix"),
        ("graphe.nt", b"<https://"),
        ("graphe.jsonld", b"{"),
        ("graphe.trig", b"@prefix"),
        ("tables.zip", b"PK"),
        ("tables.xlsx", b"PK"),
    ],
)
def test_the_format_is_inferred_from_the_output_name(store_folder, tmp_path, file, magic):
    out = tmp_path / file
    result = run("--store", store_folder, "export", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


def test_csv_into_a_folder_writes_one_file_per_table_and_a_csv_name_is_refused(store_folder, tmp_path):
    result = run("--store", store_folder, "export", "--format", "csv", "-o", tmp_path / "tables")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(f"{sheet}.csv" for sheet in SHEETS)
    assert (tmp_path / "tables" / "acteurs.csv").read_bytes().startswith(b"\xef\xbb\xbfid;")
    refused = run("--store", store_folder, "export", "--format", "csv", "-o", tmp_path / "carte.csv")
    assert refused.exit_code != 0 and "carte.zip" in refused.output and "carte/" in refused.output
    assert not (tmp_path / "carte.csv").exists()


def test_an_output_naming_another_format_or_none_is_refused(store_folder, tmp_path):
    mismatch = run("--store", store_folder, "export", "--format", "pdf", "-o", tmp_path / "carte.png")
    assert mismatch.exit_code != 0 and "png" in mismatch.output and ".pdf" in mismatch.output
    unnamed = run("--store", store_folder, "export", "-o", tmp_path / "carte.docx")
    assert unnamed.exit_code != 0 and "--format" in unnamed.output
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("lang", "title"),
    [("fr", "Cartographie de l'écosystème du développement social"), ("en", "Map of the social-development ecosystem")],
)
def test_the_pdf_carries_its_title(store_folder, tmp_path, lang, title):
    out = tmp_path / "carte.pdf"
    assert run("--store", store_folder, "--lang", lang, "export", "-o", out).exit_code == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, check=True, text=True).stdout
    assert re.search(rf"^Title:\s+{re.escape(title)}$", info, re.M), info
    chosen = tmp_path / "rapport.pdf"
    assert run("--store", store_folder, "export", "-o", chosen, "--title", "Rapport annuel — la carte").exit_code == 0
    info = subprocess.run(["pdfinfo", str(chosen)], capture_output=True, check=True, text=True).stdout
    assert re.search(r"^Title:\s+Rapport annuel — la carte$", info, re.M), info
