"""What the graph says about one organisation, as its confirmation form shows it.

Its seats (instance, roles, hours per year, since when), the instances it coordinates
(``eco:carriedBy``) with their mandate, its territories and sectors. Only these properties
are read: nothing personal (a seat's representative) ever reaches the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from ecosystem.editing import seats_of
from ecosystem.namespaces import ECO, ORG
from ecosystem.queries import carried_query, triples_about
from ecosystem.store.base import Store

__all__ = ["FIELDS", "Coordinated", "Field", "OrgFacts", "Seat", "read_facts"]


@dataclass(frozen=True)
class Field:
    """One property the form asks about: its RDF path and how its values are written."""

    path: URIRef
    kind: str
    """``iris`` (several IRIs), ``decimal``, ``date`` or ``text`` (French text)."""


FIELDS = {
    "roles": Field(ORG.role, "iris"),
    "hours": Field(ECO.hoursPerYear, "decimal"),
    "since": Field(ECO.startDate, "date"),
    "territories": Field(ECO.territory, "iris"),
    "sectors": Field(ECO.sector, "iris"),
    "mandate": Field(ECO.mandate, "text"),
}
"""The one table of what a campaign may change: the form, the diff and the write all read it."""


@dataclass(frozen=True)
class Seat:
    iri: str
    instance: str
    roles: tuple[str, ...] = ()
    hours: str | None = None
    since: str | None = None

    def value(self, name: str) -> list[str]:
        found = {
            "roles": list(self.roles),
            "hours": [self.hours] if self.hours else [],
            "since": [self.since] if self.since else [],
        }
        return found[name]


@dataclass(frozen=True)
class Coordinated:
    iri: str
    mandate: str | None = None


@dataclass(frozen=True)
class OrgFacts:
    actor: str
    territories: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    seats: tuple[Seat, ...] = ()
    coordinated: tuple[Coordinated, ...] = field(default_factory=tuple)

    @property
    def count(self) -> int:
        """How many facts the form asks the organisation to confirm: its record, each seat, each instance it coordinates."""
        return 1 + len(self.seats) + len(self.coordinated)

    def seat(self, iri: str) -> Seat | None:
        return next((s for s in self.seats if s.iri == iri), None)

    def coordinates(self, iri: str) -> Coordinated | None:
        return next((c for c in self.coordinated if c.iri == iri), None)


def _by_subject(store: Store, subjects: list[URIRef]) -> dict[str, dict[str, list]]:
    wanted = {f.path: name for name, f in FIELDS.items()} | {ORG.organization: "instance"}
    found: dict[str, dict[str, list]] = {str(s): {} for s in subjects}
    for s, p, o in triples_about(store, subjects, list(wanted)):
        if p == ECO.mandate and (not isinstance(o, Literal) or o.language not in ("fr", None)):
            continue
        found[str(s)].setdefault(wanted[p], []).append(o)
    return found


def _text(values: list) -> str | None:
    return str(values[0]) if values else None


def read_facts(store: Store, actor: str) -> OrgFacts:
    """The organisation ``actor``'s facts in the current graph (seats sorted by instance)."""
    seats = seats_of(store, actor)
    rows = store.select(carried_query(), {"a": URIRef(actor)})
    led = sorted({i for row in rows if isinstance(i := row["i"], URIRef)})
    values = _by_subject(store, [URIRef(actor), *seats, *led])
    own = values[actor]
    seat_list = []
    for seat in seats:
        v = values[str(seat)]
        if not v.get("instance"):
            continue
        seat_list.append(
            Seat(
                str(seat),
                str(v["instance"][0]),
                tuple(sorted(str(r) for r in v.get("roles", []))),
                _text(v.get("hours", [])),
                _text(v.get("since", [])),
            )
        )
    return OrgFacts(
        actor,
        tuple(sorted(str(t) for t in own.get("territories", []))),
        tuple(sorted(str(t) for t in own.get("sectors", []))),
        tuple(sorted(seat_list, key=lambda s: s.instance)),
        tuple(Coordinated(str(i), _text(values[str(i)].get("mandate", []))) for i in led),
    )
