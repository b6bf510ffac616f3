"""The diff map: added, removed and changed nodes in their colours, removed ones still drawn."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from rdflib import Literal

from ecosystem.export.diffmap import diff_map_svg
from ecosystem.export.visual import DIFF_COLOURS
from ecosystem.namespaces import ECO, RDF, SKOS, actor_iri
from ecosystem.revisions import create_revision, diff_revisions

SVG_NS = "{http://www.w3.org/2000/svg}"


def test_diff_map_colours_each_change(mauricie_copy):
    create_revision(mauricie_copy, "avant")
    new, changed, removed = actor_iri("nouvel-organisme"), actor_iri("cfcm"), actor_iri("pole")
    mauricie_copy.apply(
        add=[
            (new, RDF.type, ECO.Actor),
            (new, SKOS.prefLabel, Literal("Nouvel organisme", lang="fr")),
            (changed, ECO.acronym, Literal("CFCM-2")),
        ],
        remove=list(mauricie_copy.graph().triples((removed, None, None))),
    )
    svg = diff_map_svg(mauricie_copy, diff_revisions(mauricie_copy, "avant", "courant"))
    root = ET.fromstring(svg.encode())
    fills = {
        group.get("data-iri"): next(c for c in group if c.tag != f"{SVG_NS}title").get("fill")
        for group in root.iter(f"{SVG_NS}g")
        if group.get("class") == "node"
    }
    assert fills[str(new)] == DIFF_COLOURS["ajoute"]
    assert fills[str(changed)] == DIFF_COLOURS["modifie"]
    assert fills[str(removed)] == DIFF_COLOURS["retire"]
    assert fills[str(actor_iri("ciusss-mcq"))] == DIFF_COLOURS[None]
    assert "Légende" in svg and "Ajouté" in svg and "Retiré" in svg
