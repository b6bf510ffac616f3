"""The map as a print-ready picture: SVG written by hand, PDF and PNG drawn from that SVG.

The SVG is the one drawing: a header (title, date, revision, filters), the map at the
layout's positions (the same positions as the web map), a legend and a source line.
Every node's label is an SVG ``<text>``; labels are wrapped at spaces, never shortened,
and the map is inset so the widest label stays on the page (a label that would not fit
is set smaller rather than cut). Each label sits below, right of, above or left of its
node, wherever it overlaps least (:mod:`.labels`). Data text is escaped.

PDF and PNG are converted from the SVG with CairoSVG (Debian ``libcairo2``): it installs
from PyPI, works offline and takes a fraction of a second, where printing through a
headless browser would start Chromium for each file; the vector PDF matches the SVG
exactly because both come from the same drawing. Text is measured with the DejaVu Sans
metrics (Debian ``fonts-dejavu-core``), the font the SVG asks for first.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from ecosystem.export.labels import place_labels
from ecosystem.mapdata import INSTANCE_COLOUR, UNKNOWN_COLOUR

__all__ = [
    "DIFF_COLOURS",
    "ORIENTATIONS",
    "PAGES",
    "VisualMeta",
    "node_colour",
    "page_size",
    "render_svg",
    "svg_to_pdf",
    "svg_to_png",
    "text_width",
    "wrap_label",
]

MM = 72 / 25.4
PAGES = {
    "a3": (420 * MM, 297 * MM),
    "tabloid": (17 * 72.0, 11 * 72.0),
    "letter": (11 * 72.0, 8.5 * 72.0),
}
"""Landscape page sizes in points (1/72 in): A3, Tabloid (11 × 17 in), Letter."""
ORIENTATIONS = ("paysage", "portrait")
"""Landscape (the default) or portrait; the English words are accepted too."""


def page_size(page: str, orientation: str = "paysage") -> tuple[float, float]:
    """Width and height in points of ``page`` in ``orientation``.

    >>> page_size("letter", "portrait") == (8.5 * 72, 11 * 72)
    True
    """
    if page not in PAGES:
        raise ValueError(f"format de page inconnu / unknown page size: {page!r}; connus / known: {', '.join(PAGES)}")
    width, height = PAGES[page]
    return (height, width) if orientation == "portrait" else (width, height)

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
DIFF_COLOURS = {"ajoute": "#1a9850", "retire": "#d73027", "modifie": "#f39c12", None: "#c8c8c8"}
DIFF_WORDS = {"ajoute": ("Ajouté", "Added"), "retire": ("Retiré", "Removed"), "modifie": ("Modifié", "Changed"),
              None: ("Inchangé", "Unchanged")}


@dataclass
class VisualMeta:
    """What the page says around the map."""

    title: str
    date: str
    revision: str
    source: str
    filters: str = ""
    lang: str = "fr"
    status: dict[str, str] | None = None  # IRI → ajoute / retire / modifie: a diff map
    extra: dict = field(default_factory=dict)


@lru_cache(maxsize=8)
def _font(size: float):
    try:
        from PIL import ImageFont

        return ImageFont.truetype("DejaVuSans.ttf", size=max(1, round(size * 10)))
    except OSError:  # font not installed: a safe over-estimate is used instead
        return None


def text_width(text: str, size: float) -> float:
    """Width in points of ``text`` set in DejaVu Sans at ``size`` points.

    >>> 20 < text_width("Consortium", 7) < 60
    True
    """
    font = _font(size)
    if font is None:
        return len(text) * size * 0.65
    return font.getlength(text) / 10


def wrap_label(label: str, limit: int = 26) -> list[str]:
    """Split a label into lines at spaces, about ``limit`` characters each; words are never cut.

    >>> wrap_label("Consortium en développement social de la Mauricie")
    ['Consortium en', 'développement social de la', 'Mauricie']
    >>> " ".join(wrap_label("Un libellé très long sans coupure")) == "Un libellé très long sans coupure"
    True
    """
    words = label.split(" ")
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _t(meta: VisualMeta, fr: str, en: str) -> str:
    return en if meta.lang == "en" else fr


def _radius(data: dict) -> float:
    return 2.5 + 1.6 * math.sqrt(max(1, data.get("seats") or 1))


def node_colour(node: str, data: dict, meta: VisualMeta) -> str:
    """The web map's colour of a node, or its diff colour on a diff map."""
    if meta.status is not None:
        return DIFF_COLOURS[meta.status.get(node)]
    return data.get("colour", UNKNOWN_COLOUR)


def _diamond(x: float, y: float, r: float) -> str:
    return f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"


def _shape(x: float, y: float, r: float, data: dict, fill: str) -> str:
    """A diamond for an instance, a dot for an actor: the web map's shapes."""
    if data.get("type") == "instance":
        return f'<polygon points="{_diamond(x, y, r * 1.25)}" fill="{fill}" stroke="#ffffff" stroke-width="0.6"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="#ffffff" stroke-width="0.6"/>'


