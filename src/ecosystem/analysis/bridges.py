"""Fragile bridges: actors that alone hold groups of tables together.

- **Node redundancy** of an actor *v* with at least two seats [1]_: the share of pairs of
  its instances that would still share a member without it::

      rc(v) = |{ {u, w} ⊆ N(v) : ∃ v' ≠ v, (v', u), (v', w) ∈ E }| / (k_v (k_v − 1) / 2)

  as ``networkx.algorithms.bipartite.node_redundancy``; 0 means none of its tables meet
  without it.
- **Fragile bridges** (« seul lien entre … »): actors whose removal disconnects their part
  of the two-mode graph into two sides or more that each hold an instance and another
  actor — cut vertices of the graph [2]_, found with the block–cut tree of its biconnected
  components (igraph, linear time); each side is given by its counts and up to three
  example instances (the busiest first where known).

References
----------
.. [1] Latapy, M., Magnien, C. & Del Vecchio, N. (2008). Basic notions for the analysis of
   large two-mode networks. Social Networks 30(1), 31–48.
.. [2] Hopcroft, J. & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
   manipulation. Communications of the ACM 16(6), 372–378.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import igraph as ig

from collections import defaultdict

from ecosystem.projection import Projection
from ecosystem.seeding import igraph_graph

__all__ = ["EXAMPLES", "actor_redundancy", "fragile_bridges"]

EXAMPLES = 3
"""Example instances given for each side of a fragile bridge."""


def actor_redundancy(projection: Projection) -> dict[str, float]:
    """Latapy et al.'s node redundancy of every actor holding two seats or more.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> g = nx.Graph([("a", "i"), ("a", "j"), ("b", "i"), ("b", "j"), ("c", "j"), ("c", "k")])
    >>> nx.set_node_attributes(g, {n: "actor" if n in "abc" else "instance" for n in g}, "kind")
    >>> actor_redundancy(Projection(g, {}, {}, datetime.date(2025, 1, 1)))
    {'a': 1.0, 'b': 1.0, 'c': 0.0}
    """
    shared = projection.shared_members
    result = {}
    for actor in projection.actors:
        seats = sorted(projection.two_mode[actor])
        if len(seats) < 2:
            continue
        pairs = len(seats) * (len(seats) - 1) // 2
        kept = sum(1 for k, u in enumerate(seats) for w in seats[k + 1 :] if shared.get((u, w), 0) >= 2)
        result[actor] = kept / pairs
    return result


def _block_cut_tree(g: ig.Graph) -> tuple[dict, dict]:
    """Adjacency of the block–cut tree (("b", k) and ("v", vertex) nodes) and the cut vertices."""
    blocks, cuts = g.biconnected_components(return_articulation_points=True)
    cuts = set(cuts)
    tree: dict = defaultdict(list)
    for k, block in enumerate(blocks):
        tree.setdefault(("b", k), [])
        for vertex in block:
            if vertex in cuts:
                tree[("b", k)].append(("v", vertex))
                tree[("v", vertex)].append(("b", k))
    return tree, {("b", k): [v for v in block if v not in cuts] for k, block in enumerate(blocks)} | {
        ("v", v): [v] for v in cuts
    }


def _walk(tree: dict, owned: dict, is_instance: list) -> tuple[dict, dict, dict, dict]:
    """Parent, entry and exit order, and (instances, actors) below each tree node."""
    parent: dict = {}
    tin: dict = {}
    tout: dict = {}
    below: dict = {}
    clock = 0
    for root in sorted(tree):
        if root in parent:
            continue
        parent[root] = None
        stack = [(root, iter(tree[root]))]
        tin[root] = clock = clock + 1
        while stack:
            node, children = stack[-1]
            child = next((c for c in children if c not in parent), None)
            if child is not None:
                parent[child] = node
                tin[child] = clock = clock + 1
                stack.append((child, iter(tree[child])))
                continue
            stack.pop()
            tout[node] = clock
            instances = sum(is_instance[v] for v in owned[node])
            count = [instances, len(owned[node]) - instances]
            for c in tree[node]:
                if parent.get(c) == node:
                    count[0] += below[c][0]
                    count[1] += below[c][1]
            below[node] = tuple(count)
    return parent, tin, tout, below


def _examples(inside, ranked: list, home: dict, tin: dict) -> list:
    found = []
    for vertex in ranked:
        if inside(tin[home[vertex]]):
            found.append(vertex)
            if len(found) == EXAMPLES:
                break
    return found


def fragile_bridges(projection: Projection) -> list[dict]:
    """Actors whose removal cuts their part of the graph into sides each with an instance and another actor.

    Returns
    -------
    list of dict
        ``actor``, ``redundancy`` (None below two seats) and ``sides``: ``instances`` and
        ``actors`` counts and ``examples`` (instance IRIs), largest side first. Sorted by the
        size of the second-largest side (how much would be cut off), then IRI.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> g = nx.Graph([("a1", "i1"), ("a2", "i1"), ("a2", "i2"), ("a3", "i2")])
    >>> nx.set_node_attributes(g, {n: "actor" if n[0] == "a" else "instance" for n in g}, "kind")
    >>> [(b["actor"], [s["instances"] for s in b["sides"]]) for b in fragile_bridges(Projection(g, {}, {}, datetime.date(2025, 1, 1)))]
    [('a2', [1, 1])]
    """
    graph = projection.two_mode
    nodes = sorted(graph)
    index = {node: k for k, node in enumerate(nodes)}
    g = igraph_graph(len(nodes), [(index[u], index[v]) for u, v in graph.edges()])
    is_instance = [graph.nodes[n]["kind"] == "instance" for n in nodes]
    tree, owned = _block_cut_tree(g)
    parent, tin, tout, below = _walk(tree, owned, is_instance)
    home = {v: node for node, vertices in owned.items() for v in vertices}
    root_of: dict = {}
    for node in sorted(parent, key=lambda n: tin[n]):
        root_of[node] = node if parent[node] is None else root_of[parent[node]]
    ranked = sorted(
        (v for v in range(len(nodes)) if is_instance[v] and v in home), key=lambda v: (-g.degree(v), nodes[v])
    )
    redundancy = actor_redundancy(projection)
    result = []
    for kind, vertex in (n for n in tree if n[0] == "v" and not is_instance[n[1]]):
        cut = (kind, vertex)
        total = below[root_of[cut]]
        sides: list[tuple[tuple[int, int], tuple[int, int] | None]] = [
            (below[c], (tin[c], tout[c])) for c in tree[cut] if parent.get(c) == cut
        ]
        rest = (total[0] - below[cut][0], total[1] - below[cut][1])
        if rest[0] or rest[1]:
            sides.append((rest, None))
        kept = [(counts, span) for counts, span in sides if counts[0] >= 1 and counts[1] >= 1]
        if len(kept) < 2:
            continue
        described = []
        root = root_of[cut]
        for (instances, actors), span in sorted(kept, key=lambda s: (-s[0][0] - s[0][1], s[1] or (0, 0))):
            if span:
                inside = lambda t, lo=span[0], hi=span[1]: lo <= t <= hi  # noqa: E731
            else:  # the rest of the component: inside its root's span, outside the cut vertex's
                inside = lambda t, r=(tin[root], tout[root]), c=(tin[cut], tout[cut]): (  # noqa: E731
                    r[0] <= t <= r[1] and not c[0] <= t <= c[1]
                )
            described.append(
                {
                    "instances": instances,
                    "actors": actors,
                    "examples": [nodes[v] for v in _examples(inside, ranked, home, tin)],
                }
            )
        result.append({"actor": nodes[vertex], "redundancy": redundancy.get(nodes[vertex]), "sides": described})
    result.sort(key=lambda b: (-(b["sides"][1]["instances"] + b["sides"][1]["actors"]), b["actor"]))
    return result
