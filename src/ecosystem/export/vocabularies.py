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

from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph

from ecosystem.namespaces import SKOS
from ecosystem.ontology import ontology_graph
from ecosystem.store.terms import to_ox

__all__ = ["used_terms"]

_DOWNWARDS = frozenset({SKOS.narrower, SKOS.hasTopConcept, SKOS.narrowerTransitive, SKOS.member})


@lru_cache(maxsize=4)
def _described(ontology: Graph) -> dict:
    """Term → its describing triples (downward links left out), as pyoxigraph terms: built once."""
    index: dict = {}
    for subject, predicate, value in ontology:
        if predicate not in _DOWNWARDS:
            index.setdefault(to_ox(subject), []).append(ox.Triple(to_ox(subject), to_ox(predicate), to_ox(value)))
    return index


def used_terms(triples: list[ox.Triple], ontology: Graph | None = None) -> list[ox.Triple]:
    """The ontology's triples describing the terms ``triples`` use (closed upwards), sorted.

    >>> from ecosystem.namespaces import ECO, concept_iri
    >>> sector = str(concept_iri("secteurs", "sante-services-sociaux"))
    >>> t = ox.Triple(ox.NamedNode("https://w3id.org/ecosysteme/id/instance/x"), ox.NamedNode(str(ECO.sector)),
    ...               ox.NamedNode(sector))
    >>> found = used_terms([t])
    >>> any(x.subject.value == sector and x.predicate.value == str(SKOS.inScheme) for x in found)
    True
    """
    index = _described(ontology if ontology is not None else ontology_graph())
    frontier = list({t.predicate for t in triples} | {t.object for t in triples if isinstance(t.object, ox.NamedNode)})
    seen: set = set()
    found: list[ox.Triple] = []
    while frontier:
        term = frontier.pop()
        if term in seen:
            continue
        seen.add(term)
        for triple in index.get(term, ()):
            found.append(triple)
            frontier.append(triple.predicate)
            if not isinstance(triple.object, ox.Literal):  # an IRI or a blank node: described in turn
                frontier.append(triple.object)
    return sorted(set(found), key=str)
