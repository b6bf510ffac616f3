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

A first write into empty graphs (the first ``import`` or ``load`` of a store) takes the bulk
path (:meth:`WritePath.write_bulk`): under the same lock, after the same validation, its quads
are streamed to the store's bulk loader and the journal keeps a *reference* (each file's name
and SHA-256, the graphs filled, the number of triples) instead of the triples. This is safe
because each graph was empty, checked under the lock: undoing it is emptying those graphs,
which gives back the store as it was; and if the loader fails midway, the graphs are emptied
again before the error is reported. Any other write is one ordinary transaction.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import URIRef

from ecosystem.changes import BulkAddition, Change, Streamed, sha256_of
from ecosystem.i18n import Message
from ecosystem.journal import Author, Entry, Journal, concerned
from ecosystem.store.base import CURRENT, ONTOLOGY, Store, StoreError
from ecosystem.store.terms import from_ox, ntriples, ox_quads

__all__ = ["BulkAddition", "Change", "JournaledStore", "StaleWrite", "UndoRefused", "WritePath"]

_LOG = logging.getLogger(__name__)


class StaleWrite(StoreError):
    """The data changed since the write was computed; compute it again."""


class UndoRefused(ValueError):
    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


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

    def write_bulk(self, addition: BulkAddition, author: Author, kind: str, note: str | None = None) -> Entry:
        """Stream ``addition`` into its empty graphs with the store's bulk loader; journal it by reference.

        Raises
        ------
        StaleWrite
            When one of the graphs is no longer empty (the write is computed again, for the ordinary path).
        StoreError
            When the loader failed; the graphs it was filling are empty again.
        """
        with self._lock:
            if any(self.store.triple_count(graph) for graph in addition.graphs):
                raise StaleWrite(
                    str(
                        Message(
                            "Les données ont changé pendant le calcul de ce premier chargement ; il est recalculé.",
                            "The data changed while this first load was computed; it is computed again.",
                        )
                    )
                )
            streamed = Streamed(addition.quads)
            self.store.bulk_fill(streamed, addition.graphs, addition.sources, ntriples=addition.ntriples)
            reference = {
                "files": [[path.name, sha256_of(path)] for path in addition.sources],
                "graphs": [str(graph) for graph in addition.graphs],
                "triples": streamed.count + addition.ntriples_count,
            }
            about = streamed.about | addition.about
            entry = self.journal.record(author, kind, note, [], [], about=about, reference=reference)
            self._stamp(entry)  # a whole first write: the next read builds the projection anew
            return entry

    def _stamp(self, entry: Entry) -> None:
        from ecosystem.projection import note_stamp

        note_stamp(self.store.version(), entry.id)

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
            yield JournaledStore(
                self.store,
                lambda change: self.write(change, author, kind, note),
                bulk=lambda addition: self.write_bulk(addition, author, kind, note),
            )

    def undo(self, entry_id: int, author: Author, note: str | None = None) -> Entry:
        """Apply the inverse of entry ``entry_id``; refused, with the reason, when later changes depend on it."""
        with self._lock:
            entry = self.journal.get(entry_id)
            if entry is None:
                raise UndoRefused(Message("Modification inconnue.", "Unknown change."))
            _check_undoable(entry, self.journal.later(entry_id))
            if entry.reference is not None:
                return self._undo_bulk(entry, author, note)
            inverse = Change(add=list(entry.remove), remove=list(entry.add))
            before = self.store.version()
            inverse.apply_to(self.store)
            recorded = self._record(inverse, author, "annulation", note, undoes=entry_id)
            self._follow(before, inverse, recorded)
            return recorded

    def _undo_bulk(self, entry: Entry, author: Author, note: str | None) -> Entry:
        """The graphs a first bulk write filled, emptied again (they were empty before it)."""
        assert entry.reference is not None
        graphs = [URIRef(graph) for graph in entry.reference["graphs"]]
        self.store.drop_graphs(graphs)
        recorded = self.journal.record(
            author,
            "annulation",
            note,
            [],
            [],
            undoes=entry.id,
            reversible=False,
            reference={"emptied": [str(graph) for graph in graphs]},
        )
        self._stamp(recorded)
        return recorded


