"""The one-mode graphs derived from the two-mode projection: instances by shared members, actors by shared instances."""

from __future__ import annotations

import networkx as nx

from ecosystem.projection import Projection

__all__ = ["actor_graph", "instance_graph"]


def instance_graph(projection: Projection) -> nx.Graph:
    """Instance–instance graph: an edge per pair sharing members, ``weight`` = number of shared members.

    Examples
    --------
    >>> import datetime
    >>> g = nx.Graph([("a1", "i1"), ("a1", "i2"), ("a2", "i1"), ("a2", "i2"), ("a3", "i2")])
    >>> nx.set_node_attributes(g, {"a1": "actor", "a2": "actor", "a3": "actor", "i1": "instance", "i2": "instance"}, "kind")
    >>> instance_graph(Projection(g, {}, {}, datetime.date(2025, 1, 1)))["i1"]["i2"]["weight"]
    2
    """
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from((i, projection.two_mode.nodes[i]) for i in projection.instances)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in projection.shared_members.items())
    return graph


def actor_graph(projection: Projection) -> nx.Graph:
    """Actor–actor co-membership graph: ``weight`` = number of instances both sit on."""
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from((a, projection.two_mode.nodes[a]) for a in projection.actors)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in projection.shared_instances.items())
    return graph
