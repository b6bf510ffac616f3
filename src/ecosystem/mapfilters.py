"""What the map may show: node ids, the view's filters and the sub-graph they keep (plain data).

Ids are the IRI's path under ``id/`` (``acteur/ciusss-mcq``, ``instance/consortium``) so they read
well in a URL; filters name concepts by their notation. :func:`select_view` is the one selection
the web map, its table twin and every export apply; :func:`may_show` is its per-node predicate,
which tells, after a write, whether a view can have changed. :func:`filter_options` lists the
choices the filters offer. Drawing the view (colours, sizes, titles, aggregation) is
:mod:`ecosystem.mapdata`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ecosystem.folding import fold
from ecosystem.namespaces import ID
from ecosystem.projection import Projection

__all__ = [
    "MapFilters",
    "filter_options",
    "iri_of",
    "may_show",
    "node_territories",
    "notation",
    "select_view",
    "short_id",
    "strategy_filter",
    "strategy_options",
]


def short_id(iri: str) -> str:
    """``https://w3id.org/ecosysteme/id/acteur/x`` → ``acteur/x`` (other IRIs unchanged).

    >>> short_id(str(ID["instance/consortium"]))
    'instance/consortium'
    """
    return iri[len(str(ID)) :] if iri.startswith(str(ID)) else iri


def iri_of(short: str) -> str:
    """The inverse of :func:`short_id`.

    >>> iri_of("acteur/x") == str(ID["acteur/x"])
    True
    """
    return short if "://" in short else str(ID[short])


def notation(iri: str) -> str:
    """A concept's notation (the last segment of its IRI), as filters name it in the URL."""
    return iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class MapFilters:
    """What the map shows: IRIs of a territory, an issue (with its narrower issues), a sector, an
    instance type, a role; a node to focus on, to ``depth``.

    A territory keeps the instances of the territories it contains and, unless ``local_only``,
    those of the territories that contain it (the regional tables also serve it): the rule the
    pre-initiative check applies to overlapping territories.

    A strategy of the action plan (``strategy``) keeps only its carriers, the actors and instances
    the plan names beside it (``carriers``, from ``eco:responsible``: :func:`strategy_filter`)."""

    territory: str | None = None
    issue: str | None = None
    sector: str | None = None
    instance_type: str | None = None
    role: str | None = None
    focus: str | None = None
    depth: int = 1
    local_only: bool = False
    strategy: str | None = None
    carriers: frozenset[str] | None = None

    def key(self) -> tuple:
        return (
            self.territory,
            self.issue,
            self.sector,
            self.instance_type,
            self.role,
            self.focus,
            self.depth,
            self.local_only,
            self.strategy,
        )


def strategy_filter(responsibilities: dict[str, dict], strategy: str | None) -> dict:
    """The ``strategy`` and ``carriers`` of :class:`MapFilters` for a strategy IRI (none: no filter; unknown: no carrier).

    ``responsibilities``: :func:`ecosystem.queries.plan_responsibilities`.

    >>> strategy_filter({"s": {"label": "S", "carriers": {"a", "i"}}}, "s")["carriers"] == frozenset({"a", "i"})
    True
    >>> strategy_filter({}, "x")["carriers"], strategy_filter({}, None)
    (frozenset(), {})
    """
    if not strategy:
        return {}
    return {"strategy": strategy, "carriers": frozenset(responsibilities.get(strategy, {}).get("carriers", ()))}


def strategy_options(responsibilities: dict[str, dict]) -> list[dict]:
    """The strategies a map filter offers: ``{"id", "libelle"}`` (the plan names them in French only), by name."""
    return sorted(
        ({"id": short_id(iri), "libelle": entry["label"]} for iri, entry in responsibilities.items() if entry["label"]),
        key=lambda c: fold(c["libelle"]),
    )


def node_territories(attributes: dict) -> tuple:
    """The territories a node of the two-mode graph is in, from its attributes.

    Parameters
    ----------
    attributes : dict
        The node's attributes: ``territories`` (several) or ``territory`` (one).

    Returns
    -------
    tuple
        The territory IRIs, empty when the node has none.

    >>> node_territories({"territories": ("t1", "t2")}), node_territories({"territory": "t"}), node_territories({})
    (('t1', 't2'), ('t',), ())
    """
    return attributes.get("territories") or ((attributes["territory"],) if attributes.get("territory") else ())


def _in_territory(projection: Projection, territory: str, node) -> bool:
    return any(
        territory in projection.territory_ancestors(t) for t in node_territories(projection.two_mode.nodes[node])
    )


