"""Revisions of the cartography: named, frozen copies of the current graph.

A revision ``NAME`` is the named graph ``revision_graph(NAME)`` holding a copy of the
current graph at the time it was made. The named graph is itself the PROV entity: the
provenance graph describes it as ``eco:Revision`` / ``prov:Entity`` with its creation
time (``dcterms:created``), an optional note (``skos:note``) and author
(``dcterms:creator``), and ``prov:wasDerivedFrom`` the import activities whose data it
includes. The copy and its description are written in one transaction.

The name ``courant`` stands for the current graph wherever a revision name is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rdflib import Graph, Literal, URIRef

from ecosystem.analysis.thresholds import OverSolicitationRule
from ecosystem.diff import GraphDiff, compare_analyses, diff_graphs
from ecosystem.i18n import Message
from ecosystem.namespaces import DCTERMS, ECO, PROV, RDF, RDFS, SKOS, XSD
from ecosystem.ontology import vocabulary_graph
from ecosystem.queries import import_activities_query, revisions_query
from ecosystem.store.base import CURRENT, PROVENANCE, Store, revision_graph

__all__ = [
    "CURRENT_NAME",
    "InvalidRevisionName",
    "Revision",
    "RevisionError",
    "RevisionExists",
    "UnknownRevision",
    "check_revision_name",
    "create_revision",
    "diff_revisions",
    "get_revision",
    "list_revisions",
    "revision_data",
    "revision_graph_name",
    "revision_metadata",
]

CURRENT_NAME = "courant"
"""The name that designates the current graph rather than a frozen revision."""

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")  # always fullmatch: "$" would accept a final newline


class RevisionError(ValueError):
    """A revision name is invalid, taken or unknown; ``message`` says which and what to do."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


class InvalidRevisionName(RevisionError):
    """The name cannot name a revision (characters, length, or the current graph's name)."""


class RevisionExists(RevisionError):
    """A revision of that name already exists."""


class UnknownRevision(RevisionError):
    """No revision has that name."""


@dataclass(frozen=True)
class Revision:
    """What the provenance graph says of one revision."""

    name: str
    iri: URIRef
    created: datetime | None
    note: str | None = None
    creator: str | None = None
    imports: tuple[URIRef, ...] = field(default_factory=tuple)
    triples: int = 0

    def to_dict(self) -> dict:
        return {
            "nom": self.name,
            "iri": str(self.iri),
            "creee": self.created.isoformat() if self.created else None,
            "note": self.note,
            "auteur": self.creator,
            "imports": [str(i) for i in self.imports],
            "triplets": self.triples,
        }


def check_revision_name(name: str) -> str:
    """Return ``name`` if it can name a revision (letters, digits, ``.``, ``_``, ``-``), else raise.

    >>> check_revision_name("2025-annuel")
    '2025-annuel'
    >>> check_revision_name("courant")
    Traceback (most recent call last):
    ...
    ecosystem.revisions.InvalidRevisionName: « courant » désigne le graphe courant ; choisissez un autre nom. / "courant" means the current graph; choose another name.
    """
    if name == CURRENT_NAME:
        raise InvalidRevisionName(
            Message(
                "« courant » désigne le graphe courant ; choisissez un autre nom.",
                '"courant" means the current graph; choose another name.',
            )
        )
    if not _NAME.fullmatch(name):
        raise InvalidRevisionName(
            Message(
                "Nom de révision invalide : « {name} ». Utilisez lettres, chiffres, « . », « _ » ou « - » "
                "(80 caractères au plus), par exemple « 2025-annuel ».",
                'Invalid revision name: "{name}". Use letters, digits, ".", "_" or "-" '
                '(at most 80 characters), e.g. "2025-annuel".',
            ).format(name=name)
        )
    return name


