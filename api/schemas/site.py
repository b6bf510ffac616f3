"""The map, search, filters, the check's choices, counts and revisions."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ..schemas.base import Model
from ..schemas.entities import Choice, TerritoryNode

__all__ = [
    "CheckAnswer",
    "CheckChoices",
    "FilterOptions",
    "MapData",
    "Revision",
    "RevisionDiff",
    "RevisionList",
    "RevisionOne",
    "SearchHit",
    "SearchResults",
    "Stats",
]


class FilterOptions(Model):
    territoires: list[TerritoryNode]
    enjeux: list[Choice]
    secteurs: list[Choice]
    types: list[Choice]
    roles: list[Choice]
    strategies: list[Choice]
    """The plan's strategies, for « porte la stratégie … » (``id``: ``plan/…/strategie/…``)."""


class CheckChoices(Model):
    enjeux: list[Choice]
    fonctions: list[Choice]
    populations: list[Choice]
    territoires: list[TerritoryNode]
    partenaires: list[Choice]


class SearchHit(Model):
    id: str
    nom: str | None
    type: str = Field(description="actor ou instance / actor or instance")


class SearchResults(Model):
    requete: str
    total: int
    resultats: list[SearchHit]


class Stats(Model):
    acteurs: int
    instances: int
    participations: int
    territoires: int
    enjeux: int
    triplets: int


class MapData(Model):
    """The map's view: nodes with their positions, edges, totals (``agrege``: one node per kind and territory)."""

    date: str
    agrege: bool
    total: dict[str, int]
    vue: dict[str, int]
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    communautes_calculees: dict[str, Any] | None = None
    """Coloured by community: the data version the communities were computed at (``version``, ``a_jour``, ``texte``); else null."""


class Revision(Model):
    nom: str
    iri: str
    creee: str | None = None
    note: str | None = None
    auteur: str | None = None
    imports: list[str] = Field(default_factory=list)
    triplets: int


class RevisionList(Model):
    revisions: list[Revision]


class RevisionOne(Model):
    revision: Revision


class RevisionDiff(Model):
    """What changed between two revisions, by kind of resource, with both revisions' analyses."""

    avant: str
    apres: str
    vide: bool
    analyses: dict[str, Any] | None = None


class CheckAnswer(Model):
    """The instances that already cover an initiative, ranked and explained; the partners' load now and after."""

    initiative: dict[str, Any]
    instances: list[dict[str, Any]]
    suggestions: list[Any]
    partenaires: list[dict[str, Any]]
