"""Conversions between rdflib terms and pyoxigraph terms."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["from_ox", "quad_to_ox", "to_ox"]


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


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def from_ox(term) -> Node | None:
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
