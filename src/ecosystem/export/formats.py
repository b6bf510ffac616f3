"""One entry point for every export: ``export(store, format, options)`` → bytes, and the
registry of the formats (:data:`FORMATS`), each declared once below.

The CLI (``ecosystem export``) and the web (``/export/…``) both call it, so a file made
from either is the same. Map formats (GEXF, GraphML, SVG, PDF, PNG, HTML) draw the
view of :mod:`.view` at the server-side layout's positions (the web map's); data
formats (Turtle, TriG, JSON-LD, N-Triples) come from :mod:`.rdf`; CSV and XLSX are the
import template's tables. Nothing exported holds a person.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import networkx as nx

from ecosystem.analysis.structure import structure
from ecosystem.cache import VersionCache, derived
from ecosystem.export.html import render_html
from ecosystem.export.meta import visual_meta
from ecosystem.export.network import to_gexf, to_graphml
from ecosystem.export.options import ExportError, ExportOptions
from ecosystem.export.rdf import export_rdf
from ecosystem.export.registry import ExportFormat, FormatRegistry
from ecosystem.export.view import MapView, build_view, map_filters
from ecosystem.export.visual import render_svg, svg_to_pdf, svg_to_png
from ecosystem.i18n import Message
from ecosystem.ingest.export_tables import export_tables
from ecosystem.mapviews import kept_positions
from ecosystem.projection import Projection, build_projection, projection_from_graph
from ecosystem.queries import plan_responsibilities
from ecosystem.revisions import CURRENT_NAME, revision_data
from ecosystem.store.base import Store

__all__ = ["FORMATS", "ExportError", "ExportOptions", "export", "map_positions", "map_view", "visual_meta"]

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


def _m(fr: str, en: str) -> Message:
    return Message(fr, en)


FORMATS: FormatRegistry = FormatRegistry()
"""Every export format; the one list the CLI, the web, the OpenAPI enum and the docs read."""
for _format in (
    ExportFormat(
        "svg",
        "svg",
        "image/svg+xml",
        _m("Carte SVG (vectorielle)", "SVG map (vector)"),
        _m(
            "carte vectorielle : titre, date, révision, filtres en mots, légende, source ; étiquettes en texte SVG, "
            "sans chevauchement ; nœuds sans lien listés à part",
            "vector map: title, date, revision, filters in words, "
            "legend, source; labels as SVG text, never overlapping; nodes without links listed aside",
        ),
        "visual",
        _svg_file,
        inline=True,
    ),
    ExportFormat(
        "pdf",
        "pdf",
        "application/pdf",
        _m("Carte PDF (impression)", "PDF map (print)"),
        _m(
            "la même carte en PDF vectoriel, A3 (défaut), Tabloid ou Letter, paysage ou portrait, avec son titre",
            "the same map as a vector PDF, A3 (default), Tabloid or Letter, landscape or portrait, with its title",
        ),
        "visual",
        _pdf,
        inline=True,
    ),
    ExportFormat(
        "png",
        "png",
        "image/png",
        _m("Carte PNG (300 ppp)", "PNG map (300 DPI)"),
        _m(
            "la même carte en image, largeur et résolution au choix (300 ppp par défaut)",
            "the same map as an image, width and resolution as chosen (300 DPI by default)",
        ),
        "visual",
        _png,
        inline=True,
    ),
    ExportFormat(
        "html",
        "html",
        "text/html; charset=utf-8",
        _m("Carte HTML autonome (hors ligne)", "Standalone HTML map (offline)"),
        _m("un seul fichier interactif qui s'ouvre hors ligne", "one interactive file that opens offline"),
        "visual",
        _html,
        aliases=("htm",),
    ),
    ExportFormat(
        "gexf",
        "gexf",
        "application/gexf+xml",
        _m("GEXF (Gephi)", "GEXF (Gephi)"),
        _m(
            "GEXF 1.2 : attributs, positions, couleurs et tailles de la carte, communauté de chaque nœud",
            "GEXF 1.2: attributes, the map's positions, colours and sizes, each node's community",
        ),
        "visual",
        _network(to_gexf),
    ),
    ExportFormat(
        "graphml",
        "graphml",
        "application/graphml+xml",
        _m("GraphML (yEd, Cytoscape)", "GraphML (yEd, Cytoscape)"),
        _m(
            "GraphML 1.0 : attributs, et géométrie, couleurs et étiquettes yFiles que lit yEd",
            "GraphML 1.0: attributes, and yFiles geometry, colours and labels that yEd reads",
        ),
        "visual",
        _network(to_graphml),
        short="GraphML",
    ),
    ExportFormat(
        "turtle",
        "ttl",
        "text/turtle; charset=utf-8",
        _m("Turtle", "Turtle"),
        _m(
            "le graphe (courant ou une révision), avec les termes d'ontologie et de vocabulaire qu'il emploie",
            "the graph (current or a revision), with the ontology and vocabulary terms it uses",
        ),
        "rdf",
        _rdf("turtle"),
        aliases=("ttl",),
        short="Turtle",
    ),
    ExportFormat(
        "trig",
        "trig",
        "application/trig; charset=utf-8",
        _m("TriG (avec les révisions)", "TriG (with the revisions)"),
        _m(
            "le graphe courant, chaque révision, la provenance et les termes employés, chacun dans son graphe nommé",
            "the current graph, every revision, the provenance and the terms used, each in its named graph",
        ),
        "rdf",
        _rdf("trig"),
        short="TriG",
    ),
    ExportFormat(
        "jsonld",
        "jsonld",
        "application/ld+json",
        _m("JSON-LD", "JSON-LD"),
        _m(
            "le graphe en JSON-LD compacté avec les préfixes du projet, dans un ordre stable",
            "the graph as JSON-LD compacted with the project's prefixes, in a stable order",
        ),
        "rdf",
        _rdf("jsonld"),
        aliases=("json-ld",),
        short="JSON-LD",
    ),
    ExportFormat(
        "nt",
        "nt",
        "application/n-triples",
        _m("N-Triples", "N-Triples"),
        _m("le graphe en N-Triples", "the graph as N-Triples"),
        "rdf",
        _rdf("nt"),
        aliases=("n-triples", "ntriples"),
        short="N-Triples",
    ),
    ExportFormat(
        "csv",
        "zip",
        "application/zip",
        _m("CSV (gabarit d'import, zip)", "CSV (import template, zip)"),
        _m(
            "les tableaux du gabarit d'import, un zip (ou un dossier) d'un fichier CSV par feuille "
            "(acteurs, instances, participations, territoires, événements) ; se réimporte tel quel",
            "the import template's tables, a zip (or a folder) of one CSV file per sheet "
            "(actors, instances, memberships, territories, events); re-imports as it is",
        ),
        "data",
        _tables("csv"),
        revisions=False,
    ),
    ExportFormat(
        "xlsx",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _m("XLSX (gabarit d'import)", "XLSX (import template)"),
        _m(
            "le classeur du gabarit d'import rempli ; cellules en texte, jamais en formule ; se réimporte tel quel",
            "the import template's workbook, filled; cells as text, never formulas; re-imports as it is",
        ),
        "data",
        _tables("xlsx"),
        revisions=False,
    ),
):
    FORMATS.register(_format)


def export(store: Store, format: str, options: ExportOptions | None = None) -> bytes:
    """The export of ``format`` (any name :data:`FORMATS` knows) as bytes."""
    options = options or ExportOptions()
    found = FORMATS.resolve(format)
    if found is None:
        raise ExportError(FORMATS.unknown(format))
    if not found.revisions and options.revision != CURRENT_NAME:
        raise ExportError(
            Message(
                "{f} exporte le graphe courant seulement ; retirez --revision.",
                "{f} exports the current graph only; drop --revision.",
            ).format(f=found.name.upper())
        )
    return found.writer(store, options)
