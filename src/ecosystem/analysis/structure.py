"""Brokers and structure: two-mode centralities, Burt's constraint, communities, isolates, components.

- **Two-mode degree, closeness, betweenness** with the Borgatti–Everett normalisation,
  exactly as ``networkx.algorithms.bipartite`` defines them [1]_: degree over the size of
  the other set; closeness ``(m + 2(n − 1)) / Σd`` for a node of the set of size *n*
  (other set *m*), times the share of the graph it reaches; betweenness divided by the
  maximum possible for its set.
- Computed with igraph (C). Up to ``exact_limit`` nodes per component everything is
  exact (the tests pin it to networkx). Above, closeness uses ``samples`` pivots per large
  component (Eppstein–Wang [2]_: with *k* pivots the mean distance of each node is within
  ε·diameter for k ≈ log n / ε², w.h.p.) and betweenness uses ``samples`` pivot sources
  scaled by *N / k* (Brandes–Pich [3]_: unbiased, error ∝ 1/√k). The benchmark reports the
  error measured against the exact values. Cost: O(k·m) instead of O(n·m).
- **Burt's constraint** [4]_ on the actor co-membership graph (weight = shared instances):
  low constraint = a broker between otherwise separate groups.
- **Communities**: Barber's bipartite modularity optimised on the two-mode graph (seeded
  Louvain [5]_ starts refined by BRIM, at several resolutions, the partition optimal over the
  widest range of them kept: :mod:`ecosystem.analysis.resolution`), or Louvain on the
  co-membership projection (:mod:`ecosystem.analysis.communities`).
- **Isolates**: actors without a seat, instances without a member. **Components**: sizes.

References
----------
.. [1] Borgatti, S. P. & Everett, M. G. (1997). Network analysis of 2-mode data.
   Social Networks 19(3), 243–269.
.. [2] Eppstein, D. & Wang, J. (2004). Fast approximation of centrality. JGAA 8(1), 39–45.
.. [3] Brandes, U. & Pich, C. (2007). Centrality estimation in large networks.
   Int. J. Bifurcation and Chaos 17(7), 2303–2318.
.. [4] Burt, R. S. (1992). Structural Holes. Harvard University Press.
.. [5] Blondel, V. D. et al. (2008). Fast unfolding of communities in large networks.
   J. Stat. Mech. P10008.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

from ecosystem.analysis.communities import two_mode_communities
from ecosystem.projection import Projection
from ecosystem.seeding import igraph_graph

if TYPE_CHECKING:
    import igraph as ig

__all__ = ["EXACT_LIMIT", "SAMPLES", "Structure", "structure", "two_mode_centrality"]

EXACT_LIMIT = 3000
"""Components up to this many nodes get exact closeness; graphs up to it exact betweenness."""
SAMPLES = 256
"""Pivots for the sampled closeness and betweenness."""


@dataclass(frozen=True)
class Structure:
    centralites: dict = field(default_factory=dict)
    contrainte: dict = field(default_factory=dict)
    communautes: list = field(default_factory=list)
    isoles: list = field(default_factory=list)
    composantes: list = field(default_factory=list)
    methode: dict = field(default_factory=dict)

    def brokers(self, projection: Projection, top: int = 20) -> list[dict]:
        """Actors by two-mode betweenness, with their degree, closeness and constraint."""
        actors = [a for a in projection.actors if a in self.centralites]
        actors.sort(key=lambda a: (-self.centralites[a]["intermediarite"], a))
        return [{"acteur": a, **self.centralites[a], "contrainte": self.contrainte.get(a)} for a in actors[:top]]

    def bridging_instances(self, projection: Projection, top: int = 20) -> list[dict]:
        """Instances by two-mode betweenness (the tables that bridge groups of actors), with degree and closeness.

        The same Borgatti–Everett normalisation as the actors', within the instances' own set.
        """
        instances = [i for i in projection.instances if i in self.centralites]
        instances.sort(key=lambda i: (-self.centralites[i]["intermediarite"], i))
        return [{"instance": i, **self.centralites[i]} for i in instances[:top]]

    def to_dict(self) -> dict:
        return {
            "centralites": self.centralites,
            "contrainte": self.contrainte,
            "communautes": self.communautes,
            "isoles": self.isoles,
            "composantes": self.composantes,
            "methode": self.methode,
        }


def _betweenness_max(n: int, m: int) -> float:
    """Largest two-mode betweenness of a node of the set of size ``n`` (other set ``m``), as networkx."""
    s, t = divmod(n - 1, m)
    return ((m**2) * ((s + 1) ** 2) + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2.0


def two_mode_centrality(
    graph: nx.Graph, top: set, exact_limit: int = EXACT_LIMIT, samples: int = SAMPLES, seed: int = 0
) -> tuple[dict, dict]:
    """Degree, closeness and betweenness of every node of a two-mode graph, normalised per set.

    Parameters
    ----------
    graph : networkx.Graph
        The two-mode graph.
    top : set
        The nodes of one set (the other set is the rest).
    exact_limit, samples, seed
        Sampling above ``exact_limit`` nodes with ``samples`` pivots drawn with ``seed``.

    Returns
    -------
    (dict, dict)
        node → ``{"degre", "proximite", "intermediarite"}``, and the method used: codes
        ``exacte`` or ``pivots`` per measure, the number of pivots, of sampled components, the seed.

    Examples
    --------
    >>> g = nx.davis_southern_women_graph()
    >>> women = {n for n, d in g.nodes(data=True) if d["bipartite"] == 0}
    >>> values, method = two_mode_centrality(g, women)
    >>> expected = nx.bipartite.betweenness_centrality(g, women)
    >>> abs(values["Evelyn Jefferson"]["intermediarite"] - expected["Evelyn Jefferson"]) < 1e-9
    True
    """
    nodes = list(graph)
    index = {node: k for k, node in enumerate(nodes)}
    g = igraph_graph(len(nodes), [(index[u], index[v]) for u, v in graph.edges()])
    rng = random.Random(seed)  # closeness draws its pivots first, betweenness its sources next
    components = g.connected_components()
    total_distance, sampled_components = _total_distances(g, components, exact_limit, samples, rng)
    exact_betweenness = len(nodes) <= exact_limit
    betweenness = _betweenness(g, exact_betweenness, samples, rng)
    size_of = {vertex: len(component) for component in components for vertex in component}
    values = _normalised(nodes, top, g.degree(), total_distance, size_of, betweenness)
    method = {  # codes and numbers; words come from ecosystem.presentation
        "proximite": "exacte" if not sampled_components else "pivots",
        "intermediarite": "exacte" if exact_betweenness else "pivots",
        "pivots": min(samples, len(nodes)),
        "composantes_echantillonnees": sampled_components,
        "graine": seed,
    }
    return values, method


def _total_distances(
    g: ig.Graph, components, exact_limit: int, samples: int, rng: random.Random
) -> tuple[list[float], int]:
    """Each vertex's sum of distances within its component (estimated in the components above ``exact_limit``),
    and how many components were sampled."""
    total_distance = [0.0] * g.vcount()
    sampled_components = 0
    for component in components:
        if len(component) == 1:
            continue  # an isolate: no distance, closeness 0
        if len(component) <= exact_limit:
            sub = g.induced_subgraph(component)
            for vertex, row in zip(component, sub.distances(), strict=True):
                total_distance[vertex] = float(sum(row))
        else:
            sampled_components += 1
            _pivot_distances(g, component, samples, rng, total_distance)
    return total_distance, sampled_components


def _pivot_distances(g: ig.Graph, component, samples: int, rng: random.Random, total_distance: list[float]) -> None:
    """Eppstein–Wang: a vertex's sum of distances estimated from its mean distance to ``samples`` pivots of its component."""
    pivots = rng.sample(list(component), min(samples, len(component)))
    pivot_set = set(pivots)
    sums = [0.0] * len(component)
    sub = g.induced_subgraph(component)
    local = {v: k for k, v in enumerate(component)}
    for row in sub.distances(source=[local[p] for p in pivots]):
        for k, d in enumerate(row):
            sums[k] += d
    for vertex in component:
        total_distance[vertex] = (
            sums[local[vertex]] * (len(component) - 1) / max(1, len(pivots) - (vertex in pivot_set))
        )


