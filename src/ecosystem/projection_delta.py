"""After a write, the projections kept for the previous data version are updated, not rebuilt.

The write path (:mod:`ecosystem.writes`) hands each write's quads here (:func:`follow_write`).
Only the subjects the write touched are read again from the store (the same SELECT as a
full build, restricted to them); the memberships that depend on them (their instance's
dates and hours, their member's successor) are placed again, and the two-mode graph of
each kept date is copied on write: the nodes and adjacencies nobody touched are shared with
the previous graph, which concurrent readers may still hold and which is never modified.
The result equals a full rebuild (a property test checks it after random writes); what was
computed from the previous projection is carried per touched node (:class:`Touched`, see
:mod:`ecosystem.cache`).

A write that changes the persons (never on a page), or touches more than
:data:`MAX_SUBJECTS` subjects (a whole import), or replaces a named graph, is not followed:
the next read builds the projection anew, as before.

Each followed write also leaves, for the read cache (``api/http_cache.py``), what it touched:
:func:`touched_between` gives the actors and instances that may differ between two data
versions, or ``None`` when anything may (a territory, a concept or any other resource written, a
write not followed, a version not seen here).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
from rdflib import URIRef

from ecosystem.privacy import public_plain
from ecosystem.projection import (
    _PROJECTIONS,
    _TIMELESS,
    Projection,
    Timeless,
    _add_seat,
    _persons,
    _read_query,
    note_stamp,
)
from ecosystem.projection_values import (
    _Facts,
    _node_attributes,
    _read,
    _recent,
    _renewed,
    _Seat,
    _seat,
    _territory,
    plain_values,
)

__all__ = ["MAX_SUBJECTS", "Touched", "follow_write", "touched_between"]

MAX_SUBJECTS = 5000
"""Beyond this many subjects, a write's projection is built anew rather than updated."""
_NODE_KINDS = ("actor", "instance")
_IRI = re.compile(r'[^\x00-\x20<>"{}|^`\\]+')
_NODE_OR_SEAT = {"actor", "instance", "membership"}
_WRITTEN: OrderedDict[str, tuple[str, frozenset[str] | None]] = OrderedDict()
"""Data version after a followed write → (the version before, the nodes it touched or ``None``: anything)."""
_WRITTEN_KEPT = 1024
_WRITTEN_LOCK = threading.Lock()


def _note_touched(before: str, after: str, nodes: frozenset[str] | None) -> None:
    with _WRITTEN_LOCK:
        _WRITTEN[after] = (before, nodes)
        while len(_WRITTEN) > _WRITTEN_KEPT:
            _WRITTEN.popitem(last=False)


def touched_between(older: str, newer: str, steps: int = 64) -> frozenset[str] | None:
    """The actors and instances that may differ from data version ``older`` to ``newer`` (the same
    version: none), through the followed writes between them; ``None`` when anything may.

    >>> _note_touched("v1", "v2", frozenset({"a"})); _note_touched("v2", "v3", frozenset({"b"}))
    >>> sorted(touched_between("v1", "v3")), touched_between("v3", "v1"), touched_between("v0", "v3")
    (['a', 'b'], None, None)
    """
    found: set[str] = set()
    with _WRITTEN_LOCK:
        for _ in range(steps):
            if newer == older:
                return frozenset(found)
            step = _WRITTEN.get(newer)
            if step is None or step[1] is None:
                return None
            newer = step[0]
            found |= step[1]
    return None


@dataclass(frozen=True)
class Touched:
    """What a write (or several) may have changed in a projection: the actors and instances whose
    attributes, seats or edges may differ, and whether the territories did."""

    nodes: frozenset[str]
    territories: bool = False

    def merged(self, later: Touched) -> Touched:
        return Touched(self.nodes | later.nodes, self.territories or later.territories)


@dataclass
class _Links:
    """Who depends on whom in the facts: membership → instance and member, old name → successor; node → seats."""

    by_instance: dict[str, set[str]]
    by_member: dict[str, set[str]]
    replaced: dict[str, set[str]]
    seats_of: dict[str, set[str]]


