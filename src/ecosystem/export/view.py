"""The map view every export draws: the web map's filtered view, with labels and metrics.

One view feeds every format (GEXF, GraphML, SVG, PDF, PNG, HTML), so they all show the
same nodes with the same attributes — and the same nodes as the web map: filtering is
the map's own :func:`ecosystem.mapfilters.select_view`. Filters are given as the map's URL
parameters (all optional, combined): ``territoire`` (a territory id; nested territories
included), ``enjeu`` (an issue notation; narrower issues included), ``secteur``,
``type`` (an instance type), ``role``, ``focus`` (a node, ``acteur/ID`` or
``instance/ID``), ``profondeur`` (the focus's depth) and ``strategie`` (a strategy of the
plan, ``plan/…/strategie/ID``: its carriers only, given the plan's responsibilities).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from ecosystem.analysis.seats import seats_and_load
from ecosystem.i18n import Message
from ecosystem.mapfilters import MapFilters, iri_of, node_territories, select_view, strategy_filter
from ecosystem.mapstyle import INSTANCE_COLOUR, UNKNOWN_COLOUR, sector_colours
from ecosystem.namespaces import concept_iri, territory_iri
from ecosystem.projection import Projection

__all__ = ["FILTERS", "MapView", "build_view", "describe_filters", "map_filters"]

FILTERS = ("territoire", "enjeu", "secteur", "type", "role", "strategie", "focus", "profondeur")
"""The map's filter parameters, in the order a title lists them."""

_FILTER_NAMES = {
    "territoire": Message("Territoire", "Territory"),
    "enjeu": Message("Enjeu", "Issue"),
    "secteur": Message("Secteur", "Sector"),
    "type": Message("Type d'instance", "Instance type"),
    "role": Message("Rôle", "Role"),
    "focus": Message("Autour de", "Around"),
    "strategie": Message("Porte la stratégie", "Carries the strategy"),
}
_UNKNOWN_STRATEGY = Message("une stratégie que le plan ne nomme pas", "a strategy the plan does not name")
_SCHEMES = {
    "enjeu": ("issue", "enjeux"),
    "secteur": ("sector", "secteurs"),
    "type": ("instance_type", "types-instance"),
    "role": ("role", "roles"),
}


def _iri(value: str, scheme: str | None) -> str:
    if "://" in value:
        return value
    return str(territory_iri(value)) if scheme is None else str(concept_iri(scheme, value))


def map_filters(params: dict, responsibilities: dict | None = None) -> MapFilters:
    """The map's filters from its URL parameters (unknown keys and empty values ignored);
    ``responsibilities`` (:func:`ecosystem.queries.plan_responsibilities`) name a strategy's carriers.

    >>> map_filters({"enjeu": "habitation", "territoire": "mekinac"}).issue
    'https://w3id.org/ecosysteme/vocab/enjeux/habitation'
    >>> map_filters({"profondeur": "2", "focus": "acteur/pole"}).depth
    2
    """
    values: dict = {}
    for key, value in params.items():
        if not value:
            continue
        if key == "territoire":
            values["territory"] = _iri(value, None)
        elif key in _SCHEMES:
            name, scheme = _SCHEMES[key]
            values[name] = _iri(value, scheme)
        elif key == "focus":
            values["focus"] = iri_of(value)
        elif key == "profondeur":
            values["depth"] = int(value)
        elif key == "strategie":
            values |= strategy_filter(responsibilities or {}, iri_of(value))
    return MapFilters(**values)


def describe_filters(
    projection: Projection, filters: dict, lang: str = "fr", responsibilities: dict | None = None
) -> list[str]:
    """The filters in words, as a reader says them: « Enjeu : Sécurité alimentaire »; never a code.

    >>> import datetime
    >>> g = nx.Graph(); g.add_node("https://w3id.org/ecosysteme/id/acteur/a", label="Pôle A", kind="actor")
    >>> p = Projection(g, {}, {}, datetime.date(2025, 1, 1))
    >>> describe_filters(p, {"focus": "acteur/a", "profondeur": "2"}, "en")
    ['Around: Pôle A (2 links)']
    """
    chosen = map_filters(filters, responsibilities)
    values = {
        "territoire": chosen.territory,
        "enjeu": chosen.issue,
        "secteur": chosen.sector,
        "type": chosen.instance_type,
        "role": chosen.role,
        "strategie": chosen.strategy,
        "focus": chosen.focus,
    }
    described = []
    for key, iri in values.items():
        if not iri:
            continue
        name = (responsibilities or {}).get(iri, {}).get("label") if key == "strategie" else projection.label(iri, lang)
        text = f"{_FILTER_NAMES[key].text(lang)}{' :' if lang != 'en' else ':'} {name or _UNKNOWN_STRATEGY.text(lang)}"
        if key == "focus":
            fr, en = ("liens", "links") if chosen.depth > 1 else ("lien", "link")
            text += f" ({chosen.depth} {en if lang == 'en' else fr})"
        described.append(text)
    return described


