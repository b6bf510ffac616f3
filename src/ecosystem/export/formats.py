"""One entry point for every export: ``export(store, format, options)`` → bytes.

The CLI (``ecosystem export``) and the web (``/export/…``) both call it, so a file made
from either is the same. Map formats (GEXF, GraphML, SVG, PDF, PNG, HTML) draw the
view of :mod:`.view` at the server-side layout's positions (the web map's); data
formats (Turtle, TriG, JSON-LD, N-Triples) come from :mod:`.rdf`; CSV and XLSX are the
import template's tables. Nothing exported holds a person.
"""

from __future__ import annotations

import datetime
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ecosystem.analysis.structure import structure
from ecosystem.cache import VersionCache, derived
from ecosystem.export.html import render_html
from ecosystem.export.network import to_gexf, to_graphml
from ecosystem.export.rdf import export_rdf
from ecosystem.export.view import FILTERS, MapView, build_view
from ecosystem.export.visual import VisualMeta, render_svg, svg_to_pdf, svg_to_png
from ecosystem.i18n import Message
from ecosystem.ingest.export_tables import export_tables
from ecosystem.layout import DEFAULT_SEED, cached_positions
from ecosystem.namespaces import DCTERMS, PROV
from ecosystem.projection import Projection, build_projection, projection_from_graph
from ecosystem.revisions import CURRENT_NAME, revision_data, revision_graph_name
from ecosystem.store.base import Store

__all__ = ["FORMATS", "ExportError", "ExportOptions", "export", "map_positions", "map_view", "visual_meta"]

FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("ttl", "text/turtle; charset=utf-8"),
    "trig": ("trig", "application/trig; charset=utf-8"),
    "jsonld": ("jsonld", "application/ld+json"),
    "nt": ("nt", "application/n-triples"),
    "gexf": ("gexf", "application/gexf+xml"),
    "graphml": ("graphml", "application/graphml+xml"),
    "csv": ("zip", "application/zip"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "svg": ("svg", "image/svg+xml"),
    "pdf": ("pdf", "application/pdf"),
    "png": ("png", "image/png"),
    "html": ("html", "text/html; charset=utf-8"),
}
"""Format → (file extension, media type)."""


class ExportError(ValueError):
    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


@dataclass
class ExportOptions:
    revision: str = CURRENT_NAME
    filters: dict = field(default_factory=dict)
    page: str = "a3"
    width: int | None = None
    dpi: int = 300
    lang: str = "fr"
    title: str | None = None
    today: datetime.date | None = None


_REVISIONS: VersionCache = VersionCache(4)


def _projection_and_communities(store: Store, revision: str):
    """The projection and its communities, kept per data version (both cost seconds on a province)."""
    if revision == CURRENT_NAME:
        projection = build_projection(store)
    else:
        projection = _REVISIONS.get((store.version(), revision), lambda: projection_from_graph(revision_data(store, revision)))
    return projection, derived(_communities)(projection)


def _communities(projection: Projection) -> dict[str, int]:
    return {member["iri"]: group["numero"] for group in structure(projection).communautes
            for member in (*group["instances"], *group["acteurs"])}


def map_view(store: Store, options: ExportOptions) -> MapView:
    """The filtered view of a revision (or the current graph) with seats, load and communities."""
    projection, communities = _projection_and_communities(store, options.revision)
    return build_view(projection, options.filters, options.lang, communities)


def map_positions(store: Store, view: MapView, options: ExportOptions) -> dict:
    """Node → (x, y) from the server-side layout with its default seed, as the web map draws
    the same view; kept per data version, revision and filters."""
    key = ("export", store.version(), options.revision, tuple(sorted(view.filters.items())))
    return cached_positions(key, view.graph, DEFAULT_SEED)


def _source_line(store: Store, options: ExportOptions) -> str:
    """How many sources the facts cite, and the most cited one by its title."""
    graph = revision_graph_name(store, options.revision)
    rows = store.select(
        f"SELECT ?source (COUNT(*) AS ?n) (SAMPLE(?title) AS ?name) WHERE {{ GRAPH <{graph}> {{ "
        f"?fact <{PROV.wasDerivedFrom}> ?source . OPTIONAL {{ ?source <{DCTERMS.title}> ?title }} }} }} "
        f"GROUP BY ?source ORDER BY DESC(?n) ?source"
    )
    if not rows:
        return Message("Écosystème — aucune source citée", "Écosystème — no source cited").text(options.lang)
    top = str(rows[0]["name"] or rows[0]["source"])
    return Message(
        "Écosystème — {n} source(s) citée(s), chaque fait relié à la sienne (prov:wasDerivedFrom) ; la plus citée : {top}",
        "Écosystème — {n} source(s) cited, each fact linked to its own (prov:wasDerivedFrom); most cited: {top}",
    ).format(n=len(rows), top=top).text(options.lang)


def visual_meta(store: Store, options: ExportOptions, status: dict | None = None) -> VisualMeta:
    default_title = Message("Cartographie de l'écosystème du développement social",
                            "Map of the social-development ecosystem").text(options.lang)
    filters = ", ".join(f"{k} = {v}" for k, v in sorted(options.filters.items()) if k in FILTERS and v)
    return VisualMeta(
        title=options.title or default_title,
        date=(options.today or datetime.date.today()).isoformat(),
        revision=options.revision,
        source=_source_line(store, options),
        filters=filters,
        lang=options.lang,
        status=status,
    )


def export(store: Store, format: str, options: ExportOptions | None = None) -> bytes:
    """The export of ``format`` (a key of :data:`FORMATS`) as bytes."""
    options = options or ExportOptions()
    if format not in FORMATS:
        raise ExportError(Message("Format inconnu : « {f} ». Formats : {known}.", 'Unknown format: "{f}". Formats: {known}.')
                          .format(f=format, known=", ".join(FORMATS)))
    if format in ("turtle", "trig", "jsonld", "nt"):
        return export_rdf(store, format, options.revision)
    if format in ("csv", "xlsx"):
        return _tables(store, format, options)
    view = map_view(store, options)
    if format == "gexf":
        return to_gexf(view.graph)
    if format == "graphml":
        return to_graphml(view.graph)
    positions = map_positions(store, view, options)
    meta = visual_meta(store, options)
    if format == "html":
        return render_html(view, positions, meta).encode("utf-8")
    svg = render_svg(view, positions, meta, options.page)
    if format == "svg":
        return svg.encode("utf-8")
    if format == "pdf":
        return svg_to_pdf(svg)
    return svg_to_png(svg, options.width, options.dpi, options.page)


def _tables(store: Store, format: str, options: ExportOptions) -> bytes:
    """The import template's tables: one XLSX workbook, or the CSV files in a zip."""
    if options.revision != CURRENT_NAME:
        raise ExportError(Message("CSV et XLSX exportent le graphe courant seulement ; retirez --revision.",
                                  "CSV and XLSX export the current graph only; drop --revision."))
    with tempfile.TemporaryDirectory() as folder:
        if format == "xlsx":
            path = Path(folder) / "ecosysteme.xlsx"
            export_tables(store, path, "xlsx")
            return path.read_bytes()
        files = export_tables(store, Path(folder) / "tables", "csv")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in files:
                archive.write(file, file.name)
        return buffer.getvalue()
