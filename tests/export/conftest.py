"""A store with the Mauricie data, a representative person (never public) and one revision."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

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
    store.apply(
        add=[
            *mauricie_graph,
            (membership, ECO.representative, PERSON),
            (PERSON, RDF.type, FOAF.Person),
            (PERSON, FOAF.name, Literal(PERSON_NAME)),
            (PERSON, FOAF.mbox, Literal(PERSON_MAIL)),
        ]
    )
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


@pytest.fixture(scope="session")
def without_extensions():
    def strip(data: bytes, namespace: str) -> io.BytesIO:
        """The file without the elements of ``namespace`` (and the yFiles key): what the published schema covers.

        GEXF 1.2draft's schema declares ``color``, ``position`` and ``size`` in the GEXF namespace
        (an erratum: Gephi writes and reads them in the ``viz`` namespace, as GEXF 1.3's schema
        does); GraphML's leaves ``<data>`` content to extensions such as yFiles."""
        root = ET.fromstring(data)
        for parent in list(root.iter()):
            for child in list(parent):
                if (
                    child.tag.startswith(f"{{{namespace}}}")
                    or (child.get("yfiles.type") is not None)
                    or (child.tag == "{http://graphml.graphdrawing.org/xmlns}data" and child.get("key") == "graphics")
                ):
                    parent.remove(child)
        return io.BytesIO(ET.tostring(root))

    return strip
