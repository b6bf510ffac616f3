"""Facts the plan's tests record: a writable copy of a graph, and a held event related to a part of the plan."""

from __future__ import annotations

from rdflib import Graph, Literal

from ecosystem.namespaces import DCTERMS, ECO, ID, PROV, RDF, SKOS, XSD, concept_iri


def copy_of(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def record_event(graph: Graph, slug: str, kind: str, day: str, related, participants=()):
    """Add a held event of ``kind`` (a ``types-evenement`` notation) on ``day``, related to ``related``."""
    event = ID[f"evenement/essai-{slug}"]
    graph.add((event, RDF.type, ECO.Event))
    graph.add((event, SKOS.prefLabel, Literal(slug, lang="fr")))
    graph.add((event, ECO.eventType, concept_iri("types-evenement", kind)))
    graph.add((event, PROV.startedAtTime, Literal(day, datatype=XSD.date)))
    graph.add((event, DCTERMS.relation, related))
    for participant in participants:
        graph.add((event, PROV.wasAssociatedWith, participant))
    return event
