"""What a write is: a :class:`Change` (quads to remove then add, or a named graph replaced or dropped) or a
:class:`BulkAddition` (a first write into empty graphs, streamed to the bulk loader). :mod:`ecosystem.writes`
is the one path that applies them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from ecosystem.journal import Quad
from ecosystem.namespaces import ORG
from ecosystem.store.base import CURRENT, ONTOLOGY, Store, Triple

__all__ = ["BulkAddition", "Change", "Streamed", "sha256_of"]


@dataclass
class Change:
    """One write: quads to remove then add, or a whole named graph replaced or dropped."""

    add: list[Quad] = field(default_factory=list)
    remove: list[Quad] = field(default_factory=list)
    graph_name: URIRef | None = None
    """For ``replace_graph`` / ``drop_graph``: the graph; ``add`` then holds its new content."""
    drop: bool = False
    about: set[str] = field(default_factory=set)
    """Resources the change concerns beyond its subjects (the actor whose seat it edits), for their pages' history."""

    @classmethod
    def from_apply(
        cls,
        add: Iterable[Triple] = (),
        remove: Iterable[Triple] = (),
        graph: URIRef = CURRENT,
        extra: dict[URIRef, Iterable[Triple]] | None = None,
    ) -> Change:
        quads = [(s, p, o, graph) for s, p, o in add]
        for other, triples in (extra or {}).items():
            quads.extend((s, p, o, other) for s, p, o in triples)
        return cls(quads, [(s, p, o, graph) for s, p, o in remove])

    @property
    def reversible(self) -> bool:
        return self.graph_name is None

    def apply_to(self, store: Store) -> None:
        if self.graph_name is not None:
            if self.drop:
                store.drop_graph(self.graph_name)
            else:
                store.replace_graph(self.graph_name, [(s, p, o) for s, p, o, _ in self.add])
            return
        store.apply(
            add=_in(self.add, CURRENT),
            remove=_in(self.remove, CURRENT),
            extra=_others(self.add),
            extra_remove=_others(self.remove) or None,
        )

    def journaled(self) -> tuple[list[Quad], list[Quad]]:
        """What the journal keeps: the ontology graph (loaded once, shared by all) is left out."""
        if self.graph_name is not None:
            return [], []
        return [q for q in self.add if q[3] != ONTOLOGY], [q for q in self.remove if q[3] != ONTOLOGY]


def _in(quads: list[Quad], graph: URIRef) -> list[Triple]:
    return [(s, p, o) for s, p, o, g in quads if g == graph]


def _others(quads: list[Quad]) -> dict[URIRef, Iterable[Triple]]:
    found: dict[URIRef, list[Triple]] = {}
    for s, p, o, g in quads:
        if g != CURRENT:
            found.setdefault(g, []).append((s, p, o))
    return dict(found)


@dataclass
class BulkAddition:
    """A first write into empty graphs: quads streamed to the store's bulk loader, journaled by reference."""

    quads: Iterable[ox.Quad]
    """Each in one of ``graphs``; read once, as the loader takes them (never all held in a list)."""
    graphs: tuple[URIRef, ...]
    """Every graph written; each must be empty when the write starts."""
    sources: tuple[Path, ...] = ()
    """The files the quads were read from: the journal keeps their names and SHA-256."""
    ntriples: bytes = b""
    """More triples for the first graph, as N-Triples the store's own parser reads (no Python term made)."""
    ntriples_count: int = 0
    about: frozenset[str] = frozenset()
    """The resources ``ntriples`` describes or links (for their pages' history)."""


class Streamed:
    """The quads on their way to the loader, counted, with the resources they concern (for their pages' history)."""

    def __init__(self, quads: Iterable[ox.Quad]):
        self._quads = quads
        self.count = 0
        self.about: set[str] = set()

    def __iter__(self) -> Iterator[ox.Quad]:
        current, ontology = ox.NamedNode(str(CURRENT)), ox.NamedNode(str(ONTOLOGY))
        links = {ox.NamedNode(str(p)) for p in (ORG.member, ORG.organization)}
        about, count = self.about, 0
        for quad in self._quads:
            graph = quad.graph_name
            if graph == current:
                if isinstance(quad.subject, ox.NamedNode):
                    about.add(quad.subject.value)
                if quad.predicate in links and isinstance(quad.object, ox.NamedNode):
                    about.add(quad.object.value)
            if graph != ontology:  # not counted, as the journal leaves the ontology out
                count += 1
            yield quad
        self.count = count


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
