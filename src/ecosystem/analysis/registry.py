"""The analyses registry: the one place an analysis is declared.

Each :class:`Analysis` names its function and result type, its web page (route and
template), its command-line command and the glossary terms it shows. The ``/analyses``
index page, the glossary's « where it appears » and the tests that every analysis has its
command, its page, its doc line and its test all read :data:`ANALYSES`.

Adding an analysis: write its module (pure function over the projection, result of IRIs,
numbers, booleans and declared codes), add an entry here, add its test — see
``CONTRIBUTING.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ecosystem.analysis.bridges import fragile_bridges
from ecosystem.analysis.check import CheckResult, check_initiative
from ecosystem.analysis.communities import Communities, two_mode_communities
from ecosystem.analysis.concentration import Concentration, concentration
from ecosystem.analysis.duplicates import Duplicates, duplicated_mandates
from ecosystem.analysis.merge import MergeResult, what_if_merge
from ecosystem.analysis.nesting import nested_tables
from ecosystem.analysis.overconcertation import Matrix, overconcertation_matrix
from ecosystem.analysis.seats import over_solicited, redundant_seats, seats_and_load
from ecosystem.analysis.structure import Structure, structure
from ecosystem.i18n import Message

__all__ = ["ANALYSES", "Analysis", "by_name"]


@dataclass(frozen=True)
class Analysis:
    name: str
    """Identifier (the page's path under ``/analyses/`` where it has one)."""
    title: Message
    function: Callable
    result: type | str
    """The result type (a dataclass), or a description of the plain list / dict returned."""
    command: str
    """The command-line command, after ``ecosystem``."""
    page: str | None = None
    """The template of its page (``/analyses/<name>``); None when shown on another page."""
    terms: tuple[str, ...] = ()
    """Glossary terms (:data:`ecosystem.glossary.TERMS`) it shows."""
    shown_on: str = ""
    """The web path showing it (default ``/analyses/<name>``)."""

    @property
    def url(self) -> str:
        return self.shown_on or f"/analyses/{self.name}"


ANALYSES: tuple[Analysis, ...] = (
    Analysis(
        "sieges",
        Message("Sièges et charge", "Seats and load"),
        seats_and_load,
        "dict[str, ActorLoad]",
        "analyze seats",
        None,
        ("sieges",),
        "/analyses/sur-sollicitation",
    ),
    Analysis(
        "sur-sollicitation",
        Message("Acteurs sur-sollicités", "Over-solicited actors"),
        over_solicited,
        "list[ActorLoad]",
        "analyze load",
        "analyse-sur-sollicitation.html",
        ("sur-sollicitation", "sieges"),
    ),
    Analysis(
        "sieges-redondants",
        Message("Sièges redondants", "Redundant seats"),
        redundant_seats,
        "list[dict]",
        "analyze seats",
        None,
        ("sieges-redondants",),
        "/analyses/sur-sollicitation",
    ),
    Analysis(
        "mandats-dupliques",
        Message("Mandats dupliqués", "Duplicated mandates"),
        duplicated_mandates,
        Duplicates,
        "analyze duplicates",
        "analyse-mandats-dupliques.html",
        ("chevauchement", "jaccard"),
    ),
    Analysis(
        "surconcertation",
        Message("Matrice de surconcertation", "Over-concertation matrix"),
        overconcertation_matrix,
        Matrix,
        "analyze overconcertation",
        "analyse-surconcertation.html",
        ("lacune", "jaccard"),
    ),
    Analysis(
        "structure",
        Message("Courtiers, communautés et concentration", "Brokers, communities and concentration"),
        structure,
        Structure,
        "analyze brokers",
        "analyse-structure.html",
        ("intermediarite", "instance-pont", "contrainte", "communaute"),
    ),
    Analysis(
        "communautes",
        Message("Communautés bimodales", "Two-mode communities"),
        two_mode_communities,
        Communities,
        "analyze communities",
        None,
        ("communaute", "resolution"),
        "/analyses/structure",
    ),
    Analysis(
        "tables-emboitees",
        Message("Tables emboîtées", "Nested tables"),
        nested_tables,
        "list[dict]",
        "analyze nested",
        None,
        ("table-emboitee", "jaccard"),
        "/analyses/structure",
    ),
    Analysis(
        "ponts-fragiles",
        Message("Ponts fragiles", "Fragile bridges"),
        fragile_bridges,
        "list[dict]",
        "analyze bridges",
        None,
        ("pont-fragile",),
        "/analyses/structure",
    ),
    Analysis(
        "concentration",
        Message("Concentration des sièges", "Seat concentration"),
        concentration,
        Concentration,
        "analyze concentration",
        None,
        ("gini", "robins-alexander"),
        "/analyses/structure",
    ),
    Analysis(
        "fusion",
        Message("Fusion hypothétique", "What-if merge"),
        what_if_merge,
        MergeResult,
        "analyze merge",
        None,
        ("sieges",),
        "/analyses/mandats-dupliques",
    ),
    Analysis(
        "verification",
        Message("Vérifier une initiative", "Check an initiative"),
        check_initiative,
        CheckResult,
        "check",
        None,
        ("chevauchement", "sur-sollicitation"),
        "/verifier",
    ),
)
"""Every analysis, in the order of the index page."""


def by_name(name: str) -> Analysis:
    """The registered analysis ``name``; KeyError names the known ones."""
    for analysis in ANALYSES:
        if analysis.name == name:
            return analysis
    raise KeyError(f"analyse inconnue / unknown analysis: {name} ({', '.join(a.name for a in ANALYSES)})")