def _betweenness(g: ig.Graph, exact: bool, samples: int, rng: random.Random) -> list[float]:
    """Each vertex's betweenness: exact, or Brandes–Pich's from ``samples`` sources scaled by N / k."""
    if exact:
        return g.betweenness(directed=False)
    sources = rng.sample(range(g.vcount()), min(samples, g.vcount()))
    scale = g.vcount() / len(sources)
    return [b * scale for b in g.betweenness(directed=False, sources=sources, targets=None)]


def _normalised(
    nodes: list, top: set, degrees: list[int], total_distance: list[float], size_of: dict, betweenness: list[float]
) -> dict:
    """The Borgatti–Everett normalisation of each node's degree, closeness and betweenness, within its set."""
    n_top, n_bottom = len(top), len(nodes) - len(top)
    bet_top = _betweenness_max(n_top, n_bottom) if n_top and n_bottom else 0.0
    bet_bottom = _betweenness_max(n_bottom, n_top) if n_top and n_bottom else 0.0
    values = {}
    for vertex, node in enumerate(nodes):
        in_top = node in top
        own, other = (n_top, n_bottom) if in_top else (n_bottom, n_top)
        degree = degrees[vertex] / other if other else 0.0
        totsp = total_distance[vertex]
        closeness = 0.0
        if totsp > 0 and len(nodes) > 1:
            closeness = (other + 2 * (own - 1)) / totsp * (size_of[vertex] - 1) / (len(nodes) - 1)
        maximum = bet_top if in_top else bet_bottom
        values[node] = {
            "degre": degree,
            "proximite": closeness,
            "intermediarite": betweenness[vertex] / maximum if maximum else 0.0,
        }
    return values


