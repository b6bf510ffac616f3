"""The export formats' registry: every format has its route, its doc line and its check, and a
format registered elsewhere appears in the CLI help, the OpenAPI enum and the exports page
without touching any other file."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from PIL import Image
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.export.formats import FORMATS
from ecosystem.export.registry import ExportFormat
from ecosystem.i18n import Message
from ecosystem.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")


def _pdf(data: bytes) -> None:
    assert data.startswith(b"%PDF")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        info = subprocess.run([shutil.which("pdfinfo"), file.name], capture_output=True, check=True).stdout
    assert re.search(rb"Pages:\s+1\n", info) and b"Title:" in info


def _xml(root_tag: str, nodes: str):
    def check(data: bytes) -> None:
        root = ET.fromstring(data)
        assert root.tag.endswith(root_tag) and len([e for e in root.iter() if e.tag.endswith(nodes)]) > 50

    return check


def _zip_of_csv(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {"acteurs.csv", "instances.csv", "participations.csv", "territoires.csv"} <= set(archive.namelist())


def _rdf(format: str, dataset: bool = False):
    def check(data: bytes) -> None:
        assert len((Dataset() if dataset else Graph()).parse(data=data, format=format)) > 1000

    return check


def _html(data: bytes) -> None:
    assert data.startswith(b"<!doctype html>") and b"new vis.Network" in data


CHECKS = {
    # Each format's own check: an independent reader opens what the route returns.
    "svg": _xml("svg", "text"),
    "pdf": _pdf,
    "png": lambda data: Image.open(io.BytesIO(data)).verify(),
    "html": _html,
    "gexf": _xml("gexf", "node"),
    "graphml": _xml("graphml", "node"),
    "turtle": _rdf("turtle"),
    "trig": _rdf("trig", dataset=True),
    "jsonld": _rdf("json-ld"),
    "nt": _rdf("nt"),
    "csv": _zip_of_csv,
    "xlsx": lambda data: load_workbook(io.BytesIO(data))["acteurs"].max_row > 30 or pytest.fail("xlsx"),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory, export_store):
    with TestClient(create_app(Settings(store=tmp_path_factory.mktemp("unused")), store=export_store)) as client:
        yield client


def test_every_registered_format_has_its_check():
    assert set(CHECKS) == set(FORMATS.names())


@pytest.mark.parametrize("name", FORMATS.names())
def test_every_registered_format_downloads_and_reads_back(client, name):
    format = FORMATS[name]
    response = client.get(f"/export/{name}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == format.media_type.split(";")[0]
    assert response.headers["content-disposition"].endswith(f'.{format.extension}"')
    CHECKS[name](response.content)
    for alias in format.names[1:]:
        # PDF and PNG carry their making time, XLSX its members' times: those are compared by what they hold.
        if name not in ("pdf", "png", "xlsx"):
            assert client.get(f"/export/{alias}").content == response.content, alias
        else:
            CHECKS[name](client.get(f"/export/{alias}").content)


def test_the_docs_table_is_the_registry():
    for lang in ("fr", "en"):
        assert FORMATS.docs_table(lang) in DOCS, (
            f"docs/exports.md: regenerate with python -m ecosystem.export.registry ({lang})"
        )


def _dot_writer(store, options) -> bytes:
    from ecosystem.export.writers import map_view

    graph = map_view(store, options).graph
    return ("graph carte {\n" + "".join(f'  "{a}" -- "{b}";\n' for a, b in graph.edges()) + "}\n").encode()


DOT = ExportFormat(
    "dot",
    "gv",
    "text/vnd.graphviz",
    Message("Graphviz (DOT)", "Graphviz (DOT)"),
    Message("le réseau en langage DOT", "the network in the DOT language"),
    "visual",
    _dot_writer,
    aliases=("graphviz",),
)


def test_a_format_registered_elsewhere_appears_everywhere(tmp_path, export_store, client):
    with FORMATS.added(DOT):
        help_text = CliRunner().invoke(app, ["export", "--help"], terminal_width=240).output
        assert "dot" in help_text and "graphviz" in help_text
        with TestClient(create_app(Settings(store=tmp_path / "unused"), store=export_store)) as fresh:
            schema = fresh.get("/openapi.json").json()
            parameters = schema["paths"]["/export/{format}"]["get"]["parameters"]
            enum = next(p for p in parameters if p["name"] == "format")["schema"]["enum"]
            assert "dot" in enum and "graphviz" in enum and "turtle" in enum
            page = fresh.get("/exports").text
            assert "Graphviz (DOT)" in page and "/export/dot" in page
            assert "/export/dot" in fresh.get("/").text  # a visual format: among the map's export links
            assert fresh.get("/export/graphviz").text.startswith("graph carte {")
            assert "dot" in {f["format"] for f in fresh.get("/exports.json").json()["formats"]}
        assert "dot" in FORMATS.docs_table() and "dot" not in DOCS  # the doc line is the registry's, once added
    assert "dot" not in FORMATS


def test_a_name_taken_twice_is_refused():
    with pytest.raises(ValueError, match="ttl"):
        FORMATS.register(
            ExportFormat("ttl2", "ttl", "text/turtle", Message("", ""), Message("", ""), "rdf", _dot_writer)
        )


def test_exports_page_groups_formats_by_kind(client):
    page = client.get("/exports?lang=en").text
    for heading in ("Maps (the view and its filters)", "RDF graph", "Import template tables"):
        assert heading in page
    assert json.dumps(client.get("/exports.json").json())
    assert not re.search(r"`", page)
