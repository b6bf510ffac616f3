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
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
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
    # Every package of the source, each module of it (a package missing from pyproject's list breaks the installed app).
    modules = {
        f"ecosystem/{p.relative_to(ROOT / 'src' / 'ecosystem').as_posix()}"
        for p in (ROOT / "src" / "ecosystem").rglob("*.py")
    }
    modules |= {f"ecosystem/api/{p.relative_to(ROOT / 'api').as_posix()}" for p in (ROOT / "api").rglob("*.py")}
    assert not modules - names, sorted(modules - names)
