"""The map as a print-ready picture: SVG written by hand, PDF and PNG drawn from that SVG.

The SVG is the one drawing: a header (title, date, revision, filters in words), the map at
the layout's positions (the same positions as the web map), a side column (legend, the
nodes without links in the view, which are listed rather than drawn) and a source line.
Every node's label is an SVG ``<text>``, wrapped at spaces, never shortened; **no two
labels overlap** (:mod:`.labels`): a label with no free spot next to its node goes one or
two steps out on a leader line, else is set smaller, else a number stands for it on the
map and its name in the side column; when numbers are needed, every label is set smaller
and placed again, keeping the drawing with the fewest. Data text is escaped.

PDF and PNG are converted from the SVG with CairoSVG (Debian ``libcairo2``): it installs
from PyPI, works offline and takes a fraction of a second, where printing through a
headless browser would start Chromium for each file; the vector PDF matches the SVG
exactly because both come from the same drawing. The PDF carries the title in its metadata.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from typing import Literal, get_args

from ecosystem.export.labels import LabelBox, LabelGrid, place_label
from ecosystem.export.legend import DIFF_COLOURS, DIFF_WORDS, side_column
from ecosystem.export.svgtext import FONT, block_height, text_lines, text_width, wrap_label, wrap_width, xml_text
from ecosystem.i18n import Message
from ecosystem.mapstyle import UNKNOWN_COLOUR

__all__ = [
    "DIFF_COLOURS",
    "DIFF_WORDS",
    "ORIENTATIONS",
    "PAGES",
    "OrientationName",
    "PageName",
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
PageName = Literal["a3", "tabloid", "letter"]
"""The page sizes, by name: the one list the CLI, the route and the print form read."""
PAGES: dict[PageName, tuple[float, float]] = {
    "a3": (420 * MM, 297 * MM),
    "tabloid": (17 * 72.0, 11 * 72.0),
    "letter": (11 * 72.0, 8.5 * 72.0),
}
"""Landscape page sizes in points (1/72 in): A3, Tabloid (11 × 17 in), Letter."""
assert tuple(PAGES) == get_args(PageName), "every page name has its size"
OrientationName = Literal["paysage", "portrait"]
ORIENTATIONS: tuple[OrientationName, ...] = get_args(OrientationName)
"""Landscape (the default) or portrait."""
MARGIN = 28.0


def page_size(page: str, orientation: str = "paysage") -> tuple[float, float]:
    """Width and height in points of ``page`` in ``orientation``.

    >>> page_size("letter", "portrait") == (8.5 * 72, 11 * 72)
    True
    """
    if page not in PAGES:
        raise ValueError(f"format de page inconnu / unknown page size: {page!r}; connus / known: {', '.join(PAGES)}")
    width, height = PAGES[page]
    return (height, width) if orientation == "portrait" else (width, height)


@dataclass
class VisualMeta:
    """What the page says around the map, in words (:mod:`.meta`)."""

    title: str
    date: str
    revision: str
    source: str
    filters: str = ""
    lang: str = "fr"
    status: dict[str, str] | None = None  # IRI → ajoute / retire / modifie: a diff map
    extra: dict = field(default_factory=dict)

    def t(self, fr: str, en: str) -> str:
        return en if self.lang == "en" else fr


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


def _subtitle(meta: VisualMeta, nodes: int, links: int) -> str:
    parts = [
        Message("Date : {d}", "Date: {d}").format(d=meta.date).text(meta.lang),
        Message("Révision : {r}", "Revision: {r}").format(r=meta.revision).text(meta.lang),
        Message("{n} nœuds, {m} liens", "{n} nodes, {m} links").format(n=nodes, m=links).text(meta.lang),
    ]
    if meta.filters:
        parts.append(Message("Filtres — {f}", "Filters — {f}").format(f=meta.filters).text(meta.lang))
    return " · ".join(parts)


@dataclass
class _Placement:
    """One try at labelling the map: where each label went, at what size, and which got a number."""

    scale: float
    at: dict[str, tuple[float, float]]
    boxes: dict = field(default_factory=dict)  # node → (LabelBox, lines, size)
    numbered: list = field(default_factory=list)


def _frame(
    graph, drawn: list, positions: dict, area: tuple, widest: float, tallest: float, radius: dict
) -> dict[str, tuple[float, float]]:
    """Screen positions of the drawn nodes, scaled into ``area`` keeping proportions, inset for labels."""
    biggest = max((radius[n] for n in drawn), default=0.0)
    inset_x = min(widest / 2, (area[2] - area[0]) / 6)
    inner = (
        area[0] + inset_x,
        area[1] + biggest + 2,
        area[2] - inset_x,
        area[3] - biggest - min(tallest, (area[3] - area[1]) / 6) - 4,
    )
    xs = [positions[n][0] for n in drawn] or [0.0]
    ys = [positions[n][1] for n in drawn] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    factor = min((inner[2] - inner[0]) / span_x, (inner[3] - inner[1]) / span_y)
    offset_x = inner[0] + ((inner[2] - inner[0]) - span_x * factor) / 2
    offset_y = inner[1] + ((inner[3] - inner[1]) - span_y * factor) / 2
    return {
        n: (offset_x + (positions[n][0] - min(xs)) * factor, offset_y + (positions[n][1] - min(ys)) * factor)
        for n in drawn
    }


def _place(graph, drawn: list, positions: dict, area: tuple, radius: dict, scale: float) -> _Placement:
    sizes = {n: (7.0 if graph.nodes[n].get("type") == "instance" else 6.0) * scale for n in drawn}
    lines = {n: wrap_label(graph.nodes[n].get("label") or n) for n in drawn}
    widths = {n: max(text_width(line, sizes[n]) for line in lines[n]) for n in drawn}
    tallest = max((block_height(len(lines[n]), sizes[n]) for n in drawn), default=0.0)
    at = _frame(graph, drawn, positions, area, max(widths.values(), default=0.0), tallest, radius)
    result = _Placement(scale, at)
    labels, nodes = LabelGrid(40), LabelGrid(40)
    for n in drawn:
        x, y = at[n]
        nodes.add((x - radius[n], y - radius[n], x + radius[n], y + radius[n]))
    for n in sorted(drawn, key=lambda n: (-radius[n], str(n))):
        for shrink in (1.0, 0.8, 0.65):
            size = sizes[n] * shrink
            width = max(text_width(line, size) for line in lines[n])
            box = place_label(*at[n], radius[n], width, block_height(len(lines[n]), size), area, labels, nodes)
            if box is not None:
                result.boxes[n] = (box, lines[n], size)
                break
        else:
            result.numbered.append(n)
    for number, n in enumerate(result.numbered, 1):
        size = max(5.0, sizes[n])
        box = place_label(*at[n], radius[n], text_width(str(number), size), block_height(1, size), area, labels, nodes)
        if box is not None:
            result.boxes[n] = (box, [str(number)], size)
    return result


def _labelled(graph, drawn: list, positions: dict, area: tuple, radius: dict) -> _Placement:
    """The placement with the fewest numbered labels, trying smaller sizes while some are."""
    best = _place(graph, drawn, positions, area, radius, 1.0)
    scale = 0.85
    while best.numbered and scale >= 0.5:
        placement = _place(graph, drawn, positions, area, radius, scale)
        if len(placement.numbered) < len(best.numbered):
            best = placement
        scale *= 0.85
    return best


def _leader(x: float, y: float, box: LabelBox) -> str:
    """A thin line from a node to its label standing further out."""
    tx, ty = min(max(x, box.left), box.right), min(max(y, box.top), box.bottom)
    return f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{tx:.1f}" y2="{ty:.1f}" stroke="#6b7280" stroke-width="0.4"/>'


@dataclass(frozen=True)
class _PageParts:
    """Where the parts of the page go: the header's and the source's lines, the map area, the side column."""

    width: float
    height: float
    title: list[str]
    subtitle: list[str]
    source: list[str]
    header: float  # bottom of the header
    footer: float  # top of the source line
    column: float  # width of the side column

    @property
    def area(self) -> tuple[float, float, float, float]:
        """The map's box: left, top, right, bottom."""
        return (MARGIN, self.header, self.width - MARGIN - self.column - 14, self.footer)

    @property
    def side(self) -> tuple[float, float, float, float]:
        """The side column's box."""
        return (self.width - MARGIN - self.column, self.header, self.width - MARGIN, self.footer)


