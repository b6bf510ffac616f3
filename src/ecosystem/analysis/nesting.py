"""Nested and redundant tables: how far the members of one instance sit on another.

For two instances *u*, *v* with member sets *N(u)*, *N(v)* of sizes *k_u*, *k_v* [1]_:

- **c_min** = |N(u) ∩ N(v)| / min(k_u, k_v) — 1 when every member of the smaller table
  also sits on the other;
- **Jaccard** c_uv = |N(u) ∩ N(v)| / |N(u) ∪ N(v)| [2]_ — 1 when the two have the same members.

Findings (codes): ``contenue`` — table *a* is contained in table *b* (c_min = 1, *a*
smaller, at least :data:`MIN_MEMBERS` members): a sub-committee in all but name;
``identique`` — the same members (c_min = Jaccard = 1). Pairs are those sharing a member
(the instance co-membership counts of the projection), reported from c_min ≥
``min_overlap``.

References
----------
.. [1] Latapy, M., Magnien, C. & Del Vecchio, N. (2008). Basic notions for the analysis of
   large two-mode networks. Social Networks 30(1), 31–48.
.. [2] Jaccard, P. (1912). The distribution of the flora in the alpine zone.
   New Phytologist 11(2), 37–50.
"""

from __future__ import annotations

from typing import Any

from ecosystem.projection import Projection

__all__ = ["MIN_MEMBERS", "MIN_OVERLAP", "member_overlap", "nested_tables"]

MIN_MEMBERS = 2
"""A table of one member « contained » in another says nothing: the smaller table needs two."""
MIN_OVERLAP = 0.5
"""Pairs are reported from this c_min (half the smaller table's members sit on the other)."""


def member_overlap(shared: int, size_a: int, size_b: int) -> tuple[float, float]:
    """(c_min, Jaccard) of two member sets of sizes ``size_a``, ``size_b`` sharing ``shared`` members.

    >>> member_overlap(3, 3, 6)
    (1.0, 0.5)
    >>> member_overlap(0, 0, 4)
    (0.0, 0.0)
    """
    if not shared:
        return 0.0, 0.0
    return shared / min(size_a, size_b), shared / (size_a + size_b - shared)


def nested_tables(projection: Projection, min_overlap: float = MIN_OVERLAP) -> list[dict]:
    """Pairs of instances whose members overlap by c_min ≥ ``min_overlap``, with their finding.

    Returns
    -------
    list of dict
        ``a`` (the smaller table, or the first by IRI), ``b``, ``shared``, ``size_a``,
        ``size_b``, ``c_min``, ``jaccard`` and ``finding`` (``contenue``, ``identique`` or
        None), findings first, then by c_min and Jaccard (descending).

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> g = nx.Graph([("a1", "big"), ("a2", "big"), ("a3", "big"), ("a1", "sub"), ("a2", "sub")])
    >>> nx.set_node_attributes(g, {n: "actor" if n[0] == "a" else "instance" for n in g}, "kind")
    >>> [(p["a"], p["b"], p["c_min"], round(p["jaccard"], 3), p["finding"])
    ...  for p in nested_tables(Projection(g, {}, {}, datetime.date(2025, 1, 1)))]
    [('sub', 'big', 1.0, 0.667, 'contenue')]
    """
    if not 0.0 <= min_overlap <= 1.0:
        raise ValueError(f"seuil hors de [0, 1] / threshold outside [0, 1]: {min_overlap}")
    members = projection.members
    pairs: list[dict[str, Any]] = []
    for (u, v), shared in projection.shared_members.items():
        size_u, size_v = len(members[u]), len(members[v])
        if size_v < size_u or (size_v == size_u and v < u):
            u, v, size_u, size_v = v, u, size_v, size_u
        c_min, jaccard = member_overlap(shared, size_u, size_v)
        if c_min < min_overlap or size_u < MIN_MEMBERS:
            continue
        finding = None
        if c_min == 1.0:
            finding = "identique" if size_u == size_v else "contenue"
        pairs.append(
            {
                "a": u,
                "b": v,
                "shared": shared,
                "size_a": size_u,
                "size_b": size_v,
                "c_min": c_min,
                "jaccard": jaccard,
                "finding": finding,
            }
        )
    pairs.sort(key=lambda p: (p["finding"] is None, -p["c_min"], -p["jaccard"], p["a"], p["b"]))
    return pairs
