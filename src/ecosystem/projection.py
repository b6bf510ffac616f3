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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from itertools import combinations
from typing import NamedTuple

import networkx as nx
from rdflib import Literal, URIRef

from ecosystem.cache import Derived, VersionCache, derived
from ecosystem.namespaces import DCTERMS, ECO, ORG, RDF, SKOS, XSD
from ecosystem.ontology import vocabulary_graph
from ecosystem.privacy import persons_in, persons_query, public_plain

__all__ = [
    "Projection",
    "actor_graph",
    "build_projection",
    "instance_graph",
    "projection_from_graph",
]

_NODE_PROPERTIES = {
    SKOS.prefLabel: "label", ECO.acronym: "acronym", ECO.actorType: "actor_type", ECO.instanceType: "instance_type",
    ECO.sector: "sector", ECO.territory: "territory", ORG.purpose: "issues", ECO.function: "functions",
    ECO.targetPopulation: "populations", ECO.mandate: "mandate", ECO.meetingsPerYear: "meetings_per_year",
    ECO.hoursPerMeeting: "hours_per_meeting", ECO.informationStatus: "status", ECO.startDate: "start",
    ECO.endDate: "end", ORG.member: "member", ORG.organization: "organization", ORG.role: "roles",
    ECO.hoursPerYear: "hours_per_year", SKOS.broader: "broader", ECO.territoryType: "territory_type",
    DCTERMS.isReplacedBy: "replaced_by",
}
_TYPE = URIRef(str(RDF.type))  # plain URIRefs: DefinedNamespace attribute access is slow in hot loops
_MULTI = {"issues", "functions", "populations", "roles", "sector", "territory"}
_KINDS = {ECO.Actor: "actor", ECO.Instance: "instance", ECO.Territory: "territory", ORG.Membership: "membership"}


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


def instance_graph(projection: Projection) -> nx.Graph:
    """Instance–instance graph: an edge per pair sharing members, ``weight`` = number of shared members.

    Examples
    --------
    >>> g = nx.Graph([("a1", "i1"), ("a1", "i2"), ("a2", "i1"), ("a2", "i2"), ("a3", "i2")])
    >>> nx.set_node_attributes(g, {"a1": "actor", "a2": "actor", "a3": "actor", "i1": "instance", "i2": "instance"}, "kind")
    >>> instance_graph(Projection(g, {}, {}, datetime.date(2025, 1, 1)))["i1"]["i2"]["weight"]
    2
    """
    graph = nx.Graph()
    graph.add_nodes_from((i, projection.two_mode.nodes[i]) for i in projection.instances)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in projection.shared_members.items())
    return graph


def actor_graph(projection: Projection) -> nx.Graph:
    """Actor–actor co-membership graph: ``weight`` = number of instances both sit on."""
    graph = nx.Graph()
    graph.add_nodes_from((a, projection.two_mode.nodes[a]) for a in projection.actors)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in projection.shared_instances.items())
    return graph


# --- the one builder -------------------------------------------------------------------------


class _Value(NamedTuple):
    """A literal as the builder reads it: a Python value (float, date, str) and its language tag."""

    value: object
    language: str | None


_NUMERIC = {str(XSD.decimal), str(XSD.double), str(XSD.float), str(XSD.integer)}
_DATE = str(XSD.date)


def _plain_rdflib(triples: Iterable[tuple]) -> Iterator[tuple]:
    for s, p, o in triples:
        if isinstance(o, Literal):
            value = o.toPython()
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                value = float(value)
            yield str(s), str(p), _Value(value, o.language)
        else:
            yield str(s), str(p), str(o)


def _plain_oxigraph(solutions) -> Iterator[tuple]:
    """pyoxigraph solutions of ?s ?p ?o as plain values: no rdflib term is made (5× faster on 1 M rows)."""
    for s, p, o in solutions:
        if type(o).__name__ == "Literal":
            datatype = o.datatype.value
            if datatype in _NUMERIC:
                value = float(o.value)
            elif datatype == _DATE:
                value = datetime.date.fromisoformat(o.value)
            else:
                value = o.value
            yield s.value, p.value, _Value(value, o.language)
        else:
            yield s.value, p.value, o.value


