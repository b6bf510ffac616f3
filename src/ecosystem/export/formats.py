"""One entry point for every export: ``export(store, format, options)`` → bytes, and the
registry of the formats (:data:`FORMATS`), each declared once below.

The CLI (``ecosystem export``) and the web (``/export/…``) both call it, so a file made
from either is the same. Each format's writer is in :mod:`.writers`, imported at the first
export (the command line lists the formats without loading the drawing libraries). Nothing
exported holds a person.
"""

from __future__ import annotations

from collections.abc import Callable

from ecosystem.export.options import ExportError, ExportOptions
from ecosystem.export.registry import ExportFormat, FormatRegistry
from ecosystem.i18n import Message
from ecosystem.revisions import CURRENT_NAME
from ecosystem.store.base import Store

__all__ = ["FORMATS", "ExportError", "ExportOptions", "export"]


def _written_by(name: str) -> Callable[[Store, ExportOptions], bytes]:
    """The writer of format ``name`` in :mod:`.writers`, imported when it first writes."""

    def write(store: Store, options: ExportOptions) -> bytes:
        from ecosystem.export.writers import WRITERS

        return WRITERS[name](store, options)

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
        _written_by("svg"),
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
        _written_by("pdf"),
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
        _written_by("png"),
        inline=True,
    ),
    ExportFormat(
        "html",
        "html",
        "text/html; charset=utf-8",
        _m("Carte HTML autonome (hors ligne)", "Standalone HTML map (offline)"),
        _m("un seul fichier interactif qui s'ouvre hors ligne", "one interactive file that opens offline"),
        "visual",
        _written_by("html"),
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
        _written_by("gexf"),
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
        _written_by("graphml"),
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
        _written_by("turtle"),
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
        _written_by("trig"),
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
        _written_by("jsonld"),
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
        _written_by("nt"),
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
        _written_by("csv"),
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
        _written_by("xlsx"),
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
