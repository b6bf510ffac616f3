"""The embedded on-disk store: transactions, versions, named graphs, persistence."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from ecosystem.store import CURRENT, EmbeddedStore, StoreError, revision_graph

A, P, Q = URIRef("https://example.org/a"), URIRef("https://example.org/p"), URIRef("https://example.org/q")


def test_writes_persist_on_disk_and_survive_reopening(tmp_path):
    store = EmbeddedStore(tmp_path / "s")
    store.apply(add=[(A, P, Literal('é « guillemets » "x"\nligne', lang="fr"))])
    store.close()
    reopened = EmbeddedStore(tmp_path / "s")
    assert reopened.triple_count() == 1
    assert reopened.graph().value(A, P) == Literal('é « guillemets » "x"\nligne', lang="fr")
    reopened.close()


def test_every_write_changes_the_version(empty_store):
    before = empty_store.version()
    empty_store.apply(add=[(A, P, Literal(1))])
    after_add = empty_store.version()
    empty_store.apply(remove=[(A, P, Literal(1))], add=[(A, P, Literal(2))])
    assert len({before, after_add, empty_store.version()}) == 3
    assert empty_store.select(f"SELECT ?o WHERE {{ GRAPH <{CURRENT}> {{ <{A}> <{P}> ?o }} }}") == [{"o": Literal(2)}]


def test_replace_and_drop_named_graphs(empty_store):
    empty_store.apply(add=[(A, P, Literal(1))])
    revision = revision_graph("2025")
    empty_store.replace_graph(revision, [(A, Q, Literal(3))])
    empty_store.replace_graph(revision, [(A, Q, Literal(4))])
    assert empty_store.triple_count(revision) == 1
    assert revision in empty_store.named_graphs()
    empty_store.drop_graph(revision)
    assert revision not in empty_store.named_graphs()
    assert empty_store.triple_count() == 1


def test_a_second_writer_on_the_same_folder_gets_a_clear_error(tmp_path):
    first = EmbeddedStore(tmp_path / "s")
    with pytest.raises(StoreError, match="ecosystem serve"):
        EmbeddedStore(tmp_path / "s")
    first.close()


def test_every_backend_holds_the_whole_store_protocol():
    """No caller sniffs a backend with hasattr: each one offers every method the protocol declares."""
    from ecosystem.local_server import RemoteStore
    from ecosystem.store import EmbeddedStore, SparqlServerStore
    from ecosystem.store.base import Store

    declared = {name for name in vars(Store) if not name.startswith("_") and callable(getattr(Store, name))}
    assert {"select", "plain_rows", "apply", "version"} <= declared
    assert {"bulk_add", "plain_rows"} <= declared
    for backend in (EmbeddedStore, SparqlServerStore):
        assert not declared - set(dir(backend)), (backend.__name__, declared - set(dir(backend)))
    # The server's socket client reads like a store (writes go through its own submit).
    reads = {"select", "plain_rows", "ask", "construct", "graph", "named_graphs", "triple_count", "version"}
    assert reads <= set(dir(RemoteStore)), reads - set(dir(RemoteStore))


def test_triples_written_as_ntriples_are_the_terms_the_store_is_given_one_by_one():
    from rdflib import BNode

    from ecosystem.namespaces import XSD
    from ecosystem.store.terms import ntriples, to_ox

    awkward = [
        Literal('é « guillemets » "x"\nligne\r\\fin\t', lang="fr"),
        Literal("12.50", datatype=XSD.decimal),
        Literal("2024-04-01", datatype=XSD.date),
        Literal("sans langue 😀"),
        Q,
        URIRef("https://exemple.org/a%20b?x=1#é"),
        BNode("b0"),
    ]
    triples = [(A, P, value) for value in awkward]
    data, count = ntriples(triples)
    assert count == len(awkward) == data.count(b"\n")
    parsed = [(t.subject, t.predicate, t.object) for t in ox.parse(data, ox.RdfFormat.N_TRIPLES)]
    assert [(s, p, o) for s, p, o in parsed if not isinstance(o, ox.BlankNode)] == [
        (to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples if not isinstance(o, BNode)
    ]
    assert parsed[-1][2] == ox.BlankNode("b0")
    with pytest.raises(ValueError):  # refused before anything is written, as one by one
        ntriples([(URIRef("https://exemple.org/%zz"), P, Q)])
