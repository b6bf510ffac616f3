"""Two-mode communities: Barber's bipartite modularity Q_B, optimised on the two-mode graph.

**Bipartite modularity** [1]_ of a partition of actors (degrees *k*) and instances (degrees
*d*) joined by *m* memberships (adjacency *A*)::

    Q_B = (1/m) Σ_{i actor, j instance} (A_ij − k_i d_j / m) δ(c_i, c_j)
        = Σ_c [ e_c / m − K_c D_c / m² ]

with *e_c* the memberships inside community *c*, *K_c* and *D_c* the sums of its actors' and
instances' degrees. Unlike Newman's modularity on the same graph, the null model keeps the
two modes apart: an actor is expected to meet an instance, never another actor.

**Method** ``barber`` (default): seeded Louvain starts [3]_ on the two-mode graph, each refined
by BRIM [1]_ — the actors' best communities given the instances', then the instances' given
the actors', until Q_B stops rising — and by merging the two communities whose union raises
Q_B most, until none does. Each BRIM half-step is exact (every node independently takes the
community maximising its term of Q_B), so Q_B never decreases.

Which partition is kept (``selection``):

- ``persistante`` (default): the same optimisation is run with a resolution γ at 17 values
  from 1/4 to 4, and the partition optimal over the widest range of γ is kept — the choice of
  scale of :mod:`ecosystem.analysis.resolution` (Reichardt–Bornholdt resolution [4]_, exact
  domains by the CHAMP envelope [5]_, persistence [6]_). The maximum of Q_B alone is a poor
  guide to the number of groups [7]_. On Davis « Southern Women » this keeps two groups of
  women, Davis, Gardner & Gardner's two groups of nine, optimal for γ from 0.35 to 0.80 (Q_B 0.3184).
- ``maximum``: the highest Q_B found at γ = 1, Barber's rule (on Davis 0.3455, four groups of
  women, optimal for γ from 0.99 to 1.29 only).

``max_communities`` fixes the number of communities instead (Barber's BRIM at fixed *c*,
from seeded random assignments of the instances).

**Method** ``projection``: Louvain on the actors' co-membership graph (weight = shared
instances), each instance joining the community of most of its members — the one-mode
approach, kept for comparison; its Q_B is reported too.

Each community is labelled, as data, by its most central instance (two-mode betweenness
when given, else degree), and its dominant issue and territory (the most frequent among
its instances; ties by IRI).

References
----------
.. [1] Barber, M. J. (2007). Modularity and community detection in bipartite networks.
   Physical Review E 76(6), 066102.
.. [2] Guimerà, R., Sales-Pardo, M. & Amaral, L. A. N. (2007). Module identification in
   bipartite and directed networks. Physical Review E 76(3), 036102.
.. [3] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding
   of communities in large networks. J. Stat. Mech. P10008.
.. [4] Reichardt, J. & Bornholdt, S. (2006). Statistical mechanics of community detection.
   Physical Review E 74(1), 016110.
.. [5] Weir, W. H., Emmons, S., Gibson, R., Taylor, D. & Mucha, P. J. (2017). Post-processing
   partitions to identify domains of modularity optimization. Algorithms 10(3), 93.
.. [6] Arenas, A., Fernández, A. & Gómez, S. (2008). Analysis of the structure of complex
   networks at different resolution levels. New Journal of Physics 10, 053039.
.. [7] Good, B. H., de Montjoye, Y.-A. & Clauset, A. (2010). Performance of modularity
   maximization in practical contexts. Physical Review E 81(4), 046106.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

import networkx as nx

from ecosystem.analysis.resolution import RESOLUTIONS, RESOLUTIONS_LARGE, line, most_persistent
from ecosystem.projection import Projection
from ecosystem.seeding import igraph_graph, igraph_seeded

__all__ = ["METHODS", "Communities", "barber_modularity", "brim", "two_mode_communities"]

METHODS = ("barber", "projection")
"""Community methods: ``barber`` (Q_B on the two-mode graph), ``projection`` (Louvain on co-membership)."""
SELECTIONS = ("persistante", "maximum")
"""How ``barber`` chooses among partitions: the most persistent across resolutions (default), or the Q_B maximum."""
SMALL_GRAPH = 1000
"""Up to this many nodes, several seeded starts and 17 resolutions are tried; above, one start at 5 (cost)."""


@dataclass(frozen=True)
class Communities:
    """Communities (IRIs and numbers only), their Q_B, and the method, seed, starts and selection used.

    ``resolution`` is the domain (from, to) of γ over which the partition kept is optimal
    among the candidates (selection ``persistante``), else None.
    """

    groups: list = field(default_factory=list)
    modularity: float = 0.0
    method: str = "barber"
    seed: int = 0
    starts: int = 1
    selection: str = "persistante"
    resolution: tuple[float, float] | None = None

    def to_dict(self) -> dict:
        return {
            "groups": self.groups,
            "modularity": self.modularity,
            "method": self.method,
            "seed": self.seed,
            "starts": self.starts,
            "selection": self.selection,
            "resolution": list(self.resolution) if self.resolution else None,
        }


def barber_modularity(graph: nx.Graph, top: set, membership: dict) -> float:
    """Barber's Q_B of ``membership`` (node → community) on the two-mode ``graph`` (``top``: one mode).

    Examples
    --------
    Two disjoint stars, each its own community: Q_B = 2 × (2/4 − 2·2/16) = 0.5.

    >>> g = nx.Graph([("a1", "i1"), ("a2", "i1"), ("a3", "i2"), ("a4", "i2")])
    >>> barber_modularity(g, {"a1", "a2", "a3", "a4"}, {"a1": 0, "a2": 0, "i1": 0, "a3": 1, "a4": 1, "i2": 1})
    0.5
    """
    m = graph.number_of_edges()
    if not m:
        return 0.0
    inside: Counter[Hashable] = Counter()
    top_degree: Counter[Hashable] = Counter()
    bottom_degree: Counter[Hashable] = Counter()
    for u, v in graph.edges():
        if membership[u] == membership[v]:
            inside[membership[u]] += 1
    for node, degree in graph.degree():
        (top_degree if node in top else bottom_degree)[membership[node]] += degree
    return sum(inside[c] / m - top_degree[c] * bottom_degree[c] / m**2 for c in set(membership.values()))


def _best_labels(graph: nx.Graph, side: list, membership: dict, other_degree: dict, m: float) -> bool:
    """Give each node of ``side`` the community maximising its Q_B term, the other side fixed; True if any moved.

    ``m`` is the number of memberships over the resolution γ (the null-model term is γ k d / m)."""
    lowest = min(other_degree, key=lambda c: (other_degree[c], c)) if other_degree else None
    moved = False
    for node in side:
        degree = graph.degree(node)
        if not degree:
            continue
        links = Counter(membership[n] for n in graph[node])
        candidates = set(links) | {membership[node]} | ({lowest} if lowest is not None else set())
        best = max(sorted(candidates, key=str), key=lambda c: links.get(c, 0) - degree * other_degree.get(c, 0) / m)
        gain = links.get(best, 0) - degree * other_degree.get(best, 0) / m
        own = links.get(membership[node], 0) - degree * other_degree.get(membership[node], 0) / m
        if gain > own + 1e-12:
            membership[node], moved = best, True
    return moved


def brim(graph: nx.Graph, top: set, membership: dict, max_rounds: int = 100, resolution: float = 1.0) -> dict:
    """BRIM: alternate the exact best assignment of each mode given the other until nothing moves.

    Q_B (at ``resolution`` γ, see :mod:`ecosystem.analysis.resolution`) never decreases; the
    number of communities never grows.

    Examples
    --------
    >>> g = nx.Graph([("a1", "i1"), ("a2", "i1"), ("a3", "i2"), ("a4", "i2"), ("a2", "i2")])
    >>> start = {"a1": 0, "a2": 1, "i1": 0, "a3": 1, "a4": 1, "i2": 1}
    >>> barber_modularity(g, {"a1", "a2", "a3", "a4"}, brim(g, {"a1", "a2", "a3", "a4"}, start)) >= 0.0
    True
    """
    membership = dict(membership)
    m = graph.number_of_edges() / resolution
    sides = (sorted(n for n in graph if n in top), sorted(n for n in graph if n not in top))
    for _ in range(max_rounds):
        moved = False
        for own, other in (sides, sides[::-1]):
            other_degree: dict = defaultdict(float)
            for node in other:
                other_degree[membership[node]] += graph.degree(node)
            moved |= _best_labels(graph, own, membership, other_degree, m)
        if not moved:
            break
    return membership


def _merge_best(graph: nx.Graph, top: set, membership: dict, resolution: float = 1.0) -> bool:
    """Merge the two linked communities whose union raises Q_B(γ) most; False when no union does."""
    m = graph.number_of_edges()
    between: Counter[tuple[Hashable, Hashable]] = Counter()
    top_degree: Counter[Hashable] = Counter()
    bottom_degree: Counter[Hashable] = Counter()
    for u, v in graph.edges():
        a, b = sorted((membership[u], membership[v]), key=str)
        if a != b:
            between[a, b] += 1
    for node, degree in graph.degree():
        (top_degree if node in top else bottom_degree)[membership[node]] += degree
    gains = {
        (a, b): e / m - resolution * (top_degree[a] * bottom_degree[b] + top_degree[b] * bottom_degree[a]) / m**2
        for (a, b), e in between.items()
    }
    if not gains or max(gains.values()) <= 1e-12:
        return False
    a, b = max(sorted(gains, key=str), key=lambda pair: gains[pair])
    for node, label in membership.items():
        if label == b:
            membership[node] = a
    return True


def _louvain(graph: nx.Graph, seed: int, weight: str | None = None, resolution: float = 1.0) -> dict:
    nodes = sorted(graph)
    index = {node: k for k, node in enumerate(nodes)}
    weighted = graph.edges(data=weight, default=1) if weight else ((u, v, 1) for u, v in graph.edges())
    edges = sorted((min(index[u], index[v]), max(index[u], index[v]), w or 1) for u, v, w in weighted)
    g = igraph_graph(len(nodes), [(u, v) for u, v, _ in edges])
    with igraph_seeded(seed):
        clustering = g.community_multilevel(weights=[w for _, _, w in edges] if weight else None, resolution=resolution)
    return {nodes[v]: number for number, members in enumerate(clustering) for v in members}


def _refined(graph: nx.Graph, top: set, start: dict, resolution: float = 1.0) -> dict:
    membership = brim(graph, top, start, resolution=resolution)
    while _merge_best(graph, top, membership, resolution):
        membership = brim(graph, top, membership, resolution=resolution)
    return membership


def _fixed(graph: nx.Graph, top: set, count: int, seed: int) -> dict:
    rng = random.Random(seed)
    membership = {node: (rng.randrange(count) if node not in top else 0) for node in sorted(graph)}
    for node in sorted(top):  # each actor starts in the community of its first instance
        membership[node] = membership[min(graph[node])] if graph[node] else 0
    return brim(graph, top, membership)


def _by_projection(projection: Projection, seed: int) -> dict:
    co_membership: nx.Graph[str] = nx.Graph()
    co_membership.add_nodes_from(projection.actors)
    co_membership.add_weighted_edges_from((a, b, w) for (a, b), w in projection.shared_instances.items())
    membership = _louvain(co_membership, seed, "weight")
    for instance in projection.instances:
        votes = Counter(membership[a] for a in projection.two_mode[instance])
        membership[instance] = min(votes, key=lambda c: (-votes[c], c)) if votes else f"i{instance}"
    return membership


def _describe(projection: Projection, members: list, centrality: dict | None) -> dict:
    nodes = projection.two_mode.nodes
    instances = sorted(n for n in members if nodes[n]["kind"] == "instance")
    actors = sorted(n for n in members if nodes[n]["kind"] == "actor")
    score = (lambda i: centrality[i]["intermediarite"]) if centrality else projection.two_mode.degree
    issues = Counter(e for i in instances for e in nodes[i].get("issues") or ())
    territories = Counter(nodes[i].get("territory") for i in instances if nodes[i].get("territory"))
    return {
        "taille": len(members),
        "instances": [{"iri": i} for i in instances],
        "acteurs": [{"iri": a} for a in actors],
        "instance_centrale": min(instances, key=lambda i: (-score(i), i)) if instances else None,
        "enjeu_dominant": min(issues, key=lambda e: (-issues[e], e)) if issues else None,
        "territoire_dominant": min(territories, key=lambda t: (-territories[t], t)) if territories else None,
    }


def _candidates(graph: nx.Graph, top: set, seed: int, starts: int, resolutions: tuple[float, ...]) -> list[dict]:
    """Seeded Louvain starts (at each resolution) refined by BRIM and merges at that resolution."""
    return [
        _refined(graph, top, _louvain(graph, seed + k, resolution=gamma), gamma)
        for gamma in resolutions
        for k in range(starts)
    ]


def _persistent(graph: nx.Graph, top: set, candidates: list[dict]) -> tuple[dict, tuple[float, float]]:
    """The candidate optimal over the widest range of γ, leaving out the partition into connected parts."""
    linked = [n for n in graph if graph.degree(n)]
    parts = nx.number_connected_components(graph.subgraph(linked))
    lines = [line(graph, top, c) for c in candidates]
    trivial = [len({c[n] for n in linked}) <= parts for c in candidates]
    best, span = most_persistent(lines, trivial)
    return candidates[best], span


def two_mode_communities(
    projection: Projection,
    seed: int = 0,
    method: str = "barber",
    starts: int | None = None,
    max_communities: int | None = None,
    centrality: dict | None = None,
    selection: str = "persistante",
) -> Communities:
    """Communities of the two-mode graph and their Barber modularity Q_B.

    Parameters
    ----------
    projection : Projection
    seed : int
        Seed of the Louvain starts (and of the random starts at fixed *c*).
    method : {"barber", "projection"}
    starts : int, optional
        Seeded starts tried (``seed``, ``seed + 1``, …) at each resolution; default up to
        1,000 nodes 4 at each of the 17 resolutions (``persistante``) or 16 (otherwise), else 1.
    max_communities : int, optional
        With ``barber``, a fixed number of communities (BRIM at fixed *c*); the selection is
        then ``nombre-fixe``.
    centrality : dict, optional
        node → two-mode centralities (:func:`~ecosystem.analysis.structure.two_mode_centrality`)
        to pick each community's most central instance; degree otherwise.
    selection : {"persistante", "maximum"}
        With ``barber``: ``persistante`` (default) keeps the partition optimal over the widest
        range of resolutions (:mod:`ecosystem.analysis.resolution`; 17 resolutions up to 1,000
        nodes, else 5); ``maximum`` keeps the highest Q_B found at γ = 1.

    Returns
    -------
    Communities
        Groups of two nodes or more, largest first, numbered from 1; ``modularity`` is Q_B
        (γ = 1) of the partition kept, ``resolution`` its domain of γ (``persistante``).
    """
    if method not in METHODS:
        raise ValueError(f"méthode inconnue / unknown method: {method} ({', '.join(METHODS)})")
    if selection not in SELECTIONS:
        raise ValueError(f"sélection inconnue / unknown selection: {selection} ({', '.join(SELECTIONS)})")
    graph, top = projection.two_mode, set(projection.actors)
    small = graph.number_of_nodes() <= SMALL_GRAPH
    persistent = method == "barber" and not max_communities and selection == "persistante"
    starts = starts or ((4 if persistent else 16) if small else 1)
    span: tuple[float, float] | None = None
    if method == "projection":
        membership, selection = _by_projection(projection, seed), "projection"
    elif max_communities:
        candidates = [_fixed(graph, top, max_communities, seed + k) for k in range(starts)]
        membership, selection = _best_at_one(graph, top, candidates), "nombre-fixe"
    elif selection == "maximum":
        membership = _best_at_one(graph, top, _candidates(graph, top, seed, starts, (1.0,)))
    else:
        resolutions = RESOLUTIONS if small else RESOLUTIONS_LARGE
        membership, span = _persistent(graph, top, _candidates(graph, top, seed, starts, resolutions))
    return Communities(
        _groups(projection, membership, centrality),
        round(barber_modularity(graph, top, membership), 6),
        method,
        seed,
        starts,
        selection,
        span and (round(span[0], 4), round(span[1], 4)),
    )


def _best_at_one(graph: nx.Graph, top: set, candidates: list[dict]) -> dict:
    """The candidate of highest Q_B (γ = 1); ties: the first."""
    scored = [(barber_modularity(graph, top, c), -k) for k, c in enumerate(candidates)]
    return candidates[-max(scored)[1]]


def _groups(projection: Projection, membership: dict, centrality: dict | None) -> list[dict]:
    groups: dict = defaultdict(list)
    for node, label in membership.items():
        groups[label].append(node)
    described = [_describe(projection, members, centrality) for members in groups.values() if len(members) > 1]
    described.sort(key=lambda g: (-g["taille"], g["instances"][0]["iri"] if g["instances"] else g["acteurs"][0]["iri"]))
    for number, group in enumerate(described, 1):
        group["numero"] = number
    return described
