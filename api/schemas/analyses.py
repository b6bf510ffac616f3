"""The analyses' answers (over-solicitation, duplicated mandates, the matrix, structure), their index and the glossary.

The analyses return IRIs, numbers and codes; the routes add each IRI's name beside it
(``nom``, ``noms``, ``nom_a`` …, :func:`ecosystem.presentation.labelled`). The models declare
those keys; the explanation of a score (``composantes``) and the method's parameters stay open
objects, so an analysis can add a detail without breaking a client.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ..schemas.base import Model

__all__ = ["AnalysesIndex", "DuplicatesAnswer", "Glossary", "MatrixAnswer", "OverSolicitation", "StructureAnswer"]

Number = int | float
"""A count or a measure: an integer stays an integer (a threshold of 5 seats is not 5.0)."""


class Named(Model):
    """A thing of the graph by its IRI, with its name in the reader's language."""

    iri: str
    nom: str | None = None


# Over-solicitation -------------------------------------------------------------------------------


class RuleSources(Model):
    sieges: list[str] = Field(default_factory=list)
    heures: list[str] = Field(default_factory=list)
    decile: list[str] = Field(default_factory=list)


class Rule(Model):
    """The over-solicitation rule applied, and where each threshold comes from."""

    seats: int
    hours: Number
    decile_min_actors: int
    sources: RuleSources


class Decile(Model):
    applies: bool = Field(description="La règle du décile s'applique / The decile rule applies")
    actors_with_seats: int
    minimum: int
    floor: Number | None = None


class Flag(Model):
    rule: str = Field(description="Code de la règle : sieges, heures, decile / Rule code")
    threshold: Number
    value: Number
    sources: list[str] = Field(
        default_factory=list, description="Codes des sources du seuil / Codes of the threshold's sources"
    )


class OverSolicitedActor(Model):
    id: str
    acteur: str = Field(description="IRI de l'acteur / Actor IRI")
    nom: str | None = None
    sieges: int
    heures: Number | None = Field(None, description="Heures par an si toutes connues / Hours a year when all known")
    heures_connues: Number
    sieges_heures_inconnues: int
    instances: list[str] = Field(default_factory=list)
    noms: list[str] = Field(default_factory=list)
    raisons: list[str] = Field(
        default_factory=list, description="Codes des règles déclenchées / Codes of the rules that fired"
    )
    flags: list[Flag] = Field(default_factory=list)


class SeatLink(Model):
    territoires: list[str] = Field(default_factory=list)
    noms_territoires: list[str] = Field(default_factory=list)
    relation_territoriale: str | None = None
    enjeux: list[str] = Field(default_factory=list)
    noms_enjeux: list[str] = Field(default_factory=list)


class SeatGroup(Model):
    instances: list[Named]
    liens: list[SeatLink] = Field(default_factory=list)


class RedundantSeats(Model):
    acteur: str
    nom: str | None = None
    sieges: int
    sieges_redondants: int
    groupes: list[SeatGroup] = Field(default_factory=list)


class OverSolicitation(Model):
    """Actors above the thresholds (or in the top decile of seats), and seats that repeat a mandate."""

    seuil_sieges: int
    seuil_heures: Number
    regle: Rule
    decile: Decile
    acteurs: list[OverSolicitedActor]
    sieges_redondants: list[RedundantSeats]


# Duplicated mandates -----------------------------------------------------------------------------


class Pair(Model):
    """Two instances whose mandates overlap: the score and its parts explained (``composantes``)."""

    a: str
    nom_a: str | None = None
    b: str
    nom_b: str | None = None
    score: float
    composantes: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Chaque composante : valeur, poids, contribution, part et ce qui correspond / "
        "Each component: value, weight, contribution, share and what matches",
    )


class PairGroup(Model):
    instances: list[Named]
    paires: int


class SameMembers(Model):
    instances: list[str]
    noms: list[str] = Field(default_factory=list)
    membres: list[Named]


class DuplicatesAnswer(Model):
    seuil: float
    paires: list[Pair]
    groupes: list[PairGroup]
    membres_identiques: list[SameMembers]


# The territory × issue matrix --------------------------------------------------------------------


