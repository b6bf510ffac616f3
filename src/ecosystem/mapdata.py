"""The map's view → what it draws: nodes, edges and legend, positioned (plain data).

Nodes are actors (dots) and instances (diamonds), coloured and sized as
:mod:`ecosystem.mapstyle` says (by sector and seats unless asked otherwise). Tooltip
``title`` is plain text: the page shows it as text, never as HTML. Beyond
``max_nodes`` the view is aggregated: one node per (kind, territory) group.

What the view keeps (filters, ids, :func:`~ecosystem.mapfilters.select_view`,
:func:`~ecosystem.mapfilters.may_show`, the filters' choices) is :mod:`ecosystem.mapfilters`'s;
its names are also importable from here, as the callers of this module have always done.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable

import networkx as nx

from ecosystem import formatting
from ecosystem.folding import fold
from ecosystem.mapfilters import (
    MapFilters,
    filter_options,
    iri_of,
    may_show,
    node_territories,
    notation,
    select_view,
    short_id,
    strategy_filter,
    strategy_options,
)
from ecosystem.mapstyle import INSTANCE_COLOUR, UNKNOWN_COLOUR, MapStyle, node_size, sector_colours
from ecosystem.projection import Projection

__all__ = [
    "INSTANCE_COLOUR",
    "MAX_NODES",
    "UNKNOWN_COLOUR",
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


def _plain_title(lines: list[str | None]) -> str:
    return "\n".join(line for line in lines if line)


def _node(projection, iri, attributes, style: MapStyle, degree: int, t) -> dict:
    lang = style.lang
    label = projection.label(iri, lang) or short_id(iri)
    territory = ", ".join(projection.label(x, lang) for x in node_territories(attributes))
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
        territories = node_territories(attributes)
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
        territories = node_territories(view.nodes[node])
        key = f"groupe/{kind}/{short_id(territories[0]) if territories else 'aucun'}"
        centroids.setdefault(key, []).append(positions.get(node, (0.0, 0.0)))
    for node in nodes:
        points = centroids[node["id"]]
        node["x"] = round(sum(p[0] for p in points) / len(points), 1)
        node["y"] = round(sum(p[1] for p in points) / len(points), 1)
