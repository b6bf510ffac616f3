"""Revision pages, creation with a staff member's named token, the diff page and its JSON twin."""

from __future__ import annotations

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from rdflib import Literal

from ecosystem.accounts import Accounts, state_dir
from ecosystem.namespaces import ECO, RDF, SKOS, actor_iri
from ecosystem.settings import Settings


@pytest.fixture
def client(tmp_path, mauricie_copy):
    settings = Settings(store=tmp_path / "unused")
    accounts = Accounts(state_dir(settings))
    account = accounts.create("equipe@exemple.org", "un mot de passe assez long", "equipe")
    app = create_app(settings, store=mauricie_copy)
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {accounts.create_token(account.id, 'tests des révisions')}"
        yield client


def _create(client, name, **extra):
    return client.post("/api/revisions", json={"nom": name, **extra})


def test_create_needs_the_token(client):
    token = client.headers.pop("Authorization")
    assert client.post("/api/revisions", json={"nom": "r1"}).status_code == 401
    assert (
        client.post("/api/revisions", json={"nom": "r1"}, headers={"Authorization": "Bearer faux"}).status_code == 401
    )
    client.headers["Authorization"] = token
    created = _create(client, "r1", note="Bilan")
    assert created.status_code == 201 and created.json()["note"] == "Bilan"
    assert _create(client, "r1").status_code == 409
    assert _create(client, "mauvais nom").status_code == 422


def test_list_and_one_revision_pages(client):
    _create(client, "r1", note="<b>note</b>")
    listed = client.get("/revisions.json").json()
    assert [r["nom"] for r in listed["revisions"]] == ["r1"]
    page = client.get("/revisions")
    assert page.status_code == 200 and "&lt;b&gt;note&lt;/b&gt;" in page.text
    one = client.get("/revisions/r1.json")
    assert one.status_code == 200 and one.json()["revision"]["nom"] == "r1"
    assert client.get("/revisions/r1").status_code == 200
    assert client.get("/revisions/absente").status_code == 404


def test_diff_page_and_json_show_the_change(client, mauricie_copy):
    _create(client, "r1")
    mauricie_copy.apply(
        add=[
            (actor_iri("nouveau"), RDF.type, ECO.Actor),
            (actor_iri("nouveau"), SKOS.prefLabel, Literal("Nouvel <acteur>", lang="fr")),
        ]
    )
    data = client.get("/revisions/diff.json?avant=r1&apres=courant").json()
    assert [a["nom"] for a in data["acteurs"]["ajoutes"]] == ["Nouvel <acteur>"]
    assert "sur-sollicitation" in data["analyses"]
    page = client.get("/revisions/diff?avant=r1&apres=courant")
    assert page.status_code == 200
    assert "Nouvel &lt;acteur&gt;" in page.text and "Nouvel <acteur>" not in page.text
    assert "/revisions/diff/carte.svg?avant=r1&amp;apres=courant" in page.text
    assert client.get("/revisions/diff.json?avant=r9&apres=courant").status_code == 404
