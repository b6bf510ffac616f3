"""Both backends keep the same promises: the embedded store and a real SPARQL server."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from ecosystem.loading import LoadError, load_paths
from ecosystem.namespaces import XSD
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
    store.apply(add=[(A, P, Literal('« é »\n"x"', lang="fr")), (A, P, Literal(2))])
    assert store.version() != before
    rows = store.select(f"SELECT ?o WHERE {{ GRAPH <{CURRENT}> {{ <{A}> <{P}> ?o }} }} ORDER BY ?o")
    assert {row["o"] for row in rows} == {Literal('« é »\n"x"', lang="fr"), Literal(2)}
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


def test_every_capability_the_code_uses_is_in_the_protocol():
    """What a backend offers beyond the protocol is not used by the code: both have exactly the protocol's methods."""
    from ecosystem.store import Store

    declared = {name for name in vars(Store) if not name.startswith("_") and callable(getattr(Store, name))}
    for backend in (EmbeddedStore, SparqlServerStore):
        offered = {name for name in vars(backend) if not name.startswith("_") and callable(getattr(backend, name))}
        assert offered == declared, (backend.__name__, offered ^ declared)


def test_raw_answers_are_pyoxigraph_terms_on_both_backends(store):
    import pyoxigraph as ox

    from ecosystem.queries import graph_triples
    from ecosystem.store import raw_solutions, raw_triples

    revision = revision_graph("brut")
    store.apply(add=[(A, P, Literal("é", lang="fr")), (A, P, Literal(2))], extra={revision: [(A, P, A)]})
    solutions = raw_solutions(store, f"SELECT ?o WHERE {{ GRAPH <{CURRENT}> {{ <{A}> <{P}> ?o }} }}")
    assert {str(row["o"]) for row in solutions} == {
        str(ox.Literal("é", language="fr")),
        str(ox.Literal("2", datatype=ox.NamedNode(str(XSD.integer)))),
    }
    assert list(raw_triples(store, graph_triples(revision))) == [
        ox.Triple(ox.NamedNode(str(A)), ox.NamedNode(str(P)), ox.NamedNode(str(A)))
    ]
    assert bool(store.raw_query(f"ASK {{ GRAPH <{revision}> {{ <{A}> ?p ?o }} }}")) is True
    with pytest.raises(StoreError, match="SELECT"):
        raw_solutions(store, graph_triples(revision))
    with pytest.raises(StoreError, match="CONSTRUCT"):
        raw_triples(store, f"SELECT ?s WHERE {{ GRAPH <{revision}> {{ ?s ?p ?o }} }}")


def test_a_dump_and_a_graph_read_back_the_same_data_on_both_backends(store, mauricie_store, mauricie_path):
    """Values keep their datatypes (a server's Turtle writes a decimal 1 as ``1``, an integer when read back)."""
    from rdflib import Graph
    from rdflib.compare import isomorphic

    load_paths(store, [mauricie_path])
    store.flush()  # durable now (a no-op on a server, which already is)
    expected = mauricie_store.graph(CURRENT)
    assert len(expected) > 0 and isomorphic(store.graph(CURRENT), expected)
    for fmt, parser in (("nt", "nt"), ("ttl", "turtle")):
        read = Graph().parse(data=store.dump(CURRENT, fmt).decode("utf-8"), format=parser)
        assert len(read) == len(expected) == store.triple_count(CURRENT)
        assert isomorphic(read, expected), fmt


def test_the_public_copy_is_built_from_either_backend(store, tmp_path):
    """The SPARQL endpoint's copy reads any store through the protocol; persons are left out, bookkeeping too."""
    import pyoxigraph as ox

    from ecosystem.namespaces import FOAF, RDF
    from ecosystem.sparql_copy import build_public_copy

    person = URIRef("https://example.org/personne")
    store.apply(
        add=[(A, P, Literal(1)), (A, P, person), (person, RDF.type, FOAF.Person)],
        extra={revision_graph("copie"): [(A, P, Literal(3))]},
    )
    copy = ox.Store(str(build_public_copy(store, tmp_path / "copie")))
    quads = {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in copy}
    del copy
    one, three = (str(ox.Literal(n, datatype=ox.NamedNode(str(XSD.integer)))) for n in ("1", "3"))
    assert quads == {
        (f"<{A}>", f"<{P}>", one, f"<{CURRENT}>"),
        (f"<{A}>", f"<{P}>", three, f"<{revision_graph('copie')}>"),
    }
