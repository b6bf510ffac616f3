"""Seats, load, over-solicitation and redundant seats of actors.

- **Seats** (sièges) of an actor: the distinct instances where it holds a membership
  active at the projection's date.
- **Load** (charge, heures / an): Σ over its memberships of the declared hours per year,
  else the instance's meetings per year × hours per meeting. When any membership's hours
  are unknown the load is unknown (``heures`` ``None``): ``heures_connues`` is then a lower
  bound and ``sieges_heures_inconnues`` says how many seats are missing. Never 0 for unknown.
- **Over-solicitation** (sur-sollicitation): seats above the seat threshold, or known hours
  (a lower bound) above the hours threshold, or seats in the top decile — strictly above
  the 90th percentile (nearest rank) of seats among actors holding at least one, where at
  least 50 actors hold one. The thresholds, their sources and the size rule are
  :mod:`ecosystem.analysis.thresholds`; each flag names its rule, threshold, value and
  sources (codes of :data:`~ecosystem.analysis.thresholds.SOURCES`).
- **Redundant seats** (sièges redondants): among an actor's seats, link two instances when
  they share an issue (same, broader or narrower) on overlapping territories (same or
  nested); each connected group of *k* instances holds *k − 1* redundant seats.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from itertools import combinations

import networkx as nx

from ecosystem.analysis.overlap import issue_family, issue_relation, territory_relation
from ecosystem.analysis.thresholds import RULE_SOURCES, OverSolicitationRule, decile_floor
from ecosystem.cache import Derived, derived
from ecosystem.projection import Projection

__all__ = [
    "ActorLoad",
    "decile_rule",
    "kept_loads",
    "kept_over_solicited",
    "kept_redundant",
    "over_solicited",
    "redundant_seats",
    "seats_and_load",
]


@dataclass(frozen=True)
class ActorLoad:
    acteur: str
    sieges: int
    heures: float | None
    heures_connues: float
    sieges_heures_inconnues: int
    instances: tuple = ()
    raisons: tuple = field(default=())
    flags: tuple = field(default=())
    """One ``{"rule", "threshold", "value", "sources"}`` per rule that fired (rule codes as ``raisons``)."""

    def to_dict(self) -> dict:
        return asdict(self) | {
            "instances": list(self.instances),
            "raisons": list(self.raisons),
            "flags": [dict(f) for f in self.flags],
        }


def seats_and_load(projection: Projection) -> dict[str, ActorLoad]:
    """Seats and hours per year of every actor.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> g = nx.Graph()
    >>> g.add_nodes_from(["a", "b"], kind="actor", label="A")
    >>> g.add_nodes_from(["i", "j"], kind="instance", label="I")
    >>> g.add_edge("a", "i", hours=30.0); g.add_edge("a", "j", hours=None); g.add_edge("b", "i", hours=12.0)
    >>> loads = seats_and_load(Projection(g, {}, {}, datetime.date(2025, 1, 1)))
    >>> loads["a"].sieges, loads["a"].heures, loads["a"].heures_connues, loads["a"].sieges_heures_inconnues
    (2, None, 30.0, 1)
    >>> loads["b"].heures
    12.0
    """
    return {actor: _load(projection, actor) for actor in projection.actors}


def _load(projection: Projection, actor: str) -> ActorLoad:
    graph = projection.two_mode
    hours = [graph.edges[actor, instance].get("hours") for instance in graph[actor]]
    unknown = sum(h is None for h in hours)
    known = float(sum(h for h in hours if h is not None))
    return ActorLoad(
        acteur=actor,
        sieges=len(hours),
        heures=None if unknown else known,
        heures_connues=known,
        sieges_heures_inconnues=unknown,
        instances=tuple(sorted(graph[actor])),
    )


def decile_rule(loads: dict[str, ActorLoad], rule: OverSolicitationRule) -> dict:
    """Whether the relative (top-decile) rule applies to these loads, and its floor.

    Returns
    -------
    dict
        ``applies`` (bool), ``actors_with_seats``, ``minimum`` (the rule's size condition)
        and ``floor`` (the 90th percentile of seats, None where the rule does not apply).
    """
    seats = [load.sieges for load in loads.values() if load.sieges]
    floor = decile_floor(seats, rule.decile_min_actors)
    return {
        "applies": floor is not None,
        "actors_with_seats": len(seats),
        "minimum": rule.decile_min_actors,
        "floor": floor,
    }


def _flag(rule: str, threshold: float, value: float) -> dict:
    return {"rule": rule, "threshold": threshold, "value": value, "sources": list(RULE_SOURCES[rule])}


def over_solicited(projection: Projection, rule: OverSolicitationRule | None = None) -> list[ActorLoad]:
    """Actors over the seat threshold, over the hours threshold, or in the top decile of seats.

    Parameters
    ----------
    projection : Projection
    rule : OverSolicitationRule, optional
        The thresholds (default: :mod:`ecosystem.analysis.thresholds`).

    Returns
    -------
    list of ActorLoad
        Sorted by seats then known hours (descending), each with ``raisons`` (rule codes
        ``sieges``, ``heures``, ``decile``) and ``flags`` (code, threshold and value of each).

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> g = nx.Graph([("a", f"i{k}") for k in range(6)] + [("b", "i0")])
    >>> nx.set_node_attributes(g, {n: "actor" if n in "ab" else "instance" for n in g}, "kind")
    >>> [(l.acteur, l.flags) for l in over_solicited(Projection(g, {}, {}, datetime.date(2025, 1, 1)))]
    [('a', ({'rule': 'sieges', 'threshold': 5, 'value': 6, 'sources': ['iss-canada']},))]
    """
    rule = rule or OverSolicitationRule()
    loads = kept_loads(projection)
    floor = decile_rule(loads, rule)["floor"]
    return _by_seats(filter(None, (_flagged(load, rule, floor) for load in loads.values())))


def _by_seats(loads) -> list[ActorLoad]:
    return sorted(loads, key=lambda load: (-load.sieges, -load.heures_connues, load.acteur))


def _flagged(load: ActorLoad, rule: OverSolicitationRule, floor) -> ActorLoad | None:
    """``load`` with the rules it crosses, or ``None`` when it crosses none."""
    flags = []
    if load.sieges > rule.seats:
        flags.append(_flag("sieges", rule.seats, load.sieges))
    if load.heures_connues > rule.hours:
        flags.append(_flag("heures", rule.hours, load.heures_connues))
    if floor is not None and load.sieges > floor:
        flags.append(_flag("decile", floor, load.sieges))
    if not flags:
        return None
    return ActorLoad(**(asdict(load) | {"raisons": tuple(f["rule"] for f in flags), "flags": tuple(flags)}))


def _bucket_link(projection: Projection, a: tuple, b: tuple) -> tuple[list, str] | None:
    """Link between two buckets (territory, issues): the related issue pairs and the territorial relation."""
    relation = territory_relation(projection, a[0], b[0])
    if relation in (None, "disjoint"):
        return None
    issues = [(x, y) for x in a[1] for y in b[1] if issue_relation(projection, x, y)]
    return (issues, relation) if issues else None


def redundant_seats(projection: Projection) -> list[dict]:
    """Per actor with redundant seats: their number and the groups of overlapping instances, explained.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> food = "https://w3id.org/ecosysteme/vocab/enjeux/securite-alimentaire"
    >>> g = nx.Graph()
    >>> g.add_node("a", kind="actor", label="A")
    >>> for i, t in (("i", "t"), ("j", "t"), ("k", "u")):
    ...     g.add_node(i, kind="instance", label=i, issues=(food,), territory=t)
    ...     g.add_edge("a", i)
    >>> p = Projection(g, {"t": {"parent": None}, "u": {"parent": None}}, {}, datetime.date(2025, 1, 1))
    >>> [(r["acteur"], r["sieges_redondants"]) for r in redundant_seats(p)]
    [('a', 1)]
    """
    found = (_redundancy(projection, actor) for actor in projection.actors)
    return _by_redundancy(r for r in found if r is not None)


def _by_redundancy(found) -> list[dict]:
    return sorted(found, key=lambda r: (-r["sieges_redondants"], r["acteur"]))


def _redundancy(projection: Projection, actor: str) -> dict | None:
    """One actor's redundant seats (see :func:`redundant_seats`), or ``None`` when it has none."""
    nodes = projection.two_mode.nodes
    seats = sorted(projection.two_mode[actor])
    # Seats with the same territory and issues form a bucket (all linked when it holds an issue);
    # only the few distinct buckets are compared pairwise, so skewed seat counts stay cheap.
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for seat in seats:
        if nodes[seat]["territory"] is not None and nodes[seat]["issues"]:
            buckets[(nodes[seat]["territory"], nodes[seat]["issues"])].append(seat)
    links, reasons = _linked_buckets(projection, buckets)
    groups: list[dict[str, list]] = []
    for component in sorted(nx.connected_components(links), key=lambda c: sorted(c)):
        members = sorted(seat for key in component for seat in buckets[key])
        if len(members) < 2:
            continue
        explained = [
            {
                "territoires": [a[0], b[0]],
                "relation_territoriale": relation,
                "enjeux": sorted({x for pair in issues for x in pair}),
            }
            for a, b, issues, relation in reasons
            if a in component
        ]
        groups.append({"instances": [{"iri": i} for i in members], "liens": explained})
    if not groups:
        return None
    redundant = sum(len(group["instances"]) - 1 for group in groups)
    return {"acteur": actor, "sieges": len(seats), "sieges_redondants": redundant, "groupes": groups}


def _linked_buckets(projection: Projection, buckets: dict) -> tuple[nx.Graph, list]:
    """The buckets linked by a shared (or nested) issue on overlapping territories, with the reasons."""
    links: nx.Graph[tuple] = nx.Graph()  # nodes: the buckets' keys
    reasons = []
    for key, members in buckets.items():
        links.add_node(key)
        if len(members) > 1:
            reasons.append((key, key, [(e, e) for e in key[1]], "meme"))
    by_family = defaultdict(list)
    for key in sorted(buckets):
        for family in {issue_family(projection, e) for e in key[1]}:
            by_family[family].append(key)
    compared = set()
    for keys in by_family.values():
        for a, b in combinations(keys, 2):
            if (a, b) not in compared:
                compared.add((a, b))
                if link := _bucket_link(projection, a, b):
                    links.add_edge(a, b)
                    reasons.append((a, b, *link))
    return links, reasons


# --- kept per projection, and carried after a write (only the touched actors again) ---------------


def _touched_actors(projection: Projection, change) -> set[str]:
    graph = projection.two_mode
    return {n for n in change.nodes if n in graph and graph.nodes[n]["kind"] == "actor"}


def _carry_loads(previous: dict, change, ancestor: Derived, projection: Projection) -> dict:
    loads = {a: load for a, load in previous.items() if a not in change.nodes}
    loads.update((a, _load(projection, a)) for a in _touched_actors(projection, change))
    return loads


def kept_loads(projection: Projection) -> dict[str, ActorLoad]:
    """:func:`seats_and_load`, kept per projection; after a write, only the touched actors are counted again."""
    return derived(seats_and_load, carry=_carry_loads)(projection)


def _carry_flags(previous: list, change, ancestor: Derived, projection: Projection, rule=None) -> list:
    rule = rule or OverSolicitationRule()
    before = ancestor.result(derived(seats_and_load, carry=_carry_loads))
    loads = kept_loads(projection)
    floor = decile_rule(loads, rule)["floor"]
    if before is None or decile_rule(before, rule)["floor"] != floor:
        return over_solicited(projection, rule)  # the top decile moved: every actor is judged again
    kept = [load for load in previous if load.acteur not in change.nodes]
    return _by_seats(
        [*kept, *filter(None, (_flagged(loads[a], rule, floor) for a in _touched_actors(projection, change)))]
    )


def kept_over_solicited(projection: Projection, rule: OverSolicitationRule | None = None) -> list[ActorLoad]:
    """:func:`over_solicited`, kept per projection and rule; after a write, carried unless the top decile moved."""
    return derived(over_solicited, carry=_carry_flags)(projection, rule)


def _carry_redundant(previous: list, change, ancestor: Derived, projection: Projection) -> list:
    if change.territories:
        return redundant_seats(projection)  # nested territories changed: every actor is compared again
    touched = _touched_actors(projection, change)
    found = (_redundancy(projection, actor) for actor in touched)
    return _by_redundancy(
        [*(r for r in previous if r["acteur"] not in change.nodes), *(r for r in found if r is not None)]
    )


def kept_redundant(projection: Projection) -> list[dict]:
    """:func:`redundant_seats`, kept per projection; after a write, only the touched actors are compared again."""
    return derived(redundant_seats, carry=_carry_redundant)(projection)
