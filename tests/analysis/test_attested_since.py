"""« Faits attestés depuis AAAA » : the analyses can leave out facts older than a year.

Every instance and membership of the Mauricie data carries the year its source attests
it (``eco:attestedIn``). ``since`` (``--depuis`` on the command line, ``?depuis=`` on the
web) keeps the instances and memberships attested in that year or later; a fact with no
attested year is not shown to be recent and is left out too. By default every fact counts.
"""

from __future__ import annotations

import json

from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from rdflib.namespace import DCTERMS, ORG, RDF
from typer.testing import CliRunner

from ecosystem.analysis.seats import seats_and_load
from ecosystem.cli import app
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
        map(frozenset, projection_from_graph(mauricie_graph, since=2020).two_mode.edges))


def test_depuis_on_the_command_line_and_on_the_web(mauricie_store_dir, mauricie_graph):
    expected = sum(1 for actor, _ in _seats_since(mauricie_graph, 2020) if actor == CIUSSS)
    assert expected < seats_and_load(projection_from_graph(mauricie_graph))[CIUSSS].sieges
    result = CliRunner().invoke(app, ["--store", str(mauricie_store_dir), "analyze", "--depuis", "2020", "seats", "--json", "--top", "100"])
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

