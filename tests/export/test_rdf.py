"""RDF exports parse back with rdflib and with pyoxigraph to the same graph; no person in them."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from ecosystem.export.privacy import public_graph
from ecosystem.export.rdf import export_rdf
from ecosystem.namespaces import ECO, RDF, SKOS
from ecosystem.ontology import ontology_graph
from ecosystem.store import CURRENT, ONTOLOGY, PROVENANCE, revision_graph
from ecosystem.store.terms import from_ox
from ecosystem.validation import validate_graph

RDFLIB = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}
OXIGRAPH = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}


def _oxigraph_graph(data: bytes, format) -> Graph:
    graph = Graph()
    for quad in ox.parse(io.BytesIO(data), format=format):
        graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    return graph


@pytest.mark.parametrize("format", ["turtle", "nt", "jsonld"])
def test_graph_formats_round_trip_with_two_parsers(export_store, format, assert_no_person):
    data = export_rdf(export_store, format, vocabularies=False)
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


def _violations(data: bytes, format: str = "turtle") -> list:
    """SHACL violations of an exported file alone, nothing added from the store or the ontology."""
    import pyshacl

    from ecosystem.ontology import shapes_graph

    graph = Graph().parse(data=data, format=format)
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(), inference="none", advanced=True)
    return list(results.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationResult")))


def test_turtle_export_stands_on_its_own_against_the_shapes(export_store):
    # Without the terms it uses, the export references undescribed concepts and fails the shapes.
    assert len(_violations(export_rdf(export_store, "turtle", vocabularies=False))) > 100
    data = export_rdf(export_store, "turtle")
    assert _violations(data) == []
    graph = Graph().parse(data=data, format="turtle")
    used = {o for o in graph.objects() if str(o).startswith("https://w3id.org/ecosysteme/vocab/")}
    undescribed = [c for c in used if (c, None, None) not in graph]
    assert used and not undescribed
    eco_terms = {t for triple in graph for t in triple if str(t).startswith(str(ECO._NS))}
    assert eco_terms and all((t, None, None) in graph for t in eco_terms)
    # Only what the data uses, not whole vocabularies: no downward links, fewer concepts than the ontology.
    assert not list(graph.triples((None, SKOS.narrower, None)))
    assert len(set(graph.subjects(RDF.type, SKOS.Concept))) < len(
        set(ontology_graph().subjects(RDF.type, SKOS.Concept))
    )
    assert validate_graph(graph).conforms


def test_trig_puts_the_terms_in_the_ontology_graph_and_other_formats_on_request(export_store):
    dataset = Dataset()
    dataset.parse(data=export_rdf(export_store, "trig"), format="trig")
    terms = Graph(store=dataset.store, identifier=ONTOLOGY)
    assert (ECO.Actor, None, None) in terms
    assert (ECO.Actor, None, None) not in Graph(store=dataset.store, identifier=CURRENT)
    for format, parser in (("nt", "nt"), ("jsonld", "json-ld")):
        assert (ECO.Actor, None, None) not in Graph().parse(data=export_rdf(export_store, format), format=parser)
        assert (ECO.Actor, None, None) in Graph().parse(
            data=export_rdf(export_store, format, vocabularies=True), format=parser
        )


_EXPORT_JSONLD = """
import sys
from ecosystem.export.rdf import export_rdf
from ecosystem.store import EmbeddedStore
store = EmbeddedStore(sys.argv[1])
sys.stdout.buffer.write(export_rdf(store, "jsonld", vocabularies=True))
store.close()
"""


def test_jsonld_is_the_same_bytes_in_every_process(tmp_path, mauricie_graph):
    from ecosystem.store import EmbeddedStore

    folder = tmp_path / "store"
    store = EmbeddedStore(folder)
    store.apply(add=mauricie_graph)
    store.close()
    outputs = set()
    for seed in ("1", "2", "3"):  # the hash seed orders rdflib's sets differently in each process
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", _EXPORT_JSONLD, str(folder)],
            capture_output=True,
            env=environment,
            check=True,
            timeout=120,
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1
    assert len(Graph().parse(data=outputs.pop(), format="json-ld")) > 1000