@dataclass
class MapView:
    """Nodes (IRI → attributes with labels, seats, load, community) and edges of one view.

    ``graph`` is an ``nx.Graph`` whose node attributes are scalars (text, numbers or
    absent), as GEXF and GraphML require; lists are joined with ``"; "``.
    """

    graph: nx.Graph
    filters: dict = field(default_factory=dict)
    lang: str = "fr"
    legend: list[tuple[str, str]] = field(default_factory=list)
    """(colour, sector label) of the sectors the view shows, in the web map's colours."""
    described_filters: list[str] = field(default_factory=list)
    """The filters in words (:func:`describe_filters`)."""

    @property
    def labels(self) -> dict[str, str]:
        return {node: data["label"] for node, data in self.graph.nodes(data=True)}


def _colour(kind: str | None, sectors: tuple, colours: dict) -> str:
    if kind == "instance":
        return INSTANCE_COLOUR
    return colours.get(sectors[0], UNKNOWN_COLOUR) if sectors else UNKNOWN_COLOUR


def build_view(
    projection: Projection,
    filters: dict | None = None,
    lang: str = "fr",
    communities: dict[str, int] | None = None,
    responsibilities: dict | None = None,
) -> MapView:
    """The filtered view with, per node: ``label``, ``type`` (actor/instance), ``category``
    (actor or instance type), ``sector``, ``territory``, ``issues`` (labels), ``seats``
    (an actor's seats, an instance's members), ``load`` (hours a year, when known) and
    ``community`` (when given), and ``colour``: the web map's (instances one colour, actors
    by their first sector).

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
    selected = select_view(projection, map_filters(filters, responsibilities))
    loads = seats_and_load(projection)
    source = projection.two_mode
    colours = sector_colours(projection)
    legend: dict[str, str] = {}
    graph: nx.Graph[str] = nx.Graph()
    for node in sorted(selected):
        data = source.nodes[node]
        kind = data.get("kind")
        category = data.get("actor_type") if kind == "actor" else data.get("instance_type")
        attributes = {
            "label": projection.label(node, lang) or node.rsplit("/", 1)[-1],
            "type": kind,
            "category": projection.label(category, lang) if category else None,
            "sector": "; ".join(projection.label(s, lang) for s in data.get("sector", ())) or None,
            "territory": "; ".join(projection.label(t, lang) for t in node_territories(data)) or None,
            "issues": "; ".join(projection.label(i, lang) for i in data.get("issues", ())) or None,
            "seats": loads[node].sieges if node in loads else source.degree(node),
            "load": loads[node].heures if node in loads else None,
            "community": (communities or {}).get(node),
            "colour": _colour(kind, data.get("sector", ()), colours),
        }
        for sector in data.get("sector", ())[:1] if kind == "actor" else ():
            legend[projection.label(sector, lang)] = colours.get(sector, UNKNOWN_COLOUR)
        graph.add_node(node, **{k: v for k, v in attributes.items() if v is not None})
    for a, b, data in sorted(selected.edges(data=True)):
        roles = "; ".join(projection.label(r, lang) for r in data.get("roles") or ())
        edge = {"roles": roles or None, "hours": data.get("hours"), "membership": data.get("membership")}
        graph.add_edge(a, b, **{k: v for k, v in edge.items() if v is not None})
    return MapView(
        graph=graph,
        filters=filters,
        lang=lang,
        legend=[(legend[name], name) for name in sorted(legend)],
        described_filters=describe_filters(projection, filters, lang, responsibilities),
    )
