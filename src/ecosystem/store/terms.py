"""Conversions between rdflib terms and pyoxigraph terms."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from io import BytesIO
from typing import overload

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ecosystem.namespaces import RDF, XSD

__all__ = [
    "from_ox",
    "iri_problem",
    "ntriples",
    "ox_quads",
    "plain_term",
    "quad_to_ox",
    "serialised",
    "sparql_term",
    "to_ox",
    "values_clause",
]


def serialised(data: bytes | None) -> bytes:
    """What an Oxigraph writer returns when given no output (``None`` only when it wrote to one)."""
    if data is None:
        raise TypeError("sérialisation écrite ailleurs / serialisation written to an output")
    return data


def to_ox(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"terme RDF non pris en charge / unsupported RDF term: {term!r}")


def sparql_term(term: Node) -> str:
    r"""``term`` written as SPARQL reads it, checked and escaped by Oxigraph (an IRI it refuses raises ``ValueError``).

    The one way a value reaches query text: never an f-string around user input.

    >>> sparql_term(Literal('x" } DROP ALL', lang="fr"))
    '"x\\" } DROP ALL"@fr'
    >>> sparql_term(URIRef("http://example.org/%zz"))
    Traceback (most recent call last):
    ...
    ValueError: Invalid IRI percent encoding '%zz'
    """
    return str(to_ox(term))


def values_clause(bindings: dict[str, Node]) -> str:
    """A trailing ``VALUES`` block binding each variable to one term (for servers that take no substitution)."""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(sparql_term(term) for term in bindings.values())
    return f"\nVALUES ({names}) {{ ({terms}) }}"


def plain_term(term: Node | None):
    """An rdflib term as a plain row value (:data:`ecosystem.store.base.PlainRow`), for backends that read rdflib terms."""
    from ecosystem.store.base import PlainLiteral  # imported here: base is the protocol, terms its helpers

    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else (_RDF_LANG_STRING if term.language else _XSD_STRING)
        return PlainLiteral(str(term), datatype, term.language)
    return str(term)


_RDF_LANG_STRING = str(RDF.langString)
_XSD_STRING = str(XSD.string)


@overload
def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node: ...


@overload
def from_ox(term: object) -> Node | None: ...


def from_ox(term: object) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"terme Oxigraph non pris en charge / unsupported Oxigraph term: {term!r}")


def quad_to_ox(s: Node, p: Node, o: Node, graph: URIRef) -> ox.Quad:
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(graph)))


def iri_problem(text: str) -> str | None:
    """Why the store would refuse ``text`` as an IRI (RFC 3987, as Oxigraph checks it), or None.

    >>> iri_problem("https://exemple.org/a%20b") is None, iri_problem("https://exemple.org/%zz")
    (True, "Invalid IRI percent encoding '%zz'")
    """
    try:
        ox.NamedNode(text)
    except ValueError as error:
        return str(error)
    return None


def ox_quads(targets: Mapping[URIRef, Iterable[tuple[Node, Node, Node]]]) -> Iterator[ox.Quad]:
    """rdflib triples as Oxigraph quads, one at a time; IRIs (which recur) converted once each."""
    converted: dict = {}
    for name, triples in targets.items():
        graph = ox.NamedNode(str(name))
        for s, p, o in triples:
            subject = converted.get(s) or converted.setdefault(s, to_ox(s))
            predicate = converted.get(p) or converted.setdefault(p, to_ox(p))
            obj = to_ox(o) if type(o) is Literal else (converted.get(o) or converted.setdefault(o, to_ox(o)))
            yield ox.Quad(subject, predicate, obj, graph)


def ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> tuple[bytes, int]:
    """rdflib triples as N-Triples, one a line, and their number: the store's own parser reads them faster
    than Python builds its terms (:func:`ox_quads`). Each term is checked and written by Oxigraph (what
    :func:`to_ox` gives, so an IRI the store refuses raises here, before anything is written); IRIs, which
    recur, once each.

    >>> data, count = ntriples([(URIRef("https://ex.org/a"), RDF.type, Literal('dit "oui"\\n', lang="fr"))])
    >>> print(data.decode(), end=""); count
    <https://ex.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "dit \\"oui\\"\\n"@fr .
    1
    """
    written: dict[Node, str] = {}
    known = written.get

    def write(node: Node) -> str:
        text = written[node] = str(to_ox(node))
        return text

    out = BytesIO()  # a line at a time: a list of lines joined would hold the province four times over (+500 MB)
    put, count = out.write, 0
    for s, p, o in triples:
        obj = str(to_ox(o)) if type(o) is Literal else known(o) or write(o)
        put(f"{known(s) or write(s)} {known(p) or write(p)} {obj} .\n".encode())
        count += 1
    return out.getvalue(), count