def revision_metadata(
    name: str,
    created: datetime,
    imports: list[URIRef],
    note: str | None = None,
    creator: str | None = None,
) -> list[tuple]:
    """The provenance triples describing revision ``name`` (pure).

    >>> from datetime import datetime, timezone
    >>> triples = revision_metadata("r1", datetime(2025, 1, 1, tzinfo=timezone.utc), [], note="Bilan")
    >>> (triples[0][0], triples[0][2].n3())
    (rdflib.term.URIRef('https://w3id.org/ecosysteme/graphe/revision/r1'), '<https://w3id.org/ecosysteme/ontologie#Revision>')
    >>> [str(o) for _, p, o in triples if p == SKOS.note]
    ['Bilan']
    """
    iri = revision_graph(name)
    triples = [
        (iri, RDF.type, ECO.Revision),
        (iri, RDF.type, PROV.Entity),
        (iri, RDFS.label, Literal(name)),
        (iri, DCTERMS.created, Literal(created.isoformat(), datatype=XSD.dateTime)),
        (iri, PROV.wasDerivedFrom, CURRENT),
    ]
    if note:
        triples.append((iri, SKOS.note, Literal(note)))
    if creator:
        triples.append((iri, DCTERMS.creator, Literal(creator)))
    triples.extend((iri, PROV.wasDerivedFrom, activity) for activity in imports)
    return triples


def _import_activities(store: Store) -> list[URIRef]:
    rows = store.select(import_activities_query())
    return [URIRef(str(row["a"])) for row in rows]


def create_revision(
    store: Store,
    name: str,
    note: str | None = None,
    creator: str | None = None,
    when: datetime | None = None,
) -> Revision:
    """Freeze the current graph as revision ``name`` (one transaction); the name must be new."""
    check_revision_name(name)
    if get_revision(store, name) is not None or store.triple_count(revision_graph(name)):
        raise RevisionExists(
            Message(
                "La révision « {name} » existe déjà ; choisissez un autre nom (voir « ecosystem revision list »).",
                'Revision "{name}" already exists; choose another name (see "ecosystem revision list").',
            ).format(name=name)
        )
    when = when or datetime.now(UTC)
    data = store.graph(CURRENT)
    metadata = revision_metadata(name, when, _import_activities(store), note, creator)
    store.apply(add=data, graph=revision_graph(name), extra={PROVENANCE: metadata})
    revision = get_revision(store, name)
    assert revision is not None
    return revision


def _revisions(store: Store, name: str | None = None) -> list[Revision]:
    rows = store.select(
        revisions_query(),
        bindings={"label": Literal(name)} if name is not None else None,
    )
    revisions = []
    for row in rows:
        label = str(row["label"])
        created = row["created"].toPython() if isinstance(row["created"], Literal) else None
        imports = tuple(URIRef(i) for i in str(row["imports"] or "").split())
        revisions.append(
            Revision(
                name=label,
                iri=URIRef(str(row["r"])),
                created=created if isinstance(created, datetime) else None,
                note=str(row["note"]) if row["note"] is not None else None,
                creator=str(row["creator"]) if row["creator"] is not None else None,
                imports=imports,
                triples=store.triple_count(revision_graph(label)),
            )
        )
    return revisions


def list_revisions(store: Store) -> list[Revision]:
    """Every revision, oldest first."""
    return _revisions(store)


def get_revision(store: Store, name: str) -> Revision | None:
    """The revision named ``name``, or ``None``."""
    if not _NAME.fullmatch(name):
        return None
    found = _revisions(store, name)
    return found[0] if found else None


def revision_graph_name(store: Store, name: str) -> URIRef:
    """The named graph holding revision ``name`` (``courant``: the current graph); raises if unknown."""
    if name == CURRENT_NAME:
        return CURRENT
    if get_revision(store, name) is None:
        known = ", ".join([CURRENT_NAME, *(r.name for r in list_revisions(store))])
        raise UnknownRevision(
            Message(
                "Révision inconnue : « {name} ». Connues : {known}.",
                'Unknown revision: "{name}". Known: {known}.',
            ).format(name=name, known=known)
        )
    return revision_graph(name)


def revision_data(store: Store, name: str) -> Graph:
    """The data of revision ``name`` (``courant``: the current graph) as an rdflib graph."""
    return store.graph(revision_graph_name(store, name))


def diff_revisions(
    store: Store, before: str, after: str, lang: str = "fr", rule: OverSolicitationRule | None = None
) -> GraphDiff:
    """What changed from revision ``before`` to ``after`` (either may be ``courant``), with
    the over-solicitation (thresholds ``rule``, default the settings') and duplicated-mandate analyses of both."""
    old, new = revision_data(store, before), revision_data(store, after)
    diff = diff_graphs(old, new, before, after, labels=vocabulary_graph(), lang=lang)
    diff.analyses = compare_analyses(old, new, lang, rule)
    return diff
