"""Two-mode centralities pinned to networkx on Davis « Southern Women »; constraint, communities, isolates."""

from __future__ import annotations

import datetime

import networkx as nx
import pytest

from ecosystem.analysis.structure import structure, two_mode_centrality
from ecosystem.projection import Projection
from ecosystem.projection_graphs import actor_graph


@pytest.fixture(scope="module")
def davis():
    graph = nx.davis_southern_women_graph()
    women = {n for n, d in graph.nodes(data=True) if d["bipartite"] == 0}
    return graph, women


def davis_projection(graph, women) -> Projection:
    two_mode = nx.Graph()
    for node in graph:
        two_mode.add_node(node, kind="actor" if node in women else "instance", label=node)
    two_mode.add_edges_from(graph.edges())
    return Projection(two_mode, {}, {}, datetime.date(2025, 1, 1))


@pytest.mark.parametrize(
    "measure, reference",
    [
        ("degre", nx.bipartite.degree_centrality),
        ("proximite", nx.bipartite.closeness_centrality),
        ("intermediarite", nx.bipartite.betweenness_centrality),
    ],
)
def test_davis_centralities_equal_networkx(davis, measure, reference):
    graph, women = davis
    values, method = two_mode_centrality(graph, women)
    expected = reference(graph, women)
    assert method["intermediarite"] == "exacte" and method["proximite"] == "exacte"
    for node in graph:
        assert values[node][measure] == pytest.approx(expected[node], abs=1e-12), node


def test_davis_known_values(davis):
    """Counts read off the data: Evelyn attended 8 of the 14 events; 14 of the 18 women attended E8."""
    graph, women = davis
    values, _ = two_mode_centrality(graph, women)
    assert values["Evelyn Jefferson"]["degre"] == pytest.approx(8 / 14)
    assert values["E8"]["degre"] == pytest.approx(14 / 18)


def test_sampled_mode_is_seeded_and_close(davis):
    graph, women = davis
    exact, _ = two_mode_centrality(graph, women)
    first, method = two_mode_centrality(graph, women, exact_limit=5, samples=20, seed=3)
    again, _ = two_mode_centrality(graph, women, exact_limit=5, samples=20, seed=3)
    assert first == again
    assert "pivots" in method["intermediarite"] and "pivots" in method["proximite"]
    assert first["Evelyn Jefferson"]["degre"] == exact["Evelyn Jefferson"]["degre"]  # degree is never sampled
    top_exact = sorted(graph, key=lambda n: -exact[n]["intermediarite"])[:5]
    top_sampled = sorted(graph, key=lambda n: -first[n]["intermediarite"])[:5]
    assert len(set(top_exact) & set(top_sampled)) >= 3


def test_constraint_equals_networkx_on_the_co_membership_graph(davis):
    graph, women = davis
    projection = davis_projection(graph, women)
    result = structure(projection)
    expected = nx.constraint(actor_graph(projection), weight="weight")
    for woman in women:
        assert result.contrainte[woman] == pytest.approx(expected[woman], abs=1e-6)


def test_communities_are_reproducible_and_cover_the_graph(davis):
    graph, women = davis
    projection = davis_projection(graph, women)
    first, second = structure(projection, seed=7), structure(projection, seed=7)
    assert first.communautes == second.communautes
    covered = [m["iri"] for c in first.communautes for m in c["instances"] + c["acteurs"]]
    assert sorted(covered) == sorted(graph)
    assert first.composantes == [{"taille": 32}] and first.isoles == []


def test_brokers_isolates_and_components_on_a_path():
    two_mode = nx.Graph([("a1", "i1"), ("a2", "i1"), ("a2", "i2"), ("a3", "i2"), ("a4", "i3"), ("a5", "i3")])
    two_mode.add_node("a6")
    for node in two_mode:
        two_mode.nodes[node].update(kind="actor" if node[0] == "a" else "instance", label=node)
    projection = Projection(two_mode, {}, {}, datetime.date(2025, 1, 1))
    result = structure(projection)
    brokers = result.brokers(projection, 2)
    assert brokers[0]["acteur"] == "a2"  # the only actor between two tables
    assert brokers[0]["contrainte"] < result.contrainte["a1"]
    assert result.contrainte["a6"] is None
    assert [i["iri"] for i in result.isoles] == ["a6"]
    assert result.composantes == [{"taille": 5}, {"taille": 3}]


def test_davis_bridging_instances_include_e8(davis):
    """E8, which 14 of the 18 women attended, bridges the two groups of Davis et al."""
    graph, women = davis
    projection = davis_projection(graph, women)
    bridging = structure(projection).bridging_instances(projection, 3)
    assert "E8" in [row["instance"] for row in bridging]
    expected = nx.bipartite.betweenness_centrality(graph, women)
    for row in bridging:
        assert row["intermediarite"] == pytest.approx(expected[row["instance"]], abs=1e-6)
    assert all(row["instance"] not in women for row in structure(projection).bridging_instances(projection, 14))
