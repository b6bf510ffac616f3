"""After a small import through the write path, the first reads show it, and what it did not touch stays as it was.

The province's benchmark (``benchmarks/bench_incremental.py``) times the same on 20,000 actors.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient

from ecosystem.ingest.apply import import_paths
from ecosystem.journal import Author
from ecosystem.projection import build_projection
from ecosystem.projection_tables import triples_from_tables
from ecosystem.settings import Settings
from ecosystem.store import EmbeddedStore
from ecosystem.synth import generate

AUTHOR = Author(None, None, "ligne de commande")


@pytest.fixture
def served(tmp_path):
    tables = generate(regions=2, seed=3, scale=0.05).tables
    store = EmbeddedStore(None)
    store.apply(add=triples_from_tables(tables))
    app = create_app(Settings(store=tmp_path / "store"), store=store)
    with TestClient(app) as client:
        yield app, client, tables


def _import(app, folder: Path, members: list[str], issue: str) -> None:
    (folder / "instances.csv").write_text(
        f"id;nom;territoire;enjeux\nnouvelle-table;Nouvelle table de quartier;r01;{issue}\n", encoding="utf-8"
    )
    (folder / "participations.csv").write_text(
        "acteur;instance\n" + "".join(f"{m};nouvelle-table\n" for m in members), encoding="utf-8"
    )
    with app.state.writes.session(AUTHOR, "import") as store:
        assert import_paths(store, [folder / "instances.csv", folder / "participations.csv"]).written


def test_the_first_reads_after_a_small_import_show_it_and_the_rest_stays_kept(served, tmp_path):
    app, client, tables = served
    members = [row["id"] for row in tables["acteurs"] if row["territoire"] == "r01"][:3]
    other = next(row["id"] for row in tables["acteurs"] if row["territoire"].startswith("r02"))
    issue = tables["instances"][0]["enjeux"].split("|")[0]
    before = {url: client.get(url).content for url in ("/api/carte?territoire=r01", "/api/carte?territoire=r02")}
    structure = client.get("/api/analyses/structure").json()
    assert structure["calcul"]["a_jour"] is True
    for actor in [*members, other]:
        client.get(f"/acteurs/{actor}")
    _import(app, tmp_path, members, issue)
    assert build_projection(app.state.store).derived.ancestors, "the write path updated the projection"

    region = client.get("/api/carte?territoire=r01").json()
    assert "instance/nouvelle-table" in {node["id"] for node in region["nodes"]}
    assert {e["from"] for e in region["edges"] if e["to"] == "instance/nouvelle-table"} == {
        f"acteur/{m}" for m in members
    }
    assert region["total"]["noeuds"] == json.loads(before["/api/carte?territoire=r01"])["total"]["noeuds"] + 1
    for actor in members:
        assert "Nouvelle table de quartier" in client.get(f"/acteurs/{actor}").text
    untouched = client.get("/api/carte?territoire=r02").json()
    kept = json.loads(before["/api/carte?territoire=r02"])
    assert untouched.pop("total") != kept.pop("total")  # the province's totals moved; the region's view did not
    assert untouched == kept
    assert "Nouvelle table" not in client.get(f"/acteurs/{other}").text

    stale = client.get("/api/analyses/structure").json()[
        "calcul"
    ]  # the communities: the previous ones, stamped, at once
    assert stale["version_actuelle"] is not None and stale["version"] != stale["version_actuelle"]
    assert not stale["a_jour"] and "en cours de calcul" in stale["texte"]
    for _ in range(300):  # computed meanwhile in the background
        if client.get("/api/analyses/structure").json()["calcul"]["a_jour"]:
            break
        time.sleep(0.1)
    fresh = client.get("/api/analyses/structure").json()["calcul"]
    assert fresh["a_jour"] and fresh["version"] == stale["version_actuelle"]
    assert f"Calculé à la version des données n° {fresh['version']}." in client.get("/analyses/structure").text
