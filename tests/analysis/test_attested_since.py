"""« Faits attestés depuis AAAA » : the analyses can leave out facts older than a year.

Every instance and membership of the Mauricie data carries the year its source attests
it (``eco:attestedIn``). ``since`` (``--depuis`` on the command line, ``?depuis=`` on the
web) keeps the instances and memberships attested in that year or later; a fact with no
attested year is not shown to be recent and is left out too. By default every fact counts.
"""

from __future__ import annotations

import datetime
import json

from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, ORG, RDF, XSD
from typer.testing import CliRunner

from ecosystem.analysis.seats import seats_and_load
from ecosystem.cli import app
from ecosystem.loading import load_paths
from ecosystem.namespaces import ECO, ID
from ecosystem.projection import build_projection, projection_from_graph
from ecosystem.settings import Settings

CIUSSS = str(ID["acteur/ciusss-mcq"])


def _year(graph, node) -> int | None:
    value = graph.value(node, ECO.attestedIn)
    return None if value is None else int(str(value)[:4])


def _current(graph, actor):
    while (successor := graph.value(actor, DCTERMS.isReplacedBy)) is not None:
        actor = successor
    return actor


def _seats_since(graph, since: int) -> set[tuple[str, str]]:
    """(actor, instance) pairs recomputed from the triples: both the membership and its instance attested since."""
    seats = set()
    for m in graph.subjects(RDF.type, ORG.Membership):
        instance = graph.value(m, ORG.organization)
        if (_year(graph, m) or 0) >= since and (_year(graph, instance) or 0) >= since:
            seats.add((str(_current(graph, graph.value(m, ORG.member))), str(instance)))
    return seats


def test_since_keeps_only_facts_attested_that_year_or_later(mauricie_graph):
    everything = projection_from_graph(mauricie_graph)
    recent = projection_from_graph(mauricie_graph, since=2020)
    assert recent.since == 2020 and everything.since is None
    assert {frozenset(e) for e in recent.two_mode.edges} == {frozenset(s) for s in _seats_since(mauricie_graph, 2020)}
    assert 0 < recent.two_mode.number_of_edges() < everything.two_mode.number_of_edges()
    for instance in recent.instances:
        assert _year(mauricie_graph, ID[instance.removeprefix(str(ID))]) >= 2020, instance
    undated = str(ID["instance/comite-local-developpement-social-haut-saint-maurice"])
    assert everything.two_mode.degree(undated) == 13  # the undated list counts by default


def test_the_store_and_the_graph_agree_and_are_cached_per_year(mauricie_store, mauricie_graph):
    from_store = build_projection(mauricie_store, since=2020)
    assert build_projection(mauricie_store, since=2020) is from_store
    assert build_projection(mauricie_store, since=2015) is not from_store
    assert set(map(frozenset, from_store.two_mode.edges)) == set(
        map(frozenset, projection_from_graph(mauricie_graph, since=2020).two_mode.edges)
    )


def test_depuis_on_the_command_line_and_on_the_web(mauricie_store_dir, mauricie_graph):
    expected = sum(1 for actor, _ in _seats_since(mauricie_graph, 2020) if actor == CIUSSS)
    assert expected < seats_and_load(projection_from_graph(mauricie_graph))[CIUSSS].sieges
    result = CliRunner().invoke(
        app, ["--store", str(mauricie_store_dir), "analyze", "--depuis", "2020", "seats", "--json", "--top", "100"]
    )
    assert result.exit_code == 0, result.output
    assert next(row["sieges"] for row in json.loads(result.output) if row["acteur"] == CIUSSS) == expected
    with TestClient(create_app(Settings(store=mauricie_store_dir))) as client:
        # a seat threshold of 0 lists every actor that has a seat
        recent = client.get("/api/analyses/sur-sollicitation", params={"depuis": 2020, "sieges": 0}).json()
        everything = client.get("/api/analyses/sur-sollicitation", params={"sieges": 0}).json()
        assert client.get("/api/analyses/sur-sollicitation", params={"depuis": "hier"}).status_code == 422
    seats = {row["acteur"]: row["sieges"] for row in recent["acteurs"]}
    assert seats.get(CIUSSS, 0) == expected
    assert {row["acteur"]: row["sieges"] for row in everything["acteurs"]}[CIUSSS] > expected


