"""The data as RDF files: Turtle, TriG (with the revisions as named graphs), JSON-LD, N-Triples.

Everything exported is public: persons are stripped first (:mod:`.privacy`). Turtle,
TriG and N-Triples are written by Oxigraph (fast on a million triples); JSON-LD by
rdflib, compacted with a context holding the project's prefixes, so keys read
``skos:prefLabel`` rather than full IRIs.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ecosystem.export.privacy import public_triples
from ecosystem.namespaces import PREFIXES
from ecosystem.revisions import CURRENT_NAME, list_revisions, revision_data
from ecosystem.store.base import CURRENT, PROVENANCE, Store, revision_graph
from ecosystem.store.terms import to_ox

__all__ = ["JSONLD_CONTEXT", "RDF_FORMATS", "dataset_quads", "export_rdf", "serialize_graph", "serialize_quads"]

RDF_FORMATS = {"turtle": "ttl", "trig": "trig", "jsonld": "jsonld", "nt": "nt"}
"""Export format → file extension."""

JSONLD_CONTEXT = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
"""The JSON-LD ``@context``: the project's prefixes."""

_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG}


def serialize_graph(triples, format: str) -> bytes:
    """Serialise triples (rdflib terms) as ``turtle``, ``nt`` or ``jsonld``; persons removed.

    >>> from rdflib import Literal
    >>> from ecosystem.namespaces import SKOS, actor_iri
    >>> print(serialize_graph([(actor_iri("a"), SKOS.prefLabel, Literal("A", lang="fr"))], "nt").decode().strip())
    <https://w3id.org/ecosysteme/id/acteur/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A"@fr .
    """
    public = public_triples(triples)
    if format == "jsonld":
        graph = Graph()
        for triple in public:
            graph.add(triple)
        document = json.loads(graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True))
        if isinstance(document, dict) and "@context" not in document:
            document = {"@context": JSONLD_CONTEXT, **document}
        return json.dumps(document, ensure_ascii=False, indent=1).encode()
    if format not in ("turtle", "nt"):
        raise ValueError(f"format RDF inconnu / unknown RDF format: {format!r}; connus / known: turtle, nt, jsonld")
    rdf_format = _OX_FORMATS[format]
    ox_triples = (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in public)
    prefixes = _PREFIXES if format == "turtle" else None
    return ox.serialize(sorted(ox_triples, key=str), format=rdf_format, prefixes=prefixes)


def dataset_quads(store: Store) -> list[tuple[tuple, URIRef]]:
    """(triple, graph) pairs of the public dataset: the current graph, every revision, the provenance."""
    names = [CURRENT, *(revision_graph(r.name) for r in list_revisions(store)), PROVENANCE]
    quads = []
    for name in names:
        quads.extend((triple, name) for triple in public_triples(store.graph(name)))
    return quads


def serialize_quads(quads: list[tuple[tuple, URIRef]]) -> bytes:
    """TriG of (triple, graph) pairs (persons already removed)."""
    ox_quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(g))) for (s, p, o), g in quads]
    ox_quads.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    return ox.serialize(ox_quads, format=ox.RdfFormat.TRIG, prefixes=_PREFIXES)


def export_rdf(store: Store, format: str, revision: str = CURRENT_NAME) -> bytes:
    """The public data as ``turtle``, ``nt``, ``jsonld`` (one revision, default the current
    graph) or ``trig`` (the current graph, every revision and the provenance as named graphs)."""
    if format == "trig":
        return serialize_quads(dataset_quads(store))
    return serialize_graph(revision_data(store, revision), format)
