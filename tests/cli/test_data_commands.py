"""`ecosystem load`, `validate`, `stats` as a user runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from ecosystem.cli import app

runner = CliRunner()


@pytest.fixture
def store_dir(tmp_path):
    return tmp_path / "magasin"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_validate_accepts_the_mauricie_data(mauricie_path, store_dir):
    result = run("--store", store_dir, "validate", mauricie_path)
    assert result.exit_code == 0, result.output
    assert "Valide" in result.output


def test_validate_names_a_membership_without_its_instance(mauricie_path, store_dir, tmp_path):
    copy = tmp_path / "copie"
    shutil.copytree(mauricie_path, copy)
    (copy / "casse.ttl").write_text(
        """@prefix org: <http://www.w3.org/ns/org#> . @prefix prov: <http://www.w3.org/ns/prov#> .
        <https://w3id.org/ecosysteme/id/participation/sans-instance/consortium> a org:Membership ;
            org:member <https://w3id.org/ecosysteme/id/acteur/consortium> ;
            prov:wasDerivedFrom <https://example.org/source> .""",
        encoding="utf-8",
    )
    result = run("--store", store_dir, "validate", copy)
    assert result.exit_code == 1
    assert "id:participation/sans-instance/consortium" in result.output
    assert "org:organization" in result.output
    english = run("--store", store_dir, "--lang", "en", "validate", copy)
    assert "A membership names exactly one existing instance" in english.output


def test_load_then_stats_reports_the_region(mauricie_path, store_dir):
    assert run("--store", store_dir, "load", mauricie_path).exit_code == 0
    again = run("--store", store_dir, "load", mauricie_path)
    assert again.exit_code == 0 and "Rien de nouveau" in again.output
    result = run("--store", store_dir, "stats", "--json")
    assert result.exit_code == 0
    counts = json.loads(result.output)
    assert counts["territoires"] >= 7  # the region and its six territories, at least
    assert counts["axes"] == 3
    assert counts["acteurs"] >= 15 and counts["instances"] >= 10
    assert counts["triplets"] > 500


def test_load_if_empty_does_not_touch_a_filled_store(mauricie_path, store_dir):
    run("--store", store_dir, "load", mauricie_path)
    result = run("--store", store_dir, "load", "--if-empty", mauricie_path)
    assert result.exit_code == 0 and "déjà rempli" in result.output


def test_a_missing_file_is_an_error_not_a_traceback(store_dir, tmp_path):
    result = run("--store", store_dir, "load", tmp_path / "absent.ttl")
    assert result.exit_code == 1
    assert "introuvable" in result.output


def test_validate_reports_an_ill_typed_literal_with_its_message_only(store_dir, tmp_path):
    path = tmp_path / "mal-type.ttl"
    path.write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/ecosysteme/id/instance/x> a <https://w3id.org/ecosysteme/ontologie#Instance> ;\n"
        '    <https://w3id.org/ecosysteme/ontologie#meetingsPerYear> "quatre"^^xsd:decimal .\n',
        encoding="utf-8",
    )
    # A real process: rdflib's warning went to the logging module's last-resort handler, on stderr.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ecosystem.cli import main; main()",
            "--store",
            str(store_dir),
            "validate",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Données invalides"), result.stderr[:500]
    assert "Traceback" not in result.stderr and "Failed to convert" not in result.stderr
    assert "valeur / value: quatre" in result.stderr
