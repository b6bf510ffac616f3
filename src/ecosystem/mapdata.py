"""The projection → what the map draws: nodes, edges, legend and filter choices (plain data).

Nodes are actors (dots) and instances (diamonds), coloured and sized as
:mod:`ecosystem.mapstyle` says (by sector and seats unless asked otherwise). Ids are the IRI's path under ``id/``
(``acteur/ciusss-mcq``, ``instance/consortium``) so they read well in a URL. Tooltip
``title`` is plain text: the page shows it as text, never as HTML. Beyond
``max_nodes`` the view is aggregated: one node per (kind, territory) group.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx

from ecosystem import formatting
from ecosystem.folding import fold
from ecosystem.mapstyle import INSTANCE_COLOUR, UNKNOWN_COLOUR, MapStyle, node_size, sector_colours
from ecosystem.namespaces import ID
from ecosystem.projection import Projection

__all__ = [
    "INSTANCE_COLOUR",
    "MAX_NODES",
    "MapFilters",
    "filter_options",
    "fold",
    "iri_of",
    "map_data",
    "may_show",
    "notation",
    "sector_colours",
    "select_view",
    "short_id",
    "strategy_filter",
    "strategy_options",
]

MAX_NODES = 2000


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


def _territories(attributes: dict) -> tuple:
    return attributes.get("territories") or ((attributes["territory"],) if attributes.get("territory") else ())


def _in_territory(projection: Projection, territory: str, node) -> bool:
    return any(territory in projection.territory_ancestors(t) for t in _territories(projection.two_mode.nodes[node]))


def _instance_kept(projection: Projection, filters: MapFilters, instance, containing) -> bool:
    """Whether ``instance`` passes the territory, issue and type filters (``containing``: the territories around the filter's)."""
    attributes = projection.two_mode.nodes[instance]
    if filters.territory and not (
        _in_territory(projection, filters.territory, instance) or any(t in containing for t in _territories(attributes))
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


def _plain_title(lines: list[str | None]) -> str:
    return "\n".join(line for line in lines if line)


def _node(projection, iri, attributes, style: MapStyle, degree: int, t) -> dict:
    lang = style.lang
    label = projection.label(iri, lang) or short_id(iri)
    territory = ", ".join(projection.label(x, lang) for x in _territories(attributes))
    _, category = style.category(iri, attributes)
    entry = {
        "id": short_id(iri),
        "label": label,
        "kind": attributes["kind"],
        "search": fold(f"{label} {attributes.get('acronym') or ''}"),
        "color": style.colour(iri, attributes),
        "size": style.size(iri, attributes),
        "categorie": category,
        "territoire": territory,
        "liens": degree,
    }
    if attributes["kind"] == "actor":
        load = style.loads.get(iri)
        seats = load.sieges if load else 0
        hours = load.heures if load else None
        sectors = attributes.get("sector", ())
        entry |= {"shape": "dot", "sectors": [notation(s) for s in sectors], "sieges": seats, "heures": hours}
        hours_text = t("charge inconnue", "load unknown") if hours is None else formatting.hours(hours, lang)
        details = [
            t(f"Acteur · {seats} siège(s) · {hours_text}", f"Actor · {seats} seat(s) · {hours_text}"),
            ", ".join(projection.label(s, lang) for s in sectors) or None,
        ]
    else:
        members = projection.two_mode.degree(iri)
        entry |= {"shape": "diamond", "type": notation(attributes.get("instance_type") or ""), "membres": members}
        details = [
            t(f"Instance · {members} membre(s)", f"Instance · {members} member(s)"),
            projection.label(attributes.get("instance_type"), lang) if attributes.get("instance_type") else None,
            t("Enjeux : ", "Issues: ") + ", ".join(projection.label(e, lang) for e in attributes["issues"])
            if attributes.get("issues")
            else None,
            _attested(attributes.get("attested"), attributes.get("confirmed"), lang, t),
        ]
    if style.colour_by in ("type", "territoire", "communaute") and category:
        details.append(category)
    entry["title"] = _plain_title([label, *details, territory or None])
    return entry


def _aggregate(projection: Projection, view: nx.Graph, lang: str, t) -> tuple[list, list]:
    """One node per (kind, territory) group and one edge per pair of groups with memberships between them."""
    group_of: dict[Hashable, tuple] = {}
    for node, attributes in view.nodes(data=True):
        territories = _territories(attributes)
        group_of[node] = (attributes["kind"], territories[0] if territories else None)
    sizes: dict[tuple, int] = {}
    for group in group_of.values():
        sizes[group] = sizes.get(group, 0) + 1
    links: dict[tuple, int] = {}
    for a, b in view.edges:
        pair = tuple(sorted((group_of[a], group_of[b]), key=str))
        links[pair] = links.get(pair, 0) + 1
    ids = {(kind, territory): f"groupe/{kind}/{short_id(territory or 'aucun')}" for kind, territory in sizes}
    nodes = []
    for (kind, territory), count in sorted(sizes.items(), key=lambda item: str(item[0])):
        where = projection.label(territory, lang) if territory else t("sans territoire", "no territory")
        what = t("acteurs", "actors") if kind == "actor" else t("instances", "instances")
        nodes.append(
            {
                "id": ids[(kind, territory)],
                "label": f"{where} — {count} {what}",
                "kind": "group",
                "shape": "dot" if kind == "actor" else "diamond",
                "color": UNKNOWN_COLOUR if kind == "actor" else INSTANCE_COLOUR,
                "size": node_size(count / 10),
                "territory": short_id(territory) if territory else None,
                "search": fold(where),
                "title": f"{where}\n{count} {what}",
            }
        )
    edges = [
        {
            "from": ids[a],
            "to": ids[b],
            "value": count,
            "title": t(f"{count} participation(s)", f"{count} membership(s)"),
        }
        for (a, b), count in sorted(links.items(), key=lambda item: str(item[0]))
    ]
    return nodes, edges


def map_data(
    projection: Projection,
    loads: dict,
    filters: MapFilters,
    positions: dict,
    lang: str = "fr",
    size_by: str = "sieges",
    max_nodes: int = MAX_NODES,
    colour_by: str = "secteur",
    communities: dict | None = None,
    view: nx.Graph | None = None,
    previous: dict | None = None,
    touched: frozenset = frozenset(),
) -> dict:
    """Nodes and edges of the filtered view, positioned, with the legend; aggregated beyond ``max_nodes``.

    ``loads``: actor IRI → ``ActorLoad`` (``seats_and_load``); ``positions``: node → (x, y), for at least
    the view's nodes (aggregated nodes are placed on their members' centroid); ``communities``: node →
    community number (for ``colour_by="communaute"``); ``view``: :func:`select_view`'s, when kept already.
    ``previous``: the same view's data at an earlier version (not aggregated), whose nodes and edges are
    kept but for the ``touched`` nodes' (after a write, only they can differ).
    """

    def t(fr: str, en: str) -> str:
        return en if lang == "en" else fr

    view = select_view(projection, filters) if view is None else view
    style = MapStyle(projection, loads, lang, colour_by, size_by, communities or {})
    aggregated = view.number_of_nodes() > max_nodes
    if aggregated:
        nodes, edges = _aggregate(projection, view, lang, t)
        _place_groups(view, nodes, positions)
    else:
        kept = {node["id"]: node for node in previous["nodes"]} if previous else {}
        nodes = []
        for iri, attributes in sorted(view.nodes(data=True)):
            old = kept.get(short_id(iri)) if iri not in touched else None
            node = dict(old) if old is not None else _node(projection, iri, attributes, style, view.degree(iri), t)
            node["x"], node["y"] = positions.get(iri, (0.0, 0.0))
            nodes.append(node)
        edges = _edges(projection, view, lang, t, previous, touched)
    return {
        "date": projection.at.isoformat(),
        "agrege": aggregated,
        "total": {"noeuds": projection.two_mode.number_of_nodes(), "liens": projection.two_mode.number_of_edges()},
        "vue": {
            "noeuds": view.number_of_nodes(),
            "liens": view.number_of_edges(),
            "instances": sum(1 for _, k in view.nodes(data="kind") if k == "instance"),
            "acteurs": sum(1 for _, k in view.nodes(data="kind") if k == "actor"),
            "sans_lien": sum(1 for n in view if view.degree(n) == 0),
        },
        "nodes": nodes,
        "edges": edges,
        "legende": style.legend(view.nodes(data=True)),
    }


def _edges(projection, view, lang, t, previous: dict | None, touched: frozenset) -> list[dict]:
    """The view's edges by id (actor|instance: the same order whichever way round the graph holds each),
    those between untouched nodes kept from ``previous``."""
    if previous is None:
        found = [_edge(projection, view, a, b, data, lang, t) for a, b, data in view.edges(data=True)]
    else:
        found = [
            e
            for e in previous["edges"]
            if iri_of(e["from"]) not in touched
            and iri_of(e["to"]) not in touched
            and iri_of(e["from"]) in view
            and iri_of(e["to"]) in view
        ]
        pairs = {tuple(sorted((node, other))) for node in touched if node in view for other in view[node]}
        found += [_edge(projection, view, a, b, view.edges[a, b], lang, t) for a, b in sorted(pairs)]
    return sorted(found, key=lambda e: e["id"])


def _edge(projection, view, a, b, data, lang, t) -> dict:
    actor, instance = (a, b) if view.nodes[a]["kind"] == "actor" else (b, a)
    roles = [projection.label(r, lang) for r in data.get("roles") or ()]
    hours = data.get("hours")
    return {
        "id": f"{short_id(actor)}|{short_id(instance)}",
        "from": short_id(actor),
        "to": short_id(instance),
        "roles": [notation(r) for r in data.get("roles") or ()],
        "libelle_roles": ", ".join(roles),
        "heures": hours,
        "attestee_en": data.get("attested"),
        "confirmee_le": data["confirmed"].isoformat() if data.get("confirmed") else None,
        "title": _plain_title(
            [
                ", ".join(roles) or t("rôle non précisé", "role not stated"),
                formatting.hours(hours, lang) if hours is not None else None,
                _attested(data.get("attested"), data.get("confirmed"), lang, t),
            ]
        ),
    }


def _attested(year: int | None, confirmed: datetime.date | None, lang: str, t) -> str | None:
    """The age of a fact: « attesté en 2016 » when its source gives the year, and « confirmé par l'organisation
    le 3 décembre 2026 » when the organisation confirmed it (the day in the reader's words)."""
    said = [
        t(f"attesté en {year}", f"attested in {year}") if year else None,
        t("confirmé par l'organisation le ", "confirmed by the organisation on ") + formatting.date(confirmed, lang)
        if confirmed
        else None,
    ]
    return " · ".join(s for s in said if s) or None


def _place_groups(view: nx.Graph, nodes: list[dict], positions: dict) -> None:
    """Each aggregated node on its members' centroid."""
    centroids: dict[str, list] = {}
    for node in view:
        kind = view.nodes[node]["kind"]
        territories = _territories(view.nodes[node])
        key = f"groupe/{kind}/{short_id(territories[0]) if territories else 'aucun'}"
        centroids.setdefault(key, []).append(positions.get(node, (0.0, 0.0)))
    for node in nodes:
        points = centroids[node["id"]]
        node["x"] = round(sum(p[0] for p in points) / len(points), 1)
        node["y"] = round(sum(p[1] for p in points) / len(points), 1)


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
