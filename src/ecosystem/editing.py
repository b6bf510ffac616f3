"""Edit a record in place: the form's values → the exact delta, checked with the SHACL shapes.

The source of an edit is the organisation and the date: each changed record gains
``prov:wasDerivedFrom`` a declaration (``…/source/declaration/<organisation>/<date>``, titled
« Déclaré par <organisation> le <date> »), never the name of the person who typed it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef

from ecosystem.folding import fold, slugify
from ecosystem.forms import FormField
from ecosystem.i18n import Message
from ecosystem.ingest.lookups import closest, slug
from ecosystem.journal import Quad
from ecosystem.loading import reference_context
from ecosystem.namespaces import DCTERMS, ID, ORG, PROV, RDF, XSD, membership_iri
from ecosystem.projection import Projection
from ecosystem.queries import seats_query, triples_about
from ecosystem.store.base import CURRENT, Store
from ecosystem.validation import validate_graph

__all__ = ["Edit", "FieldError", "current_values", "declaration", "new_seat", "plan_edit", "read_field", "seats_of"]


@dataclass
class FieldError:
    key: str
    message: Message


@dataclass
class Edit:
    """The wanted state of some records: subject → {(property, value)} for the properties the form manages."""

    managed: dict[URIRef, list[FormField]] = field(default_factory=dict)
    wanted: dict[URIRef, set] = field(default_factory=dict)
    created: set[URIRef] = field(default_factory=set)
    removed: set[URIRef] = field(default_factory=set)
    errors: list[FieldError] = field(default_factory=list)


def current_values(triples, subject: URIRef, fields: list[FormField]) -> dict[str, list[str]]:
    """The record's values as the form shows them (text in the field's language only)."""
    values: dict[str, list[str]] = {f.key: [] for f in fields}
    by_path = {f.path: f for f in fields}
    for s, p, o in triples:
        spec = by_path.get(p)
        if s != subject or spec is None:
            continue
        if spec.language and getattr(o, "language", None) != spec.language:
            continue
        values[spec.key].append(str(o))
    return values


def _resolve(projection: Projection, kind: str | None, text: str, named: Mapping[str, Mapping[str, str]]) -> str | None:
    """An instance or actor named by its id or its name (accents, case and spacing ignored); for the lists
    in ``named`` (``agents``, ``plan``: name → IRI), the resource of that name."""
    wanted = fold(text)
    if kind is not None and kind in named:
        return next((iri for name, iri in named[kind].items() if fold(name) == wanted), None)
    for iri in projection.instances if kind == "instances" else projection.actors:
        if wanted in (fold(iri.rsplit("/", 1)[-1]), fold(projection.label(iri) or "")):
            return iri
    return None


def read_field(
    spec: FormField, raw: list[str], projection: Projection, named: Mapping[str, Mapping[str, str]] | None = None
) -> tuple[list, Message | None]:
    """The RDF values of one field from what the form sent, or the reason they are refused."""
    raw = [r.strip() for r in raw if r.strip()]
    if spec.required and not raw:
        return [], Message("Ce champ est obligatoire.", "This field is required.")
    values: list[Literal | URIRef] = []
    for text in raw if spec.multiple else raw[:1]:
        if spec.kind == "number":
            try:
                number = Decimal(text.replace(",", ".").replace(" ", ""))
            except InvalidOperation:
                return [], Message("Un nombre, par exemple 24 ou 7,5.", "A number, e.g. 24 or 7.5.")
            values.append(Literal(str(number), datatype=XSD.decimal))
        elif spec.kind == "date":
            try:
                values.append(Literal(datetime.date.fromisoformat(text).isoformat(), datatype=XSD.date))
            except ValueError:
                return [], Message("Une date AAAA-MM-JJ.", "A date YYYY-MM-DD.")
        elif spec.kind == "choice":
            allowed = {iri for iri, _ in spec.choices}
            if text not in allowed:
                return [], Message("Choisissez une valeur de la liste.", "Choose a value from the list.")
            values.append(URIRef(text))
        elif spec.kind == "search":
            found = _resolve(projection, spec.search, text, named or {})
            if found is None:
                return [], _unknown(text, (named or {}).get(spec.search or "", {}))
            values.append(URIRef(found))
        elif spec.kind == "url":
            if not text.startswith(("https://", "http://")):
                return [], Message("Une adresse qui commence par https://", "An address starting with https://")
            values.append(URIRef(text))
        else:
            values.append(Literal(text, lang=spec.language) if spec.language else Literal(text))
    return values, None


def _unknown(text: str, names: Mapping[str, str]) -> Message:
    """A name the list does not hold, and the closest one it does (as the import proposes the closest id)."""
    by_slug = {slug(name): name for name in names}
    near = by_slug.get(closest(text, by_slug) or "")
    return Message(
        "« {t} » n'est pas connu : choisissez dans la liste proposée.{m}",
        "“{t}” is not known: choose from the suggestions.{m_en}",
    ).format(
        t=text, m=f" Vouliez-vous dire « {near} » ?" if near else "", m_en=f" Did you mean “{near}”?" if near else ""
    )


def declaration(organisation: URIRef | None, organisation_name: str, today: datetime.date) -> tuple[URIRef, list]:
    """The source of an edit: the organisation and the date, never a person."""
    who = slugify(str(organisation).rsplit("/", 1)[-1]) if organisation else "equipe"
    iri = ID[f"source/declaration/{who}/{today.isoformat()}"]
    triples = [
        (iri, RDF.type, PROV.Entity),
        (iri, DCTERMS.title, Literal(f"Déclaré par {organisation_name} le {today.isoformat()}", lang="fr")),
        (iri, DCTERMS.date, Literal(today.isoformat(), datatype=XSD.date)),
    ]
    if organisation:
        triples.append((iri, DCTERMS.creator, organisation))
    return iri, triples


def seats_of(store: Store, actor: str) -> list[URIRef]:
    """The actor's memberships (its seats), in the current graph."""
    rows = store.select(seats_query(), {"a": URIRef(actor)})
    return sorted({seat for row in rows if isinstance(seat := row["m"], URIRef)})


