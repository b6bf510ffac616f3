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
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ecosystem.i18n import Message
from ecosystem.limits import Limits
from ecosystem.load_checks import refused
from ecosystem.load_ntriples import ParsedNTriples, parse_ntriples
from ecosystem.loading import LoadError, LoadResult, ensure_ontology, parse_rdf_files, provenance_triples
from ecosystem.namespaces import ID, ORG, RDF, XSD
from ecosystem.ontology import ontology_graph
from ecosystem.shape_values import ValueChecks, concept_schemes, literal_item, pair_items, value_checks
from ecosystem.store.base import CURRENT, ONTOLOGY, PROVENANCE, Store
from ecosystem.store.terms import from_ox, ox_quads, serialised
from ecosystem.validation import ValidationReport, iri_item, validate_grouped

__all__ = ["Unsafe", "first_load", "first_load_report", "ntriples_report", "ox_signatures"]

_DEFAULT = ox.DefaultGraph()
_TYPE = ox.NamedNode(str(RDF.type))
_XSD_STRING = str(XSD.string)
_DATA = str(ID)
_LINKS = {str(ORG.member), str(ORG.organization)}


class _Split(Exception):
    """A subject's quads did not come together."""


class Unsafe(Exception):
    """A blank node or an over-long literal, met while signing files parsed unchecked."""


def _runs(canonical: ox.Store, max_chars: int | None) -> Iterator[tuple[str, list[tuple[str, object]]]]:
    """Each subject with its (property, value) pairs, in one pass: Oxigraph's in-memory store yields a
    subject's quads together (:class:`_Split` if it ever did not). ``max_chars``: see :func:`ecosystem.load_checks.refused`."""
    done: set[str] = set()
    subject = None
    pairs: list[tuple[str, object]] = []
    for s, p, o, _ in canonical:
        if refused(s, o, max_chars):
            raise Unsafe
        value = s.value  # type: ignore[union-attr]
        if value != subject:
            if subject is not None:
                done.add(subject)
                yield subject, pairs
            subject, pairs = value, []
            if subject in done:
                raise _Split
        pairs.append((p.value, o))  # type: ignore[union-attr]
    if subject is not None:
        yield subject, pairs


def _runs_one_by_one(canonical: ox.Store, max_chars: int | None) -> Iterator[tuple[str, list[tuple[str, object]]]]:
    """Each subject with its pairs, each subject read by itself (slower, whatever the store's order)."""
    for subject in {quad.subject for quad in canonical}:
        quads = list(canonical.quads_for_pattern(subject, None, None, _DEFAULT))  # type: ignore[arg-type]
        if any(refused(subject, quad.object, max_chars) for quad in quads):
            raise Unsafe
        yield subject.value, [(q.predicate.value, q.object) for q in quads]  # type: ignore[union-attr]


class _Signer:
    """Signatures from Oxigraph terms (item for item :func:`ecosystem.validation.signature`'s); each literal
    the shapes look into converted once, each item of a concept or a term of the project's made once.
    ``linked`` gathers the actors and instances the memberships signed link (for their pages' history)."""

    def __init__(self, types: dict[str, tuple], checks: ValueChecks, concepts: Mapping[str, tuple]):
        self.types = types
        self.checks = checks
        self.concepts = concepts
        self.paired = checks.paired
        self.linked: set[str] = set()
        self._fast_text = not checks.complex_paths
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
        if type(obj) is ox.Literal:
            return literal_item(p, self._rdflib(obj), self.checks)
        return iri_item(p, obj.value if type(obj) is ox.NamedNode else str(obj), self.types_of, self.concepts)

    def signature(self, pairs: list[tuple[str, object]]) -> tuple:
        """One pass over the pairs, the common items (a reference, a text) made on the spot, the others
        (concepts, terms of the project's, dates, numbers) looked up once made."""
        items: list[tuple[str, ...]] = []
        append, types, cache, linked, whole = items.append, self.types, self._items, self.linked, self.checks.whole
        paired, values = self.paired, None
        for p, obj in pairs:
            if p in paired:  # compared with another property's values (sh:lessThanOrEquals)
                values = values if values is not None else defaultdict(list)
                values[p].append(self._rdflib(obj))
            kind = type(obj)
            if kind is ox.NamedNode:
                value = obj.value  # type: ignore[attr-defined]
                if p in _LINKS:
                    linked.add(value)
                if value.startswith(_DATA):
                    append((p, "ref", *types.get(value, ())))
                    continue
                key: tuple = (p, value)
            else:
                if kind is ox.Literal and self._fast_text and p not in whole:
                    language = obj.language  # type: ignore[attr-defined]
                    if language or obj.datatype.value == _XSD_STRING:  # type: ignore[attr-defined]
                        append((p, "text", language or ""))
                        continue
                key = (p, obj)
            found = cache.get(key)
            if found is None:
                found = cache[key] = self._item(p, obj)
            append(found)
        if values is not None:
            items.extend(pair_items(values, self.checks))
        items.sort()
        return tuple(items)


def _types(canonical: ox.Store) -> dict[str, tuple]:
    found: dict[str, list[str]] = defaultdict(list)
    for quad in canonical.quads_for_pattern(None, _TYPE, None, _DEFAULT):
        found[quad.subject.value].append(quad.object.value)  # type: ignore[union-attr]
    return {s: tuple(sorted(t)) for s, t in found.items()}


def _signer(types: dict[str, tuple], described: Callable[[str], bool]) -> _Signer:
    """The signer, each concept of the vocabularies seen by its schemes unless the files describe it (then whole)."""
    concepts = {concept: schemes for concept, schemes in concept_schemes().items() if not described(concept)}
    return _Signer(types, value_checks(), concepts)


