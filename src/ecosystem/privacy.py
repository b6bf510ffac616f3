"""The one privacy rule: what is a person, and what is personal (Québec's Law 25).

Every public path applies it — pages, their JSON twins and the API (through the
projection), the SPARQL endpoint's copy (the current graph and every revision), every
export, the revision diff:

- a **person** is a resource typed ``foaf:Person`` (or ``vcard:Individual``,
  ``schema:Person``), **or** anything a membership's ``eco:representative`` points to,
  typed or not, **or** a resource a personal predicate points to (a vCard e-mail or name
  node);
- **personal predicates** are the name and contact predicates of FOAF, vCard and
  schema.org (both its ``http:`` and ``https:`` IRIs), and ``eco:representative`` itself:
  their triples are dropped wherever they appear, whoever their subject is;
- every triple about a person or pointing to one is dropped.

Persons found in one graph are hidden in every graph (a revision holds the same person as
the current graph). The rule works on triples of any library: rdflib, pyoxigraph, or the
plain strings of the projection.

>>> from rdflib import Literal, URIRef
>>> m, p = URIRef("urn:m"), URIRef("urn:p")
>>> public_triples([(m, ECO.representative, p), (p, FOAF.name, Literal("X")), (m, ECO.acronym, Literal("M"))])
[(rdflib.term.URIRef('urn:m'), rdflib.term.URIRef('https://w3id.org/ecosysteme/ontologie#acronym'), rdflib.term.Literal('M'))]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Set

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from ecosystem.namespaces import ECO, FOAF, RDF, SDO, SDO_HTTP, VCARD, bind_prefixes

__all__ = [
    "PERSONAL_PREDICATES",
    "PERSON_CLASSES",
    "persons_in",
    "public_graph",
    "public_ox_quads",
    "public_ox_triples",
    "public_plain",
    "public_triples",
]

PERSON_CLASSES = frozenset({FOAF.Person, VCARD.Individual, SDO.Person, SDO_HTTP.Person})
"""Classes whose instances are persons."""

_SCHEMA_PERSONAL = ("name", "givenName", "familyName", "additionalName", "email", "telephone", "faxNumber")
PERSONAL_PREDICATES = frozenset(
    {
        ECO.representative,
        *(
            FOAF[name]
            for name in (
                "name",
                "givenName",
                "familyName",
                "firstName",
                "lastName",
                "surname",
                "nick",
                "mbox",
                "mbox_sha1sum",
                "phone",
            )
        ),
        *(
            VCARD[name]
            for name in (
                "fn",
                "hasName",
                "given-name",
                "family-name",
                "additional-name",
                "nickname",
                "hasEmail",
                "email",
                "hasTelephone",
                "tel",
            )
        ),
        *(SDO[name] for name in _SCHEMA_PERSONAL),
        *(SDO_HTTP[name] for name in _SCHEMA_PERSONAL),
    }
)
"""Name and contact predicates: never public, whatever their subject."""


class _Terms:
    """The rule's IRIs in one library's terms, and how that library tells a literal."""

    def __init__(self, make: Callable, is_literal: Callable):
        self.type = make(str(RDF.type))
        self.classes = frozenset(make(str(c)) for c in PERSON_CLASSES)
        self.representative = make(str(ECO.representative))
        self.personal = frozenset(make(str(p)) for p in PERSONAL_PREDICATES)
        self.is_literal = is_literal


_RDFLIB = _Terms(URIRef, lambda o: isinstance(o, Literal))
_OX = _Terms(ox.NamedNode, lambda o: isinstance(o, ox.Literal))
_PLAIN = _Terms(str, lambda o: not isinstance(o, str))


def persons_in(triples: Iterable[tuple], terms: _Terms = _RDFLIB) -> set:
    """The persons ``triples`` reveal (see the module's rule)."""
    persons = set()
    for s, p, o in triples:
        if p == terms.type and o in terms.classes:
            persons.add(s)
        elif p in terms.personal and not terms.is_literal(o):
            persons.add(o)
    return persons


def _keep(triples: Iterable[tuple], persons: set, terms: _Terms) -> list:
    return [(s, p, o) for s, p, o in triples if p not in terms.personal and s not in persons and o not in persons]


def public_triples(triples: Iterable[tuple], persons: set | None = None) -> list[tuple]:
    """The rdflib triples that may be published; ``persons`` (found elsewhere) are hidden too."""
    triples = list(triples)
    return _keep(triples, persons_in(triples) | (persons or set()), _RDFLIB)


def public_graph(graph: Graph, persons: set | None = None) -> Graph:
    """A copy of ``graph`` without persons or personal predicates."""
    public = bind_prefixes(Graph())
    for triple in public_triples(graph, persons):
        public.add(triple)
    return public


def public_ox_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """:func:`public_triples` over pyoxigraph triples, kept as they are (the fast path for large exports)."""
    triples = list(triples)
    plain = [(t.subject, t.predicate, t.object) for t in triples]
    persons = persons_in(plain, _OX)
    return [
        t
        for t, (s, p, o) in zip(triples, plain, strict=True)
        if p not in _OX.personal and s not in persons and o not in persons
    ]


def public_ox_quads(quads: Iterable[ox.Quad], persons: set[ox.NamedNode | ox.BlankNode]) -> Iterator[ox.Quad]:
    """Quads of any graphs without ``persons`` (from :func:`ecosystem.queries.persons_query`) or personal predicates (lazy)."""
    return (
        q for q in quads if q.predicate not in _OX.personal and q.subject not in persons and q.object not in persons
    )


def public_plain(triples: Iterable[tuple[str, str, object]], persons: Set[str]) -> Iterable[tuple]:
    """The projection's plain triples (IRIs as ``str``) without the given persons or personal predicates (lazy)."""
    return ((s, p, o) for s, p, o in triples if p not in _PLAIN.personal and s not in persons and o not in persons)