def _links(timeless: Timeless) -> _Links:
    """The timeless facts' dependency indexes, built at its first write and then kept up to date."""
    found = timeless.__dict__.get("_links")
    if found is None:
        assert timeless.facts is not None
        found = _Links(defaultdict(set), defaultdict(set), defaultdict(set), defaultdict(set))
        for subject, entry in timeless.facts.props.items():
            _index(found, subject, entry, +1)
        for seat in timeless.seats.values():
            found.seats_of[seat.actor].add(seat.subject)
            found.seats_of[seat.instance].add(seat.subject)
        timeless.__dict__["_links"] = found
    return found


def _index(links: _Links, subject: str, entry: dict, sign: int) -> None:
    for table, name in (
        (links.by_instance, "organization"),
        (links.by_member, "member"),
        (links.replaced, "replaced_by"),
    ):
        target = entry.get(name)
        if target is not None:
            (table[target].add if sign > 0 else table[target].discard)(subject)


def follow_write(store, before: str, after: str, quads: Iterable[tuple], stamp: int | None = None) -> bool:
    """Update the projections kept at data version ``before`` to ``after``, from the write's ``quads``
    (added and removed, in the current graph); ``False`` when the next read must build anew."""
    note_stamp(after, stamp)
    old = _TIMELESS.peek(before)
    subjects = {s for s, *_ in quads}
    if old is None or old.facts is None or len(subjects) > MAX_SUBJECTS or not all(_plain_iri(s) for s in subjects):
        return False
    persons = _persons(store)
    if persons != old.persons:
        return False
    rows = store.plain_rows(_read_query(sorted(subjects)))
    written = {str(s) for s in subjects}
    timeless, touched = _advance(old, written, public_plain(plain_values(rows), persons))
    _TIMELESS.put(after, timeless)
    assert old.facts is not None and timeless.facts is not None
    known = all(
        {old.facts.kinds.get(s), timeless.facts.kinds.get(s)} - {None} <= _NODE_OR_SEAT
        and (s in old.facts.kinds or s in timeless.facts.kinds)
        for s in written
    )
    _note_touched(before, after, touched.nodes if known and not touched.territories else None)
    kept = [
        (key, _PROJECTIONS.peek(key)) for key in _PROJECTIONS.kept_keys() if key[0] == before
    ]  # all, before any is added
    for key, projection in kept:
        if projection is not None:
            _PROJECTIONS.put((after, *key[1:]), advance_projection(projection, timeless, touched, stamp))
    return True


def _plain_iri(term) -> bool:
    """An IRI that can be written between ``<>`` in a query as it is."""
    return isinstance(term, URIRef) and _IRI.fullmatch(str(term)) is not None


