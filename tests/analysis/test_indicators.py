"""The plan dashboard on the Mauricie data: targets as the plan states them, values computed or unknown."""

from __future__ import annotations

from datetime import date

from rdflib import Graph, Literal, URIRef

from ecosystem.analysis.indicators import plan_dashboard
from ecosystem.namespaces import DCTERMS, ECO, ID, PROV, RDF, XSD
from tests.analysis.plan_facts import copy_of, record_event

ABC = ID["plan/2024-2028/axe/concertation/indicateur/abc"]
MEETINGS = ID["plan/2024-2028/axe/accompagnement/indicateur/rencontres-chantiers"]


def _by_iri(statuses):
    return {URIRef(s.iri): s for s in statuses}


def test_every_indicator_of_the_plan_is_listed_with_its_target(mauricie_graph):
    statuses = _by_iri(plan_dashboard(mauricie_graph, today=date(2025, 6, 1)))
    assert len(statuses) == len(set(mauricie_graph.subjects(RDF.type, ECO.Indicator)))
    abc = statuses[ABC]
    assert abc.target_value == 100 and abc.target_unit == "%" and abc.axis
    assert {s.target_value for s in statuses.values()} >= {100, 75, 80, 2, 1}


def test_values_the_graph_does_not_hold_stay_unknown(mauricie_graph):
    statuses = plan_dashboard(mauricie_graph, today=date(2025, 6, 1))
    assert all(s.value is None and s.method == "inconnu" and s.met is None for s in statuses)
    assert "inconnue" in _by_iri(statuses)[ABC].explanation_fr


def test_abc_coverage_is_computed_from_held_workshops(mauricie_graph):
    graph = copy_of(mauricie_graph)
    concertations = sorted(graph.objects(ABC, DCTERMS.relation))
    assert len(concertations) == 6
    record_event(graph, "abc-1", "atelier", "2025-02-10", ABC, concertations[:2])
    record_event(graph, "abc-2", "atelier", "2025-03-10", ABC, concertations[1:3])
    record_event(graph, "abc-futur", "atelier", "2026-03-10", ABC, concertations[3:])  # not held yet
    status = _by_iri(plan_dashboard(graph, today=date(2025, 6, 1)))[ABC]
    assert status.method == "graphe"
    assert status.value == 50.0  # 3 of 6
    assert status.met is False
    assert sum(d["formee"] for d in status.details) == 3


def test_regional_meetings_take_the_smallest_count_over_work_sites(mauricie_graph):
    graph = copy_of(mauricie_graph)
    worksites = sorted(graph.objects(MEETINGS, DCTERMS.relation))
    assert len(worksites) == 3
    for n, day in enumerate(["2025-01-15", "2025-05-15"]):
        record_event(graph, f"rr-{n}", "rencontre-regionale", day, MEETINGS, worksites)
    record_event(graph, "rr-2024", "rencontre-regionale", "2024-05-15", MEETINGS, worksites[:1])  # another year
    record_event(graph, "rr-extra", "rencontre-regionale", "2025-04-01", MEETINGS, worksites[:1])
    status = _by_iri(plan_dashboard(graph, today=date(2025, 12, 31)))[MEETINGS]
    assert status.value == 2.0 and status.met is True
    assert sorted(d["rencontres"] for d in status.details) == [2, 2, 3]


def test_an_observation_gives_a_value_with_its_source():
    graph = Graph()
    indicator = ID["plan/p/indicateur/satisfaction"]
    graph.add((indicator, RDF.type, ECO.Indicator))
    graph.add((indicator, ECO.targetValue, Literal("80", datatype=XSD.decimal)))
    for slug, day, value in (("a", "2025-01-01", "70"), ("b", "2025-12-01", "85")):
        observation = ID[f"observation/{slug}"]
        graph.add((observation, ECO.observes, indicator))
        graph.add((observation, ECO.observedValue, Literal(value, datatype=XSD.decimal)))
        graph.add((observation, DCTERMS.date, Literal(day, datatype=XSD.date)))
        graph.add((observation, PROV.wasDerivedFrom, URIRef(f"https://example.org/sondage-{slug}")))
    (status,) = plan_dashboard(graph)
    assert (status.value, status.method, status.met) == (85.0, "observation", True)
    assert status.sources == ["https://example.org/sondage-b"]
