"""The store interface: what every backend (embedded, SPARQL server) offers.

The rest of the code depends on this protocol only. Writes are transactions: a
``apply`` that fails leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Literal, NamedTuple, Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from ecosystem.namespaces import GRAPH

__all__ = [
    "CURRENT",
    "META",
    "ONTOLOGY",
    "PROVENANCE",
    "PlainLiteral",
    "PlainRow",
    "RawResult",
    "Row",
    "Store",
    "StoreError",
    "Triple",
    "raw_solutions",
    "raw_triples",
    "revision_graph",
]

CURRENT = GRAPH.courant
"""Named graph of the current data."""
ONTOLOGY = GRAPH.ontologie
"""Named graph of the ontology and vocabularies (loaded with the data, for SPARQL users)."""
PROVENANCE = GRAPH.provenance
"""Named graph of import activities (file, checksum, time)."""
META = GRAPH.meta
"""Named graph of the store's own bookkeeping (data version)."""

Triple = tuple[Node, Node, Node]
Row = dict[str, Node | None]


class PlainLiteral(NamedTuple):
    """A literal as plain text: its lexical form, datatype IRI and language tag (no rdflib term made)."""

    value: str
    datatype: str
    language: str | None


PlainRow = tuple["str | PlainLiteral | None", ...]
"""One solution in the order of the query's variables: an IRI or blank node as ``str``, a literal as :class:`PlainLiteral`."""


RawResult = ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple]
"""A query's answer in pyoxigraph's own terms: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""

DumpFormat = Literal["nt", "ttl"]


def revision_graph(name: str) -> URIRef:
    return GRAPH[f"revision/{name}"]


class StoreError(RuntimeError):
    """A store could not be opened or written; the message is French / English."""


@runtime_checkable
class Store(Protocol):
    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Run a SELECT query; rows map variable names to rdflib terms (``None`` if unbound).

        ``bindings`` (variable name → term) are bound as terms, never spliced into the text:
        every value that comes from a user reaches SPARQL this way. A bound variable must be
        one the query selects (SPARQL's substitution, SEP-0007, as Oxigraph implements it)."""

    def plain_rows(self, sparql: str) -> Iterator[PlainRow]:
        """Run a SELECT query; rows as plain values (see :data:`PlainRow`): for reading a million rows fast."""

    def ask(self, sparql: str) -> bool: ...

    def raw_query(self, sparql: str) -> RawResult:
        """Run any query; the answer in pyoxigraph's terms, no rdflib term made (copying or exporting a million
        triples). :func:`raw_solutions` and :func:`raw_triples` say which kind the caller expects."""

    def construct(self, sparql: str) -> Graph: ...

    def graph(self, name: URIRef = CURRENT) -> Graph:
        """An in-memory rdflib copy of one named graph."""

    def apply(
        self,
        add: Iterable[Triple] = (),
        remove: Iterable[Triple] = (),
        graph: URIRef = CURRENT,
        extra: Mapping[URIRef, Iterable[Triple]] | None = None,
        extra_remove: dict[URIRef, Iterable[Triple]] | None = None,
    ) -> None:
        """Remove then add triples in ``graph`` (and ``extra`` / ``extra_remove`` in other graphs), in one transaction."""

    def bulk_add(
        self,
        add: Iterable[Triple],
        graph: URIRef = CURRENT,
        extra: Mapping[URIRef, Iterable[Triple]] | None = None,
        sources: Iterable[Path] = (),
    ) -> None:
        """Add many triples the store does not hold yet (an import into an empty graph): the fastest write it has."""

    def bulk_fill(
        self,
        quads: Iterable[ox.Quad],
        graphs: Iterable[URIRef],
        sources: Iterable[Path] = (),
        *,
        ntriples: bytes = b"",
        about: Iterable[str] = (),
    ) -> None:
        """Fill ``graphs``, every one empty, with ``quads`` (each in one of them) and ``ntriples`` (N-Triples
        for the first graph, read by the store's own parser), streamed to the store's fastest loader. If
        loading fails midway, the graphs are emptied again (they were empty: nothing else is lost) before
        :class:`StoreError` says so. ``sources`` (the files read) and ``about`` (the resources ``ntriples``
        describes or links) are for the write path's journal."""

    def drop_graphs(self, names: Iterable[URIRef]) -> None:
        """Remove the named graphs whole, in one transaction."""

    def replace_graph(self, name: URIRef, triples: Iterable[Triple]) -> None:
        """Make ``name`` hold exactly ``triples``, in one transaction."""

    def drop_graph(self, name: URIRef) -> None: ...

    def named_graphs(self) -> list[URIRef]: ...

    def triple_count(self, graph: URIRef | None = CURRENT) -> int:
        """Triples in ``graph``; ``None``: in the whole store."""

    def version(self) -> str:
        """Changes on every write: the key of caches built from the data."""

    def dump(self, graph: URIRef = CURRENT, format: DumpFormat = "nt") -> bytes:
        """One named graph serialised (N-Triples or Turtle) by the store's own writer."""

    def flush(self) -> None:
        """Make every committed write durable now (the embedded store's write-ahead log; a server already has)."""

    def close(self) -> None: ...


def raw_solutions(store: Store, sparql: str) -> ox.QuerySolutions:
    """The solutions of a SELECT, in pyoxigraph's terms (each solution indexed by variable name)."""
    result = store.raw_query(sparql)
    if not isinstance(result, ox.QuerySolutions):
        raise StoreError("la requête doit être un SELECT / the query must be a SELECT")
    return result


def raw_triples(store: Store, sparql: str) -> Iterator[ox.Triple]:
    """The triples of a CONSTRUCT (or DESCRIBE), in pyoxigraph's terms."""
    result = store.raw_query(sparql)
    if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
        raise StoreError("la requête doit être un CONSTRUCT / the query must be a CONSTRUCT")
    return iter(result)
