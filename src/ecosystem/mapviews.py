"""A map view's nodes and positions, kept per projection and filters, carried across versions of the data.

The web map and the printed map (SVG, PDF, PNG, HTML, GEXF, GraphML) draw a view at the positions
:func:`kept_positions` gives, so the screen and the print agree. After a write through the write path,
the projection is updated from the previous one (:mod:`ecosystem.projection_delta`) and these are carried:
a view the write did not touch is the same object; a touched one keeps its nodes' places and lays out
only the new ones among them (:func:`ecosystem.layout.layout_positions` with ``previous``). Without a
previous version (a start, a whole import), positions are a function of the view's graph alone.
"""

from __future__ import annotations

from ecosystem.cache import Derived, derived
from ecosystem.layout import layout_positions, positions_of
from ecosystem.mapfilters import MapFilters, may_show, select_view

__all__ = ["kept_positions", "kept_view", "kept_view_function"]


def _carry_view(previous, change, ancestor: Derived, projection, filters: MapFilters):
    """The same view when none of the touched nodes was in it or may be now (:func:`ecosystem.mapfilters.may_show`);
    else, for views that depend only on each node's own facts, the previous nodes with the touched ones placed again."""
    if not change.territories and not any(
        node in previous or may_show(projection, filters, node) for node in change.nodes
    ):
        return previous
    if change.territories or filters.sector or filters.role or filters.focus:
        return select_view(projection, filters)
    shown = {node for node in change.nodes if may_show(projection, filters, node)}
    return projection.two_mode.subgraph((set(previous) - change.nodes) | shown)


def kept_view_function():
    """:func:`ecosystem.mapfilters.select_view` as kept per projection (to ask an ancestor what it kept)."""
    return derived(select_view, keep=64, carry=_carry_view)


def kept_view(projection, filters: MapFilters):
    """:func:`select_view`, kept per projection and filters, carried from the previous version where untouched."""
    return kept_view_function()(projection, filters)


def _graph(projection, filters: MapFilters | None):
    return kept_view(projection, filters) if filters is not None else projection.two_mode


def _linked(projection, filters: MapFilters | None) -> frozenset:
    """The view's nodes with a link: the others' places are only the packing of lone nodes."""
    graph = _graph(projection, filters)
    return frozenset(node for node in graph if any(other != node for other in graph[node]))


def _positions(projection, filters: MapFilters | None) -> dict:
    derived(_linked)(projection, filters)  # kept beside the positions: the next version's carry reads it
    return positions_of(_graph(projection, filters))


def _carry_positions(previous: dict, change, ancestor: Derived, projection, filters: MapFilters | None) -> dict:
    """The previous positions, the new nodes placed among them (the others stay where they were); a lone node
    that got a link is placed anew, beside its neighbours, not left in the row of lone nodes."""
    graph = _graph(projection, filters)
    linked = derived(_linked)(projection, filters)
    if filters is not None and graph is ancestor.result(kept_view_function(), filters):
        return previous
    linked_before = ancestor.result(derived(_linked), filters)
    if linked_before is not None:
        previous = {node: xy for node, xy in previous.items() if node in linked_before or node not in linked}
    return layout_positions(graph, previous=previous)


def kept_positions(projection, filters: MapFilters | None) -> dict:
    """Node positions of the view (``None``: of the whole graph, for aggregated views), kept and carried."""
    return derived(_positions, keep=64, carry=_carry_positions)(projection, filters)
