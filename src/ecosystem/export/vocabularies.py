"""The ontology and vocabulary terms a set of triples uses, so an RDF export stands on its own.

Data exported without them references concepts (``…/vocab/enjeux/habitation``) and
``eco:`` classes and properties that a triple store shows as bare IRIs, and validating
the export against ``ontology/shapes.ttl`` reports every vocabulary reference as a
violation (the shapes check that a value is a concept of the right scheme). This module
takes, from the packaged ontology and vocabularies, the description of every term the
data uses, then of every term those descriptions reach *upwards* (a concept's scheme
and broader concepts, a class's superclasses, blank nodes of OWL restrictions), never
downwards (``skos:narrower``, ``skos:hasTopConcept``): the export describes what it
uses, not the whole vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ecosystem.namespaces import SKOS
from ecosystem.ontology import ontology_graph
from ecosystem.store.terms import to_ox

__all__ = ["used_terms"]

_DOWNWARDS = frozenset({SKOS.narrower, SKOS.hasTopConcept, SKOS.narrowerTransitive, SKOS.member})


def _terms_of(triples: Iterable[ox.Triple]) -> set[URIRef]:
    used: set[URIRef] = set()
    for triple in triples:
        used.add(URIRef(triple.predicate.value))
        if isinstance(triple.object, ox.NamedNode):
            used.add(URIRef(triple.object.value))
    return used


def used_terms(triples: list[ox.Triple], ontology: Graph | None = None) -> list[ox.Triple]:
    """The ontology's triples describing the terms ``triples`` use (closed upwards), sorted.

    >>> from ecosystem.namespaces import ECO, concept_iri
    >>> habitation = str(concept_iri("secteurs", "sante-services-sociaux"))
    >>> t = ox.Triple(ox.NamedNode("https://w3id.org/ecosysteme/id/instance/x"), ox.NamedNode(str(ECO.sector)),
    ...               ox.NamedNode(habitation))
    >>> found = used_terms([t])
    >>> any(x.subject.value == habitation and x.predicate.value == str(SKOS.inScheme) for x in found)
    True
    """
    ontology = ontology if ontology is not None else ontology_graph()
    frontier = list(_terms_of(triples))
    seen: set = set()
    found: list[tuple] = []
    while frontier:
        term = frontier.pop()
        if term in seen:
            continue
        seen.add(term)
        for _, predicate, value in ontology.triples((term, None, None)):
            if predicate in _DOWNWARDS:
                continue
            found.append((term, predicate, value))
            frontier.append(predicate)
            if not hasattr(value, "language"):  # an IRI or a blank node: described in turn
                frontier.append(value)
    return sorted((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in set(found)), key=str)
