"""Triples as the projection reads them: IRIs as ``str``, literals as :class:`_Value` (a Python value, a language);
the vocabularies' concepts, and the small readings of a subject's properties (dates, successors).

Two sources, one shape: rdflib triples (:func:`_plain_rdflib`) and a store's plain rows
(:func:`plain_values`, from :meth:`ecosystem.store.Store.plain_rows`, which makes no rdflib
term: about 5× faster on a million rows).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from rdflib import Literal, URIRef

from ecosystem.namespaces import DCTERMS, ECO, ORG, RDF, SKOS, XSD
from ecosystem.ontology import vocabulary_graph
from ecosystem.store.base import PlainLiteral

__all__ = ["plain_values"]


class _Value(NamedTuple):
    """A literal as the builder reads it: a Python value (float, date, str) and its language tag."""

    value: object
    language: str | None


_NUMERIC = {str(XSD.decimal), str(XSD.double), str(XSD.float), str(XSD.integer)}
_DATE = str(XSD.date)


def _plain_rdflib(triples: Iterable[tuple]) -> Iterator[tuple]:
    for s, p, o in triples:
        if isinstance(o, Literal):
            value = o.toPython()
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                value = float(value)
            yield str(s), str(p), _Value(value, o.language)
        else:
            yield str(s), str(p), str(o)


def plain_values(rows: Iterable[tuple]) -> Iterator[tuple]:
    """``(s, p, o)`` plain rows with each literal object read as its Python value.

    >>> list(plain_values([("s", "p", PlainLiteral("2.5", str(XSD.decimal), None))]))
    [('s', 'p', _Value(value=2.5, language=None))]
    """
    for s, p, o in rows:
        if isinstance(o, PlainLiteral):
            if o.datatype in _NUMERIC:
                value: object = float(o.value)
            elif o.datatype == _DATE:
                value = datetime.date.fromisoformat(o.value)
            else:
                value = o.value
            yield s, p, _Value(value, o.language)
        else:
            yield s, p, o


def _date(entry: Mapping, key: str) -> datetime.date | None:
    value = entry.get(key)
    return value if isinstance(value, datetime.date) else None


def _year(value) -> int | None:
    """The year of an ``eco:attestedIn`` value (``"2016"`` or a gYear literal), or ``None``."""
    return None if value is None else int(str(value)[:4])


def _renewed(attested: int | None, *confirmed: datetime.date | None) -> int | None:
    """The year a fact is current from: its attested year, renewed by a later confirmation (``eco:confirmedOn``).

    >>> _renewed(2016, datetime.date(2026, 12, 3)), _renewed(2016), _renewed(None, None)
    (2026, 2016, None)
    """
    years = [day.year for day in confirmed if day is not None] + ([attested] if attested is not None else [])
    return max(years, default=None)


def _recent(year: int | None, since: int | None) -> bool:
    """Current in ``since`` or later (the year from :func:`_renewed`); without ``since``, every fact counts."""
    return since is None or (year is not None and year >= since)


def _renew_instances(nodes: dict, seats: Iterable) -> None:
    """Each instance's ``current`` year: attested, or confirmed later — by itself or through a seat its
    organisation confirmed (an organisation that confirms its seat confirms that the instance still sits)."""
    for attributes in nodes.values():
        if attributes["kind"] == "instance":
            attributes["current"] = _renewed(attributes["attested"], attributes["confirmed"])
    for seat in seats:
        attributes = nodes[seat.instance]
        attributes["current"] = _renewed(attributes["current"], seat.confirmed)


def _successor(actor: str | None, props: Mapping) -> str | None:
    """The body that holds an old name's seat now: ``dcterms:isReplacedBy`` followed to its end."""
    seen = {actor}
    while (successor := props.get(actor, {}).get("replaced_by")) is not None and successor not in seen:
        seen.add(successor)
        actor = successor
    return actor


@lru_cache
def _concepts() -> dict:
    vocabulary = vocabulary_graph()
    concepts: dict = {}
    for concept in vocabulary.subjects(RDF.type, SKOS.Concept):
        labels = {
            label.language: str(label)
            for label in vocabulary.objects(concept, SKOS.prefLabel)
            if isinstance(label, Literal)
        }
        concepts[str(concept)] = {
            "label": labels.get("fr") or next(iter(labels.values()), str(concept)),
            "label_en": labels.get("en"),
            "broader": tuple(sorted(str(b) for b in vocabulary.objects(concept, SKOS.broader))),
            "scheme": next((str(s) for s in vocabulary.objects(concept, SKOS.inScheme)), None),
        }
    return concepts


# --- what the builder reads of each subject ----------------------------------------------------

