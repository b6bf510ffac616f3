"""Who carries which strategy of the action plan, and the load the plan itself puts on them.

The plan names, beside each strategy, its « responsables et partenaires »: actors and
instances (``eco:responsible``). Read against the map:

- a **carrier is active** when it is on the map at the date: an actor, or an instance
  that has not ended (an instance is active even when none of its members is known);
- a strategy has **no active carrier** when the plan names none, or none of those it
  names is on the map;
- the **plan's load on an actor** counts the strategies it carries itself, and those it
  carries through the instances where it holds a seat — the over-solicitation the plan
  creates, to read beside the actor's seats and hours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ecosystem.analysis.seats import seats_and_load
from ecosystem.projection import Projection

__all__ = ["ActorPlanLoad", "Carrier", "StrategyCarriers", "plan_load", "strategy_carriers"]


@dataclass(frozen=True)
class Carrier:
    iri: str
    kind: str  # "actor", "instance" or "unknown" (named by the plan, not on the map)
    active: bool
    seats: int | None = None
    """An actor's seats; an instance's known members."""
    hours: float | None = None
    """An actor's hours a year, ``None`` when one of its seats has unknown hours."""


@dataclass(frozen=True)
class StrategyCarriers:
    strategy: str
    carriers: tuple[Carrier, ...]

    @property
    def active(self) -> bool:
        return any(carrier.active for carrier in self.carriers)


@dataclass(frozen=True)
class ActorPlanLoad:
    actor: str
    direct: tuple[str, ...]
    """Strategies the plan names the actor for."""
    through_instances: tuple[str, ...] = field(default=())
    """Other strategies, carried by an instance where the actor holds a seat."""
    seats: int = 0
    hours: float | None = None

    @property
    def strategies(self) -> int:
        return len(self.direct) + len(self.through_instances)


def _carrier(projection: Projection, loads: Mapping, iri: str) -> Carrier:
    kind = projection.two_mode.nodes[iri].get("kind") if iri in projection.two_mode else None
    if kind == "actor":
        load = loads[iri]
        return Carrier(iri, "actor", True, load.sieges, load.heures)
    if kind == "instance":
        return Carrier(iri, "instance", True, len(projection.members[iri]))
    return Carrier(iri, "unknown", False)


def strategy_carriers(responsible: Mapping[str, set[str]], projection: Projection) -> list[StrategyCarriers]:
    """Each strategy with its carriers, their seats and hours, and whether any is active.

    Parameters
    ----------
    responsible
        Strategy IRI → the IRIs the plan names as its carriers (possibly none).
    projection
        The map at the date.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("a", kind="actor", label="A"); g.add_node("i", kind="instance", label="I")
    >>> g.add_edge("a", "i", hours=10.0)
    >>> p = Projection(g, {}, {}, datetime.date(2025, 1, 1))
    >>> [(s.strategy, s.active) for s in strategy_carriers({"s1": {"a"}, "s2": {"gone"}, "s3": set()}, p)]
    [('s1', True), ('s2', False), ('s3', False)]
    """
    loads = seats_and_load(projection)
    return [
        StrategyCarriers(strategy, tuple(_carrier(projection, loads, iri) for iri in sorted(carriers)))
        for strategy, carriers in sorted(responsible.items())
    ]


def plan_load(responsible: Mapping[str, set[str]], projection: Projection) -> list[ActorPlanLoad]:
    """Actors by the number of strategies they carry, directly or through their seats, most first.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> g = nx.Graph()
    >>> g.add_nodes_from(["a", "b"], kind="actor", label="A"); g.add_node("i", kind="instance", label="I")
    >>> g.add_edge("a", "i", hours=None); g.add_edge("b", "i", hours=5.0)
    >>> p = Projection(g, {}, {}, datetime.date(2025, 1, 1))
    >>> [(x.actor, x.direct, x.through_instances) for x in plan_load({"s1": {"a"}, "s2": {"i"}}, p)]
    [('a', ('s1',), ('s2',)), ('b', (), ('s2',))]
    """
    loads = seats_and_load(projection)
    carried: dict[str, set[str]] = {}
    for strategy, carriers in responsible.items():
        for iri in carriers:
            carried.setdefault(iri, set()).add(strategy)
    result = []
    for actor in projection.actors:
        direct = carried.get(actor, set())
        through = {s for i in projection.two_mode[actor] for s in carried.get(i, ())} - direct
        if direct or through:
            load = loads[actor]
            result.append(ActorPlanLoad(actor, tuple(sorted(direct)), tuple(sorted(through)), load.sieges, load.heures))
    return sorted(result, key=lambda x: (-x.strategies, -len(x.direct), x.actor))