def _constraint(projection: Projection) -> dict[str, float | None]:
    actors = projection.actors
    index = {a: k for k, a in enumerate(actors)}
    pairs = projection.shared_instances
    g = igraph_graph(len(actors), [(index[a], index[b]) for a, b in pairs])
    g.es["weight"] = list(pairs.values())
    values = g.constraint(weights="weight")
    return {a: (None if g.degree(index[a]) == 0 else round(values[index[a]], 6)) for a in actors}


def structure(
    projection: Projection,
    seed: int = 0,
    exact_limit: int = EXACT_LIMIT,
    samples: int = SAMPLES,
    community_method: str = "barber",
    community_selection: str = "persistante",
) -> Structure:
    """Centralities, constraint, communities, isolates and components of the projection.

    ``community_method``, ``community_selection``: see
    :func:`ecosystem.analysis.communities.two_mode_communities`; ``methode["communautes"]``
    says which were used, the seed, starts, Q_B and the domain of resolutions.

    Examples
    --------
    >>> import datetime
    >>> g = nx.Graph([("a1", "i1"), ("a2", "i1"), ("a2", "i2"), ("a3", "i2")])
    >>> g.add_node("i3")
    >>> nx.set_node_attributes(g, {n: ("actor" if n[0] == "a" else "instance") for n in g}, "kind")
    >>> s = structure(Projection(g, {}, {}, datetime.date(2025, 1, 1)))
    >>> s.brokers(Projection(g, {}, {}, datetime.date(2025, 1, 1)), 1)[0]["acteur"], s.isoles
    ('a2', [{'iri': 'i3', 'type': 'instance'}])
    """
    graph = projection.two_mode
    actors = set(projection.actors)
    centralities, method = two_mode_centrality(graph, actors, exact_limit, samples, seed)
    communities = two_mode_communities(
        projection, seed, community_method, centrality=centralities, selection=community_selection
    )
    method["communautes"] = {k: v for k, v in communities.to_dict().items() if k != "groups"}
    isolates = [{"iri": n, "type": graph.nodes[n]["kind"]} for n in sorted(nx.isolates(graph))]
    components = sorted((len(c) for c in nx.connected_components(graph) if len(c) > 1), reverse=True)
    return Structure(
        {n: {k: round(v, 6) for k, v in values.items()} for n, values in centralities.items()},
        _constraint(projection),
        communities.groups,
        isolates,
        [{"taille": size} for size in components],
        method,
    )
