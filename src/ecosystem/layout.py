"""Positions of the map's nodes, computed on the server so the browser never simulates physics.

Each connected group is laid out on its own — Kamada–Kawai [2]_ up to 300 nodes,
Fruchterman–Reingold [1]_ beyond (its grid variant above 1,000 nodes), as igraph computes
them — and the groups are packed in rows, largest first. networkx's ``spring_layout``
needs NumPy (and SciPy above 500 nodes), which the project does not depend on, and igraph
is already there. Measured on 2 cores, random graphs with 1.5 edges per node: 500 nodes
0.06 s, 2,000 nodes 0.06 s, 20,000 nodes 0.6 s.
igraph draws its random numbers from :func:`ecosystem.seeding.igraph_seeded`: a seed
makes the layout reproducible, so the screen and the printed map (SVG/PDF exports) agree.

References
----------
.. [1] Fruchterman, T. M. J., Reingold, E. M. (1991). Graph drawing by force-directed
   placement. Software: Practice and Experience 21(11), 1129–1164.
.. [2] Kamada, T., Kawai, S. (1989). An algorithm for drawing general undirected graphs.
   Information Processing Letters 31(1), 7–15.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import igraph as ig

import math
from collections.abc import Hashable

import networkx as nx

from ecosystem.cache import VersionCache
from ecosystem.seeding import igraph_graph, igraph_seeded

__all__ = ["DEFAULT_SEED", "layout_positions", "positions_of"]

DEFAULT_SEED = 42
_GRID_ABOVE = 1000
_KAMADA_KAWAI_UP_TO = 300
_CONTENT: VersionCache = VersionCache(16)  # the same graph asked for twice (map views, exports): one layout


def _force_directed(
    skeleton: ig.Graph, seed: int, iterations: int, start: list | None = None, pinned: list[bool] | None = None
) -> list[tuple[float, float]]:
    """Raw coordinates of one connected component, from ``start`` when given (else random);
    the ``pinned`` nodes stay at their start.

    Kamada–Kawai [2]_ up to 300 nodes (even edge lengths, readable stars), Fruchterman–Reingold beyond.
    """
    if skeleton.vcount() == 1:
        return [start[0] if start else (0.0, 0.0)]
    bounds = {}
    if start is not None and pinned is not None:
        far = float("inf")
        bounds = {
            "minx": [x if p else -far for (x, _), p in zip(start, pinned, strict=True)],
            "maxx": [x if p else far for (x, _), p in zip(start, pinned, strict=True)],
            "miny": [y if p else -far for (_, y), p in zip(start, pinned, strict=True)],
            "maxy": [y if p else far for (_, y), p in zip(start, pinned, strict=True)],
        }
    with igraph_seeded(seed):
        if skeleton.vcount() <= _KAMADA_KAWAI_UP_TO:
            # Even edge lengths: a hub's members spread around it instead of piling up.
            coordinates = list(skeleton.layout_kamada_kawai(seed=start or skeleton.layout_random(), **bounds))
        else:
            grid = "grid" if skeleton.vcount() > _GRID_ABOVE else "nogrid"
            coordinates = list(skeleton.layout_fruchterman_reingold(niter=iterations, grid=grid, seed=start, **bounds))
    return [(x, y) for x, y in coordinates]


def _normalised(coordinates: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Coordinates centred and scaled to a span of 1."""
    xs, ys = [x for x, _ in coordinates], [y for _, y in coordinates]
    centre_x, centre_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    return [((x - centre_x) / span, (y - centre_y) / span) for x, y in coordinates]


def _fitted(
    coordinates: list[tuple[float, float]], known: list[tuple[float, float] | None]
) -> list[tuple[float, float]]:
    """``coordinates`` turned, scaled and moved (least squares, Procrustes) onto the ``known`` previous positions."""
    pairs = [(c, k) for c, k in zip(coordinates, known, strict=True) if k is not None]
    mean_c = (sum(c[0] for c, _ in pairs) / len(pairs), sum(c[1] for c, _ in pairs) / len(pairs))
    mean_k = (sum(k[0] for _, k in pairs) / len(pairs), sum(k[1] for _, k in pairs) / len(pairs))
    centred = [((c[0] - mean_c[0], c[1] - mean_c[1]), (k[0] - mean_k[0], k[1] - mean_k[1])) for c, k in pairs]
    dot = sum(c[0] * k[0] + c[1] * k[1] for c, k in centred)
    cross = sum(c[0] * k[1] - c[1] * k[0] for c, k in centred)
    spread = sum(c[0] ** 2 + c[1] ** 2 for c, _ in centred)
    angle = math.atan2(cross, dot)
    scale = math.hypot(dot, cross) / spread if spread else 1.0
    cos, sin = math.cos(angle) * scale, math.sin(angle) * scale
    return [
        (
            mean_k[0] + (x - mean_c[0]) * cos - (y - mean_c[1]) * sin,
            mean_k[1] + (x - mean_c[0]) * sin + (y - mean_c[1]) * cos,
        )
        for x, y in coordinates
    ]


