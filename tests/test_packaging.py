"""A wheel installed elsewhere still carries the ontology, the Mauricie data and the web assets."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_carries_ontology_data_and_web_app(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("ecosysteme-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("ontology/ecosysteme.ttl", "ontology/vocabularies.ttl", "ontology/shapes.ttl"):
        assert f"ecosystem/{required}" in names
    assert {f"ecosystem/data/mauricie/{p.name}" for p in (ROOT / "data" / "mauricie").glob("*.ttl")} <= names
    assert "ecosystem/api/main.py" in names and "ecosystem/api/templates/base.html" in names
    assert "ecosystem/api/static/style.css" in names
