"""Mandate overlap of two instances, or of a proposed initiative and an instance.

The score is a weighted sum of six components, each in [0, 1]:

============ ====== ===================================================================
component    weight value
============ ====== ===================================================================
enjeux       0.30   SKOS-aware: each issue scores 1 when the other side has it, 0.5 when
                    the other side has a broader or narrower one, else 0; two instances:
                    mean of both sides' mean scores; initiative: mean over its issues
territoire   0.20   same territory 1, one nested in the other (``skos:broader``) 0.5,
                    disjoint 0
membres      0.20   two instances: Jaccard of the member sets; initiative: share of the
                    intended partners already sitting on the instance
texte        0.10   TF-IDF cosine of label + mandate (``ecosystem.analysis.text``)
fonctions    0.10   Jaccard of the functions
populations  0.10   Jaccard of the target populations
============ ====== ===================================================================

A component that one side does not state (no issue, no territory…) is **unknown**: it
adds 0 and is reported as such (``valeur`` ``None``), so scores stay comparable.
Each result lists the matching issues, the territorial relation, the shared members and
the shared words, and each component's contribution and share of the score.

References
----------
.. [1] Jaccard, P. (1912). The distribution of the flora in the alpine zone. New
   Phytologist 11(2), 37–50.
.. [2] W3C (2009). SKOS Simple Knowledge Organization System Reference, §8 (skos:broader).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ecosystem.analysis.text import TfIdf, corpus_texts, cosine
from ecosystem.cache import derived
from ecosystem.projection import Projection

__all__ = [
    "ISSUE_RELATED",
    "TERRITORY_NESTED",
    "WEIGHTS",
    "Initiative",
    "Overlap",
    "initiative_vector",
    "issue_family",
    "issue_relation",
    "mandate_overlap",
    "overlap_score",
    "territory_relation",
    "text_vectors",
]

WEIGHTS = {"enjeux": 0.30, "territoire": 0.20, "membres": 0.20, "texte": 0.10, "fonctions": 0.10, "populations": 0.10}
ISSUE_RELATED = 0.5
"""Credit of a broader/narrower issue match."""
TERRITORY_NESTED = 0.5
"""Credit of nested territories."""


@dataclass(frozen=True)
class Initiative:
    """A proposed initiative: concept IRIs for issues, functions, populations; actor IRIs for partners."""

    name: str
    issues: tuple[str, ...] = ()
    territory: str | None = None
    functions: tuple[str, ...] = ()
    populations: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    text: str | None = None
    hours_per_year: float | None = None


@dataclass(frozen=True)
class Overlap:
    """Score of ``a`` against ``b`` with each component's value, contribution and explanation."""

    a: str
    b: str
    score: float
    components: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "score": round(self.score, 4), "composantes": self.components}


def issue_family(projection: Projection, concept: str) -> str:
    """The top concept above ``concept`` (following the first ``skos:broader``)."""
    seen = set()
    while projection.concepts.get(concept, {}).get("broader") and concept not in seen:
        seen.add(concept)
        concept = projection.concepts[concept]["broader"][0]
    return concept


def issue_relation(projection: Projection, a: str, b: str) -> str | None:
    """``'meme'``, ``'plus-large'`` (``a`` is broader than ``b``), ``'plus-etroit'`` or ``None``."""
    if a == b:
        return "meme"
    if a in projection.concept_ancestors(b):
        return "plus-large"
    if b in projection.concept_ancestors(a):
        return "plus-etroit"
    return None


def territory_relation(projection: Projection, a: str | None, b: str | None) -> str | None:
    """``'meme'``, ``'englobe'`` (``a`` contains ``b``), ``'inclus'`` (``a`` inside ``b``), ``'disjoint'``;
    ``None`` when either is unknown."""
    if a is None or b is None:
        return None
    if a == b:
        return "meme"
    if a in projection.territory_ancestors(b):
        return "englobe"
    if b in projection.territory_ancestors(a):
        return "inclus"
    return "disjoint"


def _issue_side(projection, mine: Iterable[str], theirs: tuple[str, ...]) -> tuple[float, list[dict]]:
    matches, total, mine = [], 0.0, list(mine)
    for issue in mine:
        best, best_match = 0.0, None
        for other in theirs:
            relation = issue_relation(projection, issue, other)
            credit = 1.0 if relation == "meme" else ISSUE_RELATED if relation else 0.0
            if credit > best:
                best, best_match = credit, (other, relation)
        total += best
        if best_match:
            matches.append({"enjeu": issue, "correspond": best_match[0], "relation": best_match[1]})
    return (total / len(mine) if mine else 0.0), matches


def _jaccard(a, b) -> float | None:
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a and b else None


def _labels(projection, iris, lang="fr"):
    """The IRIs as ``{"iri": …}`` entries, sorted (labels come from ``ecosystem.presentation``)."""
    return [{"iri": iri} for iri in sorted(iris)]


@derived
def _text_model(projection: Projection) -> TfIdf:
    nodes = projection.two_mode.nodes
    return TfIdf.fit(corpus_texts((i, nodes[i]["label"], nodes[i]["mandate"]) for i in projection.instances))


def _initiative_vector(projection: Projection, model: TfIdf, initiative: Initiative) -> dict:
    """The initiative's text vector, kept for the next instance it is compared with (a check compares hundreds)."""
    text = " ".join(filter(None, (initiative.name, initiative.text)))
    return derived(_text_vector, keep=256)(projection, text)


