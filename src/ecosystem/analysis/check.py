"""Pre-initiative check: before creating a new instance, what already covers it, and who would be over-solicited.

Given an :class:`~ecosystem.analysis.overlap.Initiative`, the check returns:

- the existing instances ranked by mandate overlap with the initiative (initiative
  variant of :func:`~ecosystem.analysis.overlap.mandate_overlap`), each explained;
  only candidates are scored — instances sharing an issue (same, broader, narrower), an
  overlapping territory, an intended partner, a function, a population or a word, found
  through inverted indexes built once per data version (:mod:`ecosystem.analysis.check_index`):
  any other scores 0, so the ranking is the one a scan of every instance gives, at the cost
  of the candidates;
- the **suggestions**: ranked instances at ``join_threshold`` or more that share an issue
  on an overlapping territory — instances it could join instead of creating a new one;
- for each intended partner: seats and hours now and after joining (hours after are known
  only if the initiative's hours per year are given), and the over-solicitation thresholds
  (seats, hours, top decile; see :mod:`ecosystem.analysis.seats`) it would cross.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ecosystem.analysis.check_index import ranked_instances
from ecosystem.analysis.overlap import Initiative, mandate_overlap
from ecosystem.analysis.seats import ActorLoad, decile_rule, seats_and_load
from ecosystem.analysis.text import fold
from ecosystem.analysis.thresholds import OverSolicitationRule
from ecosystem.cache import derived
from ecosystem.projection import Projection

__all__ = [
    "JOIN_THRESHOLD",
    "CheckResult",
    "Initiative",
    "check_initiative",
    "find_actors",
    "find_concept",
    "find_instances",
    "find_territory",
]


JOIN_THRESHOLD = 0.4
"""Default score of a suggested instance: e.g. the same issue (0.3) on a containing territory (0.1)."""


@dataclass(frozen=True)
class CheckResult:
    initiative: Initiative
    instances: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    partenaires: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "initiative": {
                "nom": self.initiative.name,
                "enjeux": list(self.initiative.issues),
                "territoire": self.initiative.territory,
                "fonctions": list(self.initiative.functions),
                "populations": list(self.initiative.populations),
                "partenaires": list(self.initiative.partners),
                "texte": self.initiative.text,
                "heures_par_an": self.initiative.hours_per_year,
            },
            # each overlap's « a » is the initiative itself (its name, the reader's input): given once, above
            "instances": [{k: v for k, v in o.to_dict().items() if k != "a"} | {"iri": o.b} for o in self.instances],
            "suggestions": self.suggestions,
            "partenaires": self.partenaires,
        }


def check_initiative(
    projection: Projection,
    initiative: Initiative,
    rule: OverSolicitationRule | None = None,
    join_threshold: float = JOIN_THRESHOLD,
    top: int = 10,
) -> CheckResult:
    """Rank the instances overlapping a proposed initiative and measure its partners' load.

    Parameters
    ----------
    projection : Projection
    initiative : Initiative
        Concept IRIs for issues, functions, populations; a territory IRI; actor IRIs for partners.
    rule : OverSolicitationRule, optional
        The over-solicitation thresholds (see :func:`ecosystem.analysis.seats.over_solicited`).
    join_threshold : float
        Minimum score of an instance suggested to join instead.
    top : int
        How many ranked instances to return.

    Returns
    -------
    CheckResult

    Raises
    ------
    KeyError
        If a partner is not an actor of the projection.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> food = "https://w3id.org/ecosysteme/vocab/enjeux/securite-alimentaire"
    >>> g = nx.Graph()
    >>> g.add_node("i", kind="instance", label="Table alimentaire", issues=(food,), territory="t",
    ...            functions=(), populations=(), mandate=None)
    >>> g.add_node("a", kind="actor", label="A")
    >>> g.add_edge("a", "i", hours=10.0)
    >>> p = Projection(g, {"t": {"label": "T", "parent": None}}, {}, datetime.date(2025, 1, 1))
    >>> r = check_initiative(p, Initiative("Nouvelle table", (food,), "t", partners=("a",)))
    >>> r.instances[0].b, round(r.instances[0].score, 2), r.partenaires[0]["sieges_apres"]
    ('i', 0.74, 2)
    """
    loads = derived(seats_and_load)(projection)
    for partner in initiative.partners:
        if partner not in loads:
            raise KeyError(f"acteur inconnu / unknown actor: {partner}")
    ranked = [mandate_overlap(projection, initiative, b) for _, b in ranked_instances(projection, initiative, top)]
    suggestions = [
        {"iri": o.b, "score": round(o.score, 4)}
        for o in ranked
        if o.score >= join_threshold
        and o.components["enjeux"]["correspondances"]
        and o.components["territoire"]["relation"] not in (None, "disjoint")
    ]
    rule = rule or OverSolicitationRule()
    floor = derived(_decile_floor)(projection, rule)
    partners = [
        _partner(projection, loads[partner], initiative.hours_per_year, rule, floor, ranked)
        for partner in initiative.partners
    ]
    return CheckResult(initiative, ranked, suggestions, partners)


def _decile_floor(projection: Projection, rule: OverSolicitationRule) -> float | None:
    """The top-decile floor of seats, once per projection and rule (it reads every actor's load)."""
    return decile_rule(derived(seats_and_load)(projection), rule)["floor"]


def _partner(
    projection: Projection,
    load: ActorLoad,
    extra: float | None,
    rule: OverSolicitationRule,
    floor: float | None,
    ranked: list,
) -> dict:
    """A partner's seats and hours before and after joining, the rules it would cross and those it already exceeds."""
    seats_after = load.sieges + 1
    known_after = load.heures_connues + (extra or 0.0)
    floor = math.inf if floor is None else floor
    crossed = []
    if load.sieges <= rule.seats < seats_after:
        crossed.append("sieges")
    if extra is not None and load.heures_connues <= rule.hours < known_after:
        crossed.append("heures")
    if load.sieges <= floor < seats_after:
        crossed.append("decile")
    already = [
        code
        for code, above in (
            ("sieges", load.sieges > rule.seats),
            ("heures", load.heures_connues > rule.hours),
            ("decile", load.sieges > floor),
        )
        if above
    ]
    return {
        "acteur": load.acteur,
        "sieges_avant": load.sieges,
        "sieges_apres": seats_after,
        "heures_avant": load.heures,
        "heures_connues_avant": load.heures_connues,
        "heures_apres": None if load.heures is None or extra is None else load.heures + extra,
        "heures_connues_apres": known_after,
        "sieges_heures_inconnues": load.sieges_heures_inconnues,
        "franchit": crossed,
        "deja_au_dessus": already,
        "siege_deja": [{"iri": o.b} for o in ranked if load.acteur in projection.members[o.b]],
    }


def _matches(query: str, *names: str | None) -> int:
    """2 for an exact folded match of a name, 1 for a whole-word containment, else 0."""
    wanted = fold(query).strip()
    best = 0
    for name in filter(None, names):
        folded = fold(name)
        if folded == wanted:
            return 2
        if f" {wanted} " in f" {folded.replace('-', ' ')} " or f" {wanted} " in f" {folded} ":
            best = 1
    return best


def find_concept(projection: Projection, text: str, scheme: str) -> list[str]:
    """Concepts of ``scheme`` (e.g. ``'enjeux'``) named by ``text`` (label, English label or notation)."""
    found = {}
    for iri, entry in projection.concepts.items():
        if entry.get("scheme", "").rsplit("/", 1)[-1] == scheme:
            score = _matches(text, entry["label"], entry.get("label_en"), iri.rsplit("/", 1)[-1])
            if score:
                found[iri] = score
    best = max(found.values(), default=0)
    return sorted(iri for iri, score in found.items() if score == best)


def find_territory(projection: Projection, text: str) -> list[str]:
    """Territories named by ``text`` (label, English label or id)."""
    found = {
        t: _matches(text, e["label"], e.get("label_en"), t.rsplit("/", 1)[-1])
        for t, e in projection.territories.items()
    }
    best = max(found.values(), default=0)
    return sorted(t for t, score in found.items() if score == best and score)


def find_actors(projection: Projection, text: str, territory: str | None = None) -> list[str]:
    """Actors named by ``text`` (label, acronym or id); among several, those of ``territory`` or around it first."""
    nodes = projection.two_mode.nodes
    found = {
        a: _matches(text, nodes[a]["label"], nodes[a].get("acronym"), a.rsplit("/", 1)[-1]) for a in projection.actors
    }
    best = max(found.values(), default=0)
    matches = sorted(a for a, score in found.items() if score == best and score)
    if len(matches) > 1 and territory is not None:
        local = [a for a in matches if nodes[a]["territory"] == territory]
        if local:
            return local
    return matches


def find_instances(projection: Projection, text: str) -> list[str]:
    """Instances named by ``text`` (label, acronym or id), best matches only."""
    nodes = projection.two_mode.nodes
    found = {
        i: _matches(text, nodes[i]["label"], nodes[i].get("acronym"), i.rsplit("/", 1)[-1])
        for i in projection.instances
    }
    best = max(found.values(), default=0)
    return sorted(i for i, score in found.items() if score == best and score)
