"""How fine the communities are: the partition optimal over the widest range of resolutions.

Barber's bipartite modularity with a **resolution** γ [1]_ [2]_::

    Q_B(γ) = Σ_c [ e_c / m − γ K_c D_c / m² ]

(γ = 1 is Q_B itself). A smaller γ asks less of a community and gives fewer, larger groups; a
larger γ gives more, smaller ones. The maximum of Q_B at γ = 1 is one point of that scale and
is known to be a poor guide to the number of groups: modularity cannot resolve groups below a
size set by the whole network [3]_, and its maximum sits on a plateau of near-optimal
partitions that can differ widely [4]_ (on Davis « Southern Women », Q_B is 0.3455 in four
groups, 0.3452 in three and 0.3212 in two).

The rule used here (**persistence**): candidate partitions are optimised at the resolutions of
:data:`RESOLUTIONS` (1/4 to 4 on a logarithmic scale); for a fixed partition Q_B(γ) is the
straight line ``a − γ b``, so the upper envelope of the candidates' lines gives each candidate
its exact **domain**, the range of γ over which no other candidate beats it (CHAMP [5]_). The
partition kept is the one whose domain is widest on a logarithmic scale — the one that stays
optimal over the largest change of resolution, as scale-selection methods recommend [6]_ [7]_ —
leaving out the trivial partition into the graph's connected parts (it wins every small γ).
Domains are counted inside the range scanned, so a partition still optimal at 1/4 (or 4) is
credited only up to that bound; the range is kept to two octaves either side of γ = 1 because
beyond it the winners are the two trivial ends (connected parts below, nearly every node alone
above). Ties go to the domain nearer γ = 1. The choice is said in the result: the domain found and
Q_B (γ = 1) of the partition kept.

References
----------
.. [1] Reichardt, J. & Bornholdt, S. (2006). Statistical mechanics of community detection.
   Physical Review E 74(1), 016110.
.. [2] Barber, M. J. (2007). Modularity and community detection in bipartite networks.
   Physical Review E 76(6), 066102.
.. [3] Fortunato, S. & Barthélemy, M. (2007). Resolution limit in community detection.
   PNAS 104(1), 36–41.
.. [4] Good, B. H., de Montjoye, Y.-A. & Clauset, A. (2010). Performance of modularity
   maximization in practical contexts. Physical Review E 81(4), 046106.
.. [5] Weir, W. H., Emmons, S., Gibson, R., Taylor, D. & Mucha, P. J. (2017). Post-processing
   partitions to identify domains of modularity optimization. Algorithms 10(3), 93.
.. [6] Arenas, A., Fernández, A. & Gómez, S. (2008). Analysis of the structure of complex
   networks at different resolution levels. New Journal of Physics 10, 053039.
.. [7] Lambiotte, R., Delvenne, J.-C. & Barahona, M. (2014). Random walks, Markov processes and
   the multiscale modular organization of complex networks. IEEE Transactions on Network
   Science and Engineering 1(2), 76–90.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence

import networkx as nx

__all__ = ["HIGH", "LOW", "RESOLUTIONS", "RESOLUTIONS_LARGE", "domains", "line", "most_persistent"]

LOW, HIGH = 0.25, 4.0
"""The range of resolutions scanned: two octaves either side of Barber's γ = 1."""
RESOLUTIONS: tuple[float, ...] = tuple(2 ** (k / 4) for k in range(-8, 9))
"""Resolutions at which candidates are optimised: 1/4 to 4, four steps an octave (17 values)."""
RESOLUTIONS_LARGE: tuple[float, ...] = tuple(2.0**k for k in range(-2, 3))
"""On large graphs (cost): 1/4, 1/2, 1, 2, 4 — the domains stay exact among these candidates."""


def line(graph: nx.Graph, top: set, membership: dict) -> tuple[float, float]:
    """``(a, b)`` with Q_B(γ) = a − γ b for ``membership``: a = Σ e_c / m, b = Σ K_c D_c / m².

    Examples
    --------
    Two disjoint stars, each its own community: a = 1, b = 2·(2·2)/16 = 0.5, so Q_B(1) = 0.5.

    >>> g = nx.Graph([("a1", "i1"), ("a2", "i1"), ("a3", "i2"), ("a4", "i2")])
    >>> line(g, {"a1", "a2", "a3", "a4"}, {"a1": 0, "a2": 0, "i1": 0, "a3": 1, "a4": 1, "i2": 1})
    (1.0, 0.5)
    """
    m = graph.number_of_edges()
    if not m:
        return 0.0, 0.0
    inside = sum(1 for u, v in graph.edges() if membership[u] == membership[v])
    top_degree: Counter[Hashable] = Counter()
    bottom_degree: Counter[Hashable] = Counter()
    for node, degree in graph.degree():
        (top_degree if node in top else bottom_degree)[membership[node]] += degree
    return inside / m, sum(top_degree[c] * bottom_degree[c] for c in top_degree) / m**2


def domains(
    lines: Sequence[tuple[float, float]], low: float = LOW, high: float = HIGH
) -> list[tuple[float, float] | None]:
    """Each line's domain ``(from, to)`` inside ``[low, high]`` on the upper envelope, or None.

    A line ``a − γ b`` is on top where, for every other line, ``γ (b_j − b) ≥ a_j − a``. Equal
    lines: the first keeps the domain.

    Examples
    --------
    Three partitions: the coarse one wins below γ = 2/3, the middle one above; the third never.

    >>> [d and (round(d[0], 3), round(d[1], 3)) for d in domains([(1.0, 1.0), (0.5, 0.25), (0.2, 0.5)])]
    [(0.25, 0.667), (0.667, 4.0), None]
    """
    found: list[tuple[float, float] | None] = []
    for k, (a, b) in enumerate(lines):
        start, end = low, high
        for j, (a_j, b_j) in enumerate(lines):
            if j == k:
                continue
            if b_j > b:
                start = max(start, (a_j - a) / (b_j - b))
            elif b_j < b:
                end = min(end, (a - a_j) / (b - b_j))
            elif a_j > a or (a_j == a and j < k):
                end = -math.inf
        found.append((start, end) if end > start + 1e-12 else None)
    return found


def most_persistent(lines: Sequence[tuple[float, float]], trivial: Sequence[bool]) -> tuple[int, tuple[float, float]]:
    """Index and domain of the non-trivial line whose domain is widest in log γ (ties: nearer γ = 1).

    When every candidate is trivial (a graph with no structure finer than its parts), the
    widest domain of all is kept.

    Examples
    --------
    The first (trivial) line wins below 2/3; of the others, the third's domain (1.5 to 4) is
    wider than the second's (2/3 to 1.5):

    >>> k, (start, end) = most_persistent([(1.0, 1.0), (0.5, 0.25), (0.2, 0.05)], [True, False, False])
    >>> k, round(start, 3), end
    (2, 1.5, 4.0)
    """
    spans = domains(lines)
    found = [(k, span) for k, span in enumerate(spans) if span is not None]
    usable = [(k, span) for k, span in found if not trivial[k]] or found

    def rank(item: tuple[int, tuple[float, float]]) -> tuple[float, float, int]:
        k, (start, end) = item
        return round(math.log(end / start), 12), -abs(math.log(start * end) / 2), -k

    return max(usable, key=rank)
