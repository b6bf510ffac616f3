"""Two-mode communities (Barber's Q_B), nested tables, fragile bridges and seat concentration,
on Davis « Southern Women » and on small graphs checked by hand."""

from __future__ import annotations

import datetime

import networkx as nx
import pytest

from ecosystem.analysis.bridges import actor_redundancy, fragile_bridges
from ecosystem.analysis.communities import barber_modularity, two_mode_communities
from ecosystem.analysis.concentration import concentration, gini, top_share
from ecosystem.analysis.nesting import nested_tables
from ecosystem.projection import Projection

DAY = datetime.date(2025, 1, 1)
FIRST_CORE = {"Evelyn Jefferson", "Laura Mandeville", "Theresa Anderson", "Brenda Rogers"}
SECOND_CORE = {"Sylvia Avondale", "Nora Fayette", "Helen Lloyd", "Katherina Rogers"}


def projection_of(edges, isolated=()) -> Projection:
    graph = nx.Graph(edges)
    graph.add_nodes_from(isolated)
    for node in graph:
        graph.nodes[node].update(kind="actor" if node[0] == "a" else "instance", label=node)
    return Projection(graph, {}, {}, DAY)


@pytest.fixture(scope="module")
def davis():
    graph = nx.davis_southern_women_graph()
    women = {n for n, d in graph.nodes(data=True) if d["bipartite"] == 0}
    two_mode = nx.Graph()
    for node in graph:
        two_mode.add_node(node, kind="actor" if node in women else "instance", label=node)
    two_mode.add_edges_from(graph.edges())
    return graph, women, Projection(two_mode, {}, {}, DAY)


def hand_q_b(graph, women, community_of) -> float:
    """Q_B = (1/m) Σ_{woman i, event j} (A_ij − k_i d_j / m) δ(c_i, c_j), term by term."""
    m = graph.number_of_edges()
    events = set(graph) - women
    return sum((graph.has_edge(i, j) - graph.degree(i) * graph.degree(j) / m)
               for i in women for j in events if community_of[i] == community_of[j]) / m


def groups_of(result) -> list[tuple[set, set]]:
    return [({a["iri"] for a in g["acteurs"]}, {i["iri"] for i in g["instances"]}) for g in result.groups]


def community_map(result) -> dict:
    return {member["iri"]: g["numero"] for g in result.groups for member in g["acteurs"] + g["instances"]}


def test_davis_communities_separate_the_cores_and_e8_is_not_alone(davis):
    graph, women, projection = davis
    result = two_mode_communities(projection, seed=0)
    groups = groups_of(result)
    first = next(g for g in groups if g[0] >= FIRST_CORE)
    second = next(g for g in groups if g[0] >= SECOND_CORE)
    assert first is not second
    with_e8 = next(g for g in groups if "E8" in g[1])
    assert len(with_e8[1]) >= 2 and len(with_e8[0]) >= 3  # E8 sits with other events and several women
    assert result.modularity == pytest.approx(hand_q_b(graph, women, community_map(result)), abs=1e-6)
    assert result.method == "barber" and two_mode_communities(projection, seed=0) == result


def test_davis_two_communities_give_two_groups_of_women(davis):
    graph, women, projection = davis
    result = two_mode_communities(projection, max_communities=2)
    groups = groups_of(result)
    assert len(groups) == 2 and sorted(len(g[0]) for g in groups) == [8, 10]
    assert any(g[0] >= FIRST_CORE for g in groups) and any(g[0] >= SECOND_CORE for g in groups)
    assert not any(g[0] >= FIRST_CORE and g[0] >= SECOND_CORE for g in groups)
    assert result.modularity == pytest.approx(hand_q_b(graph, women, community_map(result)), abs=1e-6)


def test_bipartite_optimisation_beats_the_projection_and_plain_louvain(davis):
    graph, women, projection = davis
    barber = two_mode_communities(projection).modularity
    by_projection = two_mode_communities(projection, method="projection")
    assert by_projection.method == "projection"
    assert barber > by_projection.modularity
    louvain = {n: k for k, c in enumerate(nx.community.louvain_communities(graph, seed=0)) for n in c}
    assert barber > barber_modularity(graph, women, louvain)
    with pytest.raises(ValueError):
        two_mode_communities(projection, method="spectral")


def test_communities_are_labelled_with_iris(davis):
    _, _, projection = davis
    result = two_mode_communities(projection)
    for group in result.groups:
        assert group["instance_centrale"] in {i["iri"] for i in group["instances"]}


def test_robins_alexander_on_davis(davis):
    graph, _, projection = davis
    value = concentration(projection).robins_alexander
    assert round(value, 3) == 0.468
    assert value == pytest.approx(nx.bipartite.robins_alexander_clustering(graph), abs=1e-12)


def test_redundancy_equals_networkx(davis):
    graph, women, projection = davis
    expected = nx.bipartite.node_redundancy(graph, women)
    assert actor_redundancy(projection) == pytest.approx(expected, abs=1e-12)


def test_a_nested_table_is_contained():
    projection = projection_of([("a1", "i-big"), ("a2", "i-big"), ("a3", "i-big"), ("a4", "i-big"),
                                ("a1", "i-sub"), ("a2", "i-sub"), ("a3", "i-other"), ("a5", "i-other")])
    [pair, *rest] = nested_tables(projection)
    assert (pair["a"], pair["b"], pair["c_min"], pair["jaccard"], pair["finding"]) == ("i-sub", "i-big", 1.0, 0.5, "contenue")
    assert [(p["a"], p["c_min"], p["finding"]) for p in rest] == [("i-other", 0.5, None)]


def test_a_fragile_bridge_is_the_only_link():
    # Two tables of three members each; a4 alone sits on both.
    projection = projection_of([("a1", "i-east"), ("a2", "i-east"), ("a4", "i-east"),
                                ("a4", "i-west"), ("a5", "i-west"), ("a6", "i-west"), ("a6", "i-lone")])
    [bridge] = fragile_bridges(projection)
    assert bridge["actor"] == "a4" and bridge["redundancy"] == 0.0
    assert [(s["instances"], s["actors"], s["examples"]) for s in bridge["sides"]] == [
        (2, 2, ["i-west", "i-lone"]), (1, 2, ["i-east"])]


def test_concentration_by_hand():
    assert gini([2, 2, 2]) == 0.0 and gini([0, 0, 0, 4]) == 0.75 and gini([5]) is None
    assert top_share([1] * 99 + [101], 1) == pytest.approx(101 / 200)
    projection = projection_of([("a1", "i1"), ("a1", "i2"), ("a1", "i3"), ("a2", "i1")], isolated=["a3"])
    result = concentration(projection)
    assert (result.actors_with_seats, result.seats, result.gini_seats) == (2, 4, 0.25)
    assert result.top_shares == {1: 0.75, 5: 0.75, 10: 0.75}
