"""The pre-initiative check's inverted indexes and ranking: the cost of a check grows with its candidates.

Built once per projection (so once per data version and date): the instances by issue family,
territory, function, population and text term (with the term's TF-IDF weight), and every
concept's related concepts (itself, broader and narrower ones). An instance in none of an
initiative's postings scores 0 on every component of the mandate overlap
(:mod:`ecosystem.analysis.overlap`): no related issue, no overlapping territory, no shared
partner, function, population or term.

Ranking (:func:`ranked_instances`) is in two steps. Every candidate first gets the overlap score
from the indexes (those sharing only words, who score at most the text weight, only when fewer
than ``top`` others score more) — the same six components, weighted as :data:`~ecosystem.analysis.overlap.WEIGHTS`,
with the text cosine as a sum over the postings of the initiative's terms; then the instances
whose score is within :data:`MARGIN` of the ``top``-th are scored again by
:func:`~ecosystem.analysis.overlap.overlap_score` itself, and ranked by that. The two scores of
an instance differ only by the order of floating-point additions (far below the margin), so the
ranking is the one a scan of every instance by ``overlap_score`` gives.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from typing import NamedTuple

from ecosystem.analysis.overlap import (
    ISSUE_RELATED,
    TERRITORY_NESTED,
    WEIGHTS,
    Initiative,
    initiative_vector,
    issue_family,
    overlap_score,
    text_vectors,
)
from ecosystem.cache import derived
from ecosystem.projection import Projection

__all__ = ["MARGIN", "candidate_scores", "check_index", "nested_territories", "ranked_instances"]

MARGIN = 1e-9
"""How far below the ``top``-th indexed score an instance is still scored again exactly."""


@derived
def check_index(projection: Projection) -> dict:
    """The postings and relations the check reads, built once per projection.

    >>> import datetime, networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("i", kind="instance", label="Table alimentaire", issues=("food",), territory="t",
    ...            functions=("f",), populations=(), mandate=None)
    >>> index = check_index(Projection(g, {"t": {"label": "T", "parent": None}}, {}, datetime.date(2025, 1, 1)))
    >>> sorted(index["family"]["food"]), sorted(index["functions"]["f"]), sorted(index["terms"])
    (['i'], ['i'], ['alimentair', 'tabl'])
    """
    nodes = projection.two_mode.nodes
    by: dict[str, defaultdict[str, set]] = {
        name: defaultdict(set) for name in ("family", "territory", "functions", "populations")
    }
    terms: defaultdict[str, dict[str, float]] = defaultdict(dict)
    vectors = text_vectors(projection)
    records = {}
    for instance in projection.instances:
        node = nodes[instance]
        for issue in node["issues"]:
            by["family"][issue_family(projection, issue)].add(instance)
        by["territory"][node["territory"]].add(instance)
        for key in ("functions", "populations"):
            for concept in node[key]:
                by[key][concept].add(instance)
        vector = vectors.get(instance, {})
        for term, weight in vector.items():
            terms[term][instance] = weight
        records[instance] = _Record(
            tuple(node["issues"]),
            node["territory"],
            frozenset(node["functions"]),
            frozenset(node["populations"]),
            frozenset(projection.members[instance]),
            vector,
        )
    children: defaultdict[str, set] = defaultdict(set)
    for territory, entry in projection.territories.items():
        if entry.get("parent"):
            children[entry["parent"]].add(territory)
    related: dict[str, dict[str, float]] = {concept: {concept: 1.0} for concept in projection.concepts}
    for concept in projection.concepts:
        for ancestor in projection.concept_ancestors(concept):
            related.setdefault(concept, {concept: 1.0}).setdefault(ancestor, ISSUE_RELATED)
            related.setdefault(ancestor, {ancestor: 1.0}).setdefault(concept, ISSUE_RELATED)
    return {**by, "terms": terms, "children": children, "related": related, "records": records}


class _Record(NamedTuple):
    """What the score reads of one instance, out of the graph's attribute views (read thousands of times a check)."""

    issues: tuple[str, ...]
    territory: str | None
    functions: frozenset[str]
    populations: frozenset[str]
    members: frozenset[str]
    vector: dict[str, float]


