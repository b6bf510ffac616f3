"""A store with the Mauricie data, a representative person (never public) and one revision."""

from __future__ import annotations

import pytest
from rdflib import Literal

from ecosystem.namespaces import ECO, FOAF, ID, RDF, membership_iri
from ecosystem.revisions import create_revision
from ecosystem.store import EmbeddedStore

PERSON = ID["personne/representante-confidentielle"]
PERSON_NAME = "Nom Confidentiel Représentante"
PERSON_MAIL = "mailto:confidentiel@example.org"


@pytest.fixture(scope="module")
def export_store(tmp_path_factory, mauricie_graph):
    store = EmbeddedStore(tmp_path_factory.mktemp("export") / "store")
    membership = membership_iri("ciusss-mcq", "consortium")
    store.apply(add=[*mauricie_graph,
                     (membership, ECO.representative, PERSON),
                     (PERSON, RDF.type, FOAF.Person),
                     (PERSON, FOAF.name, Literal(PERSON_NAME)),
                     (PERSON, FOAF.mbox, Literal(PERSON_MAIL))])
    create_revision(store, "r2025", note="Révision annuelle")
    yield store
    store.close()


@pytest.fixture(scope="session")
def assert_no_person():
    """Check that a public output says nothing of the representative person."""

    def check(text: str) -> None:
        for secret in ("representante-confidentielle", "Confidentiel", "confidentiel@", "representative"):
            assert secret not in text, secret

    return check
