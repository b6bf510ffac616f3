"""Seat concentration and two-mode clustering of the whole network.

- **Top shares**: the share of all seats held by the top 1 %, 5 % and 10 % of the actors
  holding a seat (the top *p* % = the ⌈p·n/100⌉ actors with most seats; ties broken by IRI,
  which does not change the share).
- **Gini coefficient** [1]_ of seats among actors holding one, and of hours a year among
  actors whose hours are all known (None with fewer than two)::

      G = Σ_i (2i − n − 1) x_(i) / (n Σ_i x_i),  x_(1) ≤ … ≤ x_(n)

  0 when every actor holds as many seats, → 1 when one holds them all.
- **Robins–Alexander clustering** [2]_ of the two-mode graph: ``4 C_4 / L_3``, four-cycles
  (two actors sitting together on two instances) over three-paths, as
  ``networkx.algorithms.bipartite.robins_alexander_clustering`` (0.468 on Davis). C_4 is
  counted from the instance co-membership counts, Σ_pairs C(shared, 2); L_3 =
  Σ_edges (k_u − 1)(k_v − 1).

References
----------
.. [1] Gini, C. (1912). *Variabilità e mutabilità*. Bologna: Cuppini.
.. [2] Robins, G. & Alexander, M. (2004). Small worlds among interlocking directors:
   network structure and distance in bipartite graphs. Computational & Mathematical
   Organization Theory 10(1), 69–94.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from ecosystem.analysis.seats import seats_and_load
from ecosystem.projection import Projection

__all__ = ["TOP_PERCENTS", "Concentration", "concentration", "gini", "robins_alexander", "top_share"]

TOP_PERCENTS = (1, 5, 10)


@dataclass(frozen=True)
class Concentration:
    actors_with_seats: int
    seats: int
    top_shares: dict
    """Percent (1, 5, 10) → share of all seats held by that top of the actors."""
    gini_seats: float | None
    gini_hours: float | None
    actors_with_known_hours: int
    robins_alexander: float

    def to_dict(self) -> dict:
        return asdict(self) | {"top_shares": {str(p): s for p, s in self.top_shares.items()}}


def gini(values: Sequence[float]) -> float | None:
    """Gini coefficient of non-negative values; None for fewer than two or an all-zero list.

    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([0, 0, 0, 4])
    0.75
    """
    ranked = sorted(values)
    n, total = len(ranked), sum(ranked)
    if n < 2 or not total:
        return None
    return sum((2 * i - n - 1) * x for i, x in enumerate(ranked, 1)) / (n * total)


def top_share(values: list[int], percent: float) -> float:
    """Share of the total held by the top ``percent`` % of ``values`` (at least one value).

    >>> top_share([1] * 9 + [11], 10)
    0.55
    """
    if not values or not sum(values):
        return 0.0
    count = max(1, math.ceil(percent * len(values) / 100))
    return sum(sorted(values, reverse=True)[:count]) / sum(values)


def robins_alexander(projection: Projection) -> float:
    """Robins–Alexander two-mode clustering 4·C_4 / L_3 of the projection (0 without three-paths)."""
    graph = projection.two_mode
    three_paths = sum((graph.degree(u) - 1) * (graph.degree(v) - 1) for u, v in graph.edges())
    if not three_paths:
        return 0.0
    four_cycles = sum(shared * (shared - 1) // 2 for shared in projection.shared_members.values())
    return 4.0 * four_cycles / three_paths


def concentration(projection: Projection) -> Concentration:
    """Top shares and Gini of seats (and hours where known), and the Robins–Alexander clustering.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> g = nx.Graph([("a", "i"), ("a", "j"), ("a", "k"), ("b", "i")])
    >>> nx.set_node_attributes(g, {n: "actor" if n in "ab" else "instance" for n in g}, "kind")
    >>> c = concentration(Projection(g, {}, {}, datetime.date(2025, 1, 1)))
    >>> c.top_shares[10], c.gini_seats, c.robins_alexander
    (0.75, 0.25, 0.0)
    """
    loads = [load for load in seats_and_load(projection).values() if load.sieges]
    seats = [load.sieges for load in loads]
    hours = [load.heures for load in loads if load.heures is not None]
    return Concentration(
        actors_with_seats=len(seats),
        seats=sum(seats),
        top_shares={p: top_share(seats, p) for p in TOP_PERCENTS},
        gini_seats=gini(seats),
        gini_hours=gini(hours),
        actors_with_known_hours=len(hours),
        robins_alexander=robins_alexander(projection),
    )
