"""The one write path: every write to the data — browser, API, command line — comes here.

The served application owns the embedded store (pyoxigraph documents a read-only
opening while another process writes as undefined behaviour), so the command line sends
its writes to the running server (:mod:`ecosystem.local_server`) instead of opening the
store. Here, writes are serialised by one lock, each is one store transaction, and each
becomes a journal entry; the store's data version changes with it, so readers see the
new data at their next request, without a restart.

A write computed from reads made outside the lock (the command line's, over the socket)
names the data version it read; if another write committed since, it is refused
(:class:`StaleWrite`) and computed again, rather than applied over data it did not see.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from rdflib import URIRef

from ecosystem.i18n import Message
from ecosystem.journal import Author, Entry, Journal, Quad
from ecosystem.store.base import CURRENT, ONTOLOGY, Store, StoreError, Triple

__all__ = ["Change", "JournaledStore", "StaleWrite", "UndoRefused", "WritePath"]

_LOG = logging.getLogger(__name__)


class StaleWrite(StoreError):
    """The data changed since the write was computed; compute it again."""


class UndoRefused(ValueError):
    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


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


class WritePath:
    """The store's one writer in this process, and the journal of what it wrote."""

    def __init__(self, store: Store, journal: Journal):
        from ecosystem.projection import note_stamp

        self.store = store
        self.journal = journal
        self._lock = threading.RLock()
        latest = journal.entries(limit=1)
        note_stamp(store.version(), latest[0].id if latest else None)

    def write(
        self,
        change: Change,
        author: Author,
        kind: str,
        note: str | None = None,
        expected_version: str | None = None,
        undoes: int | None = None,
    ) -> Entry | None:
        """Apply ``change`` in one transaction and journal it; :class:`StaleWrite` if the data moved on."""
        with self._lock:
            if expected_version is not None and self.store.version() != expected_version:
                raise StaleWrite(
                    str(
                        Message(
                            "Les données ont changé pendant le calcul de cette écriture ; elle est recalculée.",
                            "The data changed while this write was computed; it is computed again.",
                        )
                    )
                )
            before = self.store.version()
            change.apply_to(self.store)
            if change.graph_name == ONTOLOGY:
                return None  # the ontology and vocabularies, (re)loaded whole: not data anyone declared
            entry = self._record(change, author, kind, note, undoes)
            self._follow(before, change, entry)
            return entry

    def _follow(self, before: str, change: Change, entry: Entry) -> None:
        """The projections kept for the data before the write are updated with its delta (:mod:`ecosystem.projection_delta`)."""
        if change.graph_name is not None:
            return  # a whole graph replaced: the next read builds anew
        from ecosystem.projection_delta import follow_write

        quads = [(s, p, o) for s, p, o, g in (*change.add, *change.remove) if g == CURRENT]
        try:
            follow_write(self.store, before, self.store.version(), quads, entry.id)
        except Exception:  # never fails a committed write: the next read builds the projection anew
            _LOG.exception("projection update after write %s", entry.id)

    def _record(self, change: Change, author: Author, kind: str, note: str | None, undoes: int | None) -> Entry:
        add, remove = change.journaled()
        about = set(change.about) | ({str(change.graph_name)} if change.graph_name is not None else set())
        return self.journal.record(
            author, kind, note, add, remove, undoes=undoes, reversible=change.reversible, about=about
        )

    @contextmanager
    def session(self, author: Author, kind: str, note: str | None = None):
        """A store whose writes go through this path, all under the lock: read, compute and write with nothing in between."""
        with self._lock:
            yield JournaledStore(self.store, lambda change: self.write(change, author, kind, note))

    def undo(self, entry_id: int, author: Author, note: str | None = None) -> Entry:
        """Apply the inverse of entry ``entry_id``; refused, with the reason, when later changes depend on it."""
        with self._lock:
            entry = self.journal.get(entry_id)
            if entry is None:
                raise UndoRefused(Message("Modification inconnue.", "Unknown change."))
            _check_undoable(entry, self.journal.later(entry_id))
            inverse = Change(add=list(entry.remove), remove=list(entry.add))
            before = self.store.version()
            inverse.apply_to(self.store)
            recorded = self._record(inverse, author, "annulation", note, undoes=entry_id)
            self._follow(before, inverse, recorded)
            return recorded


def _check_undoable(entry: Entry, later: list[Entry]) -> None:
    if entry.undone_by is not None:
        raise UndoRefused(
            Message("Cette modification est déjà annulée (n° {n}).", "This change is already undone (no. {n}).").format(
                n=entry.undone_by
            )
        )
    if not entry.reversible or not (entry.add or entry.remove):
        raise UndoRefused(
            Message(
                "Cette écriture (une révision) ne s'annule pas ici.", "This write (a revision) cannot be undone here."
            )
        )
    touched = entry.touched()
    later_ids = {other.id for other in later}
    for other in later:
        # A later change that was undone, and that undo, cancel out: neither depends on this entry.
        if other.undone_by is not None or other.undoes == entry.id or other.undoes in later_ids:
            continue
        if touched & other.touched():
            raise UndoRefused(
                Message(
                    "Une modification plus récente (n° {n}, du {d}) change les mêmes données : annulez-la d'abord.",
                    "A later change (no. {n}, of {d}) changes the same data: undo it first.",
                ).format(n=other.id, d=other.at[:10])
            )


class Reads(Protocol):
    """What a :class:`JournaledStore` reads through: a whole store, or the running server's over its socket."""

    def version(self) -> str: ...

    def close(self) -> None: ...


class JournaledStore:
    """A store whose reads go to ``reads`` and whose writes go to ``submit`` (the write path, here or in the server)."""

    def __init__(self, reads: Reads, submit):
        self._reads = reads
        self._submit = submit

    def __getattr__(self, name):
        if name == "flush":
            raise AttributeError(name)  # writes never bypass the write path
        return getattr(self._reads, name)

    def bulk_add(self, add, graph: URIRef = CURRENT, extra=None) -> None:
        """A large addition, as one ordinary journaled transaction: Oxigraph's bulk loader is not transactional."""
        self.apply(add=add, graph=graph, extra=extra)

    def apply(self, add=(), remove=(), graph: URIRef = CURRENT, extra=None, extra_remove=None) -> None:
        change = Change.from_apply(add, remove, graph, extra)
        change.remove.extend((s, p, o, g) for g, triples in (extra_remove or {}).items() for s, p, o in triples)
        self._submit(change)

    def write(self, change: Change) -> None:
        """A change already computed (quads), through the same path."""
        self._submit(change)

    def replace_graph(self, name: URIRef, triples) -> None:
        self._submit(Change(add=[(s, p, o, name) for s, p, o in triples], graph_name=name))

    def drop_graph(self, name: URIRef) -> None:
        self._submit(Change(graph_name=name, drop=True))

    def close(self) -> None:
        """The underlying store belongs to whoever opened it."""
