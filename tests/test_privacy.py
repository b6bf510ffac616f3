"""A person planted in the store never comes out of any public path, with and without a revision.

The planted person is the hard case: an untyped representative (only ``eco:representative``
points to it) with a ``foaf:name`` and three e-mails in three vocabularies; beside it, an
actor known only by an e-mail. Every public path is read — pages, their JSON twins, the
API, the SPARQL endpoint over the default graph and every named graph, every export
format (of the current graph and of the revision), the revision diff — and none may hold
any of the secrets.
"""

from __future__ import annotations

import io
import subprocess
import zipfile

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef

from ecosystem.export.formats import FORMATS
from ecosystem.namespaces import ECO, FOAF, ID, ORG, RDF, SDO, VCARD, actor_iri, instance_iri, membership_iri
from ecosystem.revisions import create_revision
from ecosystem.settings import Settings
from ecosystem.store import EmbeddedStore
from ecosystem.store.base import CURRENT, revision_graph
from ecosystem.validation import validate_graph

PERSON = ID["personne/plantee-sans-type"]
MAIL_ONLY = actor_iri("courriel-seulement")
SECRETS = ("plantee-sans-type", "Plantésecret", "planted-foaf", "planted-vcard", "planted-schema", "seul-courriel")
REVISION = "r-privee"
INSTANCE = instance_iri("conseil-des-partenaires")
MEMBERSHIP = membership_iri("ciusss-mcq", "conseil-des-partenaires")


def _person_triples() -> list[tuple]:
    return [
        (MEMBERSHIP, RDF.type, ORG.Membership),
        (MEMBERSHIP, ORG.member, actor_iri("ciusss-mcq")),
        (MEMBERSHIP, ORG.organization, INSTANCE),
        (MEMBERSHIP, ECO.representative, PERSON),
        (PERSON, FOAF.name, Literal("Jeanne Plantésecret")),
        (PERSON, FOAF.mbox, URIRef("mailto:planted-foaf@exemple.org")),
        (PERSON, VCARD.hasEmail, URIRef("mailto:planted-vcard@exemple.org")),
        (PERSON, SDO.email, Literal("planted-schema@exemple.org")),
    ]


def _mail_only_triples() -> list[tuple]:
    membership = membership_iri("courriel-seulement", "conseil-des-partenaires")
    return [
        (membership, RDF.type, ORG.Membership),
        (membership, ORG.member, MAIL_ONLY),
        (membership, ORG.organization, INSTANCE),
        (MAIL_ONLY, SDO.email, Literal("seul-courriel@exemple.org")),
    ]


@pytest.fixture(scope="module", params=["sans-revision", "avec-revision"])
def planted(request, tmp_path_factory, mauricie_graph):
    """(client, revision name or None): the app over the Mauricie data and the planted person."""
    store = EmbeddedStore(tmp_path_factory.mktemp("privacy") / "store")
    store.apply(add=[*mauricie_graph, *_person_triples()])
    revision = None
    if request.param == "avec-revision":
        revision = create_revision(store, REVISION).name  # the revision holds the person too
    store.apply(add=_mail_only_triples())  # after the revision: the diff shows it as added
    settings = Settings(store=tmp_path_factory.mktemp("unused"), sparql_timeout_s=20.0, sparql_result_cap=500)
    with TestClient(create_app(settings, store=store)) as client:
        assert store.ask(f"ASK {{ GRAPH ?g {{ <{PERSON}> ?p ?o }} }}"), "the person is planted"
        yield client, revision
    store.close()


def _text(response) -> str:
    """What a client can read in a response: text, the members of a zip, the text of a PDF."""
    kind = response.headers.get("content-type", "")
    if kind.startswith(("application/zip", "application/vnd.openxmlformats")):
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    if kind.startswith("application/pdf"):
        return subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        ).stdout.decode()
    return response.content.decode("utf-8", "replace") + str(response.headers)


def _assert_private(response) -> None:
    assert response.status_code == 200, (response.request.url, response.status_code, response.text[:300])
    text = _text(response)
    leaked = [secret for secret in SECRETS if secret.lower() in text.lower()]
    assert not leaked, (str(response.request.url), leaked)


