"""The export writers: each format's ``(store, options) → bytes``, by the name :mod:`.formats` registers it
under (:data:`WRITERS`). Map formats (GEXF, GraphML, SVG, PDF, PNG, HTML) draw the view of :mod:`.view` at the
server-side layout's positions (the web map's); data formats (Turtle, TriG, JSON-LD, N-Triples) come from
:mod:`.rdf`; CSV and XLSX are the import template's tables.

Apart from the registry so that reading the list of formats (the command line's options, its help) does not
import the drawing and analysis libraries (igraph, cairo: most of a command's start).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from ecosystem.analysis.structure import structure
from ecosystem.cache import VersionCache, derived
from ecosystem.export.html import render_html
from ecosystem.export.meta import visual_meta
from ecosystem.export.network import to_gexf, to_graphml
from ecosystem.export.options import ExportOptions
from ecosystem.export.rdf import export_rdf
from ecosystem.export.view import MapView, build_view, map_filters
from ecosystem.export.visual import render_svg, svg_to_pdf, svg_to_png
from ecosystem.ingest.export_tables import export_tables
from ecosystem.mapviews import kept_positions
from ecosystem.projection import Projection, build_projection, projection_from_graph
from ecosystem.queries import plan_responsibilities
from ecosystem.revisions import CURRENT_NAME, revision_data
from ecosystem.store.base import Store

__all__ = ["WRITERS", "map_positions", "map_view"]

_REVISIONS: VersionCache = VersionCache(4)


@derived
def _communities(projection: Projection) -> dict[str, int]:
    """Node → community: Louvain's groups, then one community per group of nodes it leaves out
    (isolates, small components), so every node has one."""
    found = {
        member["iri"]: group["numero"]
        for group in structure(projection).communautes
        for member in (*group["instances"], *group["acteurs"])
    }
    rest = projection.two_mode.subgraph(n for n in projection.two_mode if n not in found)
    number = max(found.values(), default=0)
    for component in sorted((sorted(c) for c in nx.connected_components(rest)), key=lambda c: (-len(c), c[0])):
        number += 1
        found.update(dict.fromkeys(component, number))
    return found


def _projection_and_communities(store: Store, revision: str):
    """The projection and its communities, kept per data version (both cost seconds on a province)."""
    if revision == CURRENT_NAME:
        projection = build_projection(store)
    else:
        projection = _REVISIONS.get(
            (store.version(), revision), lambda: projection_from_graph(revision_data(store, revision))
        )
    return projection, _communities(projection)


def map_view(store: Store, options: ExportOptions) -> MapView:
    """The filtered view of a revision (or the current graph) with seats, load and communities."""
    projection, communities = _projection_and_communities(store, options.revision)
    responsibilities = plan_responsibilities(store) if options.filters.get("strategie") else None
    return build_view(projection, options.filters, options.lang, communities, responsibilities)


def map_positions(store: Store, view: MapView, options: ExportOptions) -> dict:
    """Node → (x, y): the web map's positions of the same view (:func:`ecosystem.mapviews.kept_positions`, kept
    and carried across writes, so the print keeps the screen's arrangement)."""
    projection, _ = _projection_and_communities(store, options.revision)
    responsibilities = plan_responsibilities(store) if view.filters.get("strategie") else None
    selection = map_filters(view.filters, responsibilities)
    return kept_positions(projection, selection)


def _svg(store: Store, options: ExportOptions) -> str:
    view = map_view(store, options)
    return render_svg(
        view, map_positions(store, view, options), visual_meta(store, options, view), options.page, options.orientation
    )


def _svg_file(store: Store, options: ExportOptions) -> bytes:
    return _svg(store, options).encode("utf-8")


def _html(store: Store, options: ExportOptions) -> bytes:
    view = map_view(store, options)
    return render_html(view, map_positions(store, view, options), visual_meta(store, options, view)).encode("utf-8")


def _network(writer):
    def write(store: Store, options: ExportOptions) -> bytes:
        view = map_view(store, options)
        return writer(view.graph, map_positions(store, view, options))

    return write


def _pdf(store: Store, options: ExportOptions) -> bytes:
    view = map_view(store, options)
    meta = visual_meta(store, options, view)
    return svg_to_pdf(
        render_svg(view, map_positions(store, view, options), meta, options.page, options.orientation), title=meta.title
    )


def _png(store: Store, options: ExportOptions) -> bytes:
    return svg_to_png(_svg(store, options), options.width, options.dpi, options.page, options.orientation)


def _rdf(format: str):
    return lambda store, options: export_rdf(store, format, options.revision, options.vocabularies)


def _tables(format: str):
    def write(store: Store, options: ExportOptions) -> bytes:
        """The import template's tables: one XLSX workbook, or the CSV files in a zip."""
        with tempfile.TemporaryDirectory() as folder:
            if format == "xlsx":
                path = Path(folder) / "ecosysteme.xlsx"
                export_tables(store, path, "xlsx")
                return path.read_bytes()
            files = export_tables(store, Path(folder) / "tables", "csv")
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for file in files:
                    # A fixed date: the same data gives the same archive, byte for byte.
                    member = zipfile.ZipInfo(file.name, date_time=(2000, 1, 1, 0, 0, 0))
                    archive.writestr(member, file.read_bytes(), zipfile.ZIP_DEFLATED)
            return buffer.getvalue()

    return write


WRITERS: dict[str, Callable[[Store, ExportOptions], bytes]] = {
    "svg": _svg_file,
    "pdf": _pdf,
    "png": _png,
    "html": _html,
    "gexf": _network(to_gexf),
    "graphml": _network(to_graphml),
    "turtle": _rdf("turtle"),
    "trig": _rdf("trig"),
    "jsonld": _rdf("jsonld"),
    "nt": _rdf("nt"),
    "csv": _tables("csv"),
    "xlsx": _tables("xlsx"),
}
"""Format name → its writer."""