def _start(component: list, graph: nx.Graph, previous: dict) -> list[tuple[float, float]] | None:
    """Where each node of ``component`` starts: its previous position, a new node beside its
    placed neighbours (or its component's centre); None when no node of it was placed before."""
    known = [previous.get(node) for node in component]
    placed = [k for k in known if k is not None]
    if not placed:
        return None
    centre = (sum(x for x, _ in placed) / len(placed), sum(y for _, y in placed) / len(placed))
    start = []
    for node, position in zip(component, known, strict=True):
        if position is None:
            around = [previous[m] for m in graph[node] if m in previous] or [centre]
            jitter = (sum(map(ord, str(node))) % 17 - 8) / 4  # a fixed nudge, so two new nodes never coincide
            position = (
                sum(x for x, _ in around) / len(around) + jitter,
                sum(y for _, y in around) / len(around) - jitter,
            )
        start.append(position)
    return start


def _ordered(i: int, j: int) -> tuple[int, int]:
    """An undirected edge, its lower end first."""
    return (i, j) if i <= j else (j, i)


def _in_edge_units(start: list[tuple[float, float]], edges: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """``start`` scaled so that its median edge is 1 long: the force layouts' own unit, so they
    relax the drawing rather than blow it apart."""
    lengths = sorted(math.dist(start[a], start[b]) for a, b in edges)
    median = lengths[len(lengths) // 2] if lengths else 1.0
    return [(x / (median or 1.0), y / (median or 1.0)) for x, y in start]


def layout_positions(
    graph: nx.Graph, seed: int = DEFAULT_SEED, iterations: int = 150, previous: dict | None = None
) -> dict[Hashable, tuple[float, float]]:
    """Node → (x, y) in screen units, reproducible for a ``seed`` (and ``previous``).

    Each connected component is laid out on its own in a square of side 150 × √(its size),
    room for wrapped labels; the squares are then packed in rows, largest first, so that
    isolated instances do not squeeze the connected core into a corner.

    With ``previous`` positions (an earlier layout of a similar graph), the nodes placed before
    stay where they were and only the new ones are laid out, among them (a new node starts
    beside its placed neighbours): adding or removing a few nodes moves no other. Components
    with no node placed before are laid out and packed anew, below.

    Parameters
    ----------
    graph : nx.Graph
        Any graph; node order does not matter (nodes are sorted by their string form).
    seed : int
        Seed of the random generator igraph uses.
    iterations : int
        Fruchterman–Reingold iterations.
    previous : dict, optional
        Node → (x, y) of an earlier layout.

    Returns
    -------
    dict
        Each node's (x, y), centred on (0, 0) when laid out anew.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> layout_positions(g) == layout_positions(nx.path_graph(["c", "b", "a"]))
    True
    >>> sorted(layout_positions(g))
    ['a', 'b', 'c']
    >>> layout_positions(nx.Graph())
    {}
    >>> g.add_node("seul")  # an isolate gets its own place, apart from the path
    >>> positions = layout_positions(g)
    >>> min(abs(positions["seul"][0] - positions[n][0]) + abs(positions["seul"][1] - positions[n][1]) for n in "abc") > 100
    True
    >>> star = nx.star_graph(["centre", "a", "b", "c", "d", "e"])
    >>> before = layout_positions(star)
    >>> star.add_edge("centre", "f")  # one more node: the others stay about where they were
    >>> after = layout_positions(star, previous=before)
    >>> max(math.dist(before[n], after[n]) for n in before) < 0.25 * (max(x for x, _ in before.values()) - min(x for x, _ in before.values()))
    True
    """
    nodes = sorted(graph.nodes, key=str)
    if not nodes:
        return {}
    previous = previous or {}
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(graph)), key=lambda c: (-len(c), str(c[0]))
    )
    placed: dict = {}
    fresh = []
    for component in components:
        new = [node for node in component if node not in previous]
        if not new:  # nothing new here: every node stays where it was
            placed.update((node, previous[node]) for node in component)
            continue
        if len(new) * 10 < len(component):  # a few new nodes: placed among their neighbours, the rest pinned
            placed.update(_placed_among(component, new, graph, previous, seed, iterations))
            continue
        start = _start(component, graph, previous) if len(component) > 1 or component[0] in previous else None
        if start is None:
            fresh.append(component)
            continue
        local = {node: i for i, node in enumerate(component)}
        edges = sorted({_ordered(local[a], local[b]) for a, b in graph.subgraph(component).edges if a != b})
        pinned = [node in previous for node in component]
        coordinates = _force_directed(
            igraph_graph(len(component), edges), seed, iterations, _in_edge_units(start, edges), pinned
        )
        fitted = _fitted(coordinates, [previous.get(node) for node in component])
        placed.update(zip(component, fitted, strict=True))
    seeded = bool(placed)
    placed.update(
        _packed(fresh, graph, seed, iterations, len(nodes), below=max((y for _, y in placed.values()), default=None))
    )
    if not seeded:  # a layout made anew is centred on (0, 0); a seeded one stays in its predecessor's frame
        xs, ys = [p[0] for p in placed.values()], [p[1] for p in placed.values()]
        centre_x, centre_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        placed = {node: (x - centre_x, y - centre_y) for node, (x, y) in placed.items()}
    return {node: (round(placed[node][0], 1), round(placed[node][1], 1)) for node in nodes}


