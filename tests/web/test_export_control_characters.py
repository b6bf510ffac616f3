"""A control character or a line separator in a filter or a title (which XML cannot hold, even escaped) leaves the printed map valid."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest


@pytest.mark.parametrize(
    "query",
    [
        "enjeu=%0B",
        "titre=Carte%0Bde%01la%20r%C3%A9gion",
        "role=%1F&secteur=%0C",
        "titre=Carte%0Ade%0Dla%1Cr%C3%A9gion%C2%85%E2%80%A8%E2%80%A9",  # line and paragraph separators
        "enjeu=%0A&secteur=a%0Db&role=%E2%80%A9&type=%C2%85",
    ],
)
def test_the_svg_stays_xml_and_the_png_renders(client, query):
    svg = client.get(f"/export/svg?{query}")
    assert svg.status_code == 200
    ET.fromstring(svg.content)  # well-formed
    assert client.get(f"/export/png?width=300&{query}").status_code == 200
