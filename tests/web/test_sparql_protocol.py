"""The SPARQL protocol as clients use it: the default graph, negotiation, truncation said in the
results, one query per request, the service description, CORS, HEAD, and the request limits."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from SPARQLWrapper import SPARQLWrapper

from ecosystem.namespaces import ECO, SD, SKOS
from ecosystem.queries import stats
from ecosystem.revisions import create_revision
from ecosystem.settings import Settings
from ecosystem.store import EmbeddedStore
from ecosystem.store.base import CURRENT, revision_graph
from tests.web.test_sparql import INSTANCES, count_instances

KINDS = {"acteurs": ECO.Actor, "instances": ECO.Instance}


@pytest.fixture(scope="module")
def with_revision(tmp_path_factory, mauricie_graph):
    """A client over the Mauricie data with one revision (a full copy of the current graph)."""
    store = EmbeddedStore(tmp_path_factory.mktemp("protocol") / "store")
    store.apply(add=list(mauricie_graph))
    create_revision(store, "bilan")
    settings = Settings(store=tmp_path_factory.mktemp("unused"), sparql_timeout_s=20.0)
    with TestClient(create_app(settings, store=store)) as client:
        yield client, store
    store.close()


def _number(client, query: str) -> int:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_the_default_graph_is_the_current_cartography(with_revision):
    client, store = with_revision
    expected = stats(store)
    for key, cls in KINDS.items():
        assert _number(client, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?x a <{cls}> }}") == expected[key]
    assert _number(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == expected["triplets"]
    revision = revision_graph("bilan")
    assert _number(
        client, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{revision}> {{ ?s ?p ?o }} }}"
    ) == store.triple_count(revision)
    assert (
        _number(client, f"SELECT (COUNT(*) AS ?n) FROM <{revision}> WHERE {{ ?x a <{ECO.Instance}> }}")
        == expected["instances"]
    )
    graphs = client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}).json()
    assert {b["g"]["value"] for b in graphs["results"]["bindings"]} >= {str(CURRENT), str(revision)}


def test_sparqlwrapper_default_construct_and_describe_get_a_graph(live_server, web_store):
    for query in (
        f"CONSTRUCT WHERE {{ ?i a <{ECO.Instance}> }}",
        f"DESCRIBE ?i WHERE {{ ?i a <{ECO.Instance}> ; <{SKOS.prefLabel}> ?n FILTER(CONTAINS(?n, 'Consortium')) }}",
    ):
        sparql = SPARQLWrapper(f"{live_server}/sparql")  # its defaults: format=xml, Accept for RDF/XML
        sparql.setQuery(query)
        graph = sparql.queryAndConvert()
        assert isinstance(graph, Graph) and len(graph) >= 1
    sparql = SPARQLWrapper(f"{live_server}/sparql")
    sparql.setQuery(f"CONSTRUCT WHERE {{ ?i a <{ECO.Instance}> }}")
    assert len(sparql.queryAndConvert()) == count_instances(web_store)


@pytest.mark.parametrize(
    ("format", "kind", "media"),
    [
        ("xml", "CONSTRUCT", "application/rdf+xml"),
        ("json", "CONSTRUCT", "application/ld+json"),
        ("xml", "SELECT", "application/sparql-results+xml"),
        ("json", "ASK", "application/sparql-results+json"),
    ],
)
def test_format_values_are_read_per_query_type(client, format, kind, media):
    query = {
        "CONSTRUCT": f"CONSTRUCT WHERE {{ ?i a <{ECO.Instance}> }}",
        "SELECT": INSTANCES,
        "ASK": "ASK { ?s ?p ?o }",
    }[kind]
    response = client.get("/sparql", params={"query": query, "format": format}, headers={"Accept": "*/*"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)


def test_truncation_is_said_in_the_results(client, web_app):
    cap = web_app.state.settings.sparql_result_cap
    everything = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
    head = client.get("/sparql", params={"query": everything}).json()["head"]
    assert head["link"][0].endswith("/sparql#limites") and str(cap) in head["warning"]
    xml = ET.fromstring(
        client.get("/sparql", params={"query": everything}, headers={"Accept": "application/sparql-results+xml"}).text
    )
    assert any(e.tag.endswith("link") and e.get("href", "").endswith("#limites") for e in xml.iter())
    turtle = client.get(
        "/sparql",
        params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "text/turtle"},
    ).text
    assert (
        turtle.startswith(f"# Résultats tronqués à {cap}") and len(Graph().parse(data=turtle, format="turtle")) == cap
    )
    small = client.get("/sparql", params={"query": INSTANCES + " LIMIT 3"}).json()["head"]
    assert "warning" not in small and "link" not in small
    page = client.get("/sparql", headers={"Accept": "text/html"}).text
    assert 'id="limites"' in page and str(cap) in page


def test_two_queries_in_one_request_are_refused(client):
    assert client.get(f"/sparql?query={INSTANCES}&query=ASK%20%7B%7D").status_code == 400
    assert (
        client.post(
            "/sparql",
            content="query=ASK%20%7B%7D&query=ASK%20%7B%7D",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ).status_code
        == 400
    )
    assert client.post("/sparql?query=ASK%20%7B%7D", data={"query": "ASK {}"}).status_code == 400
    assert (
        client.post(
            "/sparql?query=ASK%20%7B%7D", content="ASK {}", headers={"Content-Type": "application/sparql-query"}
        ).status_code
        == 400
    )


@pytest.mark.parametrize("accept", ["text/turtle", "*/*", "application/rdf+xml"])
def test_the_service_description_for_non_browsers(client, accept):
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="xml" if "xml" in accept else "turtle")
    endpoint = next(graph.subjects(SD.endpoint, None))
    assert str(endpoint).endswith("/sparql") and (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert URIRef(str(CURRENT)) in set(graph.objects(None, SD.name))
    browser = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.headers["content-type"].startswith("text/html")


def test_cors_preflight_and_head(client):
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "https://ailleurs.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 204 and preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    answer = client.get("/sparql", params={"query": INSTANCES}, headers={"Origin": "https://ailleurs.example"})
    assert answer.headers["access-control-allow-origin"] == "*"
    head = client.head("/sparql", params={"query": INSTANCES})
    assert (
        head.status_code == 200 and head.headers["content-type"] == answer.headers["content-type"] and not head.content
    )


def test_oversized_bodies_and_nested_queries_are_refused(client):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_100_000
    assert client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"}).status_code == 413
    assert client.post("/sparql", data={"query": big}).status_code == 413
    nested = "SELECT * WHERE " + "{ " * 10_000 + "?s ?p ?o " + "} " * 10_000  # 40 KB: once a worker crash
    refused = client.post("/sparql", content=nested, headers={"Content-Type": "application/sparql-query"})
    assert refused.status_code == 400 and "imbriquée" in refused.text
    assert client.get("/sparql", params={"query": INSTANCES}).status_code == 200