def _text_vector(projection: Projection, text: str) -> dict:
    return _text_model(projection).vector(text)


def text_vectors(projection: Projection) -> dict[str, dict[str, float]]:
    """Each instance's TF-IDF vector (label and mandate), term → weight, L2-normalised."""
    return _text_model(projection).vectors


def initiative_vector(projection: Projection, initiative: Initiative) -> dict[str, float]:
    """The initiative's vector (its name and description) with the instances' IDF."""
    return _initiative_vector(projection, _text_model(projection), initiative)


def mandate_overlap(projection: Projection, a: str | Initiative, b: str) -> Overlap:
    """Overlap of instance (or :class:`Initiative`) ``a`` with instance ``b``, explained.

    Parameters
    ----------
    projection : Projection
    a : str or Initiative
        An instance IRI, or a proposed initiative (asymmetric variants of issues and members).
    b : str
        An instance IRI.

    Returns
    -------
    Overlap
        ``score`` in [0, 1] and, per component, ``valeur`` (``None`` if unknown), ``poids``,
        ``contribution``, ``part`` (share of the score) and its explanation.

    Raises
    ------
    KeyError
        If ``b`` (or ``a``) is not an instance of the projection.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> g = nx.Graph()
    >>> food = "https://w3id.org/ecosysteme/vocab/enjeux/securite-alimentaire"
    >>> for i in ("i1", "i2"):
    ...     g.add_node(i, kind="instance", label=i, issues=(food,), territory="t", functions=(), populations=(), mandate=None)
    >>> g.add_edges_from([("a1", "i1"), ("a1", "i2"), ("a2", "i1")])
    >>> p = Projection(g, {"t": {"label": "T", "parent": None, "type": None}}, {}, datetime.date(2025, 1, 1))
    >>> overlap = mandate_overlap(p, "i1", "i2")
    >>> overlap.components["membres"]["valeur"], overlap.components["territoire"]["relation"]
    (0.5, 'meme')
    """
    name, values, context = _components(projection, a, b)
    mine, other, vector, model = context["mine"], context["other"], context["vector"], context["model"]
    explanations = {
        "enjeux": {"correspondances": list(context["matches"])},
        "territoire": {"relation": context["relation"], "a": mine["territory"], "b": other["territory"]},
        "membres": {"communs": _labels(projection, context["shared"])},
        "texte": {"mots": model.shared_terms(vector, model.vectors.get(b, {}))},
        "fonctions": {"communes": _labels(projection, set(mine["functions"]) & set(other["functions"]))},
        "populations": {"communes": _labels(projection, set(mine["populations"]) & set(other["populations"]))},
    }
    score = _score(values)
    components = {}
    for key, value in values.items():
        contribution = WEIGHTS[key] * (value or 0.0)
        components[key] = {
            "valeur": None if value is None else round(value, 4),
            "poids": WEIGHTS[key],
            "contribution": round(contribution, 4),
            "part": round(contribution / score, 4) if score else 0.0,
        } | explanations[key]
    return Overlap(name, b, score, components)


def overlap_score(projection: Projection, a: str | Initiative, b: str) -> float:
    """The score of :func:`mandate_overlap` without its explanation (to rank many instances fast)."""
    return _score(_components(projection, a, b)[1])


def _score(values: dict) -> float:
    return sum(WEIGHTS[key] * (value or 0.0) for key, value in values.items())


def _components(projection: Projection, a, b: str) -> tuple[str, dict, dict]:
    nodes = projection.two_mode.nodes
    if b not in projection.members:
        raise KeyError(f"instance inconnue / unknown instance: {b}")
    other = nodes[b]
    model = _text_model(projection)
    mine: Mapping[str, Any]
    issue_value: float | None
    shared: set[str] | frozenset[str]
    if isinstance(a, Initiative):
        mine = {"issues": a.issues, "territory": a.territory, "functions": a.functions, "populations": a.populations}
        vector, name = _initiative_vector(projection, model, a), a.name
        issue_value, matches = _issue_side(projection, a.issues, other["issues"])
        issue_value = issue_value if a.issues and other["issues"] else None
        partners = set(a.partners)
        shared = partners & projection.members[b]
        member_value = len(shared) / len(partners) if partners else None
    else:
        if a not in projection.members:
            raise KeyError(f"instance inconnue / unknown instance: {a}")
        mine, vector, name = nodes[a], model.vectors.get(a, {}), a
        forward, matches = _issue_side(projection, mine["issues"], other["issues"])
        backward, _ = _issue_side(projection, other["issues"], mine["issues"])
        issue_value = (forward + backward) / 2 if mine["issues"] and other["issues"] else None
        shared = projection.members[a] & projection.members[b]
        member_value = _jaccard(projection.members[a], projection.members[b])
    relation = territory_relation(projection, mine["territory"], other["territory"])
    values = {
        "enjeux": issue_value,
        "territoire": None if relation is None else {"meme": 1.0, "disjoint": 0.0}.get(relation, TERRITORY_NESTED),
        "membres": member_value,
        "texte": cosine(vector, model.vectors[b]) if vector and model.vectors.get(b) else None,
        "fonctions": _jaccard(mine["functions"], other["functions"]),
        "populations": _jaccard(mine["populations"], other["populations"]),
    }
    context = {
        "mine": mine,
        "other": other,
        "vector": vector,
        "model": model,
        "matches": matches,
        "relation": relation,
        "shared": shared,
    }
    return name, values, context