def ox_signatures(
    canonical: ox.Store, about: set[str] | None = None, max_chars: int | None = None
) -> tuple[dict[tuple, list[str]], _Signer]:
    """The groups of alike descriptions (signature → subjects, in the store's order) and the signer;
    ``about`` receives the resources the data concerns (each subject, a membership's actor and instance).

    Raises
    ------
    Unsafe
        When ``canonical`` holds a blank node or (``max_chars``) a longer literal: the files were parsed
        unchecked (:func:`ecosystem.loading.parse_rdf_files`), and their checks are made here, in the same pass.
    """
    types = _types(canonical)

    def described(iri: str) -> bool:
        return next(canonical.quads_for_pattern(ox.NamedNode(iri), None, None, _DEFAULT), None) is not None

    signer = _signer(types, described)
    found = set() if about is None else about
    try:
        return _grouped(_runs(canonical, max_chars), signer, found), signer
    except _Split:
        found.clear()
        signer = _signer(types, described)
        return _grouped(_runs_one_by_one(canonical, max_chars), signer, found), signer


def _grouped(runs, signer: _Signer, about: set[str]) -> dict[tuple, list[str]]:
    groups: dict[tuple, list[str]] = defaultdict(list)
    signature = signer.signature
    for subject, pairs in runs:
        groups[signature(pairs)].append(subject)
        about.add(subject)
    about.update(signer.linked)
    return groups


def _validated(groups: dict[tuple, list[str]], signer: _Signer, describe) -> ValidationReport:
    """The import's grouped SHACL, when the store's current graph is empty: nothing the files point to is
    described elsewhere (no context to read)."""
    members = [[URIRef(s) for s in group] for group in groups.values()]
    return validate_grouped(members, describe, signer.types_of, Graph())


def first_load_report(
    canonical: ox.Store, about: set[str] | None = None, max_chars: int | None = None
) -> ValidationReport:
    """Validate every description of ``canonical`` with the grouped SHACL of the import (see :func:`_validated`).
    ``max_chars``: see :func:`ox_signatures`."""
    groups, signer = ox_signatures(canonical, about, max_chars)

    def describe(subject: URIRef) -> list[tuple]:
        quads = canonical.quads_for_pattern(ox.NamedNode(str(subject)), None, None, _DEFAULT)
        return [(from_ox(q.predicate), from_ox(q.object)) for q in quads]

    return _validated(groups, signer, describe)


def ntriples_report(parsed: ParsedNTriples, about: set[str]) -> ValidationReport:
    """Validate N-Triples parsed into their subjects' pairs (:mod:`ecosystem.load_ntriples`) the same way."""
    signer = _signer(parsed.types(), parsed.subjects.__contains__)
    return _validated(_grouped(iter(parsed.subjects.items()), signer, about), signer, parsed.describe)


class _Parsed:
    """A first load's data as its write needs it, from Oxigraph's in-memory store."""

    def __init__(self, canonical: ox.Store):
        self.canonical: ox.Store | None = canonical

    def ntriples(self) -> bytes:
        """The store's N-Triples dump; the store let go (the data is not held twice)."""
        assert self.canonical is not None
        data = serialised(self.canonical.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=_DEFAULT))
        self.canonical = None
        return data

    def rdflib_triples(self) -> list[tuple]:
        assert self.canonical is not None
        return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in self.canonical]


def _read(result: LoadResult, limits: Limits, about: set[str]) -> _Parsed | ParsedNTriples:
    """The files read, checked and validated (``result``'s count and report); N-Triples into their subjects'
    pairs when that gives exactly what the store will hold, else into Oxigraph's memory."""
    parsed = parse_ntriples(result.files, limits)
    if parsed is not None and parsed.exact():
        result.added = parsed.triples
        result.report = ntriples_report(parsed, about)
        return parsed
    del parsed
    canonical = parse_rdf_files(result.files, limits, checked=False)
    result.added = len(canonical)
    try:
        result.report = first_load_report(canonical, about, limits.max_cell_chars)
    except Unsafe:
        del canonical
        parse_rdf_files(result.files, limits)  # each file checked as it is parsed: the refusal names it
        raise LoadError(
            Message("Données refusées ; rien n'a été chargé.", "Data refused; nothing was loaded.")
        ) from None
    return _Parsed(canonical)


def first_load(store: Store, result: LoadResult, limits: Limits, dry_run: bool) -> LoadResult:
    """Into an empty current graph: the files read and validated (:func:`_read`), then written to the write
    path's bulk loader as N-Triples with the provenance and (when the store has none yet) the ontology,
    journaled by reference. Every triple is new, so nothing is compared, and the current graph then holds
    the triples parsed, no more."""
    about: set[str] = set()
    parsed = _read(result, limits, about)
    if not result.report or not result.report.conforms or dry_run or not result.added:
        return result
    extra = {PROVENANCE: provenance_triples(result.files, datetime.now(UTC))}
    if store.triple_count(PROVENANCE):  # provenance left by an earlier load: an ordinary transaction
        ensure_ontology(store)
        store.apply(add=parsed.rdflib_triples(), extra=extra)
    else:
        if not store.triple_count(ONTOLOGY):
            extra[ONTOLOGY] = list(ontology_graph())
        else:
            ensure_ontology(store)
        data = parsed.ntriples()  # the parsed data let go: the N-Triples hold everything written from here on
        store.bulk_fill(ox_quads(extra), (CURRENT, *extra), result.files, ntriples=data, about=about)
    result.written = True
    result.triples_after = result.added  # the current graph was empty, and a write over a change is refused
    return result
