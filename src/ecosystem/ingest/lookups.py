"""Find what a cell names: a concept of a vocabulary, a territory, an actor, an instance.

Values are compared as slugs (case, accents and punctuation folded), so
« Sécurité alimentaire », « securite-alimentaire » and « Food security » all name
the same issue. When nothing matches, :func:`closest` proposes the nearest name.

>>> vocabulary("enjeux").find("SÉCURITÉ ALIMENTAIRE")
rdflib.term.URIRef('https://w3id.org/ecosysteme/vocab/enjeux/securite-alimentaire')
>>> vocabulary("enjeux").find("Food security") == vocabulary("enjeux").find("securite-alimentaire")
True
>>> closest("securte-alimentaire", ["securite-alimentaire", "habitation"])
'securite-alimentaire'
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import URIRef

from ecosystem.namespaces import ID, SKOS, VOCAB, slugify
from ecosystem.ontology import vocabulary_graph
from ecosystem.queries import labelled_ids_query, parent_instances_query, plan_items_query
from ecosystem.store.base import CURRENT, Store

__all__ = ["Known", "Vocabulary", "closest", "slug", "vocabulary"]


@lru_cache(maxsize=200_000)
def slug(text: str) -> str:
    """:func:`ecosystem.namespaces.slugify`, cached: ids repeat across rows."""
    return slugify(text)


def closest(value: str, candidates, cutoff: float = 0.6) -> str | None:
    """The candidate nearest to ``value`` (difflib ratio; else the first one it begins), or None."""
    key = slug(value)
    matches = difflib.get_close_matches(key, list(candidates), n=1, cutoff=cutoff)
    if matches:
        return matches[0]
    if len(key) >= 3:
        return next((c for c in sorted(candidates) if c.startswith(key)), None)
    return None


@dataclass
class Vocabulary:
    """One concept scheme: its concepts by notation, and every name that finds them."""

    scheme: str
    notations: dict[str, URIRef] = field(default_factory=dict)
    keys: dict[str, URIRef] = field(default_factory=dict)

    def find(self, value: str) -> URIRef | None:
        if value.startswith(str(VOCAB)):
            return URIRef(value) if URIRef(value) in self.notations.values() else None
        return self.keys.get(slug(value))

    def suggest(self, value: str) -> str | None:
        """Notation of the concept whose name is nearest to ``value``."""
        key = closest(value, self.keys)
        if key is None:
            return None
        iri = self.keys[key]
        return next(n for n, i in self.notations.items() if i == iri)


@lru_cache
def vocabulary(scheme: str) -> Vocabulary:
    graph = vocabulary_graph()
    result = Vocabulary(scheme)
    for concept in sorted(graph.subjects(SKOS.inScheme, VOCAB[scheme]), key=str):
        if not isinstance(concept, URIRef):  # concepts are IRIs
            continue
        notation = str(graph.value(concept, SKOS.notation) or str(concept).rsplit("/", 1)[-1])
        result.notations[notation] = concept
        for name in (notation, *graph.objects(concept, SKOS.prefLabel), *graph.objects(concept, SKOS.altLabel)):
            result.keys.setdefault(slug(str(name)), concept)
    return result


@dataclass
class Known:
    """What the store already holds that an import may name: ids (slugs) and labels."""

    actors: dict[str, str] = field(default_factory=dict)
    instances: dict[str, str] = field(default_factory=dict)
    territories: dict[str, str] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    plan_items: dict[str, str] = field(default_factory=dict)
    """The action plan's indicators, deliverables and strategies: path below ``id/`` → label."""

    @classmethod
    def from_store(cls, store: Store) -> Known:
        known = cls()
        if not store.triple_count(CURRENT):
            return known
        for kind, target in (
            ("acteur", known.actors),
            ("instance", known.instances),
            ("territoire", known.territories),
        ):
            prefix = str(ID[f"{kind}/"])
            for row in store.select(labelled_ids_query(prefix)):
                target[str(row["s"])[len(prefix) :]] = str(row["label"] or "")
        for row in store.select(plan_items_query()):
            known.plan_items[str(row["s"]).removeprefix(str(ID))] = str(row["label"] or "")
        prefix = str(ID["instance/"])
        for row in store.select(parent_instances_query()):
            known.parents[str(row["s"])[len(prefix) :]] = str(row["p"])[len(prefix) :]
        return known
