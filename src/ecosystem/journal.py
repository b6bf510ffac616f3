"""The journal: every write to the data, with when, whose organisation, the exact delta and a note.

Kept in the state database beside the store (never in the RDF store, so nothing of it
reaches SPARQL or the exports). Each entry's delta is the quads it added and removed,
so « Annuler cette modification » can apply the inverse and give back the same triples.
A first bulk write into empty graphs is kept *by reference* instead (:attr:`Entry.reference`:
the files read with their SHA-256, the graphs filled, the number of triples): its inverse is
emptying those graphs again.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rdflib import URIRef
from rdflib.util import from_n3

from ecosystem.accounts.db import connect
from ecosystem.namespaces import ORG

__all__ = ["Author", "Entry", "Journal", "Quad", "concerned"]

Quad = tuple  # (subject, predicate, object, graph), rdflib terms
_LINKS = frozenset((ORG.member, ORG.organization))
"""A membership's changes also concern its actor and its instance (shown on their pages)."""


@dataclass(frozen=True)
class Author:
    """Who wrote: the account (None for the command line on this machine), its organisation, and through what."""

    account_id: int | None
    organisation: str | None
    origin: str
    """``navigateur``, ``api`` or ``ligne de commande``."""


@dataclass
class Entry:
    id: int
    at: str
    author: Author
    kind: str
    note: str | None
    add: list[Quad] = field(default_factory=list)
    remove: list[Quad] = field(default_factory=list)
    undoes: int | None = None
    undone_by: int | None = None
    reversible: bool = True
    reference: dict | None = None
    """A bulk write's reference (``files``: [name, SHA-256] pairs, ``graphs`` filled, ``triples``), or its undo's
    (``emptied``: the graphs); ``None`` for an ordinary write, whose delta is in ``add`` / ``remove``."""

    def touched(self) -> set[Quad]:
        return set(self.add) | set(self.remove)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "quand": self.at,
            "organisation": self.author.organisation,
            "origine": self.author.origin,
            "genre": self.kind,
            "note": self.note,
            "triplets_ajoutes": (self.reference or {}).get("triples", len(self.add)),
            "triplets_retires": len(self.remove),
            "annule": self.undoes,
            "annulee_par": self.undone_by,
        }


def _encode(add: list[Quad], remove: list[Quad], reversible: bool, reference: dict | None = None) -> bytes:
    def rows(quads):
        return [[term.n3() for term in quad] for quad in quads]

    data = {"add": rows(add), "remove": rows(remove), "reversible": reversible}
    if reference is not None:
        data["reference"] = reference
    return zlib.compress(json.dumps(data).encode())


def _decode(blob: bytes) -> tuple[list[Quad], list[Quad], bool, dict | None]:
    data = json.loads(zlib.decompress(blob))

    def quads(rows):
        return [tuple(from_n3(term) for term in row) for row in rows]

    return quads(data["add"]), quads(data["remove"]), data.get("reversible", True), data.get("reference")


def concerned(quads: list[Quad]) -> set[str]:
    """The resources an entry is about: the subjects, and a membership's actor and instance (of quads, or of
    triples: the graph is not read)."""
    found = {str(q[0]) for q in quads if isinstance(q[0], URIRef)}
    found.update(str(q[2]) for q in quads if q[1] in _LINKS)
    return found


class Journal:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def record(
        self,
        author: Author,
        kind: str,
        note: str | None,
        add: list[Quad],
        remove: list[Quad],
        undoes: int | None = None,
        reversible: bool = True,
        about: AbstractSet[str] = frozenset(),
        reference: dict | None = None,
    ) -> Entry:
        at = datetime.now(UTC).isoformat(timespec="seconds")
        with connect(self.folder) as db:
            cursor = db.execute(
                "INSERT INTO journal (at, account_id, organisation, origin, kind, note, delta, undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    at,
                    author.account_id,
                    author.organisation,
                    author.origin,
                    kind,
                    note,
                    _encode(add, remove, reversible, reference),
                    undoes,
                ),
            )
            entry_id = cursor.lastrowid
            db.executemany(
                "INSERT INTO journal_subjects VALUES (?, ?)",
                [(entry_id, s) for s in sorted(concerned(add + remove) | set(about))],
            )
            if undoes is not None:
                db.execute("UPDATE journal SET undone_by = ? WHERE id = ?", (entry_id, undoes))
        return Entry(entry_id, at, author, kind, note, add, remove, undoes, None, reversible, reference)

    def _entry(self, row, with_delta: bool = True) -> Entry:
        add, remove, reversible, reference = _decode(row["delta"]) if with_delta else ([], [], True, None)
        author = Author(row["account_id"], row["organisation"], row["origin"])
        return Entry(
            row["id"],
            row["at"],
            author,
            row["kind"],
            row["note"],
            add,
            remove,
            row["undoes"],
            row["undone_by"],
            reversible,
            reference,
        )

    def get(self, entry_id: int) -> Entry | None:
        with connect(self.folder) as db:
            row = db.execute("SELECT * FROM journal WHERE id = ?", (entry_id,)).fetchone()
        return self._entry(row) if row else None

    def entries(self, about: str | None = None, limit: int = 200) -> list[Entry]:
        """Latest first; ``about``: only the entries concerning that resource."""
        with connect(self.folder) as db:
            if about is None:
                rows = db.execute("SELECT * FROM journal ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
            else:
                rows = db.execute(
                    "SELECT j.* FROM journal j JOIN journal_subjects s ON s.entry = j.id WHERE s.subject = ? "
                    "ORDER BY j.id DESC LIMIT ?",
                    (about, limit),
                ).fetchall()
        return [self._entry(r) for r in rows]

    def later(self, entry_id: int) -> list[Entry]:
        with connect(self.folder) as db:
            rows = db.execute("SELECT * FROM journal WHERE id > ? ORDER BY id", (entry_id,)).fetchall()
        return [self._entry(r) for r in rows]
