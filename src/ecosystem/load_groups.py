"""A first load's grouped validation, read from Oxigraph's own terms (no rdflib copy of the files).

When every triple of the files is new (the store's current graph is empty), each resource's
whole description is in the files. Its :func:`ecosystem.validation.signature` is computed here
from the parsed store's terms, resource by resource, without turning 700 k triples into rdflib
terms: only the representative of each group (and the literals the shapes compare) is converted,
and pyshacl validates those. The same signature as the rdflib one, item for item
(``tests/test_loading.py`` checks it on real data).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ecosystem.limits import Limits
from ecosystem.loading import LoadResult, ensure_ontology, parse_rdf_files, provenance_triples
from ecosystem.namespaces import ID, ORG, RDF, XSD
from ecosystem.ontology import ontology_graph
from ecosystem.shape_values import ValueChecks, concept_schemes, literal_item, pair_items, value_checks
from ecosystem.store.base import CURRENT, ONTOLOGY, PROVENANCE, Store
from ecosystem.store.terms import from_ox, ox_quads, serialised
from ecosystem.validation import ValidationReport, iri_item, validate_grouped

__all__ = ["first_load", "first_load_report", "ox_signatures"]

_DEFAULT = ox.DefaultGraph()
_TYPE = ox.NamedNode(str(RDF.type))
_XSD_STRING = str(XSD.string)
_DATA = str(ID)
_LINKS = {str(ORG.member), str(ORG.organization)}


class _Split(Exception):
    """A subject's quads did not come together."""


def _runs(canonical: ox.Store) -> Iterator[tuple[str, list[tuple[str, object]]]]:
    """Each subject with its (property, value) pairs, in one pass: Oxigraph's in-memory store yields a
    subject's quads together (:class:`_Split` if it ever did not)."""
    done: set[str] = set()
    subject = None
    pairs: list[tuple[str, object]] = []
    for quad in canonical:
        value = quad.subject.value  # type: ignore[union-attr]
        if value != subject:
            if subject is not None:
                done.add(subject)
                yield subject, pairs
            subject, pairs = value, []
            if subject in done:
                raise _Split
        pairs.append((quad.predicate.value, quad.object))
    if subject is not None:
        yield subject, pairs


def _runs_one_by_one(canonical: ox.Store) -> Iterator[tuple[str, list[tuple[str, object]]]]:
    """Each subject with its pairs, each subject read by itself (slower, whatever the store's order)."""
    for subject in {quad.subject for quad in canonical}:
        quads = canonical.quads_for_pattern(subject, None, None, _DEFAULT)  # type: ignore[arg-type]
        yield subject.value, [(q.predicate.value, q.object) for q in quads]  # type: ignore[union-attr]


class _Signer:
    """Signatures from Oxigraph terms (item for item :func:`ecosystem.validation.signature`'s); each literal
    the shapes look into converted once, each item of a concept or a term of the project's made once."""

    def __init__(self, types: dict[str, tuple], checks: ValueChecks, concepts: Mapping[str, tuple]):
        self.types = types
        self.checks = checks
        self.concepts = concepts
        self.paired = checks.paired
        self._literals: dict = {}
        self._items: dict = {}

    def types_of(self, iri) -> tuple:
        return self.types.get(str(iri), ())

    def _rdflib(self, term):
        found = self._literals.get(term)
        if found is None:
            found = self._literals[term] = from_ox(term)
        return found

    def _item(self, p: str, obj) -> tuple[str, ...]:
        if type(obj) is ox.NamedNode:
            value = obj.value
            if value.startswith(_DATA):
                return (p, "ref", *self.types.get(value, ()))
            key: tuple = (p, value)
            found = self._items.get(key)
            if found is None:
                found = self._items[key] = iri_item(p, value, self.types_of, self.concepts)
            return found
        if type(obj) is ox.Literal:
            language = obj.language
            if self.fast_text and (language or obj.datatype.value == _XSD_STRING) and p not in self.checks.whole:
                return (p, "text", language or "")
            key = (p, obj)
            found = self._items.get(key)
            if found is None:
                found = self._items[key] = literal_item(p, self._rdflib(obj), self.checks)
            return found
        return iri_item(p, str(obj), self.types_of, self.concepts)  # not a term the loader lets through

    @property
    def fast_text(self) -> bool:
        return not self.checks.complex_paths

    def signature(self, pairs: list[tuple[str, object]]) -> tuple:
        items = [self._item(p, obj) for p, obj in pairs]
        paired = self.paired
        if paired:
            values: dict[str, list] = defaultdict(list)
            for p, obj in pairs:
                if p in paired:
                    values[p].append(self._rdflib(obj))
            items.extend(pair_items(values, self.checks))
        items.sort()
        return tuple(items)


