"""Fixtures of the analysis tests: tiny graphs built by hand, a store folder with the Mauricie data."""

from __future__ import annotations

import datetime

import pytest
from rdflib import Graph, Literal

from ecosystem.loading import load_paths
from ecosystem.namespaces import (
    ECO,
    ORG,
    RDF,
    SKOS,
    XSD,
    actor_iri,
    concept_iri,
    instance_iri,
    membership_iri,
    territory_iri,
)
from ecosystem.store import EmbeddedStore


def add_instance(graph: Graph, identifier: str, territory: str | None, issues=(), **extra) -> None:
    i = instance_iri(identifier)
    graph.add((i, RDF.type, ECO.Instance))
    graph.add((i, SKOS.prefLabel, Literal(extra.get("label", identifier), lang="fr")))
    if territory:
        graph.add((i, ECO.territory, territory_iri(territory)))
    for issue in issues:
        graph.add((i, ORG.purpose, concept_iri("enjeux", issue)))
    for function in extra.get("functions", ()):
        graph.add((i, ECO.function, concept_iri("fonctions", function)))
    if extra.get("mandate"):
        graph.add((i, ECO.mandate, Literal(extra["mandate"], lang="fr")))
    if extra.get("meetings"):
        graph.add((i, ECO.meetingsPerYear, Literal(extra["meetings"], datatype=XSD.decimal)))
        graph.add((i, ECO.hoursPerMeeting, Literal(extra["hours"], datatype=XSD.decimal)))


def add_membership(graph: Graph, actor: str, instance: str, hours=None, start=None, end=None) -> None:
    m = membership_iri(actor, instance)
    graph.add((actor_iri(actor), RDF.type, ECO.Actor))
    graph.add((actor_iri(actor), SKOS.prefLabel, Literal(actor.upper(), lang="fr")))
    graph.add((m, RDF.type, ORG.Membership))
    graph.add((m, ORG.member, actor_iri(actor)))
    graph.add((m, ORG.organization, instance_iri(instance)))
    if hours is not None:
        graph.add((m, ECO.hoursPerYear, Literal(hours, datatype=XSD.decimal)))
    if start:
        graph.add((m, ECO.startDate, Literal(start, datatype=XSD.date)))
    if end:
        graph.add((m, ECO.endDate, Literal(end, datatype=XSD.date)))


@pytest.fixture
def region_graph() -> Graph:
    """A region with two MRC, four instances and five actors, small enough to check by hand.

    region ⊃ mrc-a, mrc-b.  i-food (region, sécurité alimentaire, 6 × 2 h),
    i-sat (mrc-a, système alimentaire territorial), i-food-a (mrc-a, sécurité alimentaire),
    i-housing (mrc-b, habitation). Memberships: a1 in all four (40 h declared in i-food-a);
    a2 in i-food, i-sat; a3 in i-food, i-food-a; a4 in i-housing; a5 ended in 2020 in i-food.
    """
    graph = Graph()
    for identifier, parent in (("region", None), ("mrc-a", "region"), ("mrc-b", "region")):
        t = territory_iri(identifier)
        graph.add((t, RDF.type, ECO.Territory))
        graph.add((t, SKOS.prefLabel, Literal(identifier, lang="fr")))
        graph.add((t, ECO.territoryType, concept_iri("types-territoire", "region" if parent is None else "mrc")))
        if parent:
            graph.add((t, SKOS.broader, territory_iri(parent)))
    add_instance(
        graph,
        "i-food",
        "region",
        ["securite-alimentaire"],
        meetings=6,
        hours=2,
        mandate="Concertation régionale en sécurité alimentaire",
        functions=["concertation"],
    )
    add_instance(
        graph, "i-sat", "mrc-a", ["systeme-alimentaire-territorial"], mandate="Système alimentaire territorial"
    )
    add_instance(
        graph,
        "i-food-a",
        "mrc-a",
        ["securite-alimentaire"],
        mandate="Sécurité alimentaire des familles",
        functions=["concertation"],
    )
    add_instance(graph, "i-housing", "mrc-b", ["habitation"], mandate="Logement abordable")
    for instance in ("i-food", "i-sat", "i-housing"):
        add_membership(graph, "a1", instance)
    add_membership(graph, "a1", "i-food-a", hours=40)
    add_membership(graph, "a2", "i-food")
    add_membership(graph, "a2", "i-sat")
    add_membership(graph, "a3", "i-food")
    add_membership(graph, "a3", "i-food-a")
    add_membership(graph, "a4", "i-housing")
    add_membership(graph, "a5", "i-food", start=datetime.date(2018, 1, 1), end=datetime.date(2020, 12, 31))
    return graph


@pytest.fixture(scope="session")
def mauricie_store_dir(tmp_path_factory, mauricie_path):
    """A closed on-disk store folder holding the Mauricie data, for the CLI to open."""
    folder = tmp_path_factory.mktemp("analyses") / "magasin"
    store = EmbeddedStore(folder)
    assert load_paths(store, [mauricie_path]).report.conforms
    store.close()
    return folder
