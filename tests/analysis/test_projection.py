"""The projection: edges per active membership, hours, one-mode weights checked by hand, store path = graph path."""

from __future__ import annotations

import datetime

from ecosystem.ingest.apply import import_paths
from ecosystem.namespaces import actor_iri, instance_iri
from ecosystem.projection import build_projection, projection_from_graph
from ecosystem.projection_graphs import actor_graph, instance_graph
from ecosystem.projection_tables import projection_from_tables
from ecosystem.synth import generate, write

DAY = datetime.date(2025, 6, 1)


def A(x):
    return str(actor_iri(x))


def Inst(x):
    return str(instance_iri(x))


def test_edges_are_the_memberships_active_at_the_date(region_graph):
    projection = projection_from_graph(region_graph, DAY)
    assert projection.two_mode.number_of_edges() == 9
    assert not projection.two_mode.has_edge(A("a5"), Inst("i-food"))  # ended in 2020
    assert projection.two_mode.degree(A("a5")) == 0  # still an actor, now without a seat
    earlier = projection_from_graph(region_graph, datetime.date(2019, 6, 1))
    assert earlier.two_mode.has_edge(A("a5"), Inst("i-food"))


def test_hours_declared_else_meetings_times_hours_else_unknown(region_graph):
    edges = projection_from_graph(region_graph, DAY).two_mode.edges
    assert edges[A("a1"), Inst("i-food-a")]["hours"] == 40.0  # declared
    assert edges[A("a1"), Inst("i-food")]["hours"] == 12.0  # 6 meetings × 2 h
    assert edges[A("a1"), Inst("i-sat")]["hours"] is None  # unknown stays unknown


def test_node_attributes(region_graph):
    nodes = projection_from_graph(region_graph, DAY).two_mode.nodes
    food = nodes[Inst("i-food")]
    assert food["kind"] == "instance"
    assert food["issues"] == ("https://w3id.org/ecosysteme/vocab/enjeux/securite-alimentaire",)
    assert food["territory"].endswith("/territoire/region")
    assert food["meetings_per_year"] == 6.0 and food["mandate"].startswith("Concertation")
    assert nodes[A("a1")]["kind"] == "actor" and nodes[A("a1")]["label"] == "A1"


def test_instance_graph_weights_are_shared_members(region_graph):
    graph = instance_graph(projection_from_graph(region_graph, DAY))
    expected = {
        ("i-food", "i-sat"): 2,
        ("i-food", "i-food-a"): 2,
        ("i-food", "i-housing"): 1,
        ("i-sat", "i-food-a"): 1,
        ("i-sat", "i-housing"): 1,
        ("i-food-a", "i-housing"): 1,
    }
    assert {frozenset((Inst(a), Inst(b))): w for (a, b), w in expected.items()} == {
        frozenset((a, b)): w for a, b, w in graph.edges(data="weight")
    }


def test_actor_graph_weights_are_shared_instances(region_graph):
    graph = actor_graph(projection_from_graph(region_graph, DAY))
    expected = {("a1", "a2"): 2, ("a1", "a3"): 2, ("a1", "a4"): 1, ("a2", "a3"): 1}
    assert {frozenset((A(a), A(b))): w for (a, b), w in expected.items()} == {
        frozenset((a, b)): w for a, b, w in graph.edges(data="weight")
    }
    assert A("a5") in graph and graph.degree(A("a5")) == 0


def _signature(projection):
    graph = projection.two_mode
    return (
        {n: dict(d) for n, d in graph.nodes(data=True)},
        {frozenset((u, v)): dict(d) for u, v, d in graph.edges(data=True)},
    )


def test_store_path_equals_graph_path_and_is_cached(mauricie_store, mauricie_graph):
    at = datetime.date(2025, 1, 1)
    from_store = build_projection(mauricie_store, at)
    assert _signature(from_store) == _signature(projection_from_graph(mauricie_graph, at))
    assert build_projection(mauricie_store, at) is from_store
    assert build_projection(mauricie_store, datetime.date(2025, 1, 2)) is not from_store
    assert len(from_store.territories) >= 7
    assert from_store.territories[from_store.two_mode.nodes[Inst("concertation-locale-maskinonge")]["territory"]][
        "parent"
    ].endswith("/mauricie")


def test_tables_path_equals_the_import_path(tmp_path, empty_store):
    synthetic = generate(regions=1, seed=11, scale=0.03)
    write(synthetic, tmp_path / "synth")
    import_paths(empty_store, [tmp_path / "synth"])
    at = datetime.date(2025, 1, 1)
    assert _signature(build_projection(empty_store, at)) == _signature(projection_from_tables(synthetic.tables, at))