def _placed_among(component: list, new: list, graph: nx.Graph, previous: dict, seed: int, iterations: int) -> dict:
    """``component``'s positions: the ``new`` nodes laid out with their neighbours, who stay where they were."""
    positions = {node: previous[node] for node in component if node in previous}
    around = graph.subgraph(set(new) | {m for node in new for m in graph[node]})
    for part in sorted((sorted(c, key=str) for c in nx.connected_components(around)), key=lambda c: str(c[0])):
        start = _start(part, graph, previous)
        if start is None:
            continue  # cannot happen: every new node of a placed component reaches a placed one
        local = {node: i for i, node in enumerate(part)}
        edges = sorted({_ordered(local[a], local[b]) for a, b in around.subgraph(part).edges if a != b})
        coordinates = _force_directed(
            igraph_graph(len(part), edges),
            seed,
            iterations,
            _in_edge_units(start, edges),
            [node in previous for node in part],
        )
        positions.update(zip(part, _fitted(coordinates, [previous.get(node) for node in part]), strict=True))
    return positions


def _packed(
    components: list[list], graph: nx.Graph, seed: int, iterations: int, total: int, below: float | None
) -> dict:
    """Components laid out anew, each in its square, packed in rows, largest first (below ``below`` when given)."""
    unit, gap = 150.0, 0.2
    row_width = unit * math.sqrt(total) * 1.3
    placed: dict = {}
    x, y, row_height = 0.0, (below + unit if below is not None else 0.0), 0.0
    for component in components:
        local = {node: i for i, node in enumerate(component)}
        edges = sorted({_ordered(local[a], local[b]) for a, b in graph.subgraph(component).edges if a != b})
        coordinates = _normalised(_force_directed(igraph_graph(len(component), edges), seed, iterations))
        # Connected groups get more room than lone nodes: their labels crowd around hubs.
        side = unit * (1.4 * math.sqrt(len(component)) if len(component) > 1 else 1.2)
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (u, v) in zip(component, coordinates, strict=True):
            placed[node] = (x + side / 2 + u * side, y + side / 2 + v * side)
        x += side * (1 + gap)
        row_height = max(row_height, side * (1 + gap))
    return placed


def positions_of(graph: nx.Graph, seed: int = DEFAULT_SEED) -> dict[Hashable, tuple[float, float]]:
    """:func:`layout_positions` of ``graph``: a function of the graph and the seed only, so the same graph gets
    the same positions whoever asks, in any process, whatever was laid out before.

    Keeping an arrangement across versions of the data is the business of whoever knows that the two
    graphs are versions of one another (the map carries its positions from the previous version's,
    :func:`layout_positions` with ``previous``), never a guess from what this process laid out last.
    """
    return _by_content(graph, seed)


def _signature(graph: nx.Graph) -> tuple:
    return (tuple(sorted(map(str, graph))), tuple(sorted(tuple(sorted(map(str, e))) for e in graph.edges)))


def _by_content(graph: nx.Graph, seed: int) -> dict:
    return _CONTENT.get((_signature(graph), seed), lambda: layout_positions(graph, seed))