def _check_undoable(entry: Entry, later: list[Entry]) -> None:
    if entry.undone_by is not None:
        raise UndoRefused(
            Message("Cette modification est déjà annulée (n° {n}).", "This change is already undone (no. {n}).").format(
                n=entry.undone_by
            )
        )
    if entry.reference is not None:
        _check_bulk_undoable(entry, later)
        return
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


def _check_bulk_undoable(entry: Entry, later: list[Entry]) -> None:
    """A first bulk write is undone by emptying its graphs: only when nothing written after it remains."""
    assert entry.reference is not None
    if "graphs" not in entry.reference:
        raise UndoRefused(
            Message(
                "L'annulation d'un premier chargement ne s'annule pas : chargez de nouveau les fichiers.",
                "The undo of a first load cannot be undone: load the files again.",
            )
        )
    later_ids = {other.id for other in later}
    for other in later:
        if other.undone_by is not None or other.undoes in later_ids:
            continue  # undone, or the undo of a later one: they cancel out
        raise UndoRefused(
            Message(
                "Une modification plus récente (n° {n}, du {d}) suit ce premier chargement, dont l'annulation "
                "viderait le magasin : annulez-la d'abord.",
                "A later change (no. {n}, of {d}) follows this first load, whose undo empties the store: undo it first.",
            ).format(n=other.id, d=other.at[:10])
        )


class Reads(Protocol):
    """What a :class:`JournaledStore` reads through: a whole store, or the running server's over its socket."""

    def version(self) -> str: ...

    def triple_count(self, graph: URIRef | None = CURRENT) -> int: ...

    def close(self) -> None: ...


class JournaledStore:
    """A store whose reads go to ``reads`` and whose writes go to ``submit`` (the write path, here or in the server)."""

    def __init__(self, reads: Reads, submit, bulk: Callable[[BulkAddition], object] | None = None):
        self._reads = reads
        self._submit = submit
        self._bulk = bulk
        """The write path's bulk writer (:meth:`WritePath.write_bulk`); None over the server's socket."""

    def __getattr__(self, name):
        if name == "flush":
            raise AttributeError(name)  # writes never bypass the write path
        return getattr(self._reads, name)

    def bulk_add(self, add, graph: URIRef = CURRENT, extra=None, sources: Iterable[Path] = ()) -> None:
        """A large addition: into empty graphs, the bulk path (journaled by reference), ``add`` handed to the
        loader as N-Triples; else one ordinary transaction."""
        targets = {graph: add, **(extra or {})}
        if not self._can_bulk(targets):
            self.apply(add=add, graph=graph, extra=extra)
            return
        assert self._bulk is not None
        add = add if isinstance(add, list) else list(add)
        data, count = ntriples(add)
        about = frozenset(concerned(add)) if graph == CURRENT else frozenset()
        self._bulk(BulkAddition(ox_quads(extra or {}), tuple(targets), tuple(sources), data, count, about))

    def bulk_fill(
        self,
        quads: Iterable[ox.Quad],
        graphs: Iterable[URIRef],
        sources: Iterable[Path] = (),
        *,
        ntriples: bytes = b"",
        about: Iterable[str] = (),
    ) -> None:
        """Oxigraph quads into empty graphs: the bulk path; when a graph is not empty, one ordinary transaction."""
        names = tuple(graphs)
        if self._can_bulk(names):
            assert self._bulk is not None
            counted = ntriples.count(b"\n") if ntriples else 0  # the store's N-Triples writer: one triple a line
            self._bulk(BulkAddition(quads, names, tuple(sources), ntriples, counted, frozenset(about)))
            return
        if ntriples:
            first = ox.NamedNode(str(names[0]))
            parsed = (
                ox.Quad(t.subject, t.predicate, t.object, first) for t in ox.parse(ntriples, ox.RdfFormat.N_TRIPLES)
            )
            quads = chain(parsed, quads)  # type: ignore[arg-type]
        add = [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), URIRef(q.graph_name.value)) for q in quads]  # type: ignore[union-attr]
        self._submit(Change(add=add))

    def _can_bulk(self, graphs: Iterable[URIRef]) -> bool:
        return self._bulk is not None and not any(self._reads.triple_count(graph) for graph in graphs)

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

    def drop_graphs(self, names: Iterable[URIRef]) -> None:
        for name in names:
            self.drop_graph(name)

    def close(self) -> None:
        """The underlying store belongs to whoever opened it."""