def _advance(old: Timeless, subjects: set[str], rows: Iterable[tuple]) -> tuple[Timeless, Touched]:
    """The timeless facts with ``subjects`` read again from ``rows``, and the nodes that may have changed."""
    assert old.facts is not None
    links = _links(old)
    fresh = _Facts(*_read(rows))
    kinds, props, labels = dict(old.facts.kinds), defaultdict(dict, old.facts.props), dict(old.facts.labels_en)
    was_kind = {s: kinds.pop(s, None) for s in subjects}
    for s in subjects:
        if s in props:
            _index(links, s, props.pop(s), -1)
        labels.pop(s, None)
    kinds.update(fresh.kinds)
    labels.update(fresh.labels_en)
    for s, entry in fresh.props.items():
        props[s] = entry
        _index(links, s, entry, +1)
    facts = _Facts(kinds, props, labels)
    nodes, territories, typed = dict(old.nodes), dict(old.territories), set(old.typed)
    changed_nodes = set()
    for s in subjects:
        typed.discard(s)
        nodes.pop(s, None)  # a node only named by a membership comes back with its seat
        if kinds.get(s) in _NODE_KINDS:
            nodes[s] = _node_attributes(kinds[s], props[s], labels.get(s))
            typed.add(s)
        if s in old.nodes or s in nodes:
            changed_nodes.add(s)
        if "territory" in (was_kind[s], kinds.get(s)):
            territories.pop(s, None)
            if kinds.get(s) == "territory":
                territories[s] = _territory(props[s], labels.get(s), s)
    memberships = _dependent_memberships(links, subjects, changed_nodes, was_kind, kinds, old)
    seats, touched = dict(old.seats), set(changed_nodes)
    for m in memberships:
        before, after = seats.pop(m, None), _placed(m, facts, nodes)
        for seat in filter(None, (before, after)):
            touched.update((seat.actor, seat.instance))
        if after is not None:
            seats[m] = after
    _reseat(links, old.seats, seats, memberships)
    renewed = {i for i in changed_nodes if i in nodes} | {
        s.instance for m in memberships for s in (old.seats.get(m), seats.get(m)) if s is not None
    }
    touched |= _renew_current(nodes, seats, links, old.nodes, renewed)
    territorial = any("territory" in (was_kind[s], kinds.get(s)) for s in subjects)
    timeless = Timeless(nodes, seats, territories, frozenset(typed), facts, old.persons)
    timeless.__dict__["_links"] = links
    old.__dict__.pop("_links", None)  # the indexes now describe the new facts only
    return timeless, Touched(frozenset(touched), territorial)


def _renew_current(nodes: dict, seats: dict, links: _Links, before: dict, instances: set[str]) -> set[str]:
    """Each of ``instances``' ``current`` year made again (as :func:`ecosystem.projection_values._renew_instances`,
    on copies); the members of those whose year moved, whose seats then count or not."""
    moved: set[str] = set()
    for instance in instances:
        if nodes.get(instance, {}).get("kind") != "instance":
            continue
        attributes = dict(nodes[instance])
        current = _renewed(attributes["attested"], attributes["confirmed"])
        held = [seats[m] for m in links.seats_of.get(instance, ()) if m in seats and seats[m].instance == instance]
        for seat in held:
            current = _renewed(current, seat.confirmed)
        attributes["current"] = current
        nodes[instance] = attributes
        if before.get(instance, {}).get("current") != current:
            moved.update(seat.actor for seat in held)
    return moved


def _placed(membership: str, facts: _Facts, nodes: dict) -> _Seat | None:
    return _seat(membership, facts, nodes) if facts.kinds.get(membership) == "membership" else None


def _dependent_memberships(
    links: _Links, subjects: set[str], changed_nodes: set[str], was_kind: dict, kinds: dict, old: Timeless
) -> set[str]:
    """The memberships to place again: those written, those of a changed instance, and those whose
    member's chain of successors passes through a written subject."""
    found = {s for s in subjects if "membership" in (was_kind[s], kinds.get(s)) or s in old.seats}
    chain, todo = set(subjects), list(subjects)
    while todo:  # old names replaced by a written subject, at any depth (the successor changes with them)
        for predecessor in links.replaced.get(todo.pop(), ()):
            if predecessor not in chain:
                chain.add(predecessor)
                todo.append(predecessor)
    for node in changed_nodes:
        found |= links.by_instance.get(node, set())
    for name in chain:
        found |= links.by_member.get(name, set())
    for node in changed_nodes | chain:  # seats held through an old name whose facts are gone
        found |= links.seats_of.get(node, set())
    return found


def _reseat(links: _Links, before: dict, after: dict, memberships: set[str]) -> None:
    for m in memberships:
        if (seat := before.get(m)) is not None:
            links.seats_of[seat.actor].discard(m)
            links.seats_of[seat.instance].discard(m)
        if (seat := after.get(m)) is not None:
            links.seats_of[seat.actor].add(m)
            links.seats_of[seat.instance].add(m)


# --- one date's graph, copied on write ------------------------------------------------------------


