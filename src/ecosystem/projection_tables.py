"""Projection straight from the rows of the import template, without an import.

For synthetic data and benchmarks: no validation, no provenance, vocabulary values by
notation. Real imports go through :mod:`ecosystem.ingest` and the store; a test checks
that both paths give the same projection.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from functools import lru_cache

from rdflib import Literal, URIRef

from ecosystem.namespaces import ECO, ORG, RDF, SKOS, slugify
from ecosystem.namespaces import actor_iri as _actor_iri
from ecosystem.namespaces import concept_iri as _concept_iri
from ecosystem.namespaces import instance_iri as _instance_iri
from ecosystem.namespaces import membership_iri as _membership_iri
from ecosystem.namespaces import territory_iri as _territory_iri
from ecosystem.projection import _TYPE, Projection, _from_triples
from ecosystem.projection_values import _plain_rdflib

__all__ = ["projection_from_tables", "triples_from_tables"]


def _split(cell) -> list[str]:
    return [value.strip() for value in str(cell or "").split("|") if value.strip()]


def _date(cell):
    return datetime.date.fromisoformat(cell) if cell else None


def _number(cell):
    return float(str(cell).replace(",", ".")) if cell not in (None, "") else None


def projection_from_tables(tables: Mapping[str, list[dict]], at: datetime.date | None = None) -> Projection:
    """Projection straight from the import template's rows (``acteurs``, ``instances``, ``participations``,
    ``territoires``), with vocabulary values given by notation. For synthetic data and benchmarks;
    real imports go through ``ecosystem.ingest`` and the store.
    """
    return _from_triples(_plain_rdflib(triples_from_tables(tables)), at)


def triples_from_tables(tables: Mapping[str, list[dict]]) -> list[tuple]:
    """The triples the projection reads, from the template's rows (vocabulary values by notation).

    Not an import (no validation, no provenance): a fast way to put synthetic data in a store for benchmarks.
    """
    written = _Written()
    for table, write in _ROW_WRITERS:
        for row in tables.get(table, ()):
            write(written, row)
    return [(s, p, o if isinstance(o, (URIRef, Literal)) else Literal(o)) for s, p, o in written.triples]


class _Written:
    """The triples written so far, and the IRI builders they share (kept: the same ids recur)."""

    def __init__(self) -> None:
        self.triples: list[tuple] = []
        self.actor, self.instance, self.territory, self.concept = (
            lru_cache(maxsize=None)(f) for f in (_actor_iri, _instance_iri, _territory_iri, _concept_iri)
        )

    def add(self, subject, predicate, value) -> None:
        if value not in (None, ""):
            self.triples.append((subject, predicate, value))


def _territory_row(w: _Written, row: dict) -> None:
    t = w.territory(row["id"])
    w.triples.append((t, RDF.type, ECO.Territory))
    w.add(t, SKOS.prefLabel, Literal(row["nom"], lang="fr"))
    if row.get("parent"):
        w.add(t, SKOS.broader, w.territory(row["parent"]))
    if row.get("type"):
        w.add(t, ECO.territoryType, w.concept("types-territoire", slugify(row["type"])))


def _actor_row(w: _Written, row: dict) -> None:
    a = w.actor(row["id"])
    w.triples.append((a, RDF.type, ECO.Actor))
    w.add(a, SKOS.prefLabel, Literal(row["nom"], lang="fr"))
    w.add(a, ECO.acronym, Literal(row["sigle"]) if row.get("sigle") else None)
    if row.get("type"):
        w.add(a, ECO.actorType, w.concept("types-acteur", slugify(row["type"])))
    for sector in _split(row.get("secteur")):
        w.add(a, ECO.sector, w.concept("secteurs", slugify(sector)))
    if row.get("territoire"):
        w.add(a, ECO.territory, w.territory(row["territoire"]))


_INSTANCE_CONCEPTS = (
    ("enjeux", "enjeux", ORG.purpose),
    ("fonctions", "fonctions", ECO.function),
    ("populations", "populations", ECO.targetPopulation),
)
"""An instance's columns of concepts: column, scheme, predicate."""


def _instance_row(w: _Written, row: dict) -> None:
    i = w.instance(row["id"])
    w.triples.append((i, RDF.type, ECO.Instance))
    w.add(i, SKOS.prefLabel, Literal(row["nom"], lang="fr"))
    if row.get("type"):
        w.add(i, ECO.instanceType, w.concept("types-instance", slugify(row["type"])))
    if row.get("territoire"):
        w.add(i, ECO.territory, w.territory(row["territoire"]))
    for column, scheme, predicate in _INSTANCE_CONCEPTS:
        for value in _split(row.get(column)):
            w.add(i, predicate, w.concept(scheme, slugify(value)))
    w.add(i, ECO.mandate, Literal(row["mandat"], lang="fr") if row.get("mandat") else None)
    w.add(i, ECO.meetingsPerYear, _number(row.get("rencontres_par_an")))
    w.add(i, ECO.hoursPerMeeting, _number(row.get("heures_par_rencontre")))
    w.add(i, ECO.startDate, _date(row.get("debut")))
    w.add(i, ECO.endDate, _date(row.get("fin")))


_MEMBERSHIP = {
    name: URIRef(str(term))
    for name, term in (
        ("type", _TYPE),
        ("class", ORG.Membership),
        ("member", ORG.member),
        ("organization", ORG.organization),
        ("role", ORG.role),
        ("hours", ECO.hoursPerYear),
        ("start", ECO.startDate),
        ("end", ECO.endDate),
    )
}
"""The membership's terms as plain IRIs (a hundred thousand memberships: no namespace lookup per row)."""


def _membership_row(w: _Written, row: dict) -> None:
    m, terms = _membership_iri(row["acteur"], row["instance"]), _MEMBERSHIP
    w.triples += [
        (m, terms["type"], terms["class"]),
        (m, terms["member"], w.actor(row["acteur"])),
        (m, terms["organization"], w.instance(row["instance"])),
    ]
    for value in _split(row.get("role")):
        w.add(m, terms["role"], w.concept("roles", slugify(value)))
    w.add(m, terms["hours"], _number(row.get("heures_par_an")))
    w.add(m, terms["start"], _date(row.get("debut")))
    w.add(m, terms["end"], _date(row.get("fin")))


_ROW_WRITERS = (
    ("territoires", _territory_row),
    ("acteurs", _actor_row),
    ("instances", _instance_row),
    ("participations", _membership_row),
)
"""Table → the function writing one of its rows, in the order the triples are written."""
