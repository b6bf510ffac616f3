"""Load RDF files (Turtle, TriG, N-Triples, N-Quads, RDF/XML) into the current graph.

A load reads every file, validates what it adds with SHACL, then writes in one
transaction: a file that does not parse or does not validate leaves the store as
it was. Loading the same files again changes nothing.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from ecosystem.i18n import Message
from ecosystem.limits import DEFAULT_LIMITS, Limits
from ecosystem.load_checks import FORMATS, LoadError, check_file, checked_quads, reading, refuse
from ecosystem.namespaces import ECO, ID, PROV, RDF, RDFS, SKOS, XSD, bind_prefixes
from ecosystem.ontology import ontology_graph
from ecosystem.queries import triples_about, unsafe_term_query
from ecosystem.store.base import CURRENT, ONTOLOGY, PROVENANCE, Store
from ecosystem.store.terms import from_ox
from ecosystem.validation import ValidationReport, validate_groups

__all__ = ["LoadError", "LoadResult", "ensure_ontology", "load_paths", "parse_rdf_files", "rdf_files", "read_rdf_files"]


@dataclass
class LoadResult:
    files: list[Path]
    added: int = 0
    report: ValidationReport | None = None
    written: bool = False
    triples_after: int = 0
    notes: list[Message] = field(default_factory=list)


def rdf_files(paths: list[Path]) -> list[Path]:
    """The RDF files named, folders searched recursively, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in FORMATS))
        elif path.is_file():
            if path.suffix.lower() not in FORMATS:
                raise LoadError(
                    Message(
                        "{path} : format non reconnu ; extensions acceptées : {exts}.",
                        "{path}: unknown format; accepted extensions: {exts}.",
                    ).format(path=path, exts=", ".join(FORMATS))
                )
            found.append(path)
        else:
            raise LoadError(Message("{path} : fichier introuvable.", "{path}: no such file.").format(path=path))
    if not found:
        raise LoadError(Message("Aucun fichier RDF dans {paths}.", "No RDF file in {paths}.").format(paths=paths))
    return found


_QUAD_FORMATS = (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS)


def _parse_into(canonical: ox.Store, path: Path, limits: Limits, checked: bool = True) -> None:
    """Parse one file into ``canonical``'s default graph. Triples are parsed and stored by Oxigraph itself,
    then (``checked``) the whole store is searched (in Oxigraph) for a blank node or an over-long literal: the
    files before this one had none, so what is found is this file's. Unchecked, the caller searches the
    store itself (:func:`ecosystem.load_groups.first_load` does, as it signs)."""
    rdf_format = FORMATS[path.suffix.lower()]
    if rdf_format in _QUAD_FORMATS:  # named graphs merged into the default graph, quad by quad
        canonical.extend(checked_quads(ox.parse(path=str(path), format=rdf_format), path, limits))
        return
    canonical.load(path=str(path), format=rdf_format, to_graph=ox.DefaultGraph())
    found = list(canonical.query(unsafe_term_query(limits.max_cell_chars))) if checked else []  # type: ignore[arg-type]
    if found:
        row = found[0]
        refuse(ox.Quad(row["s"], row["p"], row["o"], ox.DefaultGraph()), path, limits)


def read_rdf_files(files: list[Path], limits: Limits = DEFAULT_LIMITS) -> Graph:
    """Parse ``files`` into one rdflib graph (named graphs of TriG/N-Quads are merged), within ``limits``."""
    graph = bind_prefixes(Graph())
    for quad in parse_rdf_files(files, limits):
        graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    return graph


def parse_rdf_files(files: list[Path], limits: Limits = DEFAULT_LIMITS, *, checked: bool = True) -> ox.Store:
    """Parse ``files`` into one in-memory Oxigraph store (default graph), within ``limits``.

    ``checked=False`` leaves the search for blank nodes and over-long literals to the caller (see
    :func:`_parse_into`)."""
    # Passing through an in-memory Oxigraph store gives literals the canonical form the
    # on-disk store keeps ("100.0"^^xsd:decimal is stored as "100"), so comparisons with
    # the store are exact and reloading the same file finds nothing new.
    canonical = ox.Store()
    for path in files:
        check_file(path, limits)
        with reading(path, limits):
            _parse_into(canonical, path, limits, checked)
    return canonical


def _references(data: Graph) -> set[URIRef]:
    subjects = set(data.subjects())
    return {o for o in data.objects() if isinstance(o, URIRef) and o not in subjects}


def reference_context(store: Store, data: Graph) -> Graph:
    """Type and scheme triples, from the store, of the resources ``data`` points to."""
    context = Graph()
    for triple in triples_about(store, _references(data), (RDF.type, SKOS.inScheme)):
        context.add(triple)
    return context


def ensure_ontology(store: Store) -> None:
    """Keep the ontology and vocabularies in their own named graph, for SPARQL users."""
    ontology = ontology_graph()
    if store.triple_count(ONTOLOGY) != len(ontology):
        store.replace_graph(ONTOLOGY, ontology)


