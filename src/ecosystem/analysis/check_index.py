"""The pre-initiative check's inverted indexes and ranking: the cost of a check grows with its postings.

Built once per projection (so once per data version and date): the instances numbered in one
order, and for each issue, territory, function, population and text term the positions of the
instances that have it (a NumPy array of positions, with the term's TF-IDF weights), each
instance's number of functions and populations, and every concept's related concepts (itself,
broader and narrower ones). An instance in none of an initiative's postings scores 0 on every
component of the mandate overlap (:mod:`ecosystem.analysis.overlap`).

Ranking (:func:`ranked_instances`) is in two steps. Every instance first gets the overlap score
computed per posting, for all instances at once: each component is one array, filled from the
postings of the initiative's issues (the best credit of an instance's issues), territories
(same 1, nested 0.5), partners (their seats), functions and populations (Jaccard from the
shared count and the sizes) and terms (the text cosine as a sum over the postings), then
weighted as :data:`~ecosystem.analysis.overlap.WEIGHTS`. The instances whose score is within
:data:`MARGIN` of the ``top``-th then have their score summed again as
:func:`~ecosystem.analysis.overlap.overlap_score` sums it (the same values in the same order, the
text cosine computed as it computes it), and are ranked by that. The text sum over postings
differs from the cosine only by the order of floating-point additions (far below the margin),
so the ranking, and each score, is the one a scan of every instance by ``overlap_score`` gives.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from ecosystem.analysis.overlap import (
    ISSUE_RELATED,
    TERRITORY_NESTED,
    WEIGHTS,
    Initiative,
    initiative_vector,
    text_vectors,
)
from ecosystem.analysis.text import cosine
from ecosystem.cache import derived
from ecosystem.projection import Projection

__all__ = ["MARGIN", "candidate_scores", "check_index", "nested_territories", "ranked_instances"]

MARGIN = 1e-9
"""How far below the ``top``-th score computed per posting an instance is still scored again exactly."""

_EMPTY = np.zeros(0, dtype=np.intp)


def _arrays(postings: dict[str, list[int]]) -> dict[str, np.ndarray]:
    return {key: np.asarray(positions, dtype=np.intp) for key, positions in postings.items()}


@derived
def check_index(projection: Projection) -> dict:
    """The postings and relations the check reads, built once per projection.

    >>> import datetime, networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("i", kind="instance", label="Table alimentaire", issues=("food",), territory="t",
    ...            functions=("f",), populations=(), mandate=None)
    >>> index = check_index(Projection(g, {"t": {"label": "T", "parent": None}}, {}, datetime.date(2025, 1, 1)))
    >>> index["order"], index["issues"]["food"].tolist(), index["functions"]["f"].tolist(), sorted(index["terms"])
    (['i'], [0], [0], ['alimentair', 'tabl'])
    """
    nodes, order = projection.two_mode.nodes, list(projection.instances)
    by: dict[str, defaultdict[str, list[int]]] = {
        name: defaultdict(list) for name in ("issues", "territory", "functions", "populations")
    }
    terms: defaultdict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
    vectors = text_vectors(projection)
    sizes = {"functions": np.zeros(len(order)), "populations": np.zeros(len(order))}
    for k, instance in enumerate(order):
        node = nodes[instance]
        for issue in set(node["issues"]):
            by["issues"][issue].append(k)
        by["territory"][node["territory"]].append(k)
        for key in ("functions", "populations"):
            concepts = set(node[key])
            sizes[key][k] = len(concepts)
            for concept in concepts:
                by[key][concept].append(k)
        for term, weight in vectors.get(instance, {}).items():
            terms[term][0].append(k)
            terms[term][1].append(weight)
    children: defaultdict[str, set] = defaultdict(set)
    for territory, entry in projection.territories.items():
        if entry.get("parent"):
            children[entry["parent"]].add(territory)
    related: dict[str, dict[str, float]] = {concept: {concept: 1.0} for concept in projection.concepts}
    for concept in projection.concepts:
        for ancestor in projection.concept_ancestors(concept):
            related.setdefault(concept, {concept: 1.0}).setdefault(ancestor, ISSUE_RELATED)
            related.setdefault(ancestor, {ancestor: 1.0}).setdefault(concept, ISSUE_RELATED)
    return {
        **{name: _arrays(postings) for name, postings in by.items()},
        "terms": {t: (np.asarray(p, dtype=np.intp), np.asarray(w)) for t, (p, w) in terms.items()},
        "order": order,
        "position": {instance: k for k, instance in enumerate(order)},
        "sizes": sizes,
        "children": children,
        "related": related,
    }


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


def _issue_component(index: dict, issues: tuple[str, ...], n: int) -> np.ndarray:
    """Per instance: the mean over the initiative's issues of the best credit among the instance's issues."""
    total = np.zeros(n)
    for issue in issues:
        best = np.zeros(n)
        for concept, credit in index["related"].get(issue, {issue: 1.0}).items():
            at = index["issues"].get(concept, _EMPTY)
            best[at] = np.maximum(best[at], credit)
        total += best
    return total / len(issues) if issues else total


def _place_component(index: dict, territory: str | None, nested: set[str], n: int) -> np.ndarray:
    place = np.zeros(n)
    for other in nested - {territory}:
        place[index["territory"].get(other, _EMPTY)] = TERRITORY_NESTED
    if territory is not None:
        place[index["territory"].get(territory, _EMPTY)] = 1.0
    return place


def _jaccard_component(index: dict, name: str, concepts: tuple[str, ...], n: int) -> np.ndarray:
    """Per instance: the Jaccard index of its ``name`` (functions or populations) with ``concepts``."""
    wanted = set(concepts)
    common = np.zeros(n)
    for concept in wanted:
        common[index[name].get(concept, _EMPTY)] += 1.0
    union = len(wanted) + index["sizes"][name] - common
    return np.divide(common, union, out=np.zeros(n), where=common > 0)


def _seat_positions(projection: Projection, actor: str) -> np.ndarray:
    """The positions (in ``check_index(projection)["order"]``) of the instances ``actor`` sits on; kept: a few
    actors are the partners of most checks, and the widest sit on a hundred instances."""
    return derived(_positions_of, keep=4096)(projection, actor)


def _positions_of(projection: Projection, actor: str) -> np.ndarray:
    position = check_index(projection)["position"]
    return np.asarray([position[i] for i in projection.two_mode[actor] if i in position], dtype=np.intp)


def _components(projection: Projection, initiative: Initiative) -> dict[str, np.ndarray]:
    """Every instance's component values (in ``check_index(projection)["order"]``), per posting, in the order
    of :data:`~ecosystem.analysis.overlap.WEIGHTS`."""
    index = check_index(projection)
    n = len(index["order"])
    members = np.zeros(n)
    partners = set(initiative.partners)
    for partner in partners:
        members[_seat_positions(projection, partner)] += 1.0
    text = np.zeros(n)
    for term, weight in initiative_vector(projection, initiative).items():
        at, weights = index["terms"].get(term, (_EMPTY, np.zeros(0)))
        text[at] += weight * weights
    nested = nested_territories(projection, initiative.territory)
    found = {
        "enjeux": _issue_component(index, initiative.issues, n),
        "territoire": _place_component(index, initiative.territory, nested, n),
        "membres": members / len(partners) if partners else members,
        "texte": text,
        "fonctions": _jaccard_component(index, "functions", initiative.functions, n),
        "populations": _jaccard_component(index, "populations", initiative.populations, n),
    }
    return {key: found[key] for key in WEIGHTS}


def _scores(projection: Projection, initiative: Initiative) -> np.ndarray:
    """Every instance's overlap score with ``initiative`` (in ``check_index(projection)["order"]``), per posting."""
    total = np.zeros(len(check_index(projection)["order"]))
    for key, values in _components(projection, initiative).items():
        total += WEIGHTS[key] * values
    return total