# --- a confirmation renews a fact --------------------------------------------------------------

OLD_SEAT = ID["participation/comite-developpement-social-des-chenaux/cdc-des-chenaux"]  # attested 2006, instance 2024
OLD_INSTANCE = ID["instance/comite-regional-transport-collectif"]  # attested 2017, its seats 2008
OLD_INSTANCE_SEAT = ID["participation/comite-regional-transport-collectif/consortium"]


def _confirmed(graph, *confirmations):
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    for node, day in confirmations:
        copy.add((node, ECO.confirmedOn, Literal(day, datatype=XSD.date)))
    return copy


def _edge(graph, membership) -> frozenset:
    return frozenset(
        (str(_current(graph, graph.value(membership, ORG.member))), str(graph.value(membership, ORG.organization)))
    )


def test_a_confirmed_fact_counts_whatever_its_attested_year(mauricie_graph):
    assert _year(mauricie_graph, OLD_SEAT) == 2006 and _year(mauricie_graph, OLD_INSTANCE) == 2017
    seat = _edge(mauricie_graph, OLD_SEAT)
    before = {frozenset(e) for e in projection_from_graph(mauricie_graph, since=2020).two_mode.edges}
    assert seat not in before
    renewed = projection_from_graph(_confirmed(mauricie_graph, (OLD_SEAT, "2026-12-03")), since=2020)
    assert {frozenset(e) for e in renewed.two_mode.edges} == before | {seat}
    assert renewed.two_mode.edges[tuple(seat)]["confirmed"] == datetime.date(2026, 12, 3)
    assert renewed.two_mode.edges[tuple(seat)]["attested"] == 2006  # the age shown stays the source's


def test_a_confirmation_renews_a_fact_to_its_own_year_only(mauricie_graph):
    seat = _edge(mauricie_graph, OLD_SEAT)
    confirmed_2019 = projection_from_graph(_confirmed(mauricie_graph, (OLD_SEAT, "2019-05-01")), since=2020)
    assert seat not in {frozenset(e) for e in confirmed_2019.two_mode.edges}
    assert seat in {
        frozenset(e)
        for e in projection_from_graph(_confirmed(mauricie_graph, (OLD_SEAT, "2019-05-01")), since=2019).two_mode.edges
    }


def test_a_confirmed_seat_renews_its_instance_and_only_itself(mauricie_graph):
    instance = str(OLD_INSTANCE)
    assert instance not in projection_from_graph(mauricie_graph, since=2020).two_mode
    renewed = projection_from_graph(_confirmed(mauricie_graph, (OLD_INSTANCE_SEAT, "2026-12-03")), since=2020)
    assert set(renewed.two_mode[instance]) == {str(ID["acteur/consortium"])}  # the other 2008 seats stay out
    alone = projection_from_graph(_confirmed(mauricie_graph, (OLD_INSTANCE, "2026-12-03")), since=2020)
    assert instance in alone.two_mode and alone.two_mode.degree(instance) == 0  # confirmed, its seats not


def test_the_seats_analysis_and_the_store_count_a_confirmation(mauricie_graph, empty_store, mauricie_path):
    load_paths(empty_store, [mauricie_path])
    actor = str(mauricie_graph.value(OLD_SEAT, ORG.member))
    before = seats_and_load(build_projection(empty_store, since=2020)).get(actor)
    empty_store.apply(add=[(OLD_SEAT, ECO.confirmedOn, Literal("2026-12-03", datatype=XSD.date))])
    after = seats_and_load(build_projection(empty_store, since=2020))[actor]
    assert after.sieges == (before.sieges if before else 0) + 1
