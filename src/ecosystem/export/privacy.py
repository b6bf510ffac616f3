"""Persons never leave the store: strip them from anything public.

A person is a ``foaf:Person`` or whatever a membership's ``eco:representative`` points
to (Québec's Law 25: names and contacts are personal information). Every triple about
a person, pointing to a person, or stating a representative is removed; so are FOAF
contact properties wherever they appear.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph

from ecosystem.namespaces import ECO, FOAF, RDF, bind_prefixes

__all__ = ["PRIVATE_PREDICATES", "public_graph", "public_ox_triples", "public_triples"]

PRIVATE_PREDICATES = frozenset(
    {ECO.representative, FOAF.name, FOAF.givenName, FOAF.familyName, FOAF.mbox, FOAF.mbox_sha1sum, FOAF.phone}
)
"""Predicates whose triples are never public, whatever their subject."""


def _public(triples: list, rdf_type, person, representative, private: frozenset) -> list:
    """The triples neither about, pointing to, nor naming a person (terms of any one library)."""
    persons = set()
    for s, p, o in triples:
        if p == representative:
            persons.add(o)
        elif p == rdf_type and o == person:
            persons.add(s)
    return [(s, p, o) for s, p, o in triples if p not in private and s not in persons and o not in persons]


def public_triples(triples: Iterable[tuple]) -> list[tuple]:
    """The triples (rdflib terms) that may be published: nothing about, pointing to or naming a person.

    >>> from rdflib import Literal, URIRef
    >>> p, m = URIRef("urn:p"), URIRef("urn:m")
    >>> public_triples([(m, ECO.representative, p), (p, FOAF.name, Literal("X")), (m, RDF.type, ECO.Actor)])
    [(rdflib.term.URIRef('urn:m'), rdflib.term.URIRef('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), rdflib.term.URIRef('https://w3id.org/ecosysteme/ontologie#Actor'))]
    """
    return _public(list(triples), RDF.type, FOAF.Person, ECO.representative, PRIVATE_PREDICATES)


_OX_PRIVATE = frozenset(ox.NamedNode(str(p)) for p in PRIVATE_PREDICATES)
_OX_TYPE, _OX_PERSON, _OX_REPRESENTATIVE = (ox.NamedNode(str(t)) for t in (RDF.type, FOAF.Person, ECO.representative))


def public_ox_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """:func:`public_triples` over pyoxigraph triples, kept as they are (the fast path for large exports).

    >>> m, p = ox.NamedNode("urn:m"), ox.NamedNode("urn:p")
    >>> public_ox_triples([ox.Triple(m, _OX_REPRESENTATIVE, p), ox.Triple(p, ox.NamedNode(str(FOAF.name)), ox.Literal("X")),
    ...                    ox.Triple(m, _OX_TYPE, ox.NamedNode(str(ECO.Actor)))]) == [ox.Triple(m, _OX_TYPE, ox.NamedNode(str(ECO.Actor)))]
    True
    """
    triples = list(triples)
    persons = {t.object for t in triples if t.predicate == _OX_REPRESENTATIVE}
    persons |= {t.subject for t in triples if t.object == _OX_PERSON and t.predicate == _OX_TYPE}
    if not persons:
        return [t for t in triples if t.predicate not in _OX_PRIVATE]
    return [t for t in triples if t.predicate not in _OX_PRIVATE and t.subject not in persons and t.object not in persons]


def public_graph(graph: Graph) -> Graph:
    """A copy of ``graph`` without persons (see :func:`public_triples`)."""
    public = bind_prefixes(Graph())
    for triple in public_triples(graph):
        public.add(triple)
    return public