def _instance_kept(projection: Projection, filters: MapFilters, instance, containing) -> bool:
    """Whether ``instance`` passes the territory, issue and type filters (``containing``: the territories around the filter's)."""
    attributes = projection.two_mode.nodes[instance]
    if filters.territory and not (
        _in_territory(projection, filters.territory, instance)
        or any(t in containing for t in node_territories(attributes))
    ):
        return False
    if filters.issue and not projection.works_on(instance, filters.issue):
        return False
    return not filters.instance_type or attributes.get("instance_type") == filters.instance_type


def _containing(projection: Projection, filters: MapFilters):
    return () if filters.local_only or not filters.territory else set(projection.territory_ancestors(filters.territory))


def select_view(projection: Projection, filters: MapFilters) -> nx.Graph:
    """The sub-graph of the two-mode graph the filters keep (a view: do not modify)."""
    graph = projection.two_mode
    nodes = graph.nodes
    containing = _containing(projection, filters)
    instance_filters = filters.territory or filters.issue or filters.instance_type
    instances = {i for i in projection.instances if _instance_kept(projection, filters, i, containing)}
    actors = {a for i in instances for a in graph[i]}
    if not instance_filters:
        actors = set(projection.actors)
    elif filters.territory and not (filters.issue or filters.instance_type):
        actors |= {a for a in projection.actors if _in_territory(projection, filters.territory, a)}
    if filters.sector:
        actors = {a for a in actors if filters.sector in nodes[a].get("sector", ())}
        instances = {i for i in instances if any(a in actors for a in graph[i])}
    if filters.carriers is not None:
        actors, instances = actors & filters.carriers, instances & filters.carriers
    view = graph.subgraph(actors | instances)
    if filters.role:
        kept = [(a, b) for a, b, roles in view.edges(data="roles", default=()) if filters.role in (roles or ())]
        view = graph.edge_subgraph(kept)
    if filters.focus and filters.focus in graph:
        base = view if filters.focus in view else graph
        view = nx.ego_graph(base, filters.focus, radius=max(0, min(filters.depth, 6)))
    return view


def may_show(projection: Projection, filters: MapFilters, node) -> bool:
    """Whether :func:`select_view` may keep ``node`` (``True`` when unsure: a focus or a role filter).

    After a write, a view none of whose touched nodes it shows, before or after, is the same view."""
    graph = projection.two_mode
    if filters.focus or filters.role:
        return True
    if node not in graph or (filters.carriers is not None and node not in filters.carriers):
        return False
    attributes, containing = graph.nodes[node], _containing(projection, filters)
    if attributes["kind"] != "actor":
        return _instance_kept(projection, filters, node, containing)
    if filters.sector and filters.sector not in attributes.get("sector", ()):
        return False
    if not (filters.territory or filters.issue or filters.instance_type):
        return True
    if (
        filters.territory
        and not (filters.issue or filters.instance_type)
        and _in_territory(projection, filters.territory, node)
    ):
        return True
    return any(_instance_kept(projection, filters, i, containing) for i in graph[node])


def filter_options(projection: Projection, lang: str = "fr") -> dict:
    """The choices each filter offers, from what the data uses (territories nested, with their depth)."""
    graph = projection.two_mode
    children: dict = {}
    for territory, entry in projection.territories.items():
        children.setdefault(entry.get("parent"), []).append(territory)
    territories = []

    def walk(parent, depth):
        for territory in sorted(children.get(parent, ()), key=lambda x: projection.label(x, lang)):
            territories.append(
                {"id": notation(territory), "libelle": projection.label(territory, lang), "profondeur": depth}
            )
            walk(territory, depth + 1)

    walk(None, 0)
    issues = {e for i in projection.instances for e in graph.nodes[i].get("issues", ())}
    sectors = {s for a in projection.actors for s in graph.nodes[a].get("sector", ())}
    types = {graph.nodes[i].get("instance_type") for i in projection.instances} - {None}
    roles: set[str] = set()
    for _, _, held in graph.edges(data="roles", default=()):
        roles.update(held or ())

    def choices(iris):
        return sorted(
            ({"id": notation(iri), "libelle": projection.label(iri, lang)} for iri in iris),
            key=lambda c: fold(c["libelle"]),
        )

    return {
        "territoires": territories,
        "enjeux": choices(issues),
        "secteurs": choices(sectors),
        "types": choices(types),
        "roles": choices(roles),
    }