def _exact(components: dict[str, np.ndarray], k: int, vector: dict, other: dict) -> float:
    """Instance ``k``'s score summed as :func:`~ecosystem.analysis.overlap.overlap_score` sums it: the same
    values in the same order, the text cosine computed as it computes it (the other values are exact already:
    counts, their quotients, fixed credits)."""
    values = {key: float(array[k]) for key, array in components.items()}
    values["texte"] = cosine(vector, other) if vector and other else 0.0
    return sum(WEIGHTS[key] * value for key, value in values.items())


def candidate_scores(projection: Projection, initiative: Initiative, top: int = 10) -> dict[str, float]:
    """The instances scoring above 0 with their overlap score computed per posting (``top`` is not needed:
    every instance is scored at once)."""
    order, scores = check_index(projection)["order"], _scores(projection, initiative)
    return {order[k]: float(scores[k]) for k in np.flatnonzero(scores > 0)}


def ranked_instances(projection: Projection, initiative: Initiative, top: int = 10) -> list[tuple[float, str]]:
    """The ``top`` instances by :func:`~ecosystem.analysis.overlap.overlap_score` (above 0), best first, ties by IRI."""
    order, components = check_index(projection)["order"], _components(projection, initiative)
    scores = np.zeros(len(order))
    for key, array in components.items():
        scores += WEIGHTS[key] * array
    positive = np.flatnonzero(scores > 0)
    if not len(positive) or top <= 0:
        return []
    values = scores[positive]
    floor = (
        values.min() if len(values) <= top else np.partition(values, len(values) - top)[len(values) - top]
    ) - MARGIN
    vector, vectors = initiative_vector(projection, initiative), text_vectors(projection)
    exact = [(_exact(components, k, vector, vectors.get(order[k], {})), order[k]) for k in positive[values >= floor]]
    exact.sort(key=lambda x: (-x[0], x[1]))
    return [(score, b) for score, b in exact[:top] if score > 0]
