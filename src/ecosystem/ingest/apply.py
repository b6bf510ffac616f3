"""Import spreadsheet files: read → check every row → SHACL → one atomic write.

Nothing is written unless every check passes; then the additions and removals
and a PROV activity (file names, SHA-256 checksum, time) go to the store in one
transaction. Importing the same files again finds nothing new and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ecosystem.i18n import Message
from ecosystem.ingest.delta import compute_delta
from ecosystem.ingest.lookups import Known
from ecosystem.ingest.problems import Problem, ValidationFailed
from ecosystem.ingest.read import SPREADSHEET_SUFFIXES, Table, TableError, read_tables
from ecosystem.ingest.shacl import shacl_problems
from ecosystem.ingest.tables_to_rdf import convert_tables
from ecosystem.limits import DEFAULT_LIMITS, Limits
from ecosystem.loading import provenance_triples
from ecosystem.ontology import ontology_graph
from ecosystem.store.base import ONTOLOGY, PROVENANCE, Store

__all__ = ["FORMATS", "ImportResult", "detect_format", "import_paths", "import_tables", "read_import"]

FORMATS = ("auto", "template", "affiliation", "hsds")
BULK_THRESHOLD = 50_000
"""Triples from which an import with nothing to remove uses the store's bulk loader, when it has one."""


@dataclass
class ImportResult:
    files: list[Path]
    format: str
    rows: dict[str, int]
    added: dict[str, list[str]]
    changed: dict[str, list[str]]
    created: dict[str, list[str]]
    triples_added: int
    triples_removed: int
    dry_run: bool
    written: bool = False
    notes: list[Message] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "fichiers": [str(p) for p in self.files],
            "format": self.format,
            "lignes": self.rows,
            "ajoutes": self.added,
            "modifies": self.changed,
            "crees_depuis_participations": self.created,
            "triplets_ajoutes": self.triples_added,
            "triplets_retires": self.triples_removed,
            "essai": self.dry_run,
            "ecrit": self.written,
        }


def _short_id(iri) -> str:
    text = str(iri)
    return text.split("/id/", 1)[-1]


def _problem_without_row(path: Path, what: Message, fix: Message) -> Problem:
    return Problem(path.name, None, None, None, None, None, what, fix)


def detect_format(path: Path) -> str:
    """``affiliation`` for a folder of actors/committees/memberships CSV, ``hsds`` for an HSDS package, else ``template``."""
    if path.is_dir():
        names = {p.name.lower() for p in path.iterdir()}
        if {"actors.csv", "committees.csv", "memberships.csv"} <= names:
            return "affiliation"
        if names & {"organizations.csv", "organization.csv"}:
            return "hsds"
    return "template"


def _template_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*")
            if p.suffix.lower() in SPREADSHEET_SUFFIXES and not p.name.startswith(("~$", "."))
        )
    return [path]


def read_import(
    paths: list[Path], format: str = "auto", limits: Limits = DEFAULT_LIMITS
) -> tuple[list[Table], list[Path], bool | None]:
    """Tables to convert, the files read, and whether participations may create actors and instances."""
    from ecosystem.ingest import affiliation, hsds

    tables: list[Table] = []
    files: list[Path] = []
    problems: list[Problem] = []
    create_missing: bool | None = None
    for path in paths:
        if not path.exists():
            problems.append(
                _problem_without_row(
                    path,
                    Message("Fichier introuvable.", "No such file."),
                    Message("Vérifiez le chemin.", "Check the path."),
                )
            )
            continue
        kind = detect_format(path) if format == "auto" else format
        if kind in ("affiliation", "hsds") and not path.is_dir():
            problems.append(
                _problem_without_row(
                    path,
                    Message("Le format {k} se lit dans un dossier.", "The {k} format reads a folder.").format(k=kind),
                    Message(
                        "Donnez le dossier qui contient ses fichiers CSV.", "Give the folder holding its CSV files."
                    ),
                )
            )
            continue
        try:
            if kind == "affiliation":
                found, read = affiliation.read_affiliation(path, limits)
                create_missing = False
            elif kind == "hsds":
                found, read = hsds.read_hsds(path, limits)
            else:
                found, read = [], _template_files(path)
                for file in read:
                    found.extend(read_tables(file, limits))
        except TableError as error:
            problems.append(error.problem)
            continue
        except ValidationFailed as failed:
            problems.extend(failed.problems)
            continue
        if not read:
            problems.append(
                _problem_without_row(
                    path,
                    Message("Aucun fichier XLSX ou CSV ici.", "No XLSX or CSV file here."),
                    Message(
                        "Donnez un fichier .xlsx ou .csv, ou un dossier qui en contient.",
                        "Give an .xlsx or .csv file, or a folder holding some.",
                    ),
                )
            )
        tables.extend(found)
        files.extend(read)
    if problems:
        raise ValidationFailed(problems, limits.problems_listed)
    return tables, files, create_missing


def import_tables(
    store: Store,
    tables: list[Table],
    files: list[Path],
    *,
    dry_run: bool = False,
    create_missing: bool | None = None,
    format: str = "template",
    when: datetime | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportResult:
    """Check ``tables`` and, unless ``dry_run``, apply them to the store in one transaction.

    Raises
    ------
    ValidationFailed
        With every problem found; the store is left as it was.
    """
    conversion = convert_tables(tables, Known.from_store(store), create_missing, limits.problems_listed)
    if conversion.problems:
        raise ValidationFailed(conversion.problems)
    delta = compute_delta(store, conversion)
    if not delta.empty:
        problems = shacl_problems(store, conversion, delta)
        if problems:
            raise ValidationFailed(problems, limits.problems_listed)
    result = ImportResult(
        files=files,
        format=format,
        rows={k: v for k, v in conversion.rows.items() if v},
        added={k: [_short_id(s) for s in v] for k, v in delta.added.items()},
        changed={k: [_short_id(s) for s in v] for k, v in delta.changed.items()},
        created={k: v for k, v in conversion.created.items() if v},
        triples_added=len(delta.add),
        triples_removed=len(delta.remove),
        dry_run=dry_run,
    )
    if dry_run or delta.empty:
        return result
    # Checked and summed up: only the triples to write are needed now (a province's statements and
    # descriptions are hundreds of megabytes, let go before the store's loader takes its own).
    delta.descriptions.clear()
    conversion.statements.clear()
    conversion.managed.clear()
    extra = {PROVENANCE: provenance_triples(files, when or datetime.now(UTC))}
    if not store.triple_count(ONTOLOGY):
        extra[ONTOLOGY] = list(ontology_graph())
    if not delta.remove and len(delta.add) >= BULK_THRESHOLD:
        store.bulk_add(delta.add, extra=extra, sources=files)  # every triple is new: the bulk loader, undone on failure
    else:
        store.apply(add=delta.add, remove=delta.remove, extra=extra)
    result.written = True
    return result


def import_paths(
    store: Store, paths: list[Path], *, dry_run: bool = False, format: str = "auto", limits: Limits = DEFAULT_LIMITS
) -> ImportResult:
    """Import the files or folders in ``paths`` (see :func:`import_tables`)."""
    if format not in FORMATS:
        raise ValueError(f"format: {format!r} not in {FORMATS}")
    tables, files, create_missing = read_import(paths, format, limits)
    kinds = {detect_format(p) if format == "auto" else format for p in paths}
    return import_tables(
        store,
        tables,
        files,
        dry_run=dry_run,
        create_missing=create_missing,
        format="+".join(sorted(kinds)),
        limits=limits,
    )
