"""The public copy of the store that the SPARQL endpoint queries: every quad but persons and personal data.

A copy, rather than a FILTER added to the user's query, because no rewriting of arbitrary
SPARQL (GRAPH patterns, property paths, sub-queries) can be proven to hide a resource; the
copy is rebuilt when the store's version changes. It lives in a temporary folder named after
the server's process id, so that a server starting after one that was killed (``kill -9``,
which no ``close`` survives) removes the copies left by dead processes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pyoxigraph as ox

from ecosystem.privacy import public_ox_quads
from ecosystem.queries import graph_triples, persons_query
from ecosystem.store.base import Store, raw_solutions, raw_triples

__all__ = ["PublicCopy", "build_public_copy", "remove_abandoned_copies"]

_PREFIX = "ecosysteme-sparql-"


def build_public_copy(store: Store, target: Path) -> Path:
    """Copy a store's named graphs to a new on-disk store at ``target`` by :mod:`ecosystem.privacy`'s rule; returns ``target``.

    Persons found in any graph are hidden in every graph (current, revisions, provenance); the store's
    own bookkeeping is not copied (:meth:`~ecosystem.store.Store.named_graphs` leaves it out).
    """
    persons = {
        person
        for row in raw_solutions(store, persons_query())
        if isinstance(person := row["person"], ox.NamedNode | ox.BlankNode)
    }
    quads = (
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(graph)))
        for graph in store.named_graphs()
        for t in raw_triples(store, graph_triples(graph))
    )
    copy = ox.Store(str(target))
    copy.bulk_extend(public_ox_quads(quads, persons))
    copy.flush()
    del copy
    return target


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_abandoned_copies(folder: Path | None = None) -> list[Path]:
    """Remove the public copies whose server process no longer exists; returns what was removed."""
    removed = []
    for path in Path(folder or tempfile.gettempdir()).glob(f"{_PREFIX}*-*"):
        pid = path.name.removeprefix(_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


class PublicCopy:
    """The person-free copy of a store, rebuilt when the store's version changes."""

    def __init__(self):
        remove_abandoned_copies()
        self._root = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-"))
        self._version: str | None = None
        self._path: Path | None = None
        self._builds = 0
        self._lock = threading.Lock()

    def path_for(self, store) -> Path:
        version = store.version()
        with self._lock:
            if self._path is None or version != self._version or not self._root.exists():
                self._root.mkdir(parents=True, exist_ok=True)
                self._builds += 1
                target = build_public_copy(store, self._root / f"v{self._builds}")
                old, self._path, self._version = self._path, target, version
                if old is not None:
                    shutil.rmtree(old, ignore_errors=True)
            return self._path

    def close(self) -> None:
        with self._lock:
            shutil.rmtree(self._root, ignore_errors=True)
            self._version = self._path = None
