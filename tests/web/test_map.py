"""The map page and its data, on the Mauricie data (plus one actor named like an XSS attack)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ecosystem.namespaces import ECO, ORG
from tests.web.conftest import XSS_NAME

ROOT = Path(__file__).resolve().parents[2]


def test_the_map_page_serves_packaged_assets_only(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<script src="/static/vendor/vis-network/vis-network.min.js"' in page.text
    assert "https://" not in page.text.split("<main")[1].split("</main>")[0].replace("https://w3id.org", "")
    for asset in (
        "/static/vendor/vis-network/vis-network.min.js",
        "/static/carte.js",
        "/static/web.css",
        "/static/vendor/vis-network/LICENSE-MIT",
    ):
        assert client.get(asset).status_code == 200
    assert "Sécurité alimentaire" in page.text  # filter choices rendered server-side


def test_the_map_data_holds_every_actor_and_instance_with_positions(client, web_store):
    data = client.get("/api/carte").json()
    actors = {str(r["a"]) for r in web_store.select(f"SELECT ?a WHERE {{ GRAPH ?g {{ ?a a <{ECO.Actor}> }} }}")}
    instances = {str(r["i"]) for r in web_store.select(f"SELECT ?i WHERE {{ GRAPH ?g {{ ?i a <{ECO.Instance}> }} }}")}
    ids = {n["id"] for n in data["nodes"]}
    assert {a.split("/id/")[1] for a in actors} <= ids
    assert {i.split("/id/")[1] for i in instances} <= ids
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert {n["shape"] for n in data["nodes"] if n["kind"] == "actor"} == {"dot"}
    assert {n["shape"] for n in data["nodes"] if n["kind"] == "instance"} == {"diamond"}
    assert data["legende"]["couleurs"] and not data["agrege"]
    memberships = web_store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?m a <{ORG.Membership}> }} }}")
    assert len(data["edges"]) <= int(memberships[0]["n"])


# The Mauricie data (and the web tests' additions) in a new process: the map as /api/carte gives it.
_OTHER_PROCESS = """
import json, sys
from pathlib import Path
from fastapi.testclient import TestClient
from ecosystem.api.main import create_app
from ecosystem.loading import load_paths
from ecosystem.settings import Settings
from ecosystem.store import EmbeddedStore
from tests.web.conftest import _extra_triples
store = EmbeddedStore(None)
load_paths(store, [Path(sys.argv[1])])
store.apply(add=_extra_triples())
with TestClient(create_app(Settings(store=sys.argv[2]), store=store)) as client:
    print(json.dumps({n["id"]: [n["x"], n["y"]] for n in client.get("/api/carte").json()["nodes"]}))
"""


def test_positions_are_stable(mauricie_path, tmp_path):
    """The layout of the same data is the same in two fresh processes, each with its own hash seed and no cache
    (within one process, a new layout starts from the previous one on purpose: see ``layout.py``)."""
    placed = []
    for seed in ("1", "4242"):
        run = subprocess.run(
            [sys.executable, "-c", _OTHER_PROCESS, str(mauricie_path), str(tmp_path / seed)],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr
        placed.append(json.loads(run.stdout))
    first, second = placed
    assert len(first) > 100 and len({tuple(p) for p in first.values()}) > 100
    assert first == second


def test_filters_change_the_view(client):
    everything = client.get("/api/carte").json()["vue"]["noeuds"]
    la_tuque = client.get("/api/carte", params={"territoire": "la-tuque"}).json()
    assert 0 < la_tuque["vue"]["noeuds"] < everything
    assert any("Haut Saint-Maurice" in n["label"] for n in la_tuque["nodes"])
    food = client.get("/api/carte", params={"enjeu": "securite-alimentaire"}).json()
    assert 0 < food["vue"]["noeuds"] < everything
    assert all(n["kind"] == "actor" or "Enjeux" in n["title"] for n in food["nodes"])
    partners = client.get("/api/carte", params={"role": "partenaire"}).json()
    assert partners["edges"] and all("partenaire" in e["roles"] for e in partners["edges"])


def test_nested_territories_are_included(client):
    region = {n["id"] for n in client.get("/api/carte", params={"territoire": "mauricie"}).json()["nodes"]}
    la_tuque = {n["id"] for n in client.get("/api/carte", params={"territoire": "la-tuque"}).json()["nodes"]}
    assert la_tuque and la_tuque <= region


def test_focus_keeps_the_neighbourhood(client):
    focus = client.get("/api/carte", params={"focus": "instance/conseil-des-partenaires", "profondeur": 1}).json()
    ids = {n["id"] for n in focus["nodes"]}
    assert "instance/conseil-des-partenaires" in ids and "acteur/test-xss" in ids
    assert all("instance/conseil-des-partenaires" in (e["from"], e["to"]) for e in focus["edges"])


def test_large_views_are_aggregated(client):
    data = client.get("/api/carte", params={"max_noeuds": 10}).json()
    assert data["agrege"] and all(n["kind"] == "group" for n in data["nodes"])
    assert sum(int(n["title"].split("\n")[1].split()[0]) for n in data["nodes"]) == data["vue"]["noeuds"]


def test_titles_are_plain_text(client):
    data = client.get("/api/carte").json()
    xss = next(n for n in data["nodes"] if n["id"] == "acteur/test-xss")
    assert xss["label"] == XSS_NAME and xss["title"].startswith(XSS_NAME)


def test_search_is_accent_and_case_insensitive(client):
    for query in ("Consortium", "consortium", "CONSORTIUM"):
        found = client.get("/api/recherche", params={"q": query}).json()["resultats"]
        assert any("Consortium" in r["nom"] for r in found)
    assert (
        client.get("/api/recherche", params={"q": "table des elus"})
        .json()["resultats"][0]["nom"]
        .startswith("Table des élus")
    )


def test_english(client):
    assert "Ecosystem map" in client.get("/?lang=en").text
    legend = client.get("/api/carte", params={"lang": "en"}).json()["legende"]
    assert legend["formes"][0]["libelle"] == "Actor (organisation)"


def test_bad_filters_are_refused_or_empty(client):
    assert client.get("/api/carte", params={"profondeur": 99}).status_code == 422
    assert client.get("/api/carte", params={"territoire": "nulle-part"}).json()["nodes"] == []


def test_a_view_of_recent_facts_has_its_own_layout(client):
    """``?depuis=`` draws fewer nodes: its layout is its own, and the full view never reuses it."""
    recent = client.get("/api/carte?enjeu=habitation&depuis=2020")  # laid out first, under its own key
    everything = client.get("/api/carte?enjeu=habitation")
    assert recent.status_code == everything.status_code == 200

    def ids(data):
        return {n["id"] for n in data["nodes"]}

    assert ids(recent.json()) < ids(everything.json())
    # Reusing the recent view's layout would leave the other nodes at the default (0, 0), piled up.
    places = [(n["x"], n["y"]) for n in everything.json()["nodes"]]
    assert len(set(places)) == len(places)
