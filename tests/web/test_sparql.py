"""The SPARQL endpoint, through TestClient and through SPARQLWrapper against a real uvicorn server."""

from __future__ import annotations

import csv
import io
import time
import xml.etree.ElementTree as ET
from urllib.error import HTTPError

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from ecosystem.namespaces import ECO, SKOS
from tests.web.conftest import PERSON, PERSON_NAME, XSS_NAME

INSTANCES = f"SELECT ?i ?nom WHERE {{ ?i a <{ECO.Instance}> ; <{SKOS.prefLabel}> ?nom }} ORDER BY ?nom"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def count_instances(store) -> int:
    return int(
        store.select(f"SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE {{ GRAPH ?g {{ ?i a <{ECO.Instance}> }} }}")[0]["n"]
    )


def test_get_json_results_match_the_store(client, web_store):
    response = client.get("/sparql", params={"query": INSTANCES}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    bindings = response.json()["results"]["bindings"]
    assert len(bindings) == count_instances(web_store)
    assert any("Consortium" in b["nom"]["value"] and b["nom"]["xml:lang"] == "fr" for b in bindings)


@pytest.mark.parametrize(
    ("accept", "check"),
    [
        ("text/csv", lambda body: next(csv.reader(io.StringIO(body))) == ["i", "nom"]),
        ("text/tab-separated-values", lambda body: body.splitlines()[0] == "?i\t?nom"),
        ("application/sparql-results+xml", lambda body: ET.fromstring(body).tag.endswith("sparql")),
    ],
)
def test_content_negotiation(client, accept, check):
    response = client.get("/sparql", params={"query": INSTANCES}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert check(response.text)


def test_construct_answers_turtle_and_post_forms_work(client):
    query = f"CONSTRUCT {{ ?i <{SKOS.prefLabel}> ?n }} WHERE {{ ?i a <{ECO.Instance}> ; <{SKOS.prefLabel}> ?n }}"
    response = client.post("/sparql", data={"query": query}, headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=response.text, format="turtle")) > 10
    direct = client.post("/sparql", content=INSTANCES, headers={"Content-Type": "application/sparql-query"})
    assert direct.status_code == 200 and direct.json()["results"]["bindings"]


def test_updates_service_and_bad_queries_are_refused(client, web_store):
    before = web_store.triple_count(None)
    update = "PREFIX ex: <http://example.org/> INSERT DATA { GRAPH ex:g { ex:a ex:b ex:c } }"
    assert client.get("/sparql", params={"query": update}).status_code == 403
    assert client.post("/sparql", data={"update": update}).status_code == 403
    assert (
        client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"}).status_code == 403
    )
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert client.get("/sparql", params={"query": service}).status_code == 403
    assert client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}).status_code == 400
    assert web_store.triple_count(None) == before


def test_results_are_capped(client, web_app):
    cap = web_app.state.settings.sparql_result_cap
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(response.json()["results"]["bindings"]) == cap
    assert response.headers["x-resultats-tronques"] == str(cap)


def test_persons_are_not_served(client, web_store):
    assert web_store.ask(f"ASK {{ GRAPH ?g {{ <{PERSON}> ?p ?o }} }}"), "the test store holds a person"
    everything = client.get(
        "/sparql",
        params={
            "query": f'SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(?s = <{PERSON}> || ?o = <{PERSON}> || CONTAINS(STR(?o), "{PERSON_NAME}")) }}'
        },
    )
    assert everything.json()["results"]["bindings"] == []
    named = client.get("/sparql", params={"query": f'ASK {{ GRAPH ?g {{ ?s ?p "{PERSON_NAME}" }} }}'})
    assert named.json()["boolean"] is False


def test_the_form_page_without_a_query(client):
    page = client.get("/sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<textarea" in page.text


# A standard client against a real server ---------------------------------------------


def wrapper(live_server, query, fmt=JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{live_server}/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_sparqlwrapper_select_ask_construct(live_server, web_store):
    results = wrapper(live_server, INSTANCES).queryAndConvert()
    assert len(results["results"]["bindings"]) == count_instances(web_store)
    xss = wrapper(live_server, f'ASK {{ ?a <{SKOS.prefLabel}> "{XSS_NAME}"@fr }}').queryAndConvert()
    assert xss["boolean"] is True
    xml = wrapper(live_server, INSTANCES, XML).queryAndConvert()
    assert len(xml.getElementsByTagName("result")) == count_instances(web_store)
    rows = wrapper(live_server, INSTANCES, CSV).queryAndConvert().decode().splitlines()
    assert len(rows) == count_instances(web_store) + 1
    graph = wrapper(live_server, f"CONSTRUCT WHERE {{ ?i a <{ECO.Instance}> }}", TURTLE).queryAndConvert()
    assert len(Graph().parse(data=graph, format="turtle")) == count_instances(web_store)


def test_sparqlwrapper_post(live_server, web_store):
    sparql = wrapper(live_server, INSTANCES)
    sparql.setMethod("POST")
    assert len(sparql.queryAndConvert()["results"]["bindings"]) == count_instances(web_store)


def test_sparqlwrapper_update_gets_an_error_status(live_server):
    sparql = wrapper(live_server, "PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }")
    sparql.setMethod("POST")
    with pytest.raises(HTTPError) as caught:
        sparql.queryAndConvert()
    assert caught.value.code == 403


def test_a_runaway_query_is_stopped_at_the_limit(live_server, web_app):
    limit = web_app.state.settings.sparql_timeout_s
    started = time.monotonic()
    with pytest.raises(HTTPError) as caught:  # SPARQLWrapper passes a 503 on as urllib's error
        wrapper(live_server, RUNAWAY).queryAndConvert()
    elapsed = time.monotonic() - started
    assert caught.value.code == 503 and caught.value.headers["Retry-After"]
    assert limit <= elapsed < limit + 5
    # The endpoint still answers afterwards (the killed worker was replaced).
    assert wrapper(live_server, INSTANCES).queryAndConvert()["results"]["bindings"]
