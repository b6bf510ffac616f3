"""Record what happens to the plan in the browser: events, a deliverable's status, dated observations.

The forms are generated from the shapes (:func:`ecosystem.forms.form_fields`) and their
values read as every edit form's (:func:`ecosystem.editing.read_field`); the result is an
:class:`~ecosystem.editing.Edit` that the one write path checks with the same shapes as the
import and journals. Participants and parts of the plan are named by their names, never by
an identifier: :func:`named_lists` gives the names the forms offer and accept.

Identifiers of new records come from what they say, so they read well in the data:
``evenement/<name>-<day>`` and ``observation/<indicator>-<day>``, with ``-2``, ``-3``… when
the name is taken. A recorded event or observation (``evenement/<id>``, ``observation/<id>``, as
the import names them too) is edited with the same form, pre-filled by :func:`form_state`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from ecosystem.editing import Edit, current_values
from ecosystem.folding import fold, slugify
from ecosystem.forms import FormField, form_fields
from ecosystem.i18n import Message
from ecosystem.namespaces import DCTERMS, ECO, ID, PROV, RDF, SKOS, concept_iri
from ecosystem.projection import Projection

__all__ = [
    "RECORDS",
    "RecordKind",
    "agent_choices",
    "deliverables",
    "form_state",
    "indicator_choices",
    "named_lists",
    "new_subject",
    "plan_part_choices",
    "record_fields",
    "record_of",
    "record_subject",
    "recorded",
]


@dataclass(frozen=True)
class RecordKind:
    """One kind of record the staff keep from the browser."""

    name: str
    cls: URIRef
    types: tuple[URIRef, ...]
    title: Message
    only: frozenset | None = None
    """The properties the form manages (all the shapes name, by default)."""


RECORDS = {
    record.name: record
    for record in (
        RecordKind(
            "evenement", ECO.Event, (ECO.Event, PROV.Activity), Message("Enregistrer un événement", "Record an event")
        ),
        RecordKind(
            "observation",
            ECO.Observation,
            (ECO.Observation, PROV.Entity),
            Message("Enregistrer une observation datée", "Record a dated observation"),
        ),
        RecordKind(
            "livrable",
            ECO.Deliverable,
            (),
            Message("État du livrable", "Deliverable status"),
            only=frozenset({ECO.deliverableStatus, DCTERMS.date, ECO.evidence}),
        ),
    )
}
_PART_WORDS = {
    ECO.Indicator: Message("Indicateur", "Indicator"),
    ECO.Deliverable: Message("Livrable", "Deliverable"),
    ECO.Strategy: Message("Stratégie", "Strategy"),
}
_STUDY_WORDS = Message("Étude", "Study")
_STUDY = concept_iri("types-evenement", "etude")


def _labels(graph: Graph, node) -> Message:
    labels = {o.language: str(o) for o in graph.objects(node, SKOS.prefLabel) if isinstance(o, Literal)}
    fr = labels.get("fr") or next(iter(labels.values()), "")
    return Message(fr, labels.get("en") or fr)


def indicator_choices(graph: Graph) -> list[tuple[str, Message]]:
    """The plan's indicators, by name, as an observation's form offers them."""
    return sorted(
        ((str(i), _labels(graph, i)) for i in graph.subjects(RDF.type, ECO.Indicator)), key=lambda c: fold(c[1].fr)
    )


def plan_part_choices(graph: Graph) -> list[tuple[str, Message]]:
    """The parts of the plan an event may serve, each named « Indicateur : … », and the studies recorded."""
    found = []
    for cls, word in _PART_WORDS.items():
        for part in graph.subjects(RDF.type, cls):
            name = _labels(graph, part)
            found.append((str(part), Message(f"{word.fr} : {name.fr}", f"{word.en}: {name.en}")))
    for study in graph.subjects(ECO.eventType, _STUDY):
        name = _labels(graph, study)
        found.append((str(study), Message(f"{_STUDY_WORDS.fr} : {name.fr}", f"{_STUDY_WORDS.en}: {name.en}")))
    return sorted(found, key=lambda c: fold(c[1].fr))


def agent_choices(projection: Projection, lang: str) -> list[tuple[str, str]]:
    """Actors and instances by name; a name both bear is told apart by « (acteur) » or « (instance) »."""
    names: dict[str, list[str]] = {}
    for iri in (*projection.actors, *projection.instances):
        names.setdefault(fold(projection.label(iri, lang) or ""), []).append(iri)
    found = []
    for iri in (*projection.actors, *projection.instances):
        name = projection.label(iri, lang) or ""
        if len(names[fold(name)]) > 1:
            kind = projection.two_mode.nodes[iri]["kind"]
            name += {"actor": " (acteur)", "instance": " (instance)"}[kind] if lang != "en" else f" ({kind})"
        found.append((iri, name))
    return sorted(found, key=lambda c: fold(c[1]))


def named_lists(projection: Projection, graph: Graph) -> dict[str, dict[str, str]]:
    """Name → IRI for the references searched by name (``agents``, ``plan``), in both languages."""
    agents = {name: iri for lang in ("en", "fr") for iri, name in agent_choices(projection, lang)}
    parts = {name.text(lang): iri for lang in ("en", "fr") for iri, name in plan_part_choices(graph)}
    return {"agents": agents, "plan": parts}


def record_fields(kind: RecordKind, projection: Projection, graph: Graph) -> list[FormField]:
    """The form's fields for ``kind``, from the shapes (indicators offered by name)."""
    territories = sorted(
        ((iri, Message(t["label"], t.get("label_en") or t["label"])) for iri, t in projection.territories.items()),
        key=lambda c: fold(c[1].fr),
    )
    return form_fields(kind.cls, territories, {ECO.Indicator: indicator_choices(graph)}, kind.only)