def _types(canonical: ox.Store) -> dict[str, tuple]:
    found: dict[str, list[str]] = defaultdict(list)
    for quad in canonical.quads_for_pattern(None, _TYPE, None, _DEFAULT):
        found[quad.subject.value].append(quad.object.value)  # type: ignore[union-attr]
    return {s: tuple(sorted(t)) for s, t in found.items()}


def ox_signatures(canonical: ox.Store, about: set[str] | None = None) -> tuple[dict[tuple, list[str]], _Signer]:
    """The groups of alike descriptions (signature → subjects, in the store's order) and the signer;
    ``about`` receives the resources the data concerns (each subject, a membership's actor and instance)."""
    concepts = {  # those the files describe are seen whole
        concept: schemes
        for concept, schemes in concept_schemes().items()
        if next(canonical.quads_for_pattern(ox.NamedNode(concept), None, None, _DEFAULT), None) is None
    }
    signer = _Signer(_types(canonical), value_checks(), concepts)
    found = set() if about is None else about
    try:
        return _grouped(_runs(canonical), signer, found), signer
    except _Split:
        found.clear()
        return _grouped(_runs_one_by_one(canonical), signer, found), signer


def _grouped(runs, signer: _Signer, about: set[str]) -> dict[tuple, list[str]]:
    groups: dict[tuple, list[str]] = defaultdict(list)
    for subject, pairs in runs:
        groups[signer.signature(pairs)].append(subject)
        about.add(subject)
        about.update(obj.value for p, obj in pairs if p in _LINKS and type(obj) is ox.NamedNode)
    return groups


def first_load_report(canonical: ox.Store, about: set[str] | None = None) -> ValidationReport:
    """Validate every description of ``canonical`` with the grouped SHACL of the import, when the store's
    current graph is empty: nothing the files point to is described elsewhere (no context to read)."""
    groups, signer = ox_signatures(canonical, about)
    context = Graph()

    def describe(subject: URIRef) -> list[tuple]:
        quads = canonical.quads_for_pattern(ox.NamedNode(str(subject)), None, None, _DEFAULT)
        return [(from_ox(q.predicate), from_ox(q.object)) for q in quads]

    members = [[URIRef(s) for s in group] for group in groups.values()]
    return validate_grouped(members, describe, signer.types_of, context)


def first_load(store: Store, result: LoadResult, limits: Limits, dry_run: bool) -> LoadResult:
    """Into an empty current graph: the files parsed into Oxigraph's memory, validated from its terms, then
    written N-Triples to the write path's bulk loader (the parsed store let go first: the data is never
    held twice) with the provenance and (when the store has none yet) the ontology, journaled by reference.
    Every triple is new, so nothing is compared."""
    canonical = parse_rdf_files(result.files, limits)
    about: set[str] = set()
    result.added = len(canonical)
    result.report = first_load_report(canonical, about)
    if not result.report.conforms or dry_run or not result.added:
        return result
    extra = {PROVENANCE: provenance_triples(result.files, datetime.now(UTC))}
    if store.triple_count(PROVENANCE):  # provenance left by an earlier load: an ordinary transaction
        ensure_ontology(store)
        store.apply(add=[(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in canonical], extra=extra)
    else:
        if not store.triple_count(ONTOLOGY):
            extra[ONTOLOGY] = list(ontology_graph())
        else:
            ensure_ontology(store)
        data = serialised(canonical.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=_DEFAULT))
        del canonical  # the N-Triples hold everything written from here on
        store.bulk_fill(ox_quads(extra), (CURRENT, *extra), result.files, ntriples=data, about=about)
    result.written = True
    result.triples_after = store.triple_count(CURRENT)
    return result
