"""Export endpoints: every data format downloads, without persons; bad input is a clear 4xx."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from rdflib import Graph
from rdflib.compare import isomorphic

from ecosystem.export.formats import ExportOptions
from ecosystem.export.privacy import public_graph
from ecosystem.export.writers import map_positions, map_view
from ecosystem.mapdata import short_id
from ecosystem.settings import Settings
from ecosystem.store import CURRENT


@pytest.fixture(scope="module")
def client(tmp_path_factory, export_store):
    app = create_app(Settings(store=tmp_path_factory.mktemp("unused")), store=export_store)
    with TestClient(app) as client:
        yield client


@pytest.mark.parametrize("format", ["turtle", "trig", "jsonld", "nt", "gexf", "graphml", "csv", "xlsx"])
def test_data_exports_download_without_persons(client, format, assert_no_person):
    response = client.get(f"/export/{format}")
    assert response.status_code == 200, response.text
    assert "attachment" in response.headers["content-disposition"]
    body = response.content
    if format == "csv":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = archive.namelist()
            assert "acteurs.csv" in names
            body = b"".join(archive.read(name) for name in names)
    if format == "xlsx":
        assert body[:2] == b"PK"
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"".join(archive.read(name) for name in archive.namelist())
    assert_no_person(body.decode("utf-8", errors="replace"))


def test_turtle_download_is_the_public_current_graph(client, export_store):
    response = client.get("/export/turtle?vocabulaires=false")
    assert response.headers["content-type"].startswith("text/turtle")
    assert isomorphic(Graph().parse(data=response.text, format="turtle"), public_graph(export_store.graph(CURRENT)))


def test_revision_parameter_and_errors(client):
    assert client.get("/export/nt?revision=r2025").status_code == 200
    unknown = client.get("/export/nt?revision=inexistante")
    assert unknown.status_code == 404 and "Révision inconnue" in unknown.json()["detail"]
    assert client.get("/export/docx").status_code == 422
    assert client.get("/export/png?dpi=5").status_code == 422


def test_filters_reach_the_network_export(client):
    everything = client.get("/export/graphml").text
    filtered = client.get("/export/graphml?enjeu=pauvrete-exclusion").text
    assert 0 < filtered.count("<node ") < everything.count("<node ")


def test_exports_page_lists_every_format_with_the_filters(client):
    page = client.get("/exports?enjeu=habitation")
    assert page.status_code == 200 and "/export/svg?enjeu=habitation" in page.text
    data = client.get("/exports.json").json()
    assert {f["format"] for f in data["formats"]} >= {"svg", "pdf", "png", "html", "gexf", "graphml", "turtle", "trig"}
    json.dumps(data)


@pytest.mark.parametrize("query", ["", "territoire=la-tuque", "enjeu=pauvrete-exclusion"])
def test_exports_draw_the_web_maps_nodes_at_its_positions(client, export_store, query):
    screen = {node["id"]: (node["x"], node["y"]) for node in client.get(f"/api/carte?{query}").json()["nodes"]}
    options = ExportOptions(filters=dict(part.split("=") for part in query.split("&") if part))
    view = map_view(export_store, options)
    positions = map_positions(export_store, view, options)
    assert {short_id(node): tuple(xy) for node, xy in positions.items()} == {k: tuple(v) for k, v in screen.items()}


def test_the_exports_page_chooses_page_orientation_title_and_language(client, tmp_path):
    page = client.get("/exports?enjeu=securite-alimentaire&lang=en").text
    for control in (
        'name="page"',
        'name="orientation"',
        'name="titre"',
        'value="tabloid"',
        'value="letter"',
        'value="portrait"',
        'formaction="/export/pdf"',
        'name="enjeu" value="securite-alimentaire"',
    ):
        assert control in page, control
    # What the form submits: the chosen page, orientation, title and language reach the PDF.
    response = client.get(
        "/export/pdf?enjeu=securite-alimentaire&lang=en&page=letter&orientation=portrait"
        "&titre=Food+security+in+the+Mauricie"
    )
    assert response.status_code == 200
    (tmp_path / "carte.pdf").write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(tmp_path / "carte.pdf")], capture_output=True, text=True, check=True).stdout
    assert "Title:           Food security in the Mauricie" in info
    assert re.search(r"Page size:\s+612 x 792 pts", info), info
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "carte.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Issue: Food security" in text and "Légende" not in text