def _label_block(label: str, size: float) -> tuple[list[str], float, float]:
    lines = wrap_label(label)
    return lines, max(text_width(line, size) for line in lines), len(lines) * size * 1.15


def _legend(meta: VisualMeta, sectors: list[tuple[str, str]], x: float, y: float) -> list[str]:
    parts = [f'<g class="legend" font-family="{FONT}">',
             f'<text x="{x:.1f}" y="{y:.1f}" font-size="10" font-weight="bold">{escape(_t(meta, "Légende", "Legend"))}</text>']
    y += 14
    entries: list[tuple[str, str, str]] = []
    if meta.status is not None:
        for key in ("ajoute", "retire", "modifie", None):
            fr, en = DIFF_WORDS[key]
            entries.append(("circle", DIFF_COLOURS[key], _t(meta, fr, en)))
        entries.append(("diamond", "#888888", _t(meta, "Losange : instance", "Diamond: instance")))
    else:
        entries.append(("diamond", INSTANCE_COLOUR, _t(meta, "Instance de concertation", "Concertation instance")))
        for colour, sector in sectors:
            entries.append(("circle", colour, _t(meta, "Acteur — ", "Actor — ") + sector))
        entries.append(("circle", UNKNOWN_COLOUR, _t(meta, "Acteur — secteur non précisé", "Actor — sector not stated")))
    for shape, colour, text in entries:
        lines = wrap_label(text, 34)
        if shape == "diamond":
            parts.append(f'<polygon points="{_diamond(x + 4, y - 3, 5)}" fill="{colour}"/>')
        else:
            parts.append(f'<circle cx="{x + 4:.1f}" cy="{y - 3:.1f}" r="4" fill="{colour}"/>')
        parts.append(_text_lines(x + 13, y, lines, 7.5, anchor="start"))
        y += 10 * len(lines) + 3
    y += 4
    for line in (_t(meta, "Taille : nombre de sièges (acteur)", "Size: number of seats (actor)"),
                 _t(meta, "ou de membres (instance)", "or of members (instance)"),
                 _t(meta, "Trait : participation (siège)", "Line: membership (seat)")):
        parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="7.5">{escape(line)}</text>')
        y += 10
    parts.append("</g>")
    return parts


def _text_lines(x: float, y: float, lines: list[str], size: float, anchor: str = "middle", cls: str = "") -> str:
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else size * 1.15:.2f}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    klass = f' class="{cls}"' if cls else ""
    return f'<text{klass} x="{x:.1f}" y="{y:.1f}" font-size="{size:.2f}" text-anchor="{anchor}">{spans}</text>'


