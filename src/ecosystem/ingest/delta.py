"""What an import adds, changes and removes, against what the store holds.

Per resource: a property the import fills replaces the stored values of that
property (in that language, for text); properties it leaves empty keep their
stored values; types are only ever added. Nothing new: an empty delta, and no
write at all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from ecosystem.ingest.conversion import Conversion
from ecosystem.ingest.mapping import file_source_triples
from ecosystem.namespaces import DCTERMS, ID, PROV
from ecosystem.queries import triples_about
from ecosystem.store.base import Store

__all__ = ["Delta", "compute_delta"]

_FILE_SOURCES = str(ID) + "source/fichier/"
_DERIVED = PROV.wasDerivedFrom
_SOURCE_KEY = (_DERIVED, None)


@dataclass
class Delta:
    add: list = field(default_factory=list)
    remove: list = field(default_factory=list)
    added: dict[str, list[URIRef]] = field(default_factory=lambda: defaultdict(list))
    """Resources the store did not hold, by sheet."""
    changed: dict[str, list[URIRef]] = field(default_factory=lambda: defaultdict(list))
    """Resources whose description changes, by sheet."""
    descriptions: dict[URIRef, set] = field(default_factory=dict)
    """The resulting description, (property, value) pairs, of every added or changed resource."""

    @property
    def empty(self) -> bool:
        return not self.add and not self.remove


def _current(store: Store, subjects: list[URIRef]) -> dict[URIRef, set]:
    found: dict[URIRef, set] = defaultdict(set)
    for s, p, o in triples_about(store, subjects):
        found[s].add((p, o))
    return found


def compute_delta(store: Store, conversion: Conversion, with_description: bool = True) -> Delta:
    """Compare ``conversion`` with the store's current graph.

    ``with_description``: also keep :attr:`Delta.descriptions` (for SHACL).
    """
    statements = conversion.statements
    subjects = [*statements, *(s for s in conversion.defaults if s not in statements)]
    current = _current(store, [*subjects, *conversion.file_names])
    delta = Delta()
    file_sources_used: set[URIRef] = set()
    empty: set = set()
    for subject in subjects:
        before = current.get(subject, empty)
        after = statements.get(subject, empty)
        managed = conversion.managed.get(subject, empty)
        # A column without language (sigle, type…) replaces every value of its property;
        # a text column (nom) only the values in its language.
        removals = {
            (p, o)
            for p, o in before
            if (p, None) in managed or (p, o.language if type(o) is Literal else None) in managed
        }
        removals -= after
        default = conversion.defaults.get(subject)
        if (
            default is not None
            and _SOURCE_KEY not in managed
            and not any(p is _DERIVED or p == _DERIVED for p, _ in before)
        ):
            after = after | {(_DERIVED, default)}
            file_sources_used.add(default)
        additions = after - before if before else after
        if not additions and not removals:
            continue
        kind = conversion.kinds.get(subject, "autres")
        (delta.changed if before else delta.added)[kind].append(subject)
        delta.add.extend((subject, p, o) for p, o in additions)
        delta.remove.extend((subject, p, o) for p, o in removals)
        if with_description:
            delta.descriptions[subject] = (before - removals) | after if before else after
        if before:
            file_sources_used.update(o for p, o in additions if p == _DERIVED and o.startswith(_FILE_SOURCES))
    for source in sorted(file_sources_used):
        if not any(p == DCTERMS.title for p, _ in current.get(source, ())):
            triples = file_source_triples(conversion.file_names[source])
            delta.add.extend(triples)
            if with_description:
                delta.descriptions[source] = {(p, o) for _, p, o in triples}
            delta.added["sources"].append(source)
    return delta