def new_subject(kind: RecordKind, wanted: set, taken) -> URIRef:
    """The new record's IRI from its name (an event) or its indicator (an observation) and its day.

    ``taken``: a predicate saying whether an IRI is already used.
    """
    values = dict(wanted)
    if kind.name == "evenement":
        stem = f"evenement/{slugify(str(values.get(SKOS.prefLabel, '')))[:60].strip('-') or 'evenement'}"
        day = values.get(PROV.startedAtTime)
    else:
        stem = f"observation/{str(values.get(ECO.observes, '')).rsplit('/', 1)[-1] or 'indicateur'}"
        day = values.get(DCTERMS.date)
    stem += f"-{day}" if day is not None else "-prevu"
    subject, n = ID[stem], 1
    while taken(subject):
        n += 1
        subject = ID[f"{stem}-{n}"]
    return subject


def record_of(kind: RecordKind, subject: URIRef, fields: list[FormField], wanted: set, created: bool) -> Edit:
    """The edit that makes ``subject`` hold ``wanted`` (its types too, when it is new)."""
    edit = Edit()
    edit.managed[subject] = fields
    edit.wanted[subject] = set(wanted) | ({(RDF.type, t) for t in kind.types} if created else set())
    if created:
        edit.created.add(subject)
    return edit


def deliverables(graph: Graph) -> list[dict]:
    """The plan's deliverables by axis, with their status, its date and evidence (IRIs and codes)."""
    axis_of = {d: a for a, d in graph.subject_objects(ECO.hasDeliverable)}
    rows = []
    for deliverable in graph.subjects(RDF.type, ECO.Deliverable):
        axis = axis_of.get(deliverable)
        position = graph.value(axis, ECO.position) if axis is not None else None
        rows.append(
            {
                "iri": str(deliverable),
                "nom": _labels(graph, deliverable),
                "axe": _labels(graph, axis) if axis is not None else None,
                "rang": float(str(position)) if position is not None else float("inf"),
                "etat": str(graph.value(deliverable, ECO.deliverableStatus) or "") or None,
                "date": str(graph.value(deliverable, DCTERMS.date) or "") or None,
                "preuve": str(graph.value(deliverable, ECO.evidence) or "") or None,
            }
        )
    return sorted(rows, key=lambda r: (r["rang"], fold(r["nom"].fr)))


_IDENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$")


def record_subject(kind: RecordKind, ident: str) -> URIRef | None:
    """The record ``<kind>/<ident>`` (an event or an observation), or None for an identifier that cannot be one."""
    return ID[f"{kind.name}/{ident}"] if _IDENT.match(ident) else None


def _ident(kind: RecordKind, subject) -> str | None:
    """``…/id/evenement/<id>`` → ``<id>`` for the records the forms edit (None for any other address)."""
    prefix = str(ID[f"{kind.name}/"])
    ident = str(subject)[len(prefix) :] if str(subject).startswith(prefix) else ""
    return ident if _IDENT.match(ident) else None


def recorded(graph: Graph) -> dict[str, list[dict]]:
    """The recorded events and observations the forms edit, newest first then undated by name (IRIs and codes).

    Each row: ``iri``, ``ident`` (its address under ``/suivi/<kind>/``), ``nom`` (an event's name, an
    observation's indicator), ``date`` (ISO, or None) and, for an observation, ``valeur`` (a number).
    """
    found: dict[str, list[dict]] = {"evenement": [], "observation": []}
    for name, predicate, named_by in (
        ("evenement", PROV.startedAtTime, None),
        ("observation", DCTERMS.date, ECO.observes),
    ):
        kind = RECORDS[name]
        for subject in graph.subjects(RDF.type, kind.cls):
            ident = _ident(kind, subject)
            if ident is None:
                continue
            day, value = graph.value(subject, predicate), graph.value(subject, ECO.observedValue)
            named = graph.value(subject, named_by) if named_by is not None else subject
            row = {"iri": str(subject), "ident": ident, "nom": _labels(graph, named), "date": str(day or "")[:10]}
            row["date"] = row["date"] or None
            if name == "observation":
                row["valeur"] = float(str(value)) if value is not None else None
            found[name].append(row)
    for rows in found.values():
        rows.sort(key=lambda r: fold(r["nom"].fr))
        rows.sort(key=lambda r: r["date"] or "", reverse=True)
        rows.sort(key=lambda r: r["date"] is None)
    return found


def form_state(
    triples, subject: URIRef, fields: list[FormField], projection: Projection, graph: Graph, lang: str
) -> tuple[dict[str, list[str]], set]:
    """A recorded event's or observation's values as its form shows them, and the values the form keeps as they are.

    References are shown by their names (never an IRI) and numbers as the reader writes them. Kept
    (``(property, value)``, written back unchanged): the sources of our own (a declaration « Déclaré par … »,
    a document such as the action plan), documents beyond the first, and any reference that has no name
    in the lists the form offers.
    """
    values = current_values(triples, subject, fields)
    names = {
        "agents": {iri: name for iri, name in agent_choices(projection, lang)},
        "plan": {iri: name.text(lang) for iri, name in plan_part_choices(graph)},
    }
    kept: set = set()
    for spec in fields:
        shown = []
        for value in values[spec.key]:
            if spec.kind == "search" and spec.search in names:
                if value in names[spec.search]:
                    shown.append(names[spec.search][value])
                else:
                    kept.add((spec.path, URIRef(value)))
            elif spec.kind == "url" and (value.startswith(str(ID)) or shown):
                kept.add((spec.path, URIRef(value)))
            elif spec.kind == "number" and lang != "en":
                shown.append(value.replace(".", ","))
            else:
                shown.append(value)
        values[spec.key] = shown
    return values, kept