_NODE_PROPERTIES = {
    SKOS.prefLabel: "label",
    ECO.acronym: "acronym",
    ECO.actorType: "actor_type",
    ECO.instanceType: "instance_type",
    ECO.sector: "sector",
    ECO.territory: "territory",
    ORG.purpose: "issues",
    ECO.function: "functions",
    ECO.targetPopulation: "populations",
    ECO.mandate: "mandate",
    ECO.meetingsPerYear: "meetings_per_year",
    ECO.hoursPerMeeting: "hours_per_meeting",
    ECO.informationStatus: "status",
    ECO.startDate: "start",
    ECO.endDate: "end",
    ORG.member: "member",
    ORG.organization: "organization",
    ORG.role: "roles",
    ECO.hoursPerYear: "hours_per_year",
    SKOS.broader: "broader",
    ECO.territoryType: "territory_type",
    DCTERMS.isReplacedBy: "replaced_by",
    ECO.attestedIn: "attested",
    ECO.confirmedOn: "confirmed",
}
_TYPE = URIRef(str(RDF.type))  # plain URIRefs: DefinedNamespace attribute access is slow in hot loops
_MULTI = {"issues", "functions", "populations", "roles", "sector", "territory"}
_KINDS = {ECO.Actor: "actor", ECO.Instance: "instance", ECO.Territory: "territory", ORG.Membership: "membership"}


class _Seat(NamedTuple):
    """A membership with what the projection needs to place it at any date (dates: ``None`` if open)."""

    subject: str
    actor: str
    instance: str
    start: datetime.date | None
    end: datetime.date | None
    instance_start: datetime.date | None
    instance_end: datetime.date | None
    own: bool
    """Held by the actor itself, not under an old name it replaced."""
    roles: tuple
    hours: float | None
    attested: int | None = None  # the year a source attests the membership (eco:attestedIn)
    confirmed: datetime.date | None = None  # the day its organisation confirmed it (eco:confirmedOn)


class _Facts(NamedTuple):
    """What :func:`_read` gathers, by subject: kinds, properties, English labels (kept to update a few subjects)."""

    kinds: dict
    props: dict
    labels_en: dict


def _read(triples: Iterable[tuple]) -> tuple[dict, dict, dict]:
    """Kinds, properties and English labels by subject, from plain triples."""
    kinds: dict[str, str] = {}
    props: dict[str, dict] = defaultdict(dict)
    labels_en: dict[str, str] = {}
    properties = {str(k): v for k, v in _NODE_PROPERTIES.items()}
    type_, classes = str(_TYPE), {str(k): v for k, v in _KINDS.items()}
    for subject, p, o in triples:
        if p == type_:
            if o in classes:
                kinds[subject] = classes[o]
            continue
        name = properties.get(p)
        if name is None:
            continue
        literal = isinstance(o, _Value)
        if literal and name in ("label", "mandate"):
            if name == "label" and o.language == "en":
                labels_en[subject] = o.value
                continue
            if o.language not in (None, "fr") and name in props[subject]:
                continue
        value = o.value if literal else o
        if name in _MULTI:
            props[subject].setdefault(name, set()).add(value)
        else:
            props[subject][name] = value
    return kinds, props, labels_en


def _territory(entry: Mapping, label_en: str | None, iri: str) -> dict:
    return {
        "label": entry.get("label", iri.rsplit("/", 1)[-1]),
        "label_en": label_en,
        "parent": entry.get("broader"),
        "type": entry.get("territory_type"),
    }


def _seat(subject: str, facts: _Facts, nodes: dict) -> _Seat | None:
    """The seat of membership ``subject`` (``None`` without a member or an instance); adds to ``nodes``
    the actor or instance it names that is not typed in the data."""
    props, labels_en = facts.props, facts.labels_en
    entry = props.get(subject, {})
    actor, instance = _successor(entry.get("member"), props), entry.get("organization")
    if actor is None or instance is None:
        return None
    for node, node_kind in ((actor, "actor"), (instance, "instance")):
        if node not in nodes:
            nodes[node] = _node_attributes(node_kind, props.get(node, {}), labels_en.get(node))
    attributes, held = nodes[instance], props.get(instance, {})
    hours = entry.get("hours_per_year")
    if hours is None and attributes["meetings_per_year"] is not None and attributes["hours_per_meeting"] is not None:
        hours = attributes["meetings_per_year"] * attributes["hours_per_meeting"]
    return _Seat(
        subject,
        actor,
        instance,
        _date(entry, "start"),
        _date(entry, "end"),
        _date(held, "start"),
        _date(held, "end"),
        entry.get("member") == actor,
        tuple(sorted(entry.get("roles", ()))),
        hours,
        _year(entry.get("attested")),
        _date(entry, "confirmed"),
    )


def _node_attributes(kind: str, entry: Mapping, label_en: str | None) -> dict:
    common = {
        "kind": kind,
        "label": entry.get("label"),
        "label_en": label_en,
        "acronym": entry.get("acronym"),
        # several territories (rare): ``territory`` is the first by IRI, ``territories`` all of them
        "sector": tuple(sorted(entry.get("sector", ()))),
        "territory": min(entry.get("territory", ()), default=None),
        "territories": tuple(sorted(entry.get("territory", ()))),
        "status": entry.get("status"),
    }
    if not common["label"]:
        common["label"] = entry.get("acronym") or None
    if kind == "actor":
        return common | {"actor_type": entry.get("actor_type")}
    return common | {
        "instance_type": entry.get("instance_type"),
        "issues": tuple(sorted(entry.get("issues", ()))),
        "functions": tuple(sorted(entry.get("functions", ()))),
        "populations": tuple(sorted(entry.get("populations", ()))),
        "mandate": entry.get("mandate"),
        "meetings_per_year": entry.get("meetings_per_year"),
        "hours_per_meeting": entry.get("hours_per_meeting"),
        "attested": _year(entry.get("attested")),
        "confirmed": _date(entry, "confirmed"),
    }
