"""Who carries which strategy, on the actor and instance pages: traced to the plan's rows (eco:responsible)."""

from __future__ import annotations

import html

from ecosystem.namespaces import ECO, ID, ORG, RDF


def _named(graph, iri) -> set[str]:
    return {str(s) for s in graph.subjects(ECO.responsible, iri) if (s, RDF.type, ECO.Strategy) in graph}


def test_an_actor_lists_the_strategies_the_plan_names_it_for_and_those_of_its_tables(client, mauricie_graph):
    consortium = ID["acteur/consortium"]
    data = client.get("/api/acteurs/consortium").json()
    direct = {s["id"] for s in data["strategies"] if s["directement"]}
    assert direct == _named(mauricie_graph, consortium)
    seats = {m for m in mauricie_graph.subjects(ORG.member, consortium)}
    tables = {mauricie_graph.value(m, ORG.organization) for m in seats}
    through = set().union(*(_named(mauricie_graph, t) for t in tables)) - direct
    assert {s["id"] for s in data["strategies"] if not s["directement"]} <= through
    page = html.unescape(client.get("/acteurs/consortium").text)
    assert "Stratégies du plan d'action qu'elle porte" in page and "Former les acteurs" in page


def test_an_instance_lists_its_strategies(client, mauricie_graph):
    concertation = ID["instance/comite-developpement-social-des-chenaux"]
    data = client.get("/api/instances/comite-developpement-social-des-chenaux").json()
    assert {s["id"] for s in data["strategies"]} == _named(mauricie_graph, concertation)
    assert all(s["directement"] for s in data["strategies"])
    english = client.get("/instances/comite-developpement-social-des-chenaux?lang=en").text
    assert "Strategies of the action plan it carries" in english