def advance_projection(old: Projection, timeless: Timeless, touched: Touched, stamp: int | None = None) -> Projection:
    """``old`` updated to ``timeless`` for the ``touched`` nodes; ``old`` itself is left as it was."""
    graph: nx.Graph[str] = nx.Graph()
    vars(graph).update(_node=dict(_nodes(old.two_mode)), _adj=dict(_adj(old.two_mode)))  # before any view of it is made
    copied: set[str] = set()
    links = _links(timeless)
    for node in sorted(touched.nodes):
        _renew(graph, copied, node, timeless, links, old.at, old.since)
    derived = old.derived.succeeded_by(stamp, touched, Touched.merged)
    projection = Projection(graph, timeless.territories, old.concepts, old.at, old.since, derived)
    _carry_lists(old, projection, touched.nodes)
    return projection


def _nodes(graph: nx.Graph) -> dict:
    """The graph's own node → attributes table (networkx's ``_node``), to share and replace entries."""
    return vars(graph)["_node"]


def _adj(graph: nx.Graph) -> dict:
    """The graph's own node → neighbours table (networkx's ``_adj``)."""
    return vars(graph)["_adj"]


def _own(graph: nx.Graph, copied: set, node: str) -> dict:
    """``node``'s adjacency in ``graph``, copied first if still shared with the previous graph."""
    if node not in copied:
        _adj(graph)[node] = dict(_adj(graph).get(node, {}))
        copied.add(node)
    return _adj(graph)[node]


def _renew(graph: nx.Graph, copied: set, node: str, timeless: Timeless, links: _Links, at, since) -> None:
    """``node``'s presence, attributes and edges at ``at``, as :meth:`Timeless.at` would make them."""
    seats = [timeless.seats[m] for m in sorted(links.seats_of.get(node, ())) if m in timeless.seats]
    active = [
        s
        for s in seats
        if not ((s.start is not None and at < s.start) or (s.end is not None and at > s.end))
        and _recent(_renewed(s.attested, s.confirmed), since)
        and _recent(timeless.nodes[s.instance]["current"], since)
    ]
    attributes = timeless.nodes.get(node)
    present = attributes is not None and (
        (node in timeless.typed and (attributes["kind"] == "actor" or _recent(attributes["current"], since)))
        or (node not in timeless.typed and bool(active))
    )
    edges: dict = {}
    ranks: dict = {}
    for seat in active:
        if not (
            (seat.instance_start is not None and at < seat.instance_start)
            or (seat.instance_end is not None and at > seat.instance_end)
        ):
            _add_seat(edges, ranks, seat)
    neighbours = {(a if b == node else b): data for (a, b), data in edges.items()} if present else {}
    for other in list(_adj(graph).get(node, {})):
        if other not in neighbours:
            del _own(graph, copied, node)[other]
            del _own(graph, copied, other)[node]
    if not present or attributes is None:
        _nodes(graph).pop(node, None)
        _adj(graph).pop(node, None)
        return
    _nodes(graph)[node] = dict(attributes)
    own = _own(graph, copied, node)
    for other, data in neighbours.items():
        if other not in _nodes(graph):  # a neighbour renewed later, or not typed: placed as :meth:`Timeless.at` does
            _nodes(graph)[other] = dict(timeless.nodes[other])
            _own(graph, copied, other)
        own[other] = _own(graph, copied, other)[node] = dict(data)


def _carry_lists(old: Projection, new: Projection, touched: frozenset[str]) -> None:
    """The sorted lists of actors and instances, and the members, updated rather than made again."""
    cached, graph = old.__dict__, new.two_mode
    for name, kind in (("actors", "actor"), ("instances", "instance")):
        if name in cached:
            kept = [n for n in cached[name] if n not in touched]
            for node in touched:
                if node in _nodes(graph) and _nodes(graph)[node]["kind"] == kind:
                    bisect.insort(kept, node)
            new.__dict__[name] = kept
    if "members" in cached:
        around = set(touched)
        for side in (_adj(old.two_mode), _adj(graph)):
            around.update(n for t in touched for n in side.get(t, ()))
        members = cached["members"]
        new.__dict__["members"] = {i: frozenset(_adj(graph)[i]) if i in around else members[i] for i in new.instances}
