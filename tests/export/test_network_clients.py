"""The GEXF and GraphML exports as Gephi Lite reads them: graphology's own parsers, run by node.

The npm packages are pinned in ``tests/export/js/package-lock.json`` and installed by
``make test`` (``npm ci``) into the git-ignored ``tests/export/js/node_modules``; the test
itself runs offline.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ecosystem.export.formats import ExportOptions, export
from ecosystem.export.network import node_id
from ecosystem.export.writers import map_positions, map_view

JS = Path(__file__).parent / "js"


@pytest.fixture(scope="module")
def node_readers():
    node = shutil.which("node")
    assert node, "node manquant / node missing: make test installs the Debian package nodejs"
    if not (JS / "node_modules" / "graphology-gexf").exists():
        # From npm's local cache, never the network; a fresh machine gets them from `make test`.
        done = subprocess.run(
            ["npm", "ci", "--offline", "--no-audit", "--no-fund"], cwd=JS, capture_output=True, timeout=120
        )
        assert done.returncode == 0, "npm packages missing: run `make test` (npm ci --prefix tests/export/js)"

    def read(path: Path) -> dict:
        run = subprocess.run(
            [node, str(JS / "read-network.js"), str(path)], capture_output=True, timeout=60, check=True
        )
        return json.loads(run.stdout)

    return read


@pytest.mark.parametrize("format", ["gexf", "graphml"])
def test_graphology_reads_every_node_with_its_attributes(export_store, tmp_path, node_readers, format):
    options = ExportOptions()
    view = map_view(export_store, options)
    path = tmp_path / f"carte.{format}"
    path.write_bytes(export(export_store, format, options))
    read = node_readers(path)
    assert read["order"] == len(view.graph) and read["size"] == view.graph.number_of_edges()
    for iri, data in view.graph.nodes(data=True):
        got = read["nodes"][node_id(iri)]
        assert got["iri"] == iri and got["label"] == data["label"] and got["community"] == data["community"]


def test_gephi_lite_gets_the_maps_positions_colours_and_sizes(export_store, tmp_path, node_readers):
    options = ExportOptions(filters={"territoire": "mauricie"})
    view = map_view(export_store, options)
    positions = map_positions(export_store, view, options)
    path = tmp_path / "carte.gexf"
    path.write_bytes(export(export_store, "gexf", options))
    nodes = node_readers(path)["nodes"]
    for iri, data in view.graph.nodes(data=True):
        got = nodes[node_id(iri)]
        assert (got["x"], -got["y"]) == pytest.approx(positions[iri])
        red, green, blue = (int(data["colour"][i : i + 2], 16) for i in (1, 3, 5))
        assert got["color"].startswith(f"rgba({red},{green},{blue},")
        assert got["size"] > 0
    assert len({(n["x"], n["y"]) for n in nodes.values()}) == len(nodes)  # no two nodes stacked
