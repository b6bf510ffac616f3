"""The map as one standalone HTML file: opens offline, interactive (zoom, pan, click for details).

vis-network's JavaScript and CSS (packaged under the web app's ``static/vendor``) and
the view's data are inlined, so the file needs nothing else. Positions are the layout's
(the same as the SVG and the web map) and physics is off: the drawing appears at once.
Data text is escaped: the JSON is inert inside its ``<script>`` (``<``, ``>``, ``&``
written as ``\\u003c``…), the page shows details with ``textContent`` only.
"""

from __future__ import annotations

import json
from html import escape
from importlib import resources

from ecosystem.export.visual import DIFF_COLOURS, DIFF_WORDS, VisualMeta, node_colour, wrap_label
from ecosystem.mapstyle import INSTANCE_COLOUR, UNKNOWN_COLOUR

__all__ = ["render_html", "vendor_asset"]


def vendor_asset(name: str) -> str:
    """Text of a packaged vis-network asset (``vis-network.min.js`` or ``.css``)."""
    return (resources.files("ecosystem.api") / "static" / "vendor" / "vis-network" / name).read_text(encoding="utf-8")


def _inert_json(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_FIELDS = {
    "type": ("Type", "Type"),
    "category": ("Catégorie", "Category"),
    "sector": ("Secteur", "Sector"),
    "territory": ("Territoire", "Territory"),
    "issues": ("Enjeux", "Issues"),
    "seats": ("Sièges / membres", "Seats / members"),
    "load": ("Charge (h/an)", "Load (h/year)"),
    "community": ("Communauté", "Community"),
}

_SCRIPT = """
const data = JSON.parse(document.getElementById('map-data').textContent);
const nodes = new vis.DataSet(data.nodes);
const edges = new vis.DataSet(data.edges);
const network = new vis.Network(document.getElementById('map'), {nodes, edges}, {
  physics: false, interaction: {hover: true, tooltipDelay: 150},
  nodes: {font: {size: 12, face: 'DejaVu Sans, Arial, sans-serif'}, borderWidth: 1},
  edges: {color: {color: '#9aa3b5', opacity: 0.6}, smooth: false}
});
const panel = document.getElementById('details');
network.on('click', (event) => {
  panel.replaceChildren();
  if (!event.nodes.length) return;
  const node = data.details[event.nodes[0]];
  const title = document.createElement('h2'); title.textContent = node.label; panel.append(title);
  const list = document.createElement('dl');
  for (const [name, value] of node.fields) {
    const dt = document.createElement('dt'); dt.textContent = name;
    const dd = document.createElement('dd'); dd.textContent = value;
    list.append(dt, dd);
  }
  panel.append(list);
});
"""

_STYLE = """
body{font-family:'DejaVu Sans',Arial,sans-serif;margin:0;color:#1a1a1a}
header{padding:.6rem 1rem;border-bottom:1px solid #ddd}h1{font-size:1.3rem;margin:0}
.meta{margin:.2rem 0 0;color:#444;font-size:.85rem}
.layout{display:flex;height:calc(100vh - 7rem)}#map{flex:1;min-width:0}
aside{width:18rem;padding:.5rem 1rem;border-left:1px solid #ddd;overflow:auto;font-size:.85rem}
.legend li{list-style:none;margin:.2rem 0}.legend{padding:0}.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.4rem;vertical-align:middle}
.round{border-radius:50%}footer{padding:.3rem 1rem;font-size:.75rem;color:#444}dt{font-weight:bold}dd{margin:0 0 .4rem}
"""


def _legend_items(meta: VisualMeta, sectors: list[tuple[str, str]]) -> list[tuple[str, bool, str]]:
    t = meta.t
    if meta.status is not None:
        return [
            (DIFF_COLOURS[key], True, DIFF_WORDS[key].text(meta.lang)) for key in ("ajoute", "retire", "modifie", None)
        ]
    items = [(INSTANCE_COLOUR, False, t("Instance de concertation", "Concertation instance"))]
    items += [(colour, True, t("Acteur — ", "Actor — ") + sector) for colour, sector in sectors]
    items.append((UNKNOWN_COLOUR, True, t("Acteur — secteur non précisé", "Actor — sector not stated")))
    return items


def _vis_nodes(graph, positions: dict, meta: VisualMeta) -> tuple[list[dict], dict[str, dict]]:
    """vis-network's nodes (at 1600 px over the wider span of ``positions``) and each node's details panel."""
    xs = [positions[n][0] for n in graph] or [0.0]
    ys = [positions[n][1] for n in graph] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = 1600 / span
    nodes, details = [], {}
    for node, data in graph.nodes(data=True):
        label = data.get("label") or node
        nodes.append(
            {
                "id": node,
                "label": "\n".join(wrap_label(label)),
                "title": label,
                "x": round((positions[node][0] - min(xs)) * scale, 1),
                "y": round((positions[node][1] - min(ys)) * scale, 1),
                "shape": "diamond" if data.get("type") == "instance" else "dot",
                "size": 6 + 3 * (data.get("seats") or 1) ** 0.5,
                "color": node_colour(node, data, meta),
            }
        )
        details[node] = {
            "label": label,
            "fields": [(meta.t(*_FIELDS[k]), str(data[k])) for k in _FIELDS if data.get(k) is not None],
        }
    return nodes, details


def _subtitle(meta: VisualMeta) -> str:
    """Date, revision and filters, in words."""
    subtitle = f"{meta.t('Date', 'Date')} : {meta.date} · {meta.t('Révision', 'Revision')} : {meta.revision}"
    if meta.filters:
        subtitle += f" · {meta.t('Filtres', 'Filters')} : {meta.filters}"
    return subtitle


def _legend(meta: VisualMeta, sectors: list[tuple[str, str]]) -> str:
    """The legend's items as HTML list items, their words escaped."""
    return "".join(
        f'<li><span class="swatch{" round" if round_ else ""}" style="background:{colour}"></span>{escape(text)}</li>'
        for colour, round_, text in _legend_items(meta, sectors)
    )


def render_html(view, positions: dict, meta: VisualMeta) -> str:
    """One HTML file showing ``view`` at ``positions``.

    Parameters
    ----------
    view : ecosystem.export.view.MapView
        The graph drawn and its legend.
    positions : dict
        Node → ``(x, y)`` in the layout's units; the wider span is drawn 1600 px wide.
    meta : VisualMeta
        The title, date, revision, filters and source the page states, in ``meta.lang``.

    Examples
    --------
    >>> import networkx as nx
    >>> from ecosystem.export.view import MapView
    >>> g = nx.Graph([("a", "i")]); g.nodes["a"]["label"] = "A <b>"
    >>> page = render_html(MapView(g), {"a": (0, 0), "i": (1, 1)}, VisualMeta("Carte", "2025", "courant", "Source"))
    >>> "A <b>" in page, '"title":"A \\\\u003cb\\\\u003e"' in page
    (False, True)
    """
    graph = view.graph
    nodes, details = _vis_nodes(graph, positions, meta)
    edges = [{"from": a, "to": b} for a, b in graph.edges()]
    data = _inert_json({"nodes": nodes, "edges": edges, "details": details})
    return _page(meta, _legend(meta, view.legend), data)


def _page(meta: VisualMeta, legend: str, data: str) -> str:
    """The page around the map: ``legend`` (HTML) in the side column, ``data`` (inert JSON) for the script."""
    t, word = escape, meta.t
    return f"""<!doctype html>
<html lang="{t(meta.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t(meta.title)}</title>
<style>{vendor_asset("vis-network.min.css")}</style>
<style>{_STYLE}</style>
</head>
<body>
<header><h1>{t(meta.title)}</h1><p class="meta">{t(_subtitle(meta))}</p></header>
<div class="layout">
<div id="map" role="img" aria-label="{t(meta.title)}"></div>
<aside>
<h2>{t(word("Légende", "Legend"))}</h2><ul class="legend">{legend}</ul>
<p>{t(word("Cliquez un nœud pour ses détails.", "Click a node for its details."))}</p>
<div id="details" aria-live="polite"></div>
</aside>
</div>
<footer>{t(word("Source", "Source"))} : {t(meta.source)}</footer>
<script type="application/json" id="map-data">{data}</script>
<script>{vendor_asset("vis-network.min.js")}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""
