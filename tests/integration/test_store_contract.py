"""Both backends keep the same promises: the embedded store and a real SPARQL server."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from ecosystem.loading import LoadError, load_paths
from ecosystem.queries import list_instances, stats
from ecosystem.store import CURRENT, EmbeddedStore, SparqlServerStore, StoreError, revision_graph

A, P = URIRef("https://example.org/a"), URIRef("https://example.org/p")

pytestmark = pytest.mark.server


@pytest.fixture(params=["embarque", "serveur"])
def store(request, tmp_path):
    if request.param == "embarque":
        store = EmbeddedStore(tmp_path / "store")
    else:
        store = SparqlServerStore(request.getfixturevalue("virtuoso"))
        for graph in store.named_graphs():
            store.drop_graph(graph)
        store.drop_graph(CURRENT)
    yield store
    store.close()


def test_writes_are_visible_and_change_the_version(store):
    before = store.version()
    store.apply(add=[(A, P, Literal("« é »\n\"x\"", lang="fr")), (A, P, Literal(2))])
    assert store.version() != before
    rows = store.select(f"SELECT ?o WHERE {{ GRAPH <{CURRENT}> {{ <{A}> <{P}> ?o }} }} ORDER BY ?o")
    assert {row["o"] for row in rows} == {Literal("« é »\n\"x\"", lang="fr"), Literal(2)}
    middle = store.version()
    store.apply(remove=[(A, P, Literal(2))])
    assert store.triple_count() == 1 and store.version() != middle
    assert store.ask(f"ASK {{ GRAPH <{CURRENT}> {{ <{A}> <{P}> ?o }} }}")


def test_named_graphs_are_replaced_and_dropped_whole(store):
    revision = revision_graph("essai")
    store.replace_graph(revision, [(A, P, Literal(1)), (A, P, Literal(3))])
    store.replace_graph(revision, [(A, P, Literal(4))])
    assert store.triple_count(revision) == 1
    assert revision in store.named_graphs()
    store.drop_graph(revision)
    assert revision not in store.named_graphs()


def test_the_mauricie_data_loads_and_reads_the_same(store, mauricie_store, mauricie_path):
    result = load_paths(store, [mauricie_path])
    assert result.report.conforms and result.written
    assert stats(store) == stats(mauricie_store)
    assert list_instances(store) == list_instances(mauricie_store)
    assert len(store.graph()) == mauricie_store.triple_count()


def test_a_failed_load_leaves_the_store_unchanged(store, mauricie_path, tmp_path):
    load_paths(store, [mauricie_path])
    count, version = store.triple_count(), store.version()
    bad = tmp_path / "casse.ttl"
    bad.write_text("<https://example.org/x> <https://example.org/p> ", encoding="utf-8")
    with pytest.raises(LoadError):
        load_paths(store, [mauricie_path, bad])
    assert (store.triple_count(), store.version()) == (count, version)


def test_an_unreachable_server_is_a_clear_error():
    store = SparqlServerStore("http://127.0.0.1:9/sparql", timeout_s=2)
    with pytest.raises(StoreError, match="injoignable"):
        store.triple_count()


def test_the_projection_is_the_same_on_both_backends(store, mauricie_store, mauricie_path):
    from ecosystem.projection import build_projection

    load_paths(store, [mauricie_path])
    here, reference = build_projection(store).two_mode, build_projection(mauricie_store).two_mode
    assert dict(here.nodes(data=True)) == dict(reference.nodes(data=True))
    assert {frozenset(e) for e in here.edges()} == {frozenset(e) for e in reference.edges()}


HOSTILE = 'x" } } ; DROP ALL ; SELECT * { { "'


def test_a_bound_term_is_matched_as_a_value_never_read_as_query_text(store):
    store.apply(add=[(A, P, Literal(HOSTILE)), (A, P, Literal("sage"))])
    query = f"SELECT ?s ?o WHERE {{ GRAPH <{CURRENT}> {{ ?s <{P}> ?o }} }}"
    assert store.select(query, bindings={"o": Literal(HOSTILE)}) == [{"s": A, "o": Literal(HOSTILE)}]
    assert store.select(query, bindings={"o": Literal("absent\n")}) == []
    assert store.triple_count() == 2
