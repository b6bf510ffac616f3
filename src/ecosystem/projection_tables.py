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
    triples: list[tuple] = []
    actor_iri, instance_iri, territory_iri = (
        lru_cache(maxsize=None)(f) for f in (_actor_iri, _instance_iri, _territory_iri)
    )
    concept_iri = lru_cache(maxsize=None)(_concept_iri)
    membership_iri = _membership_iri

    def add(subject, predicate, value, kind=None):
        if value not in (None, ""):
            triples.append((subject, predicate, value if kind is None else Literal(value, datatype=kind)))

    type_ = _TYPE
    member, organization, role = (URIRef(str(x)) for x in (ORG.member, ORG.organization, ORG.role))
    membership_class, hours_per_year = URIRef(str(ORG.Membership)), URIRef(str(ECO.hoursPerYear))
    start, end = URIRef(str(ECO.startDate)), URIRef(str(ECO.endDate))
    for row in tables.get("territoires", ()):
        t = territory_iri(row["id"])
        triples.append((t, RDF.type, ECO.Territory))
        add(t, SKOS.prefLabel, Literal(row["nom"], lang="fr"))
        if row.get("parent"):
            add(t, SKOS.broader, territory_iri(row["parent"]))
        if row.get("type"):
            add(t, ECO.territoryType, concept_iri("types-territoire", slugify(row["type"])))
    for row in tables.get("acteurs", ()):
        a = actor_iri(row["id"])
        triples.append((a, RDF.type, ECO.Actor))
        add(a, SKOS.prefLabel, Literal(row["nom"], lang="fr"))
        add(a, ECO.acronym, Literal(row["sigle"]) if row.get("sigle") else None)
        if row.get("type"):
            add(a, ECO.actorType, concept_iri("types-acteur", slugify(row["type"])))
        for sector in _split(row.get("secteur")):
            add(a, ECO.sector, concept_iri("secteurs", slugify(sector)))
        if row.get("territoire"):
            add(a, ECO.territory, territory_iri(row["territoire"]))
    columns = (
        ("enjeux", "enjeux", ORG.purpose),
        ("fonctions", "fonctions", ECO.function),
        ("populations", "populations", ECO.targetPopulation),
    )
    for row in tables.get("instances", ()):
        i = instance_iri(row["id"])
        triples.append((i, RDF.type, ECO.Instance))
        add(i, SKOS.prefLabel, Literal(row["nom"], lang="fr"))
        if row.get("type"):
            add(i, ECO.instanceType, concept_iri("types-instance", slugify(row["type"])))
        if row.get("territoire"):
            add(i, ECO.territory, territory_iri(row["territoire"]))
        for column, scheme, predicate in columns:
            for value in _split(row.get(column)):
                add(i, predicate, concept_iri(scheme, slugify(value)))
        add(i, ECO.mandate, Literal(row["mandat"], lang="fr") if row.get("mandat") else None)
        add(i, ECO.meetingsPerYear, _number(row.get("rencontres_par_an")))
        add(i, ECO.hoursPerMeeting, _number(row.get("heures_par_rencontre")))
        add(i, ECO.startDate, _date(row.get("debut")))
        add(i, ECO.endDate, _date(row.get("fin")))
    for row in tables.get("participations", ()):
        m = membership_iri(row["acteur"], row["instance"])
        triples += [
            (m, type_, membership_class),
            (m, member, actor_iri(row["acteur"])),
            (m, organization, instance_iri(row["instance"])),
        ]
        for value in _split(row.get("role")):
            add(m, role, concept_iri("roles", slugify(value)))
        add(m, hours_per_year, _number(row.get("heures_par_an")))
        add(m, start, _date(row.get("debut")))
        add(m, end, _date(row.get("fin")))
    return [(s, p, o if isinstance(o, (URIRef, Literal)) else Literal(o)) for s, p, o in triples]
