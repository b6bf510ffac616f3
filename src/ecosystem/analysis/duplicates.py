"""Duplicated mandates: pairs of instances that may do the same work.

A pair is a **duplicated mandate** (mandat dédoublé) when its mandate overlap
(:func:`ecosystem.analysis.overlap.mandate_overlap`) reaches ``threshold`` *and* the
two share an issue (same, broader or narrower) on overlapping territories (same or
nested). Pairs are grouped into clusters (connected components of the pairs).
Separately, instances with **identical member sets** (two or more members) are flagged
whatever their mandates: the same people around two tables.

Only candidate pairs are scored: instances indexed by the top concept of each issue and
by territory, so the work grows with the pairs that can qualify, not with all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from ecosystem.analysis.overlap import Overlap, issue_family, mandate_overlap, overlap_score, territory_relation
from ecosystem.projection import Projection

__all__ = ["DUPLICATE_THRESHOLD", "Duplicates", "candidate_pairs", "duplicated_mandates"]

DUPLICATE_THRESHOLD = 0.7
"""Default: issue and territory alone (0.5) are not enough; members, text, functions or populations must add 0.2."""


@dataclass(frozen=True)
class Duplicates:
    paires: list = field(default_factory=list)
    groupes: list = field(default_factory=list)
    membres_identiques: list = field(default_factory=list)
    seuil: float = DUPLICATE_THRESHOLD

    def to_dict(self) -> dict:
        return {
            "seuil": self.seuil,
            "paires": [pair.to_dict() for pair in self.paires],
            "groupes": self.groupes,
            "membres_identiques": self.membres_identiques,
        }


def candidate_pairs(projection: Projection) -> set[tuple[str, str]]:
    """Pairs (sorted) sharing an issue family on the same or nested territories."""
    nodes = projection.two_mode.nodes
    by_cell: dict[tuple[str, str], list[str]] = defaultdict(list)
    for instance in projection.instances:
        territory = nodes[instance]["territory"]
        if territory is None:
            continue
        for family in {issue_family(projection, issue) for issue in nodes[instance]["issues"]}:
            by_cell[(family, territory)].append(instance)
    pairs = set()
    for (family, territory), instances in by_cell.items():
        for ancestor in projection.territory_ancestors(territory):  # same territory, then the ones containing it
            for other in by_cell.get((family, ancestor), ()):
                for instance in instances:
                    if instance != other:
                        pairs.add((instance, other) if instance < other else (other, instance))
    return pairs


def duplicated_mandates(projection: Projection, threshold: float = DUPLICATE_THRESHOLD) -> Duplicates:
    """Pairs of instances whose mandates overlap at ``threshold`` or more, their groups, and identical boards.

    Parameters
    ----------
    projection : Projection
    threshold : float
        Minimum mandate overlap score, in [0, 1].

    Returns
    -------
    Duplicates
        ``paires`` (each an :class:`Overlap` with its explanation, best first), ``groupes``
        (clusters of instances linked by pairs), ``membres_identiques`` (instances with the
        same two or more members).

    Raises
    ------
    ValueError
        If ``threshold`` is outside [0, 1].

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> food = "https://w3id.org/ecosysteme/vocab/enjeux/securite-alimentaire"
    >>> g = nx.Graph()
    >>> for i in ("i1", "i2", "i3"):
    ...     g.add_node(i, kind="instance", label="Table " + i, issues=(food,) if i != "i3" else (),
    ...                territory="t", functions=(), populations=(), mandate="Sécurité alimentaire")
    >>> g.add_nodes_from(["a1", "a2"], kind="actor")
    >>> g.add_edges_from([("a1", "i1"), ("a2", "i1"), ("a1", "i2"), ("a2", "i2"), ("a1", "i3"), ("a2", "i3")])
    >>> p = Projection(g, {"t": {"label": "T", "parent": None}}, {}, datetime.date(2025, 1, 1))
    >>> result = duplicated_mandates(p, 0.5)
    >>> [(o.a, o.b) for o in result.paires], result.membres_identiques[0]["instances"]
    ([('i1', 'i2')], ['i1', 'i2', 'i3'])
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"seuil hors de [0, 1] / threshold outside [0, 1]: {threshold}")
    nodes = projection.two_mode.nodes
    pairs: list[Overlap] = []
    for a, b in sorted(candidate_pairs(projection)):
        relation = territory_relation(projection, nodes[a]["territory"], nodes[b]["territory"])
        if relation in (None, "disjoint") or overlap_score(projection, a, b) < threshold:
            continue
        overlap = mandate_overlap(projection, a, b)  # explained only when it qualifies
        if overlap.components["enjeux"]["correspondances"]:
            pairs.append(overlap)
    pairs.sort(key=lambda o: (-o.score, o.a, o.b))
    links: nx.Graph[str] = nx.Graph((o.a, o.b) for o in pairs)
    groups = [
        {"instances": [{"iri": i} for i in sorted(component)], "paires": sum(1 for o in pairs if o.a in component)}
        for component in sorted(nx.connected_components(links), key=lambda c: (-len(c), sorted(c)))
    ]
    by_members: dict[frozenset, list[str]] = defaultdict(list)
    for instance, members in projection.members.items():
        if len(members) >= 2:
            by_members[members].append(instance)
    identical: list[dict[str, list]] = [
        {"instances": sorted(instances), "membres": [{"iri": m} for m in sorted(members)]}
        for members, instances in by_members.items()
        if len(instances) > 1
    ]
    identical.sort(key=lambda entry: (-len(entry["membres"]), entry["instances"]))
    return Duplicates(pairs, groups, identical, threshold)