def nested_territories(projection: Projection, territory: str | None) -> set[str]:
    """``territory``, the territories containing it and those it contains (empty without a territory)."""
    if territory is None:
        return set()
    children = check_index(projection)["children"]
    related = set(projection.territory_ancestors(territory))
    todo = [territory]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in related:
                related.add(child)
                todo.append(child)
    return related


def _jaccard(a: frozenset, b) -> float:
    if not a or not b:
        return 0.0
    common = len(a.intersection(b))
    return common / (len(a) + len(b) - common) if common else 0.0


def _strong(projection: Projection, initiative: Initiative, nested: set[str]) -> set[str]:
    """The instances sharing something with ``initiative`` other than words."""
    index = check_index(projection)
    found: set[str] = set()
    for name, keys in (
        ("family", {issue_family(projection, i) for i in initiative.issues}),
        ("territory", nested),
        ("functions", initiative.functions),
        ("populations", initiative.populations),
    ):
        for key in keys:
            found |= index[name].get(key, set())
    for partner in initiative.partners:
        found |= set(projection.two_mode[partner])
    return found


def candidate_scores(projection: Projection, initiative: Initiative, top: int = 10) -> dict[str, float]:
    """The instances that can rank in the ``top``, with their overlap score computed from the indexes.

    Instances sharing only words score at most the text weight: they are looked up (through the
    term postings) only when fewer than ``top`` others score above it.
    """
    index = check_index(projection)
    records, vector = index["records"], initiative_vector(projection, initiative)
    nested = nested_territories(projection, initiative.territory)
    related = [index["related"].get(issue, {issue: 1.0}) for issue in initiative.issues]
    partners, functions, populations = (
        frozenset(initiative.partners),
        frozenset(initiative.functions),
        frozenset(initiative.populations),
    )
    territory, w = initiative.territory, WEIGHTS
    scores = {}
    for b in _strong(projection, initiative, nested):
        r = records[b]
        issue = (
            sum(max((credits.get(c, 0.0) for c in r.issues), default=0.0) for credits in related) / len(related)
            if related
            else 0.0
        )
        place = (
            0.0
            if r.territory is None or territory is None
            else 1.0
            if r.territory == territory
            else TERRITORY_NESTED
            if r.territory in nested
            else 0.0
        )
        text = sum(weight * r.vector.get(term, 0.0) for term, weight in vector.items()) if r.vector else 0.0
        scores[b] = (
            w["enjeux"] * issue
            + w["territoire"] * place
            + w["membres"] * (len(partners & r.members) / len(partners) if partners else 0.0)
            + w["texte"] * text
            + w["fonctions"] * _jaccard(functions, r.functions)
            + w["populations"] * _jaccard(populations, r.populations)
        )
    kept = heapq.nlargest(top, scores.values())
    if len(kept) < top or kept[-1] <= w["texte"] + MARGIN:
        words: defaultdict[str, float] = defaultdict(float)
        for term, weight in vector.items():
            for instance, other in index["terms"].get(term, {}).items():
                if instance not in scores:
                    words[instance] += weight * other
        scores.update((instance, w["texte"] * value) for instance, value in words.items())
    return {b: s for b, s in scores.items() if s > 0}


def ranked_instances(projection: Projection, initiative: Initiative, top: int = 10) -> list[tuple[float, str]]:
    """The ``top`` instances by :func:`~ecosystem.analysis.overlap.overlap_score` (above 0), best first, ties by IRI."""
    indexed = candidate_scores(projection, initiative, top)
    if not indexed:
        return []
    floor = heapq.nlargest(top, indexed.values())[-1] - MARGIN
    exact = [(overlap_score(projection, initiative, b), b) for b, s in indexed.items() if s >= floor]
    exact.sort(key=lambda x: (-x[0], x[1]))
    return [(score, b) for score, b in exact[:top] if score > 0]
