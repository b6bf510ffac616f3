"""RDF exports parse back with rdflib and with pyoxigraph to the same graph; no person in them."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from ecosystem.export.privacy import public_graph
from ecosystem.export.rdf import export_rdf
from ecosystem.namespaces import ECO, RDF
from ecosystem.store import CURRENT, PROVENANCE, revision_graph
from ecosystem.store.terms import from_ox

RDFLIB = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}
OXIGRAPH = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}


def _oxigraph_graph(data: bytes, format) -> Graph:
    graph = Graph()
    for quad in ox.parse(io.BytesIO(data), format=format):
        graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    return graph


@pytest.mark.parametrize("format", ["turtle", "nt", "jsonld"])
def test_graph_formats_round_trip_with_two_parsers(export_store, format, assert_no_person):
    data = export_rdf(export_store, format)
    expected = public_graph(export_store.graph(CURRENT))
    by_rdflib = Graph().parse(data=data, format=RDFLIB[format])
    by_oxigraph = _oxigraph_graph(data, OXIGRAPH[format])
    assert len(expected) > 1000
    assert isomorphic(by_rdflib, expected)
    assert isomorphic(by_oxigraph, expected)
    assert_no_person(data.decode())


def test_jsonld_has_a_context(export_store):
    document = json.loads(export_rdf(export_store, "jsonld"))
    assert document["@context"]["eco"] == str(ECO._NS)
    types = [node.get("@type", []) for node in document["@graph"]]
    assert any("eco:Actor" in (t if isinstance(t, list) else [t]) for t in types)  # compacted with the context


def test_trig_holds_current_revisions_and_provenance(export_store, assert_no_person):
    data = export_rdf(export_store, "trig")
    assert_no_person(data.decode())
    by_rdflib = Dataset()
    by_rdflib.parse(data=data, format="trig")
    by_oxigraph = ox.Store()
    by_oxigraph.load(data, format=ox.RdfFormat.TRIG)
    for name in (CURRENT, revision_graph("r2025"), PROVENANCE):
        expected = public_graph(export_store.graph(name))
        assert isomorphic(Graph(store=by_rdflib.store, identifier=name), expected)
        from_oxigraph = Graph()
        for quad in by_oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(str(name))):
            from_oxigraph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        assert isomorphic(from_oxigraph, expected)
    assert (revision_graph("r2025"), RDF.type, ECO.Revision) in Graph(store=by_rdflib.store, identifier=PROVENANCE)


def test_revision_export_is_the_frozen_copy(export_store):
    data = export_rdf(export_store, "nt", revision="r2025")
    assert isomorphic(Graph().parse(data=data, format="nt"), public_graph(export_store.graph(revision_graph("r2025"))))


def test_the_store_does_hold_the_person(export_store):
    # The privacy assertions above would pass vacuously if the fixture had no person.
    assert "Confidentiel" in export_store.graph(CURRENT).serialize(format="nt")