def _from_triples(triples: Iterable[tuple], at: datetime.date | None) -> Projection:
    """Build the projection from plain (subject, predicate, object) triples: IRIs as ``str``, literals as ``_Value``."""
    at = at or datetime.date.today()
    kinds: dict[str, str] = {}
    props: dict[str, dict] = defaultdict(dict)
    labels_en: dict[str, str] = {}
    properties = {str(k): v for k, v in _NODE_PROPERTIES.items()}
    type_, classes = str(_TYPE), {str(k): v for k, v in _KINDS.items()}
    for subject, p, o in triples:
        if p == type_:
            if o in classes:
                kinds[subject] = classes[o]
            continue
        name = properties.get(p)
        if name is None:
            continue
        literal = isinstance(o, _Value)
        if literal and name in ("label", "mandate"):
            if name == "label" and o.language == "en":
                labels_en[subject] = o.value
                continue
            if o.language not in (None, "fr") and name in props[subject]:
                continue
        value = o.value if literal else o
        if name in _MULTI:
            props[subject].setdefault(name, set()).add(value)
        else:
            props[subject][name] = value
    territories = {
        t: {"label": props[t].get("label", t.rsplit("/", 1)[-1]), "label_en": labels_en.get(t),
            "parent": props[t].get("broader"), "type": props[t].get("territory_type")}
        for t, kind in kinds.items() if kind == "territory"
    }
    graph = nx.Graph()
    for subject, kind in kinds.items():
        if kind in ("actor", "instance"):
            graph.add_node(subject, **_node_attributes(kind, props[subject], labels_en.get(subject)))
    for subject, kind in kinds.items():
        if kind != "membership":
            continue
        entry = props[subject]
        actor, instance = _successor(entry.get("member"), props), entry.get("organization")
        if actor is None or instance is None or not _active(entry, at):
            continue
        for node, node_kind in ((actor, "actor"), (instance, "instance")):
            if node not in graph:  # named by a membership only: known by its id
                graph.add_node(node, **_node_attributes(node_kind, props.get(node, {}), labels_en.get(node)))
        if not _active(props.get(instance, {}), at):
            continue
        attributes = graph.nodes[instance]
        hours = entry.get("hours_per_year")
        if hours is None and attributes["meetings_per_year"] is not None and attributes["hours_per_meeting"] is not None:
            hours = attributes["meetings_per_year"] * attributes["hours_per_meeting"]
        _add_seat(graph, props, actor, instance, subject, hours)
    return Projection(graph, territories, _concepts(), at)


def _add_seat(graph: nx.Graph, props: Mapping, actor: str, instance: str, membership: str, hours) -> None:
    """One edge per actor and instance: a seat held under an old name and under its successor is one seat.

    The merged seat keeps both roles, and the membership (with its hours) of the successor itself, else the
    first by IRI, so that every way in builds the same graph whatever the order of the triples.
    """
    roles = tuple(sorted(props[membership].get("roles", ())))
    if not graph.has_edge(actor, instance):
        graph.add_edge(actor, instance, roles=roles, hours=hours, membership=membership)
        return
    seat = graph.edges[actor, instance]
    seat["roles"] = tuple(sorted(set(seat["roles"]) | set(roles)))
    def rank(m: str) -> tuple:  # the successor's own membership first, then by IRI
        return props[m].get("member") != actor, m

    if rank(membership) < rank(seat["membership"]):
        seat["membership"], seat["hours"] = membership, hours if hours is not None else seat["hours"]
    elif seat["hours"] is None:
        seat["hours"] = hours


