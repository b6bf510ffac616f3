"""Load RDF files (Turtle, TriG, N-Triples, N-Quads, RDF/XML) into the current graph.

A load reads every file, validates what it adds with SHACL, then writes in one
transaction: a file that does not parse or does not validate leaves the store as
it was. Loading the same files again changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from ecosystem.i18n import Message
from ecosystem.namespaces import ECO, ID, PROV, RDF, RDFS, SKOS, XSD, bind_prefixes
from ecosystem.ontology import ontology_graph
from ecosystem.queries import triples_about
from ecosystem.store.base import CURRENT, ONTOLOGY, PROVENANCE, Store
from ecosystem.store.terms import from_ox
from ecosystem.validation import ValidationReport, validate_graph

__all__ = ["LoadError", "LoadResult", "ensure_ontology", "load_paths", "rdf_files", "read_rdf_files"]

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


class LoadError(Exception):
    """A file could not be read; ``message`` names the file and, when known, the line."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


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


def read_rdf_files(files: list[Path]) -> Graph:
    """Parse ``files`` into one rdflib graph (named graphs of TriG/N-Quads are merged)."""
    # Passing through an in-memory Oxigraph store gives literals the canonical form the
    # on-disk store keeps ("100.0"^^xsd:decimal is stored as "100"), so comparisons with
    # the store are exact and reloading the same file finds nothing new.
    canonical = ox.Store()
    for path in files:
        try:
            canonical.extend(
                ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                for q in ox.parse(path=str(path), format=FORMATS[path.suffix.lower()])
            )
        except SyntaxError as error:
            raise LoadError(
                Message(
                    "{path} : erreur de syntaxe : {error}. Corrigez le fichier à cet endroit ; rien n'a été chargé.",
                    "{path}: syntax error: {error}. Fix the file there; nothing was loaded.",
                ).format(path=path, error=error)
            ) from error
        except (OSError, UnicodeDecodeError) as error:
            raise LoadError(
                Message("{path} : lecture impossible : {error}.", "{path}: cannot read: {error}.").format(
                    path=path, error=error
                )
            ) from error
    graph = bind_prefixes(Graph())
    for quad in canonical:
        graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    return graph


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


def load_paths(store: Store, paths: list[Path], dry_run: bool = False) -> LoadResult:
    """Read, validate and add the RDF in ``paths`` to the current graph, atomically.

    Only resources that gain triples are validated (their whole description in the
    files, with the types of what they reference); a reload that brings nothing new
    writes nothing.
    """
    files = rdf_files(paths)
    data = read_rdf_files(files)
    result = LoadResult(files=files)
    stored = set(triples_about(store, data.subjects()))
    new_triples = [t for t in data if t not in stored]
    result.added = len(new_triples)
    changed = data if len(new_triples) == len(data) else bind_prefixes(Graph())
    if changed is not data:
        for subject in {s for s, _, _ in new_triples}:
            for triple in data.triples((subject, None, None)):
                changed.add(triple)
    result.report = validate_graph(changed, reference_context(store, changed))
    if not result.report.conforms or dry_run or not new_triples:
        result.triples_after = store.triple_count(CURRENT)
        return result
    ensure_ontology(store)
    when = datetime.now(UTC)
    store.apply(add=new_triples, extra={PROVENANCE: provenance_triples(files, when)})
    result.written = True
    result.triples_after = store.triple_count(CURRENT)
    return result
