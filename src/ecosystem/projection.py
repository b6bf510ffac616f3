"""The RDF graph → a two-mode networkx graph, built once per data version.

Nodes are IRI strings: actors (``kind='actor'``) and instances (``kind='instance'``);
an edge joins an actor to an instance for each membership active at a date (its
``eco:startDate``/``eco:endDate`` around that date, the instance's own dates too).
Edge ``hours`` is the membership's declared hours per year, else the instance's
meetings per year × hours per meeting, else ``None`` (unknown stays unknown).
A membership of an old name (``dcterms:isReplacedBy``) is its successor's seat; a seat
both names hold on one instance counts once.

Three ways in, one builder: :func:`build_projection` (SPARQL SELECTs on a store,
cached per ``(store.version(), at)``), :func:`projection_from_graph` (an rdflib
graph) and :func:`ecosystem.projection_tables.projection_from_tables` (rows of the
import template, as the synthetic generator writes them).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from typing import overload

import networkx as nx

from ecosystem.cache import Derived, VersionCache, derived
from ecosystem.namespaces import RDF
from ecosystem.privacy import persons_in, public_plain
from ecosystem.projection_values import (
    _NODE_PROPERTIES,
    _TYPE,
    _concepts,
    _Facts,
    _node_attributes,
    _plain_rdflib,
    _read,
    _recent,
    _renew_instances,
    _renewed,
    _Seat,
    _seat,
    _territory,
    plain_values,
)

__all__ = [
    "Projection",
    "Timeless",
    "build_projection",
    "kept_at_version",
    "kept_projection",
    "projection_from_graph",
    "timeless",
]


@dataclass(frozen=True)
class Projection:
    """The two-mode affiliation graph at a date, with the territories and concepts it refers to.

    ``territories``: IRI → ``{label, parent, type}``; ``concepts``: IRI → ``{label, label_en,
    broader, scheme}``. Derived indexes are computed on first use and kept.
    """

    two_mode: nx.Graph
    territories: dict
    concepts: dict
    at: datetime.date
    since: int | None = None  # only the facts current in this year or later (attested or confirmed then), if given
    derived: Derived = field(default_factory=Derived, compare=False, repr=False)
    """Results computed from this projection (see :func:`ecosystem.cache.derived`)."""

    @cached_property
    def actors(self) -> list[str]:
        return sorted(n for n, kind in self.two_mode.nodes(data="kind") if kind == "actor")

    @cached_property
    def instances(self) -> list[str]:
        return sorted(n for n, kind in self.two_mode.nodes(data="kind") if kind == "instance")

    @cached_property
    def members(self) -> dict[str, frozenset]:
        """Instance → its active members."""
        return {i: frozenset(self.two_mode[i]) for i in self.instances}

    @cached_property
    def shared_members(self) -> dict[tuple[str, str], int]:
        """(instance, instance) with the first < the second → number of shared members (pairs with none omitted)."""
        return _co_counts(self.two_mode, self.actors)

    @cached_property
    def shared_instances(self) -> dict[tuple[str, str], int]:
        """(actor, actor) with the first < the second → number of instances where both sit."""
        return _co_counts(self.two_mode, self.instances)

    @overload
    def label(self, iri: str, lang: str = "fr") -> str: ...

    @overload
    def label(self, iri: str | None, lang: str = "fr") -> str | None: ...

    def label(self, iri: str | None, lang: str = "fr") -> str | None:
        """Label of a node, territory or concept in ``lang`` (French when missing)."""
        if iri is None:
            return None
        for table in (self.two_mode.nodes, self.territories, self.concepts):
            if iri in table:
                entry = table[iri]
                return (entry.get("label_en") if lang == "en" else None) or entry.get("label") or iri
        return iri.rsplit("/", 1)[-1]

    def concept_ancestors(self, concept: str) -> frozenset[str]:
        """Every concept above ``concept`` through ``skos:broader``, at any depth (kept per projection)."""
        return derived(_concept_ancestors, keep=None)(self, concept)

    def works_on(self, instance: str, issue: str) -> bool:
        """Whether ``instance`` works on ``issue`` or on a narrower issue, at any depth.

        The one rule for counting an issue's instances: its page, its map view and its
        matrix cells all count the instances of its narrower issues too."""
        return any(
            e == issue or issue in self.concept_ancestors(e) for e in self.two_mode.nodes[instance].get("issues", ())
        )

    def territory_ancestors(self, territory: str) -> tuple[str, ...]:
        """The territory and every territory containing it, nearest first (cycles cut; kept per projection)."""
        return derived(_territory_ancestors, keep=None)(self, territory)


def _concept_ancestors(projection: Projection, concept: str) -> frozenset[str]:
    seen, todo = set(), [concept]
    while todo:
        for broader in projection.concepts.get(todo.pop(), {}).get("broader", ()):
            if broader not in seen:
                seen.add(broader)
                todo.append(broader)
    return frozenset(seen)


def _territory_ancestors(projection: Projection, territory: str | None) -> tuple[str, ...]:
    chain, seen = [], set()
    while territory and territory not in seen:
        chain.append(territory)
        seen.add(territory)
        territory = projection.territories.get(territory, {}).get("parent")
    return tuple(chain)


def _co_counts(two_mode: nx.Graph, pivots: Iterable[str]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for pivot in pivots:
        for pair in combinations(sorted(two_mode[pivot]), 2):
            counts[pair] += 1
    return dict(counts)


# --- the one builder -------------------------------------------------------------------------


@dataclass(frozen=True)
class Timeless:
    """What the projection reads, before a date picks the active memberships: read once per data version.

    A date is then a filter (:meth:`at`): the memberships carry their interval, so a new
    date costs a pass over them, not another read of the store.
    """

    nodes: dict
    """Actor or instance IRI → its node attributes (also those named only by a membership)."""
    seats: dict[str, _Seat]
    """Membership IRI → its seat."""
    territories: dict
    typed: frozenset
    """Nodes typed actor or instance in the data (the others appear only with an active seat)."""
    facts: _Facts | None = field(default=None, compare=False, repr=False)
    """What was read, by subject: a write then re-reads only its subjects (:mod:`ecosystem.projection_delta`)."""
    persons: frozenset = field(default=frozenset(), compare=False, repr=False)
    """The persons left out (never on a page)."""

    def at(self, at: datetime.date | None = None, since: int | None = None) -> Projection:
        """The projection at ``at`` (today if ``None``), of the facts current since ``since`` (a year) if given.

        A fact is current from its attested year, or from the year its organisation confirmed it
        if later (:func:`ecosystem.projection_values._renewed`): a confirmation renews it."""
        at = at or datetime.date.today()
        graph: nx.Graph[str] = nx.Graph()
        graph.add_nodes_from(
            (n, self.nodes[n])
            for n in self.typed
            if self.nodes[n]["kind"] == "actor" or _recent(self.nodes[n]["current"], since)
        )
        named: set[str] = set()
        edges: dict[tuple[str, str], dict] = {}
        ranks: dict[tuple[str, str], tuple] = {}
        for seat in self.seats.values():
            if (seat.start is not None and at < seat.start) or (seat.end is not None and at > seat.end):
                continue
            if not (
                _recent(_renewed(seat.attested, seat.confirmed), since)
                and _recent(self.nodes[seat.instance]["current"], since)
            ):
                continue
            for node in (seat.actor, seat.instance):
                if node not in self.typed:  # named by a membership only: known by its id
                    named.add(node)
            if not (
                (seat.instance_start is not None and at < seat.instance_start)
                or (seat.instance_end is not None and at > seat.instance_end)
            ):
                _add_seat(edges, ranks, seat)
        graph.add_nodes_from((n, self.nodes[n]) for n in sorted(named))
        graph.add_edges_from((actor, instance, attributes) for (actor, instance), attributes in edges.items())
        return Projection(graph, self.territories, _concepts(), at, since)


def _from_triples(triples: Iterable[tuple], at: datetime.date | None) -> Projection:
    """Build the projection from plain (subject, predicate, object) triples: IRIs as ``str``, literals as ``_Value``."""
    return _timeless(triples).at(at)


def _timeless(triples: Iterable[tuple], persons: frozenset = frozenset()) -> Timeless:
    facts = _Facts(*_read(triples))
    kinds, props, labels_en = facts
    territories = {t: _territory(props[t], labels_en.get(t), t) for t, kind in kinds.items() if kind == "territory"}
    nodes = {
        subject: _node_attributes(kind, props[subject], labels_en.get(subject))
        for subject, kind in kinds.items()
        if kind in ("actor", "instance")
    }
    typed = frozenset(nodes)
    seats = {}
    for subject, kind in kinds.items():
        if kind == "membership" and (seat := _seat(subject, facts, nodes)) is not None:
            seats[subject] = seat
    _renew_instances(nodes, seats.values())
    return Timeless(nodes, seats, territories, typed, facts, persons)


def _add_seat(edges: dict, ranks: dict, seat: _Seat) -> None:
    """One edge per actor and instance: a seat held under an old name and under its successor is one seat.

    The merged seat keeps both roles, and the membership (with its hours) of the successor itself, else the
    first by IRI, so that every way in builds the same graph whatever the order of the triples.
    """
    key, rank = (seat.actor, seat.instance), (not seat.own, seat.subject)
    edge = edges.get(key)
    if edge is None:
        edges[key], ranks[key] = (
            {
                "roles": seat.roles,
                "hours": seat.hours,
                "membership": seat.subject,
                "attested": seat.attested,
                "confirmed": seat.confirmed,
            },
            rank,
        )
        return
    edge["roles"] = tuple(sorted(set(edge["roles"]) | set(seat.roles)))
    edge["attested"] = max(filter(None, (edge["attested"], seat.attested)), default=None)  # the latest
    edge["confirmed"] = max(filter(None, (edge["confirmed"], seat.confirmed)), default=None)
    if rank < ranks[key]:
        ranks[key] = rank
        edge["membership"], edge["hours"] = seat.subject, seat.hours if seat.hours is not None else edge["hours"]
    elif edge["hours"] is None:
        edge["hours"] = seat.hours


def projection_from_graph(graph, at: datetime.date | None = None, since: int | None = None) -> Projection:
    """Projection of an rdflib graph holding the data (tests, small graphs).

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> g = Graph()
    >>> from ecosystem.namespaces import ECO, ORG, actor_iri, instance_iri, membership_iri
    >>> m = membership_iri("a", "i")
    >>> for t in [(actor_iri("a"), RDF.type, ECO.Actor), (instance_iri("i"), RDF.type, ECO.Instance),
    ...           (m, RDF.type, ORG.Membership), (m, ORG.member, actor_iri("a")),
    ...           (m, ORG.organization, instance_iri("i")), (m, ECO.hoursPerYear, Literal(12.5))]:
    ...     _ = g.add(t)
    >>> p = projection_from_graph(g)
    >>> p.two_mode.edges[str(actor_iri("a")), str(instance_iri("i"))]["hours"]
    12.5
    """
    wanted = set(_NODE_PROPERTIES) | {_TYPE}
    persons = {str(person) for person in persons_in(graph)}
    return _timeless(public_plain(_plain_rdflib(t for t in graph if t[1] in wanted), persons)).at(at, since)


_TIMELESS: VersionCache[str, Timeless] = VersionCache(2)
_PROJECTIONS: VersionCache[tuple, Projection] = VersionCache(4)
_STAMPS: VersionCache[str, int] = VersionCache(64)


def note_stamp(version: str, stamp: int | None) -> None:
    """The journal number of the last write data ``version`` holds (the « version N » results are stamped with)."""
    if stamp is not None:
        _STAMPS.put(version, stamp)


def _built(store, version: str, at: datetime.date, since: int | None) -> Projection:
    projection = timeless(store, version).at(at, since)
    projection.derived.stamp = _STAMPS.peek(version)
    return projection


def build_projection(store, at: datetime.date | None = None, since: int | None = None) -> Projection:
    """Projection of the store's current data at ``at`` (today if ``None``), cached per data version.

    The store is read once per data version (one SELECT of the few properties the
    projection reads, much faster than copying the graph into rdflib); each date is then
    a filter on the memberships' intervals (:meth:`Timeless.at`), not another read; ``since`` too (a year).
    """
    at = at or datetime.date.today()
    version = store.version()
    return _PROJECTIONS.get((version, at, since), lambda: _built(store, version, at, since))


def kept_projection(store, at: datetime.date, since: int | None = None) -> Projection | None:
    """The projection at ``at`` if it is already built for the store's data version, else ``None``."""
    return _PROJECTIONS.peek((store.version(), at, since))


def kept_at_version(version: str, at: datetime.date, since: int | None = None) -> Projection | None:
    """The projection at ``at`` if it is already built for data version ``version``, else ``None``."""
    return _PROJECTIONS.peek((version, at, since))


def timeless(store, version: str | None = None) -> Timeless:
    """What the projection reads from the store, for every date (kept per data version)."""
    return _TIMELESS.get(version or store.version(), lambda: _read_store(store))


def _read_query(subjects=None) -> str:
    """The one SELECT of what the projection reads, of every subject or of ``subjects`` (IRIs)."""
    from ecosystem.queries import node_values_query  # the store is an edge: imported only here

    return node_values_query([RDF.type, *_NODE_PROPERTIES], subjects)


def _read_store(store) -> Timeless:
    query = _read_query()
    persons = _persons(store)  # never on a page
    return _timeless(public_plain(plain_values(store.plain_rows(query)), persons), persons)


def _persons(store) -> frozenset[str]:
    from ecosystem.queries import persons_query
    from ecosystem.store.base import CURRENT

    return frozenset(str(row["person"]) for row in store.select(persons_query(CURRENT)))