def _successor(actor: str | None, props: Mapping) -> str | None:
    """The body that holds an old name's seat now: ``dcterms:isReplacedBy`` followed to its end."""
    seen = {actor}
    while (successor := props.get(actor, {}).get("replaced_by")) is not None and successor not in seen:
        seen.add(successor)
        actor = successor
    return actor


def _node_attributes(kind: str, entry: Mapping, label_en: str | None) -> dict:
    common = {
        "kind": kind, "label": entry.get("label"), "label_en": label_en, "acronym": entry.get("acronym"),
        # several territories (rare): ``territory`` is the first by IRI, ``territories`` all of them
        "sector": tuple(sorted(entry.get("sector", ()))), "territory": min(entry.get("territory", ()), default=None),
        "territories": tuple(sorted(entry.get("territory", ()))),
        "status": entry.get("status"),
    }
    if not common["label"]:
        common["label"] = entry.get("acronym") or None
    if kind == "actor":
        return common | {"actor_type": entry.get("actor_type")}
    return common | {
        "instance_type": entry.get("instance_type"),
        "issues": tuple(sorted(entry.get("issues", ()))),
        "functions": tuple(sorted(entry.get("functions", ()))),
        "populations": tuple(sorted(entry.get("populations", ()))),
        "mandate": entry.get("mandate"),
        "meetings_per_year": entry.get("meetings_per_year"),
        "hours_per_meeting": entry.get("hours_per_meeting"),
    }


def _active(entry: Mapping, at: datetime.date) -> bool:
    start, end = entry.get("start"), entry.get("end")
    return not (isinstance(start, datetime.date) and at < start) and not (isinstance(end, datetime.date) and at > end)


@lru_cache
def _concepts() -> dict:
    vocabulary = vocabulary_graph()
    concepts: dict = {}
    for concept in vocabulary.subjects(RDF.type, SKOS.Concept):
        labels = {label.language: str(label) for label in vocabulary.objects(concept, SKOS.prefLabel)}
        concepts[str(concept)] = {
            "label": labels.get("fr") or next(iter(labels.values()), str(concept)),
            "label_en": labels.get("en"),
            "broader": tuple(sorted(str(b) for b in vocabulary.objects(concept, SKOS.broader))),
            "scheme": next((str(s) for s in vocabulary.objects(concept, SKOS.inScheme)), None),
        }
    return concepts


def projection_from_graph(graph, at: datetime.date | None = None) -> Projection:
    """Projection of an rdflib graph holding the data (tests, small graphs).

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph()
    >>> from ecosystem.namespaces import actor_iri, instance_iri, membership_iri
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
    return _from_triples(public_plain(_plain_rdflib(t for t in graph if t[1] in wanted), persons), at)


_PROJECTIONS: VersionCache[tuple, Projection] = VersionCache(4)


def build_projection(store, at: datetime.date | None = None) -> Projection:
    """Projection of the store's current data at ``at`` (today if ``None``), cached per data version.

    One SELECT fetches the triples the projection reads (a few properties), which is
    much faster than copying the graph into rdflib.
    """
    at = at or datetime.date.today()
    return _PROJECTIONS.get((store.version(), at), lambda: _build(store, at))


def _build(store, at: datetime.date) -> Projection:
    from ecosystem.store.base import CURRENT  # the store is an edge: imported only here

    predicates = " ".join(f"<{p}>" for p in [RDF.type, *_NODE_PROPERTIES])
    query = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{CURRENT}> {{ VALUES ?p {{ {predicates} }} ?s ?p ?o }} }}"
    persons = {str(row["person"]) for row in store.select(persons_query(str(CURRENT)))}  # never on a page
    if hasattr(store, "raw_query"):  # the embedded store: read Oxigraph's terms directly
        triples = _plain_oxigraph((row[0], row[1], row[2]) for row in store.raw_query(query))
    else:
        triples = _plain_rdflib((row["s"], row["p"], row["o"]) for row in store.select(query))
    return _from_triples(public_plain(triples, persons), at)