def render_svg(view, positions: dict, meta: VisualMeta, page: str = "a3", orientation: str = "paysage") -> str:
    """The SVG of ``view`` (a :class:`~ecosystem.export.view.MapView`) at ``positions`` on ``page``.

    ``positions`` maps every node to ``(x, y)`` in any unit (the layout's); they are
    scaled to the map area keeping their proportions.

    Examples
    --------
    >>> import networkx as nx
    >>> from ecosystem.export.view import MapView
    >>> g = nx.Graph(); g.add_node("a", label="A <b>", type="actor", seats=1); g.add_node("i", label="I", type="instance")
    >>> g.add_edge("a", "i")
    >>> svg = render_svg(MapView(g), {"a": (0, 0), "i": (1, 1)}, VisualMeta("Carte", "2025-01-01", "courant", "Source"))
    >>> "A &lt;b&gt;" in svg and "<b>" not in svg
    True
    """
    width, height = page_size(page, orientation)
    graph = view.graph
    missing = [node for node in graph if node not in positions]
    if missing:
        raise ValueError(f"position manquante / missing position: {missing[:3]}")
    margin, header, footer, legend_width = 28.0, 58.0, 30.0, 190.0
    area = (margin, header, width - margin - legend_width - 12, height - footer)  # left, top, right, bottom
    base_sizes = {node: (7.0 if data.get("type") == "instance" else 6.0) for node, data in graph.nodes(data=True)}

    # Scale labels down together until the widest fits in a quarter of the map's width.
    scale = 1.0
    while True:
        blocks = {n: _label_block(graph.nodes[n].get("label") or n, base_sizes[n] * scale) for n in graph}
        widest = max((w for _, w, _ in blocks.values()), default=0.0)
        tallest = max((h for _, _, h in blocks.values()), default=0.0)
        if widest <= (area[2] - area[0]) / 4 or scale <= 0.5:
            break
        scale *= 0.9
    radius = {n: _radius(d) for n, d in graph.nodes(data=True)}
    biggest = max(radius.values(), default=0.0)
    inner = (area[0] + widest / 2, area[1] + biggest, area[2] - widest / 2, area[3] - biggest - tallest - 2)
    xs = [positions[n][0] for n in graph] or [0.0]
    ys = [positions[n][1] for n in graph] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    factor = min((inner[2] - inner[0]) / span_x, (inner[3] - inner[1]) / span_y)
    offset_x = inner[0] + ((inner[2] - inner[0]) - span_x * factor) / 2
    offset_y = inner[1] + ((inner[3] - inner[1]) - span_y * factor) / 2
    at = {n: (offset_x + (positions[n][0] - min(xs)) * factor, offset_y + (positions[n][1] - min(ys)) * factor) for n in graph}

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width / MM:.1f}mm" height="{height / MM:.1f}mm" '
        f'viewBox="0 0 {width:.2f} {height:.2f}" font-family="{FONT}">',
        f"<title>{escape(meta.title)}</title>",
        f'<rect width="{width:.2f}" height="{height:.2f}" fill="#ffffff"/>',
        f'<text class="title" x="{margin:.1f}" y="{margin + 6:.1f}" font-size="18" font-weight="bold">{escape(meta.title)}</text>',
    ]
    subtitle = f'{_t(meta, "Date", "Date")} : {meta.date} · {_t(meta, "Révision", "Revision")} : {meta.revision}'
    subtitle += f" · {graph.number_of_nodes()} {_t(meta, 'nœuds', 'nodes')}, {graph.number_of_edges()} {_t(meta, 'liens', 'links')}"
    if meta.filters:
        subtitle += f" · {_t(meta, 'Filtres', 'Filters')} : {meta.filters}"
    out.append(f'<text class="subtitle" x="{margin:.1f}" y="{margin + 24:.1f}" font-size="9.5" fill="#333333">{escape(subtitle)}</text>')
    out.append('<g class="edges" stroke="#9aa3b5" stroke-opacity="0.55" stroke-width="0.6">')
    for a, b in graph.edges():
        (x1, y1), (x2, y2) = at[a], at[b]
        colour = ""
        if meta.status is not None:
            membership = graph.edges[a, b].get("membership")
            if membership in meta.status:
                colour = f' stroke="{DIFF_COLOURS[meta.status[membership]]}" stroke-opacity="0.9" stroke-width="1.2"'
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"{colour}/>')
    out.append("</g>")
    out.append('<g class="nodes">')
    for node, data in graph.nodes(data=True):
        x, y = at[node]
        out.append(f'<g class="node" data-iri="{escape(node)}"><title>{escape(data.get("label") or node)}</title>'
                   f"{_shape(x, y, radius[node], data, node_colour(node, data, meta))}</g>")
    out.append("</g>")
    out.append('<g class="labels" fill="#1a1a1a">')
    items = [(n, *at[n], radius[n], blocks[n][1], blocks[n][2]) for n in graph]
    placed = place_labels(items, area)
    for node in graph:
        lines, box = blocks[node][0], placed[node]
        size = base_sizes[node] * scale
        out.append(_text_lines(box.x, box.top + size * 0.9, lines, size, anchor=box.anchor, cls="label"))
    out.append("</g>")
    out.extend(_legend(meta, view.legend, width - margin - legend_width, header + 6))
    out.append(f'<text class="source" x="{margin:.1f}" y="{height - 12:.1f}" font-size="7.5" fill="#444444">'
               f"{escape(_t(meta, 'Source', 'Source'))} : {escape(meta.source)}</text>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def svg_to_pdf(svg: str, title: str | None = None) -> bytes:
    """Vector PDF of the SVG, same page size, with ``title`` in its metadata (what a reader's
    window and a library catalogue show)."""
    import cairocffi  # loads libcairo: only when a PDF or PNG is asked for, so SVG works without it
    from cairosvg.surface import PDFSurface

    class TitledPDF(PDFSurface):
        def _create_surface(self, width, height):
            surface, width, height = super()._create_surface(width, height)
            if title:
                surface.set_metadata(cairocffi.PDF_METADATA_TITLE, title)
            surface.set_metadata(cairocffi.PDF_METADATA_CREATOR, "Écosystème")
            return surface, width, height

    return TitledPDF.convert(bytestring=svg.encode("utf-8"))


def svg_to_png(svg: str, width: int | None = None, dpi: int = 300, page: str = "a3", orientation: str = "paysage") -> bytes:
    """PNG of the SVG, ``width`` pixels wide (default: the page's width at ``dpi``), with ``dpi`` recorded."""
    import cairosvg
    from PIL import Image

    if dpi < 1:
        raise ValueError("dpi ≥ 1")
    if width is None:
        width = round(page_size(page, orientation)[0] / 72 * dpi)
    raw = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=width, dpi=dpi, background_color="white")
    image = Image.open(io.BytesIO(raw))
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi), optimize=False)
    return out.getvalue()