def _page_parts(meta: VisualMeta, graph, width: float, height: float) -> _PageParts:
    """The header, source and map area of a ``width`` × ``height`` page showing ``graph``."""
    title = wrap_width(meta.title, 18, width - 2 * MARGIN, bold=True)
    subtitle = wrap_width(_subtitle(meta, graph.number_of_nodes(), graph.number_of_edges()), 9.5, width - 2 * MARGIN)
    source = wrap_width(meta.t("Source : ", "Source: ") + meta.source, 7.5, width - 2 * MARGIN)
    header = MARGIN + block_height(len(title), 18) + 4 + block_height(len(subtitle), 9.5) + 10
    footer = height - MARGIN / 2 - block_height(len(source), 7.5) - 6
    column = 190.0 if width > 700 else 150.0
    return _PageParts(width, height, title, subtitle, source, header, footer, column)


def _drawn_and_lone(graph, meta: VisualMeta) -> tuple[list, list]:
    """The nodes drawn on the map, sorted, and the lone nodes listed instead, by label.

    Lone nodes are listed, not drawn — except, on a diff map, those that changed: their colour is the news.
    """
    drawn = sorted(n for n in graph if any(m != n for m in graph[n]) or (meta.status or {}).get(n))
    lone = sorted(
        (n for n in graph if n not in set(drawn)), key=lambda n: (graph.nodes[n].get("label") or n).casefold()
    )
    return drawn, lone


