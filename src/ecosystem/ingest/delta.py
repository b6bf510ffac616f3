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

from ecosystem.ingest.tables_to_rdf import Conversion, file_source_triples
from ecosystem.namespaces import DCTERMS, ID, PROV
from ecosystem.store.base import CURRENT, Store

__all__ = ["Delta", "compute_delta"]

_CHUNK = 400
_FILE_SOURCES = str(ID) + "source/fichier/"


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
    if not subjects or not store.triple_count(CURRENT):
        return found
    for start in range(0, len(subjects), _CHUNK):
        values = " ".join(f"<{s}>" for s in subjects[start : start + _CHUNK])
        for row in store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{CURRENT}> {{ VALUES ?s {{ {values} }} ?s ?p ?o }} }}"):
            found[row["s"]].add((row["p"], row["o"]))
    return found


def _key(predicate, obj) -> tuple:
    return (predicate, obj.language if isinstance(obj, Literal) else None)


def compute_delta(store: Store, conversion: Conversion, with_description: bool = True) -> Delta:
    """Compare ``conversion`` with the store's current graph.

    ``with_description``: also keep :attr:`Delta.descriptions` (for SHACL).
    """
    new: dict[URIRef, set] = defaultdict(set)
    for s, p, o in conversion.triples:
        new[s].add((p, o))
    subjects = sorted(set(new) | set(conversion.defaults) | set(conversion.file_names))
    current = _current(store, subjects)
    delta = Delta()
    file_sources_used: set[URIRef] = set()
    for subject in sorted(set(new) | set(conversion.defaults)):
        before = current.get(subject, set())
        after = set(new.get(subject, ()))
        managed = conversion.managed.get(subject, set())
        removals = {(p, o) for p, o in before if _key(p, o) in managed and (p, o) not in after}
        if subject in conversion.defaults and not any(p == PROV.wasDerivedFrom for p, _ in before | after):
            after.add((PROV.wasDerivedFrom, conversion.defaults[subject]))
            file_sources_used.add(conversion.defaults[subject])
        additions = after - before
        if not additions and not removals:
            continue
        kind = conversion.kinds.get(subject, "autres")
        (delta.changed if before else delta.added)[kind].append(subject)
        delta.add.extend((subject, p, o) for p, o in additions)
        delta.remove.extend((subject, p, o) for p, o in removals)
        if with_description:
            delta.descriptions[subject] = (before - removals) | after
        for p, o in additions:
            if p == PROV.wasDerivedFrom and str(o).startswith(_FILE_SOURCES):
                file_sources_used.add(o)
    for source in sorted(file_sources_used):
        title = next((o for p, o in current.get(source, ()) if p == DCTERMS.title), None)
        if title is None:
            triples = file_source_triples(conversion.file_names[source])
            delta.add.extend(triples)
            if with_description:
                delta.descriptions[source] = {(p, o) for _, p, o in triples}
            delta.added["sources"].append(source)
    return delta
