"""The rows of the synthetic province (:mod:`ecosystem.synth`): the import template's tables and columns,
the vocabularies the rows draw their codes from, the French words of the mandates, one row of each table.

A row is a dict of every column of its table, values as the template's cells hold them
(strings, ``""`` for an empty cell).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from rdflib import Literal

from ecosystem.ingest.columns import SHEETS
from ecosystem.namespaces import RDF, SKOS, scheme_iri
from ecosystem.ontology import vocabulary_graph

__all__ = ["COLUMNS", "OPENINGS", "SOURCE", "TABLES", "Vocabularies", "instance_row", "membership_row", "row"]

TABLES = ("territoires", "acteurs", "instances", "participations")
"""The tables of a province, in the order they are written and imported."""

COLUMNS = {name: [column.name for column in SHEETS[name].columns] for name in TABLES}
"""The template's columns of each table the province fills, in the template's order (:data:`ecosystem.ingest.columns.SHEETS`)."""
SOURCE = "synthétique"
"""The source every row states."""
OPENINGS = [
    "Mobiliser les partenaires",
    "Coordonner l'action concertée",
    "Soutenir les initiatives locales",
    "Planifier des actions intersectorielles",
    "Favoriser la concertation",
]
"""How a mandate opens (a duplicate's reworded mandate opens with another)."""
_VERBS = ["pour améliorer", "afin de renforcer", "en vue de soutenir", "pour agir sur"]
_ENDS = ["des personnes concernées", "des familles et des aînés", "des communautés rurales", "des milieux de vie"]
_SCHEMES = ("fonctions", "populations", "types-instance", "types-acteur", "secteurs")
"""The schemes :class:`Vocabularies` reads after the issues, in its fields' order."""


def _vocabulary(scheme: str) -> list[tuple[str, str, str | None]]:
    """(notation, French label, broader notation) of a scheme's concepts, sorted."""
    graph = vocabulary_graph()
    prefix = f"{scheme_iri(scheme)}/"
    out = []
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        if str(concept).startswith(prefix):
            label = next(
                (
                    str(o)
                    for o in graph.objects(concept, SKOS.prefLabel)
                    if isinstance(o, Literal) and o.language == "fr"
                ),
                "",
            )
            broader = next((str(b).removeprefix(prefix) for b in graph.objects(concept, SKOS.broader)), None)
            out.append((str(concept).removeprefix(prefix), label, broader))
    return sorted(out)


@dataclass(frozen=True)
class Vocabularies:
    """The notations the province draws from, each list sorted, read from the ontology's schemes.

    Examples
    --------
    >>> vocabularies = Vocabularies.read()
    >>> all(vocabularies.family[issue] in vocabularies.issues for issue in vocabularies.issues)
    True
    """

    issues: list[str]
    family: dict[str, str]  # issue → its family: its broader issue, or itself
    issue_label: dict[str, str]  # issue → its French label
    functions: list[str]
    populations: list[str]
    instance_types: list[str]
    actor_types: list[str]
    sectors: list[str]

    @classmethod
    def read(cls) -> Vocabularies:
        """The vocabularies of the ontology's schemes (``enjeux``, ``fonctions``, …)."""
        issues = _vocabulary("enjeux")
        return cls(
            [notation for notation, _, _ in issues],
            {notation: broader or notation for notation, _, broader in issues},
            {notation: label for notation, label, _ in issues},
            *([notation for notation, _, _ in _vocabulary(scheme)] for scheme in _SCHEMES),
        )


def row(table: str, **values) -> dict:
    """A row of ``table``: every column of the template, ``values`` as strings, ``""`` for the others.

    Examples
    --------
    >>> row("participations", acteur="a1", instance="i1")["heures_par_an"]
    ''
    """
    return {column: str(values.get(column, "") or "") for column in COLUMNS[table]}


def instance_row(
    rng: random.Random, vocabularies: Vocabularies, identifier: str, territory: str, issues: list[str]
) -> dict:
    """An instance on ``issues`` in ``territory``: a French mandate, a type, functions, a population drawn with
    ``rng``; 70 % of them with their meetings a year and hours a meeting."""
    topic = " et ".join(vocabularies.issue_label[i].lower() for i in issues)
    mandate = f"{rng.choice(OPENINGS)} {rng.choice(_VERBS)} {topic} {rng.choice(_ENDS)} du territoire."
    known = rng.random() < 0.7
    return row(
        "instances",
        id=identifier,
        nom=f"Table {topic} {identifier.upper()}",
        type=rng.choice(vocabularies.instance_types),
        territoire=territory,
        enjeux="|".join(issues),
        fonctions="|".join(sorted(set(rng.sample(vocabularies.functions, rng.choice([1, 2]))))),
        populations=rng.choice(vocabularies.populations),
        mandat=mandate,
        rencontres_par_an=str(rng.choice([4, 6, 8, 10])) if known else "",
        heures_par_rencontre=str(rng.choice([2, 2.5, 3])) if known else "",
        source=SOURCE,
    )


def membership_row(rng: random.Random, actor: str, instance: str, ended: bool = True) -> dict:
    """``actor``'s seat on ``instance``: 5 % chairs, a third with declared hours, 3 % ended (when ``ended``)."""
    ends = "2020-12-31" if ended and rng.random() < 0.03 else ""
    return row(
        "participations",
        acteur=actor,
        instance=instance,
        role="presidence" if rng.random() < 0.05 else "membre",
        debut="2019-01-01" if ends else "",
        fin=ends,
        heures_par_an=str(rng.choice([12, 20, 30, 40])) if rng.random() < 0.33 else "",
        source=SOURCE,
    )
