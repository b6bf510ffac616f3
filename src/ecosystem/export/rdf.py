"""The data as RDF files: Turtle, TriG (with the revisions as named graphs), JSON-LD, N-Triples.

Everything exported is public: persons are stripped first (:mod:`.privacy`). Turtle,
TriG and N-Triples are read from and written by Oxigraph (fast on a million triples);
JSON-LD by rdflib, compacted with a context holding the project's prefixes, so keys read
``skos:prefLabel`` rather than full IRIs.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ecosystem.export.privacy import public_ox_triples
from ecosystem.namespaces import PREFIXES
from ecosystem.revisions import CURRENT_NAME, list_revisions, revision_graph_name
from ecosystem.store.base import CURRENT, PROVENANCE, Store, revision_graph
from ecosystem.store.terms import from_ox, to_ox

__all__ = ["JSONLD_CONTEXT", "export_rdf", "public_data", "serialize_graph"]

JSONLD_CONTEXT = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
"""The JSON-LD ``@context``, and the Turtle and TriG prefixes: the project's prefixes."""

_PREFIXES = JSONLD_CONTEXT
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG}


def public_data(store: Store, name: URIRef) -> list[ox.Triple]:
    """The public triples of one named graph, as pyoxigraph triples.

    From the embedded store they stream straight out of Oxigraph (a CONSTRUCT), never
    through rdflib: on a million triples that is seconds instead of a minute.
    """
    raw_query = getattr(store, "raw_query", None)
    if raw_query is not None:
        triples = list(raw_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"))
    else:
        triples = sorted((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in store.graph(name)), key=str)
    return public_ox_triples(triples)


def _jsonld(triples: list[ox.Triple]) -> bytes:
    graph = Graph()
    for triple in triples:
        graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    document = json.loads(graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True))
    if isinstance(document, dict) and "@context" not in document:
        document = {"@context": JSONLD_CONTEXT, **document}
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def serialize_graph(triples: list[ox.Triple], format: str) -> bytes:
    """Serialise public triples as ``turtle``, ``nt`` or ``jsonld``.

    >>> t = ox.Triple(ox.NamedNode("https://w3id.org/ecosysteme/id/acteur/a"),
    ...               ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"), ox.Literal("A", language="fr"))
    >>> print(serialize_graph([t], "nt").decode().strip())
    <https://w3id.org/ecosysteme/id/acteur/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A"@fr .
    """
    if format == "jsonld":
        return _jsonld(triples)
    if format not in ("turtle", "nt"):
        raise ValueError(f"format RDF inconnu / unknown RDF format: {format!r}; connus / known: turtle, nt, jsonld")
    return ox.serialize(triples, format=_OX_FORMATS[format], prefixes=_PREFIXES if format == "turtle" else None)


def export_rdf(store: Store, format: str, revision: str = CURRENT_NAME) -> bytes:
    """The public data as ``turtle``, ``nt``, ``jsonld`` (one revision, default the current
    graph) or ``trig`` (the current graph, every revision and the provenance as named graphs)."""
    if format != "trig":
        return serialize_graph(public_data(store, revision_graph_name(store, revision)), format)
    names = [CURRENT, *(revision_graph(r.name) for r in list_revisions(store)), PROVENANCE]
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(name)))
             for name in names for t in public_data(store, name)]
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_PREFIXES)
