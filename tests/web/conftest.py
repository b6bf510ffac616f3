"""Web fixtures: a store with the Mauricie data plus an actor named like an XSS attack and a
representative (a person, who must never be public); the app over it; a real uvicorn server."""

from __future__ import annotations

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from rdflib import Literal

from ecosystem.loading import load_paths
from ecosystem.namespaces import ECO, FOAF, ID, ORG, RDF, SKOS, actor_iri, concept_iri, instance_iri, membership_iri
from ecosystem.settings import Settings
from ecosystem.store import EmbeddedStore
from tests.serving import served

XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_ACTOR = actor_iri("test-xss")
PERSON = ID["personne/test-representante"]
PERSON_NAME = "Jeanne Secrète-Témoin"


def _extra_triples():
    consortium = instance_iri("conseil-des-partenaires")
    membership = membership_iri("test-xss", "conseil-des-partenaires")
    return [
        (XSS_ACTOR, RDF.type, ECO.Actor),
        (XSS_ACTOR, RDF.type, ORG.Organization),
        (XSS_ACTOR, SKOS.prefLabel, Literal(XSS_NAME, lang="fr")),
        (XSS_ACTOR, ECO.sector, concept_iri("secteurs", "communautaire")),
        (membership, RDF.type, ORG.Membership),
        (membership, ORG.member, XSS_ACTOR),
        (membership, ORG.organization, consortium),
        (membership, ORG.role, concept_iri("roles", "membre")),
        (membership, ECO.representative, PERSON),
        (PERSON, RDF.type, FOAF.Person),
        (PERSON, FOAF.name, Literal(PERSON_NAME)),
    ]


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, mauricie_path):
    store = EmbeddedStore(tmp_path_factory.mktemp("web") / "store")
    result = load_paths(store, [mauricie_path])
    assert result.report.conforms
    store.apply(add=_extra_triples())
    yield store
    store.close()


@pytest.fixture(scope="session")
def web_app(tmp_path_factory, web_store):
    settings = Settings(store=tmp_path_factory.mktemp("unused"), sparql_timeout_s=2.0, sparql_result_cap=50)
    return create_app(settings, store=web_store)


@pytest.fixture(scope="session")
def client(web_app):
    with TestClient(web_app) as client:
        yield client


@pytest.fixture(scope="session")
def live_server(web_app):
    """The app served by uvicorn on 127.0.0.1 and a free port; yields its base URL."""
    with served(web_app) as base:
        yield base
