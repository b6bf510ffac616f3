"""The diff map: both versions' nodes on one drawing, coloured added / removed / changed.

The view is the union of the two versions' views (a removed actor is still drawn, in
the "removed" colour); edges carry their membership IRI so a changed role or an added
seat is coloured too. Positions come from the same server-side layout as every map.
"""

from __future__ import annotations

import networkx as nx

from ecosystem.diff import GraphDiff
from ecosystem.export.meta import visual_meta
from ecosystem.export.options import ExportOptions
from ecosystem.export.view import MapView, build_view
from ecosystem.export.visual import render_svg
from ecosystem.i18n import Message
from ecosystem.layout import DEFAULT_SEED, positions_of
from ecosystem.projection import projection_from_graph
from ecosystem.revisions import revision_data
from ecosystem.store.base import Store

__all__ = ["diff_map_svg", "union_view"]


def union_view(before: MapView, after: MapView) -> MapView:
    """Every node and edge of either view; attributes of ``after`` win where both have them."""
    return MapView(graph=nx.compose(before.graph, after.graph), filters=after.filters, lang=after.lang)


def diff_map_svg(store: Store, diff: GraphDiff, page: str = "a3", lang: str = "fr") -> str:
    """SVG of the diff map between the two revisions ``diff`` compares."""
    views = [
        build_view(projection_from_graph(revision_data(store, name)), lang=lang) for name in (diff.before, diff.after)
    ]
    view = union_view(*views)
    title = Message("Carte des différences", "Map of the differences").text(lang)
    meta = visual_meta(store, ExportOptions(revision=diff.after, lang=lang, title=title), view, status=diff.status_of())
    meta.revision = f"{diff.before} → {diff.after}"
    return render_svg(view, positions_of(view.graph, DEFAULT_SEED), meta, page)  # the union is no revision's view