PAGES = [
    "/",
    "/acteurs",
    "/acteurs/ciusss-mcq",
    "/acteurs/courriel-seulement",
    "/instances",
    "/instances/conseil-des-partenaires",
    "/analyses",
    "/analyses/structure",
    "/analyses/sur-sollicitation",
    "/analyses/mandats-dupliques",
    "/analyses/surconcertation",
    "/tableau-de-bord",
    "/revisions",
    "/exports",
    "/verifier",
    "/sparql",
    "/faits-a-confirmer",
]
TWINS = [f"{page}.json" for page in PAGES if page not in ("/", "/sparql")]
API = [
    "/api/acteurs",
    "/api/acteurs/ciusss-mcq",
    "/api/acteurs/courriel-seulement",
    "/api/instances",
    "/api/instances/conseil-des-partenaires",
    "/api/carte",
    "/api/carte/filtres",
    "/api/recherche?q=exemple.org",
    "/api/recherche?q=Jeanne",
    "/api/stats",
    "/api/analyses/structure",
    "/api/analyses/sur-sollicitation",
    "/api/analyses/mandats-dupliques",
    "/api/analyses/surconcertation",
    "/api/verifier/choix",
    "/api/faits-a-confirmer",
    "/faits-a-confirmer.csv",
]


@pytest.mark.parametrize("path", PAGES + TWINS + API)
def test_no_person_on_pages_twins_and_api(planted, path):
    client, _ = planted
    _assert_private(client.get(path, headers={"Accept": "text/html"} if path in PAGES else {}))


_MATCH = 'FILTER(?s = <{p}> || ?o = <{p}> || ?p = <{r}> || REGEX(STR(?o), "{secrets}", "i"))'.format(
    p=PERSON, r=ECO.representative, secrets="|".join(SECRETS)
)
SPARQL = {
    "default": f"SELECT * WHERE {{ ?s ?p ?o {_MATCH} }}",
    "every-named-graph": f"SELECT * WHERE {{ GRAPH ?g {{ ?s ?p ?o {_MATCH} }} }}",
    "describe": f"DESCRIBE <{MEMBERSHIP}> <{PERSON}> <{MAIL_ONLY}>",
    "mail-only": f"CONSTRUCT {{ <{MAIL_ONLY}> ?p ?o }} WHERE {{ GRAPH ?g {{ <{MAIL_ONLY}> ?p ?o }} }}",
}


@pytest.mark.parametrize("graph", ["all", "current", "revision"])
@pytest.mark.parametrize("name", list(SPARQL))
def test_no_person_through_sparql(planted, name, graph):
    client, revision = planted
    params = {"query": SPARQL[name]}
    if graph != "all":
        chosen = str(CURRENT if graph == "current" or revision is None else revision_graph(revision))
        params |= {"default-graph-uri": chosen, "named-graph-uri": chosen}
    response = client.get("/sparql", params=params)
    _assert_private(response)
    if name in ("default", "every-named-graph"):
        assert response.json()["results"]["bindings"] == []


def _export_formats():
    # PNG is the rasterised SVG (no text to read in it); the SVG is checked.
    return [name for name in FORMATS.names() if name != "png"]


@pytest.mark.parametrize("of", ["courant", "revision"])
@pytest.mark.parametrize("format", _export_formats())
def test_no_person_in_exports(planted, format, of):
    client, revision = planted
    if of == "revision" and (revision is None or not FORMATS[format].revisions):
        pytest.skip("no revision, or a format of the current graph only")
    _assert_private(client.get(f"/export/{format}", params={"revision": revision if of == "revision" else "courant"}))


@pytest.mark.parametrize(
    "path",
    ["/revisions/diff", "/revisions/diff.json", "/revisions/diff/carte.svg", "/revisions/{r}", "/revisions/{r}.json"],
)
def test_no_person_in_the_diff(planted, path):
    client, revision = planted
    name = revision or "courant"
    if "{r}" in path and revision is None:
        pytest.skip("no revision to show")
    response = client.get(
        path.format(r=name), params={"avant": name, "apres": "courant"}, headers={"Accept": "text/html"}
    )
    _assert_private(response)
    if path == "/revisions/diff.json" and revision:
        assert "courriel-seulement" in response.text, "the diff shows the actor added after the revision"


def test_shacl_requires_representatives_to_be_persons(mauricie_graph):
    graph = Graph()
    for triple in mauricie_graph:
        graph.add(triple)
    membership = min(graph.subjects(RDF.type, ORG.Membership))
    graph.add((membership, ECO.representative, PERSON))
    graph.add((PERSON, FOAF.name, Literal("Jeanne Plantésecret")))
    assert validate_graph(graph.__class__() + mauricie_graph).conforms
    report = validate_graph(graph)
    assert not report.conforms
    assert any(
        v.focus.endswith("personne/plantee-sans-type") and "foaf:Person" in v.message_fr for v in report.violations
    )
    graph.add((PERSON, RDF.type, FOAF.Person))
    assert validate_graph(graph).conforms