class CellInstance(Named):
    """An instance counted in a cell: how its territory and its issue reach the cell's."""

    relation_territoriale: str = Field(description="Code : meme, englobe … / Code: same, contains …")
    territoire: str
    nom_territoire: str | None = None
    enjeu: str
    nom_enjeu: str | None = None


class Cell(Model):
    territoire: str
    nom_territoire: str | None = None
    enjeu: str
    nom_enjeu: str | None = None
    nombre: int
    instances: list[CellInstance] = Field(default_factory=list)
    chevauchement_moyen: float | None = None


class Gap(Model):
    territoire: str
    nom_territoire: str | None = None
    enjeu: str
    nom_enjeu: str | None = None


class MatrixRow(Model):
    territoire: Named
    id: str = Field(description="Notation du territoire / Territory notation")
    cellules: list[Cell]


class MatrixAnswer(Model):
    """Instances per territory and issue, the gaps (no instance), and the same cells row by row."""

    territoires: list[Named]
    enjeux: list[Named]
    cellules: list[Cell]
    lacunes: list[Gap]
    maximum: int
    lignes: list[MatrixRow]


# Structure: brokers, communities, bridges --------------------------------------------------------


class Broker(Model):
    id: str
    acteur: str
    nom: str | None = None
    degre: float
    proximite: float
    intermediarite: float
    contrainte: float | None = None


class BridgingInstance(Model):
    id: str
    instance: str
    nom: str | None = None
    degre: float
    proximite: float
    intermediarite: float


class Community(Model):
    numero: int
    taille: int
    repere: str = Field(description="Un repère en mots / A landmark in words")
    instances: list[Named]
    acteurs: list[Named]
    instance_centrale: str | None = None
    enjeu_dominant: str | None = None
    territoire_dominant: str | None = None


class Isolate(Named):
    type: str = Field(description="actor ou instance / actor or instance")


class Side(Model):
    instances: int
    actors: int
    examples: list[str] = Field(default_factory=list)


class FragileBridge(Model):
    id: str
    actor: str
    nom: str | None = None
    texte: str
    redundancy: float | None = None
    sides: list[Side]


class NestedTables(Model):
    a: str
    b: str
    shared: int
    size_a: int
    size_b: int
    c_min: float
    jaccard: float
    finding: str | None = Field(None, description="contenue ou identique / contained or identical")
    texte: str


class SeatConcentration(Model):
    actors_with_seats: int
    seats: int
    top_shares: dict[str, float] = Field(
        description="Part des sièges du 1 %, 5 %, 10 % des acteurs / Share of the seats"
    )
    gini_seats: float | None = None
    gini_hours: float | None = None
    actors_with_known_hours: int
    robins_alexander: float | None = None


class Component(Model):
    taille: int


class ComputedAt(Model):
    """When a global analysis was computed: served stale-while-revalidate after a write."""

    version: int | None = Field(
        description="N° de la modification du journal que la version des données calculée contient / "
        "Journal number of the change the computed data version holds"
    )
    version_actuelle: int | None
    a_jour: bool = Field(description="Calculé à la version actuelle / Computed at the current version")
    texte: str


class StructureAnswer(Model):
    courtiers: list[Broker]
    instances_pont: list[BridgingInstance]
    communautes: list[Community]
    isoles: list[Isolate]
    composantes: list[Component]
    methode: dict[str, Any] = Field(description="Paramètres des calculs / Parameters of the computations")
    methode_texte: str
    ponts_fragiles: list[FragileBridge]
    tables_emboitees: list[NestedTables]
    concentration: SeatConcentration
    calcul: ComputedAt


# The index of the analyses and the glossary ------------------------------------------------------


class Term(Model):
    id: str
    nom: str


class AnalysisEntry(Model):
    id: str
    nom: str
    url: str
    aussi: list[str] = Field(
        default_factory=list, description="Analyses montrées sur la même page / Analyses on the same page"
    )
    termes: list[Term] = Field(default_factory=list)


class AnalysesIndex(Model):
    analyses: list[AnalysisEntry]


class TermAnalysis(Model):
    nom: str
    url: str


class GlossaryTerm(Model):
    id: str
    nom: str
    sens: str
    pour_vous: str
    calcul: str
    reference: str | None = None
    analyses: list[TermAnalysis] = Field(default_factory=list)


class Glossary(Model):
    termes: list[GlossaryTerm]