def new_seat(actor: URIRef, instance: URIRef) -> URIRef:
    return membership_iri(str(actor).rsplit("/", 1)[-1], str(instance).rsplit("/", 1)[-1])


def plan_edit(store: Store, edit: Edit, source: tuple[URIRef, list]) -> tuple[list[Quad], list[Quad], list[Message]]:
    """The exact quads to add and remove so the records hold what the form says; SHACL problems if any."""
    subjects = [*edit.wanted, *edit.removed]
    before: dict[URIRef, set] = {s: set() for s in subjects}
    for s, p, o in triples_about(store, subjects):
        before[s].add((p, o))
    add, remove = set(), set()
    source_iri, source_triples = source
    for subject, wanted in edit.wanted.items():
        managed = edit.managed[subject]
        old = {(p, o) for p, o in before[subject] if _is_managed(p, o, managed)}
        gained = {pair for pair in wanted - old if pair not in before[subject]}
        lost = old - wanted
        if not gained and not lost and subject not in edit.created:
            continue
        gained.add((PROV.wasDerivedFrom, source_iri))
        add |= {(subject, p, o) for p, o in gained if (p, o) not in before[subject]}
        remove |= {(subject, p, o) for p, o in lost}
    for subject in edit.removed:
        remove |= {(subject, p, o) for p, o in before[subject]}
    if add and not any(True for _ in triples_about(store, [source_iri])):
        add |= set(source_triples)
    problems = _shacl(store, add, remove, {s for s, _, _ in add})
    return [(*t, CURRENT) for t in sorted(add)], [(*t, CURRENT) for t in sorted(remove)], problems


def _is_managed(p, o, managed: list[FormField]) -> bool:
    for spec in managed:
        if spec.path == p and (spec.language is None or getattr(o, "language", None) == spec.language):
            return True
    return p == RDF.type and o == ORG.Membership


def _shacl(store: Store, add: set, remove: set, subjects: set) -> list[Message]:
    """The resulting descriptions of the changed records, checked with the same shapes as every import."""
    data = Graph()
    for triple in triples_about(store, list(subjects)):
        if triple not in remove:
            data.add(triple)
    for triple in add:
        data.add(triple)
    report = validate_graph(data, reference_context(store, data))
    return [Message(v.message_fr, v.message_en) for v in report.violations]
