"""The map view every export draws: the two-mode graph, filtered, with labels and metrics.

One view feeds every format (GEXF, GraphML, SVG, PDF, PNG, HTML), so they all show the
same nodes with the same attributes. Filters (all optional, combined):

- ``enjeu``: instances with that issue (a notation of the ``enjeux`` scheme or an IRI);
- ``territoire``: instances in that territory or a territory nested in it;
- ``secteur``: actors of that sector;
- ``type``: ``acteur`` or ``instance`` alone.

An instance filter keeps the members of the kept instances; a sector filter keeps the
instances where a kept actor sits. Without filters every actor and instance is kept,
isolates included ("nodes not missing").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from ecosystem.analysis.seats import seats_and_load
from ecosystem.namespaces import concept_iri, territory_iri
from ecosystem.projection import Projection

__all__ = ["FILTERS", "MapView", "build_view"]

FILTERS = ("enjeu", "territoire", "secteur", "type")
KIND_WORDS = {"actor": ("Acteur", "Actor"), "instance": ("Instance", "Instance")}


@dataclass
class MapView:
    """Nodes (IRI → attributes with labels, seats, load, community) and edges of one view.

    ``graph`` is an ``nx.Graph`` whose node attributes are scalars (text, numbers or
    absent), as GEXF and GraphML require; lists are joined with ``"; "``.
    """

    graph: nx.Graph
    filters: dict = field(default_factory=dict)
    lang: str = "fr"

    @property
    def labels(self) -> dict[str, str]:
        return {node: data["label"] for node, data in self.graph.nodes(data=True)}


def _as_iri(value: str, scheme: str | None) -> str:
    if value.startswith(("http://", "https://")):
        return value
    return str(territory_iri(value)) if scheme is None else str(concept_iri(scheme, value))


def _within(projection: Projection, territory: str | None, ancestor: str) -> bool:
    return territory is not None and ancestor in projection.territory_ancestors(territory)


def _kept_nodes(projection: Projection, filters: dict) -> set[str]:
    graph = projection.two_mode
    instances = set(projection.instances)
    actors = set(projection.actors)
    instance_filter = False
    if filters.get("enjeu"):
        issue = _as_iri(filters["enjeu"], "enjeux")
        instances = {i for i in instances if issue in graph.nodes[i].get("issues", ())}
        instance_filter = True
    if filters.get("territoire"):
        territory = _as_iri(filters["territoire"], None)
        instances = {i for i in instances if _within(projection, graph.nodes[i].get("territory"), territory)}
        instance_filter = True
    if instance_filter:
        actors = {a for i in instances for a in graph[i]}
    if filters.get("secteur"):
        sector = _as_iri(filters["secteur"], "secteurs")
        actors = {a for a in actors if sector in graph.nodes[a].get("sector", ())}
        instances = {i for i in instances if any(a in actors for a in graph[i])}
    if filters.get("type") == "acteur":
        return actors
    if filters.get("type") == "instance":
        return instances
    return actors | instances


def build_view(
    projection: Projection,
    filters: dict | None = None,
    lang: str = "fr",
    communities: dict[str, int] | None = None,
) -> MapView:
    """The filtered view with, per node: ``label``, ``type`` (actor/instance), ``category``
    (actor or instance type), ``sector``, ``territory``, ``issues`` (labels), ``seats``
    (an actor's seats, an instance's members), ``load`` (hours a year, when known) and
    ``community`` (when given).

    Examples
    --------
    >>> import datetime
    >>> g = nx.Graph()
    >>> g.add_node("a", kind="actor", label="A", sector=(), territory=None)
    >>> g.add_node("i", kind="instance", label="I", sector=(), territory=None, issues=())
    >>> g.add_edge("a", "i", hours=10.0, roles=())
    >>> view = build_view(Projection(g, {}, {}, datetime.date(2025, 1, 1)))
    >>> view.graph.nodes["a"]["seats"], view.graph.nodes["a"]["load"], view.graph.nodes["i"]["seats"]
    (1, 10.0, 1)
    """
    filters = {k: v for k, v in (filters or {}).items() if k in FILTERS and v}
    kept = _kept_nodes(projection, filters)
    loads = seats_and_load(projection)
    source = projection.two_mode
    graph = nx.Graph()
    for node in sorted(kept):
        data = source.nodes[node]
        kind = data.get("kind")
        category = data.get("actor_type") if kind == "actor" else data.get("instance_type")
        attributes = {
            "label": projection.label(node, lang) or node.rsplit("/", 1)[-1],
            "type": kind,
            "category": projection.label(category, lang) if category else None,
            "sector": "; ".join(projection.label(s, lang) for s in data.get("sector", ())) or None,
            "territory": projection.label(data.get("territory"), lang),
            "issues": "; ".join(projection.label(i, lang) for i in data.get("issues", ())) or None,
            "seats": loads[node].sieges if node in loads else source.degree(node),
            "load": loads[node].heures if node in loads else None,
            "community": (communities or {}).get(node),
        }
        graph.add_node(node, **{k: v for k, v in attributes.items() if v is not None})
    for actor, instance, data in source.edges(data=True):
        if actor in kept and instance in kept:
            roles = "; ".join(projection.label(r, lang) for r in data.get("roles", ()))
            edge = {"roles": roles or None, "hours": data.get("hours"), "membership": data.get("membership")}
            graph.add_edge(actor, instance, **{k: v for k, v in edge.items() if v is not None})
    return MapView(graph=graph, filters=filters, lang=lang)
