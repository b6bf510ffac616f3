"""The data as RDF files: Turtle, TriG (with the revisions as named graphs), JSON-LD, N-Triples.

Everything exported is public: persons are stripped first (:mod:`.privacy`). Turtle,
TriG and N-Triples are read from and written by Oxigraph (fast on a million triples);
JSON-LD by rdflib, compacted with a context holding the project's prefixes, so keys read
``skos:prefLabel`` rather than full IRIs, then put in one order (nodes by ``@id``, keys
and values sorted): rdflib's order follows Python's per-process hash seed, and two
exports of the same data must be the same bytes.

With ``vocabularies`` (the default for Turtle and TriG), the file also describes the
ontology and vocabulary terms the data uses (:mod:`.vocabularies`): it stands on its own
in a triple store and validates against the shapes. TriG puts them in the ontology's
named graph.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ecosystem.export.privacy import public_ox_triples
from ecosystem.export.vocabularies import used_terms
from ecosystem.namespaces import PREFIXES
from ecosystem.queries import graph_triples
from ecosystem.revisions import CURRENT_NAME, list_revisions, revision_graph_name
from ecosystem.store.base import CURRENT, ONTOLOGY, PROVENANCE, Store, raw_triples, revision_graph
from ecosystem.store.terms import from_ox, serialised

__all__ = ["JSONLD_CONTEXT", "VOCABULARIES_BY_DEFAULT", "export_rdf", "public_data", "serialize_graph"]

JSONLD_CONTEXT = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
"""The JSON-LD ``@context``, and the Turtle and TriG prefixes: the project's prefixes."""

VOCABULARIES_BY_DEFAULT = frozenset({"turtle", "trig"})
"""The RDF formats that include the terms the data uses unless asked not to."""

_PREFIXES = JSONLD_CONTEXT
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG}


def public_data(store: Store, name: URIRef) -> list[ox.Triple]:
    """The public triples of one named graph, as pyoxigraph triples.

    They come straight out of the store in pyoxigraph's terms (a CONSTRUCT), never
    through rdflib: on a million triples that is seconds instead of a minute.
    """
    return public_ox_triples(list(raw_triples(store, graph_triples(name))))


def _sort_key(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _ordered(value, key: str | None = None):
    """``value`` with every object's keys sorted and every array sorted, except a ``@list`` (ordered in RDF)."""
    if isinstance(value, dict):
        return {k: _ordered(v, k) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_ordered(v) for v in value]
        return items if key == "@list" else sorted(items, key=_sort_key)
    return value


def _jsonld(triples: list[ox.Triple]) -> bytes:
    graph = Graph()
    for triple in triples:
        graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    document = json.loads(graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True))
    if isinstance(document, dict) and "@context" not in document:
        document = {"@context": JSONLD_CONTEXT, **document}
    context = document.pop("@context", JSONLD_CONTEXT) if isinstance(document, dict) else JSONLD_CONTEXT
    nodes = document.get("@graph", [document] if document else []) if isinstance(document, dict) else document
    body = {
        "@context": context,
        "@graph": sorted((_ordered(n) for n in nodes), key=lambda n: (str(n.get("@id", "")), _sort_key(n))),
    }
    return json.dumps(body, ensure_ascii=False, indent=1).encode()


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
    prefixes = _PREFIXES if format == "turtle" else None
    return serialised(ox.serialize(triples, format=_OX_FORMATS[format], prefixes=prefixes))


def export_rdf(store: Store, format: str, revision: str = CURRENT_NAME, vocabularies: bool | None = None) -> bytes:
    """The public data as ``turtle``, ``nt``, ``jsonld`` (one revision, default the current
    graph) or ``trig`` (the current graph, every revision and the provenance as named graphs),
    with the terms it uses when ``vocabularies`` (``None``: :data:`VOCABULARIES_BY_DEFAULT`)."""
    if vocabularies is None:
        vocabularies = format in VOCABULARIES_BY_DEFAULT
    if format != "trig":
        triples = public_data(store, revision_graph_name(store, revision))
        return serialize_graph(triples + used_terms(triples) if vocabularies else triples, format)
    names = [CURRENT, *(revision_graph(r.name) for r in list_revisions(store)), PROVENANCE]
    graphs = {name: public_data(store, name) for name in names}
    if vocabularies:
        graphs[ONTOLOGY] = used_terms([t for triples in graphs.values() for t in triples])
    quads = [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(name)))
        for name, triples in graphs.items()
        for t in triples
    ]
    return serialised(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_PREFIXES))
