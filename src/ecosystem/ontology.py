"""The ontology, vocabularies and shapes as rdflib graphs (parsed once per process)."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from ecosystem.namespaces import bind_prefixes
from ecosystem.paths import ontology_dir

__all__ = ["ontology_graph", "shapes_graph", "vocabulary_graph"]


def _parse(*names: str) -> Graph:
    graph = bind_prefixes(Graph())
    for name in names:
        graph.parse(ontology_dir() / name, format="turtle")
    return graph


@lru_cache
def ontology_graph() -> Graph:
    """Classes, properties and the SKOS vocabularies. Treat as read-only."""
    return _parse("ecosysteme.ttl", "vocabularies.ttl")


@lru_cache
def vocabulary_graph() -> Graph:
    """The SKOS concept schemes only. Treat as read-only."""
    return _parse("vocabularies.ttl")


@lru_cache
def shapes_graph() -> Graph:
    """The SHACL shapes. Treat as read-only."""
    return _parse("shapes.ttl")
