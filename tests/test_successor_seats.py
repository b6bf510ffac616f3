"""A renamed body's seat counts once, under its successor, in seats and in the check.

An old name (a CSSS merged into the CIUSSS in 2015, a school board that became a
service centre in 2020) keeps its own node, linked by ``dcterms:isReplacedBy``; its
memberships are the successor's seats in the projection, and a seat both hold on the
same instance is one seat.
"""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, ORG, RDF

from ecosystem.analysis.check import Initiative, check_initiative
from ecosystem.analysis.seats import seats_and_load
from ecosystem.namespaces import ECO, ID, VOCAB, actor_iri, instance_iri, membership_iri
from ecosystem.projection import build_projection, projection_from_graph

CIUSSS = str(ID["acteur/ciusss-mcq"])
CSS = str(ID["acteur/css-energie"])
PREDECESSORS = {
    CIUSSS: [
        "csss-haut-saint-maurice",
        "csss-vallee-de-la-batiscan",
        "csss-energie",
        "csss-trois-rivieres",
        "agence-sante-mcq",
    ],
    CSS: ["csde"],
}


def _seat(g: Graph, actor: str, instance: str, role: str, hours: float | None = None) -> None:
    m = membership_iri(instance, actor)
    g.add((m, RDF.type, ORG.Membership))
    g.add((m, ORG.member, actor_iri(actor)))
    g.add((m, ORG.organization, instance_iri(instance)))
    g.add((m, ORG.role, VOCAB[f"roles/{role}"]))
    if hours is not None:
        g.add((m, ECO.hoursPerYear, Literal(hours)))


def test_an_old_names_seat_is_its_successors_and_a_shared_seat_counts_once():
    g = Graph()
    for actor in ("ancien", "successeur"):
        g.add((actor_iri(actor), RDF.type, ECO.Actor))
    for instance in ("table", "comite"):
        g.add((instance_iri(instance), RDF.type, ECO.Instance))
    g.add((actor_iri("ancien"), DCTERMS.isReplacedBy, actor_iri("successeur")))
    _seat(g, "ancien", "table", "porteur", hours=12.0)
    _seat(g, "successeur", "table", "membre")
    _seat(g, "ancien", "comite", "membre")
    loads = seats_and_load(projection_from_graph(g))
    successor = loads[str(actor_iri("successeur"))]
    assert successor.sieges == 2
    assert successor.instances == tuple(sorted(str(instance_iri(i)) for i in ("comite", "table")))
    assert loads[str(actor_iri("ancien"))].sieges == 0
    edge = projection_from_graph(g).two_mode.edges[str(actor_iri("successeur")), str(instance_iri("table"))]
    assert edge["roles"] == tuple(sorted(str(VOCAB[f"roles/{r}"]) for r in ("membre", "porteur")))
    assert edge["hours"] == 12.0


def _instances_of(graph: Graph, slugs: list[str]) -> set[str]:
    actors = {actor_iri(s) for s in slugs}
    return {
        str(graph.value(m, ORG.organization))
        for m in graph.subjects(RDF.type, ORG.Membership)
        if graph.value(m, ORG.member) in actors
    }


def test_on_the_mauricie_data_the_successor_holds_each_seat_once(mauricie_graph):
    loads = seats_and_load(projection_from_graph(mauricie_graph))
    for successor, old in PREDECESSORS.items():
        slug = successor.rsplit("/", 1)[1]
        seats = _instances_of(mauricie_graph, [slug, *old])
        direct = _instances_of(mauricie_graph, [slug])
        assert len(seats) < len(direct) + len(_instances_of(mauricie_graph, old)), "some seat is held under both names"
        assert set(loads[successor].instances) == seats and loads[successor].sieges == len(seats)
        for name in old:
            assert loads[str(actor_iri(name))].sieges == 0


def test_the_store_projection_and_the_check_count_the_seat_once(mauricie_store, mauricie_graph):
    projection = build_projection(mauricie_store)
    seats = _instances_of(mauricie_graph, ["ciusss-mcq", *PREDECESSORS[CIUSSS]])
    assert seats_and_load(projection)[CIUSSS].sieges == len(seats)
    result = check_initiative(projection, Initiative("Nouvelle table", (), None, partners=(CIUSSS,)))
    (partner,) = result.partenaires
    assert partner["sieges_avant"] == len(seats) and partner["sieges_apres"] == len(seats) + 1
