"""Persons never leave the store: strip them from anything public.

A person is a ``foaf:Person`` or whatever a membership's ``eco:representative`` points
to (Québec's Law 25: names and contacts are personal information). Every triple about
a person, pointing to a person, or stating a representative is removed; so are FOAF
contact properties wherever they appear.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph

from ecosystem.namespaces import ECO, FOAF, RDF, bind_prefixes

__all__ = ["PRIVATE_PREDICATES", "persons_in", "public_graph", "public_triples"]

PRIVATE_PREDICATES = frozenset(
    {ECO.representative, FOAF.name, FOAF.givenName, FOAF.familyName, FOAF.mbox, FOAF.mbox_sha1sum, FOAF.phone}
)
"""Predicates whose triples are never public, whatever their subject."""


def persons_in(triples: Iterable[tuple]) -> set:
    """The persons a set of triples names: typed ``foaf:Person`` or named as a representative."""
    persons = set()
    for s, p, o in triples:
        if p == RDF.type and o == FOAF.Person:
            persons.add(s)
        elif p == ECO.representative:
            persons.add(o)
    return persons


def public_triples(triples: Iterable[tuple]) -> list[tuple]:
    """The triples that may be published: nothing about, pointing to or naming a person.

    >>> from rdflib import Literal, URIRef
    >>> p, m = URIRef("urn:p"), URIRef("urn:m")
    >>> public_triples([(m, ECO.representative, p), (p, FOAF.name, Literal("X")), (m, RDF.type, ECO.Actor)])
    [(rdflib.term.URIRef('urn:m'), rdflib.term.URIRef('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), rdflib.term.URIRef('https://w3id.org/ecosysteme/ontologie#Actor'))]
    """
    triples = list(triples)
    persons = persons_in(triples)
    return [
        (s, p, o)
        for s, p, o in triples
        if p not in PRIVATE_PREDICATES and s not in persons and o not in persons
    ]


def public_graph(graph: Graph) -> Graph:
    """A copy of ``graph`` without persons (see :func:`public_triples`)."""
    public = bind_prefixes(Graph())
    for triple in public_triples(graph):
        public.add(triple)
    return public
