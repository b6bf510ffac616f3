"""The map view as network files: GEXF 1.2 (Gephi) and GraphML 1.0 (yEd, Cytoscape).

Nodes carry ``label``, ``type``, ``category``, ``sector``, ``territory``, ``issues``,
``seats``, ``load``, ``community`` and ``colour`` (:mod:`.view`); edges ``roles`` and
``hours``. Both files also carry the drawing of the web map — the same layout positions,
colours and sizes — so Gephi (Lite) and yEd open the map, not a grey cloud:

- GEXF: ``viz:position`` (``y`` upwards, as Gephi and sigma.js draw it: the screen's
  ``y`` negated), ``viz:color`` and ``viz:size``;
- GraphML: yFiles ``ShapeNode`` graphics (``y:Geometry``, ``y:Fill``, ``y:NodeLabel``,
  ``y:Shape`` diamond / ellipse), the key yEd reads, beside the plain typed keys every
  GraphML reader sees.

networkx writes both, with two fixes so the files validate against the published
schemas: node ids become XML name tokens (``acteur:ciusss-mcq``; GraphML ids must match
``\\c+``, which an IRI's ``/`` does not), the IRI staying in the ``iri`` attribute; and
``graph/@name``, which networkx always writes and GEXF 1.2draft does not allow, is removed.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import networkx as nx

from ecosystem.mapstyle import UNKNOWN_COLOUR, node_size

__all__ = ["GEXF_NS", "GRAPHML_NS", "VIZ_NS", "YFILES_NS", "node_id", "to_gexf", "to_graphml"]

GEXF_NS = "http://www.gexf.net/1.2draft"
VIZ_NS = "http://www.gexf.net/1.2draft/viz"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
YFILES_NS = "http://www.yworks.com/xml/graphml"

_NOT_NAME = re.compile(r"[^A-Za-z0-9._:-]")


def node_id(iri: str) -> str:
    """An XML name token for a node: the IRI's path below ``…/id/`` with ``:`` for ``/``.

    >>> node_id("https://w3id.org/ecosysteme/id/acteur/ciusss-mcq")
    'acteur:ciusss-mcq'
    """
    tail = iri.split("/id/", 1)[-1]
    return _NOT_NAME.sub("_", tail.replace("/", ":")) or "_"


def _with_name_ids(graph: nx.Graph) -> nx.Graph:
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for node in graph:
        candidate = node_id(str(node))
        while candidate in taken:
            candidate += "_"
        taken.add(candidate)
        mapping[node] = candidate
    relabelled = nx.relabel_nodes(graph, mapping, copy=True)
    nx.set_node_attributes(relabelled, {new: str(old) for old, new in mapping.items()}, "iri")
    return relabelled


def _rgb(colour: str | None) -> tuple[int, int, int]:
    """``#rrggbb`` → (r, g, b).

    >>> _rgb("#0072B2")
    (0, 114, 178)
    """
    value = (colour or UNKNOWN_COLOUR).lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _size(data: dict) -> float:
    return node_size(data.get("seats"))


def to_gexf(graph: nx.Graph, positions: dict | None = None) -> bytes:
    """GEXF 1.2draft of ``graph``, with the layout's ``positions`` (node → (x, y), screen units)
    and each node's colour and size as ``viz:`` elements.

    >>> g = nx.Graph(); g.add_node("a", label="A", seats=2, colour="#0072B2"); g.add_edge("a", "b")
    >>> data = to_gexf(g, {"a": (10.0, 20.0), "b": (0.0, 0.0)})
    >>> b"name=" in data, b'label="A"' in data, b'<viz:position x="10.0" y="-20.0" z="0.0"' in data
    (False, True, True)
    """
    copy = _with_name_ids(graph)
    for (_, data), original in zip(copy.nodes(data=True), graph, strict=True):
        viz = {"color": dict(zip("rgb", _rgb(data.get("colour")), strict=True)) | {"a": 1.0}, "size": _size(data)}
        if positions is not None:
            x, y = positions[original]
            viz["position"] = {"x": float(x), "y": -float(y), "z": 0.0}
        data["viz"] = viz
    buffer = io.BytesIO()
    nx.write_gexf(copy, buffer, version="1.2draft")
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root = ET.fromstring(buffer.getvalue())
    for element in root.iter(f"{{{GEXF_NS}}}graph"):
        element.attrib.pop("name", None)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _shape_node(data: dict, position: tuple[float, float] | None) -> ET.Element:
    size = _size(data) * 2
    shape = ET.Element(f"{{{YFILES_NS}}}ShapeNode")
    x, y = position if position is not None else (0.0, 0.0)
    ET.SubElement(
        shape,
        f"{{{YFILES_NS}}}Geometry",
        x=f"{x - size / 2:.1f}",
        y=f"{y - size / 2:.1f}",
        width=f"{size:.1f}",
        height=f"{size:.1f}",
    )
    ET.SubElement(
        shape, f"{{{YFILES_NS}}}Fill", color=(data.get("colour") or UNKNOWN_COLOUR).upper(), transparent="false"
    )
    ET.SubElement(shape, f"{{{YFILES_NS}}}BorderStyle", color="#FFFFFF", type="line", width="1.0")
    label = ET.SubElement(shape, f"{{{YFILES_NS}}}NodeLabel", modelName="sides", modelPosition="s", fontSize="11")
    label.text = data.get("label", "")
    ET.SubElement(shape, f"{{{YFILES_NS}}}Shape", type="diamond" if data.get("type") == "instance" else "ellipse")
    return shape


def to_graphml(graph: nx.Graph, positions: dict | None = None) -> bytes:
    """GraphML 1.0 of ``graph`` with typed keys for every node and edge attribute, and yFiles
    node graphics (geometry at ``positions``, fill colour, label, shape) that yEd draws."""
    copy = _with_name_ids(graph)
    buffer = io.BytesIO()
    nx.write_graphml(copy, buffer, encoding="utf-8", prettyprint=False, named_key_ids=True)
    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("y", YFILES_NS)
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root = ET.fromstring(buffer.getvalue())
    key = ET.Element(f"{{{GRAPHML_NS}}}key", {"for": "node", "id": "graphics", "yfiles.type": "nodegraphics"})
    root.insert(0, key)
    originals = dict(zip(copy, graph, strict=True))
    for element in root.iter(f"{{{GRAPHML_NS}}}node"):
        node = element.get("id")
        data = ET.SubElement(element, f"{{{GRAPHML_NS}}}data", key="graphics")
        data.append(_shape_node(copy.nodes[node], positions.get(originals[node]) if positions else None))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