def provenance_triples(files: list[Path], when: datetime) -> list[tuple]:
    """A PROV activity per load: the files' names and SHA-256 checksums, and the time."""
    digest = hashlib.sha256()
    triples = []
    for path in files:
        digest.update(path.read_bytes())
    activity = ID[f"import/{when.strftime('%Y%m%dT%H%M%S%f')}-{digest.hexdigest()[:12]}"]
    triples += [
        (activity, RDF.type, ECO.Import),
        (activity, RDF.type, PROV.Activity),
        (activity, RDFS.label, Literal(f"Chargement du {when.isoformat(timespec='seconds')}", lang="fr")),
        (activity, PROV.endedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime)),
        (activity, ECO.checksum, Literal(digest.hexdigest())),
    ]
    for path in files:
        triples.append((activity, ECO.fileName, Literal(path.name)))
    return triples


def load_paths(store: Store, paths: list[Path], dry_run: bool = False, limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Read, validate and add the RDF in ``paths`` to the current graph, atomically.

    Only resources that gain triples are validated (their whole description in the files,
    with the types of what they reference), with the spreadsheet import's grouped SHACL: one
    resource of each group of alike descriptions (:func:`ecosystem.validation.validate_groups`).
    The files are held once, in Oxigraph's memory, while each resource's description is read
    out of it; into an empty store (a first load), the signatures are read from Oxigraph's terms
    and the triples go to the write path's bulk loader (:func:`ecosystem.load_groups.first_load`). A reload that
    brings nothing new writes nothing.
    """
    files = rdf_files(paths)
    result = LoadResult(files=files)
    if store.triple_count(CURRENT) == 0:
        from ecosystem.load_groups import first_load

        return first_load(store, result, limits, dry_run)
    canonical = parse_rdf_files(files, limits)
    descriptions, new_triples = _changed(store, canonical)
    result.added = len(new_triples)
    types, context = _references_of(store, canonical, descriptions)
    del canonical  # the descriptions hold everything that is written from here on
    result.report = validate_groups(descriptions, lambda iri: types.get(iri, ()), context)
    if not result.report.conforms or dry_run or not new_triples:
        result.triples_after = store.triple_count(CURRENT)
        return result
    ensure_ontology(store)
    store.apply(add=new_triples, extra={PROVENANCE: provenance_triples(files, datetime.now(UTC))})
    result.written = True
    result.triples_after = store.triple_count(CURRENT)
    return result


_BATCH = 2000


def _descriptions(canonical: ox.Store) -> dict[URIRef, set]:
    """Every subject of ``canonical`` with its (property, value) pairs, each recurring term converted once."""
    converted: dict = {}  # subjects, predicates, types and concepts recur

    def term(node):
        found = converted.get(node)
        if found is None:
            found = from_ox(node)
            if not isinstance(node, ox.Literal):
                converted[node] = found
        return found

    descriptions: dict[URIRef, set] = defaultdict(set)
    for quad in canonical:
        descriptions[term(quad.subject)].add((term(quad.predicate), term(quad.object)))
    return dict(descriptions)


def _changed(store: Store, canonical: ox.Store) -> tuple[dict[URIRef, set], list[tuple]]:
    """The full description of each subject that gains a triple, and the triples it gains."""
    descriptions = _descriptions(canonical)
    new_triples: list[tuple] = []
    subjects = list(descriptions)
    for start in range(0, len(subjects), _BATCH):
        batch = subjects[start : start + _BATCH]
        stored = set(triples_about(store, batch))
        for subject in batch:
            new = [(subject, p, o) for p, o in descriptions[subject] if (subject, p, o) not in stored]
            if new:
                new_triples.extend(new)
            else:
                del descriptions[subject]  # nothing new: not validated again
    return descriptions, new_triples


def _references_of(
    store: Store, canonical: ox.Store, descriptions: dict[URIRef, set]
) -> tuple[dict[URIRef, tuple], Graph]:
    """The types of every resource the descriptions name or point to (from the files, else the store),
    and the type and scheme triples of those they only point to."""
    types: dict[URIRef, tuple] = {
        s: tuple(sorted(str(o) for p, o in d if p == RDF.type)) for s, d in descriptions.items()
    }
    referenced = {o for d in descriptions.values() for _, o in d if type(o) is URIRef and o not in descriptions}
    context = Graph()
    missing = []
    for iri in referenced:
        node = ox.NamedNode(str(iri))
        found = [from_ox(q.object) for q in canonical.quads_for_pattern(node, _OX_TYPE, None)]
        for scheme in canonical.quads_for_pattern(node, _OX_SCHEME, None):
            context.add((iri, SKOS.inScheme, from_ox(scheme.object)))
        if found:
            types[iri] = tuple(sorted(map(str, found)))
            for rdf_type in found:
                context.add((iri, RDF.type, rdf_type))
        else:
            missing.append(iri)
    stored: dict[URIRef, list] = {}
    for s, p, o in triples_about(store, missing, (RDF.type, SKOS.inScheme)):
        context.add((s, p, o))
        if p == RDF.type:
            stored.setdefault(s, []).append(str(o))
    types.update((iri, tuple(sorted(found))) for iri, found in stored.items())
    return types, context


_OX_TYPE, _OX_SCHEME = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SKOS.inScheme))