def _header(parts: _PageParts, meta: VisualMeta) -> list[str]:
    """The SVG's opening: its size, its title, a white page, the map's title and subtitle."""
    width, height = parts.width, parts.height
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width / MM:.1f}mm" height="{height / MM:.1f}mm" '
        f'viewBox="0 0 {width:.2f} {height:.2f}" font-family="{FONT}">',
        f"<title>{xml_text(meta.title)}</title>",
        f'<rect width="{width:.2f}" height="{height:.2f}" fill="#ffffff"/>',
        text_lines(MARGIN, MARGIN, parts.title, 18, cls="title", extra=' font-weight="bold"'),
        text_lines(
            MARGIN,
            MARGIN + block_height(len(parts.title), 18) + 4,
            parts.subtitle,
            9.5,
            cls="subtitle",
            extra=' fill="#333333"',
        ),
    ]


def _edge_lines(graph, at: dict, meta: VisualMeta) -> list[str]:
    """The links as lines (loops left out); on a diff map, a changed membership's in its diff colour."""
    out = ['<g class="edges" stroke="#9aa3b5" stroke-opacity="0.55" stroke-width="0.6">']
    for a, b in graph.edges():
        if a == b:
            continue
        (x1, y1), (x2, y2) = at[a], at[b]
        colour = ""
        if meta.status is not None:
            membership = graph.edges[a, b].get("membership")
            if membership in meta.status:
                colour = f' stroke="{DIFF_COLOURS[meta.status[membership]]}" stroke-opacity="0.9" stroke-width="1.2"'
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"{colour}/>')
    out.append("</g>")
    return out


def _node_shapes(graph, drawn: list, at: dict, radius: dict, meta: VisualMeta) -> list[str]:
    """Each drawn node's shape, with its IRI and its label as a tooltip."""
    out = ['<g class="nodes">']
    for node in drawn:
        data = graph.nodes[node]
        x, y = at[node]
        out.append(
            f'<g class="node" data-iri="{xml_text(node)}"><title>{xml_text(data.get("label") or node)}</title>'
            f"{_shape(x, y, radius[node], data, node_colour(node, data, meta))}</g>"
        )
    out.append("</g>")
    return out


def _label_texts(placement: _Placement) -> list[str]:
    """The labels where they were placed, a leader line to those standing further out."""
    out = ['<g class="labels" fill="#1a1a1a">']
    for node, (box, lines, size) in placement.boxes.items():
        if box.ring:
            out.append(_leader(*placement.at[node], box))
        out.append(text_lines(box.x, box.top, lines, size, anchor=box.anchor, cls="label"))
    out.append("</g>")
    return out


def render_svg(view, positions: dict, meta: VisualMeta, page: str = "a3", orientation: str = "paysage") -> str:
    """The SVG of ``view`` (a :class:`~ecosystem.export.view.MapView`) at ``positions`` on ``page``.

    ``positions`` maps every node to ``(x, y)`` in any unit (the layout's); they are
    scaled to the map area keeping their proportions. Nodes without links are listed, not drawn.

    Examples
    --------
    >>> import networkx as nx
    >>> from ecosystem.export.view import MapView
    >>> g = nx.Graph(); g.add_node("a", label="A <b>", type="actor", seats=1); g.add_node("i", label="I", type="instance")
    >>> g.add_edge("a", "i"); g.add_node("seul", label="Seul", type="actor")
    >>> svg = render_svg(MapView(g), {"a": (0, 0), "i": (1, 1), "seul": (5, 5)}, VisualMeta("Carte", "1 janvier 2025", "courant", "Source"))
    >>> "A &lt;b&gt;" in svg and "<b>" not in svg, 'data-iri="seul"' in svg, "Seul" in svg
    (True, False, True)
    """
    width, height = page_size(page, orientation)
    graph = view.graph
    missing = [node for node in graph if node not in positions]
    if missing:
        raise ValueError(f"position manquante / missing position: {missing[:3]}")
    drawn, lone = _drawn_and_lone(graph, meta)
    parts = _page_parts(meta, graph, width, height)
    radius = {n: _radius(d) for n, d in graph.nodes(data=True)}
    placement = _labelled(graph, drawn, positions, parts.area, radius)
    names = [graph.nodes[n].get("label") or n for n in lone]
    numbered = [f"{i}. {graph.nodes[n].get('label') or n}" for i, n in enumerate(placement.numbered, 1)]
    out = [
        *_header(parts, meta),
        *_edge_lines(graph, placement.at, meta),
        *_node_shapes(graph, drawn, placement.at, radius, meta),
        *_label_texts(placement),
        *side_column(meta.lang, view.legend, meta.status is not None, names, numbered, parts.side),
        text_lines(MARGIN, parts.footer + 6, parts.source, 7.5, cls="source", extra=' fill="#444444"'),
        "</svg>",
    ]
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


def svg_to_png(
    svg: str, width: int | None = None, dpi: int = 300, page: str = "a3", orientation: str = "paysage"
) -> bytes:
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
