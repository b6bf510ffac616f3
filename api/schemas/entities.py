"""Actors, instances, territories and issues: their summaries, pages and lists."""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import Field

from ..schemas.base import Model, Paged, Ref

__all__ = [
    "ActorDetail",
    "ActorSummary",
    "ActorsPage",
    "Age",
    "Choice",
    "Choices",
    "InstanceDetail",
    "InstanceSummary",
    "InstancesPage",
    "IssueDetail",
    "Member",
    "Source",
    "TerritoryDetail",
    "TerritoryNode",
    "TerritoryTree",
]


class Source(Model):
    iri: str
    titre: str
    lieu: str | None = None


class AgeSource(Source):
    annee: int | None = Field(None, description="Année que la source atteste / Year the source attests")


class Age(Model):
    """How old a fact is: the year its source attests it (with that source), the day its organisation confirmed it."""

    attestee_en: int | None = Field(
        default=None,
        description="Année où la source atteste le fait (inconnue : null) / Year the source attests the fact",
    )
    confirmee_le: datetime.date | None = Field(
        default=None,
        description="Jour où l'organisation l'a confirmé, AAAA-MM-JJ (jamais : null) / Day the organisation confirmed it",
    )
    source: AgeSource | None = None


class ActorSummary(Ref):
    sigle: str | None = None
    secteurs: list[Ref] = Field(default_factory=list)
    territoire: Ref | None = None
    sieges: int = Field(description="Instances où l'acteur siège à la date / Instances the actor sits on at the date")
    heures: float | None = Field(
        None, description="Charge connue, heures par an (inconnue : null) / Known load, hours a year"
    )


class InstanceSummary(Ref):
    type: Ref | None = None
    territoire: Ref | None = None
    enjeux: list[Ref] = Field(default_factory=list)
    nombre_membres: int = Field(description="Membres actifs à la date / Active members at the date")


class Member(ActorSummary):
    """An actor sitting on an instance, with its roles there."""

    roles: list[Ref] = Field(default_factory=list)
    heures_par_an: float | None = None
    age: Age = Field(default_factory=lambda: Age())


class InstanceListed(InstanceSummary):
    """An instance in the list: its summary, mandate, status and members (``membres`` is always the list)."""

    mandat: str | None = None
    statut: Ref | None = None
    membres: list[Member] = Field(default_factory=list)


class InstanceDetail(InstanceListed):
    age: Age = Field(
        default_factory=lambda: Age(),
        description="L'âge de l'instance et de son mandat / The age of the instance and its mandate",
    )
    fonctions: list[Ref] = Field(default_factory=list)
    populations: list[Ref] = Field(default_factory=list)
    rencontres_par_an: float | None = None
    heures_par_rencontre: float | None = None
    chevauchements: list[dict[str, Any]] = Field(
        default_factory=list, description="Instances aux mandats proches, score expliqué / Overlapping instances"
    )
    sources: list[Source] = Field(default_factory=list)


class Seat(InstanceSummary):
    roles: list[Ref] = Field(default_factory=list)
    heures: float | None = None
    age: Age = Field(default_factory=lambda: Age())


class ActorDetail(ActorSummary):
    type: Ref | None = None
    statut: Ref | None = None
    charge: dict[str, Any] | None = None
    sur_sollicitation: list[str] = Field(default_factory=list)
    """The codes of the rules that flag the actor (``sieges``, ``heures``, ``decile``)."""
    sur_sollicitation_motifs: list[str] = Field(default_factory=list)
    """The same rules in the reader's words, each with its threshold and source."""
    sieges_redondants: dict[str, Any] | None = None
    instances: list[Seat] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    age: Age = Field(default_factory=lambda: Age())
    """The organisation's own record: its source's year and the day the organisation last confirmed it."""


class ActorsPage(Paged):
    acteurs: list[ActorSummary]
    q: str | None = None


class InstancesPage(Paged):
    instances: list[InstanceListed]
    q: str | None = None


class TerritoryDetail(Ref):
    type: Ref | None = None
    parent: Ref | None = None
    sous_territoires: list[Ref] = Field(default_factory=list)
    instances: list[InstanceSummary] = Field(default_factory=list)
    acteurs: list[ActorSummary] = Field(default_factory=list)
    matrice: list[dict[str, Any]] = Field(default_factory=list)
    lacunes: list[dict[str, Any]] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)


class IssueDetail(Ref):
    plus_large: list[Ref] = Field(default_factory=list)
    plus_precis: list[Ref] = Field(default_factory=list)
    instances: list[InstanceSummary] = Field(default_factory=list)
    matrice: list[dict[str, Any]] = Field(default_factory=list)
    lacunes: list[dict[str, Any]] = Field(default_factory=list)


class TerritoryNode(Model):
    id: str
    libelle: str
    profondeur: int


class TerritoryTree(Model):
    territoires: list[TerritoryNode]


class Choice(Model):
    """A value a filter or a form accepts: its id (or notation) and its label."""

    id: str
    libelle: str


class Choices(Model):
    enjeux: list[Choice]
