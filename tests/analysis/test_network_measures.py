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
    return (
        sum(
            (graph.has_edge(i, j) - graph.degree(i) * graph.degree(j) / m)
            for i in women
            for j in events
            if community_of[i] == community_of[j]
        )
        / m
    )


def groups_of(result) -> list[tuple[set, set]]:
    return [({a["iri"] for a in g["acteurs"]}, {i["iri"] for i in g["instances"]}) for g in result.groups]


def community_map(result) -> dict:
    return {member["iri"]: g["numero"] for g in result.groups for member in g["acteurs"] + g["instances"]}


# Davis, Gardner & Gardner's division of the eighteen women into two groups of nine: women 1-9 and
# 10-18 of their table, in the order networkx keeps (graph["top"]).
DGG_ORDER = nx.davis_southern_women_graph().graph["top"]
FIRST_GROUP, SECOND_GROUP = set(DGG_ORDER[:9]), set(DGG_ORDER[9:])


def test_davis_default_communities_give_two_groups_of_women(davis):
    graph, women, projection = davis
    result = two_mode_communities(projection, seed=0)
    assert (result.method, result.selection) == ("barber", "persistante")
    groups = groups_of(result)
    assert len(groups) == 2
    first = next(g for g in groups if g[0] >= FIRST_CORE)
    second = next(g for g in groups if g[0] >= SECOND_CORE)
    assert first is not second and not first[0] & SECOND_CORE and not second[0] & FIRST_CORE
    assert FIRST_CORE <= FIRST_GROUP and SECOND_CORE <= SECOND_GROUP
    assert (first[0], second[0]) == (FIRST_GROUP, SECOND_GROUP)  # exactly the ethnographers' two groups of nine
    assert "E8" in first[1] and len(first[1]) > 1 and len(first[0]) > 1  # E8 is not a community of its own
    assert result.modularity == pytest.approx(hand_q_b(graph, women, community_map(result)), abs=1e-6)
    assert result.modularity == pytest.approx(0.318394, abs=1e-6)
    low, high = result.resolution
    assert low < 1 and high < 1 and high / low > 2  # optimal over more than an octave of resolutions
    assert two_mode_communities(projection, seed=0) == result


@pytest.mark.parametrize("seed", [1, 7])
def test_davis_two_groups_do_not_depend_on_the_seed(davis, seed):
    _, _, projection = davis
    groups = groups_of(two_mode_communities(projection, seed=seed))
    assert sorted(g[0] == FIRST_GROUP or g[0] == SECOND_GROUP for g in groups) == [True, True]


def test_davis_q_b_maximum_is_kept_as_a_selection(davis):
    graph, women, projection = davis
    result = two_mode_communities(projection, seed=0, selection="maximum")
    assert (result.selection, result.resolution) == ("maximum", None)
    assert result.modularity == pytest.approx(0.345537, abs=1e-6)  # Barber's maximum: four groups of women
    groups = groups_of(result)
    assert len(groups) == 4 and all(g[0] and g[1] for g in groups)
    assert next(g for g in groups if g[0] >= FIRST_CORE) is not next(g for g in groups if g[0] >= SECOND_CORE)
    assert result.modularity == pytest.approx(hand_q_b(graph, women, community_map(result)), abs=1e-6)
    assert result.modularity > two_mode_communities(projection, seed=0).modularity
    with pytest.raises(ValueError):
        two_mode_communities(projection, selection="best")


def test_the_kept_partition_is_on_top_of_q_b_over_its_domain(davis):
    """Within its domain, Q_B(γ) of the kept partition beats the Q_B maximum's partition, outside it loses."""
    graph, women, projection = davis
    kept = two_mode_communities(projection, seed=0)
    finest = two_mode_communities(projection, seed=0, selection="maximum")
    low, high = kept.resolution

    def q_at(result, gamma):
        m, membership = graph.number_of_edges(), community_map(result)
        return (
            sum(
                (graph.has_edge(i, j) - gamma * graph.degree(i) * graph.degree(j) / m)
                for i in women
                for j in set(graph) - women
                if membership.get(i) == membership.get(j) is not None
            )
            / m
        )

    for gamma in (low * 1.01, (low * high) ** 0.5, high * 0.99):
        assert q_at(kept, gamma) > q_at(finest, gamma)
    assert q_at(kept, 1.0) < q_at(finest, 1.0)


def test_bipartite_optimisation_beats_the_projection_and_plain_louvain(davis):
    graph, women, projection = davis
    barber = two_mode_communities(projection, selection="maximum").modularity  # the optimiser at γ = 1
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
    projection = projection_of(
        [
            ("a1", "i-big"),
            ("a2", "i-big"),
            ("a3", "i-big"),
            ("a4", "i-big"),
            ("a1", "i-sub"),
            ("a2", "i-sub"),
            ("a3", "i-other"),
            ("a5", "i-other"),
        ]
    )
    [pair, *rest] = nested_tables(projection)
    assert (pair["a"], pair["b"], pair["c_min"], pair["jaccard"], pair["finding"]) == (
        "i-sub",
        "i-big",
        1.0,
        0.5,
        "contenue",
    )
    assert [(p["a"], p["c_min"], p["finding"]) for p in rest] == [("i-other", 0.5, None)]


def test_a_fragile_bridge_is_the_only_link():
    # Two tables of three members each; a4 alone sits on both.
    projection = projection_of(
        [
            ("a1", "i-east"),
            ("a2", "i-east"),
            ("a4", "i-east"),
            ("a4", "i-west"),
            ("a5", "i-west"),
            ("a6", "i-west"),
            ("a6", "i-lone"),
        ]
    )
    [bridge] = fragile_bridges(projection)
    assert bridge["actor"] == "a4" and bridge["redundancy"] == 0.0
    assert [(s["instances"], s["actors"], s["examples"]) for s in bridge["sides"]] == [
        (2, 2, ["i-west", "i-lone"]),
        (1, 2, ["i-east"]),
    ]


def test_concentration_by_hand():
    assert gini([2, 2, 2]) == 0.0 and gini([0, 0, 0, 4]) == 0.75 and gini([5]) is None
    assert top_share([1] * 99 + [101], 1) == pytest.approx(101 / 200)
    projection = projection_of([("a1", "i1"), ("a1", "i2"), ("a1", "i3"), ("a2", "i1")], isolated=["a3"])
    result = concentration(projection)
    assert (result.actors_with_seats, result.seats, result.gini_seats) == (2, 4, 0.25)
    assert result.top_shares == {1: 0.75, 5: 0.75, 10: 0.75}
