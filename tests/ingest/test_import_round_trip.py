"""import(export(graph)) leaves the graph unchanged, on the Mauricie data."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.ingest.apply import import_paths
from ecosystem.ingest.columns import SHEETS
from ecosystem.ingest.export_tables import export_tables, table_rows
from ecosystem.loading import load_paths
from ecosystem.store import EmbeddedStore
from ecosystem.store.base import CURRENT


@pytest.mark.parametrize("format,name", [("xlsx", "cartographie.xlsx"), ("csv", "cartographie")])
def test_importing_the_export_changes_nothing(tmp_path, mauricie_copy, format, name):
    export_tables(mauricie_copy, tmp_path / name, format)
    before = (mauricie_copy.version(), mauricie_copy.triple_count(None))
    result = import_paths(mauricie_copy, [tmp_path / name])
    assert result.rows["participations"] > 30 and result.rows["acteurs"] > 30
    assert (result.added, result.changed, result.triples_added, result.triples_removed) == ({}, {}, 0, 0)
    assert not result.written and (mauricie_copy.version(), mauricie_copy.triple_count(None)) == before


@pytest.mark.parametrize("format,name", [("xlsx", "cartographie.xlsx"), ("csv", "cartographie")])
def test_the_export_rebuilds_the_same_tables_in_an_empty_store(
    tmp_path, mauricie_store, empty_store, format, name, mauricie_path
):
    export_tables(mauricie_store, tmp_path / name, format)
    # The events sheet names parts of the action plan, which no sheet holds: the plan comes first.
    assert load_paths(empty_store, [mauricie_path / "plan-action.ttl", mauricie_path / "sources.ttl"]).written
    result = import_paths(empty_store, [tmp_path / name])
    assert result.written and not result.created
    for kind in SHEETS:
        assert table_rows(empty_store, kind) == table_rows(mauricie_store, kind), kind


def test_the_export_names_everything_the_mauricie_graph_holds(mauricie_store):
    graph = mauricie_store.graph(CURRENT)
    from ecosystem.namespaces import ECO, ORG, RDF

    rows = {kind: table_rows(mauricie_store, kind) for kind in SHEETS}
    assert len(rows["acteurs"]) == len(set(graph.subjects(RDF.type, ECO.Actor)))
    assert len(rows["instances"]) == len(set(graph.subjects(RDF.type, ECO.Instance)))
    assert len(rows["participations"]) == len(set(graph.subjects(RDF.type, ORG.Membership)))
    assert len(rows["territoires"]) == len(set(graph.subjects(RDF.type, ECO.Territory)))


def test_export_tables_command_then_import_command(tmp_path, mauricie_copy_path):
    runner = CliRunner()
    out = tmp_path / "export.xlsx"
    result = runner.invoke(
        app, ["--store", str(mauricie_copy_path), "export-tables", "--format", "xlsx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    store = EmbeddedStore(mauricie_copy_path)
    version = store.version()
    store.close()
    result = runner.invoke(app, ["--store", str(mauricie_copy_path), "import", str(out)])
    assert result.exit_code == 0, result.output
    assert "Rien de nouveau" in result.output
    store = EmbeddedStore(mauricie_copy_path)
    assert store.version() == version
    store.close()


def test_a_dry_run_names_what_would_change(tmp_path, mauricie_copy_path):
    (tmp_path / "acteurs.csv").write_text(
        "id;nom;sigle\nciusss-mcq;CIUSSS de la Mauricie-et-du-Centre-du-Québec;CIUSSS-MCQ\nnouveau;Nouvel organisme;\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["--store", str(mauricie_copy_path), "import", "--dry-run", str(tmp_path / "acteurs.csv")]
    )
    assert result.exit_code == 0, result.output
    assert "Ajoutés (acteurs) : nouveau" in result.output and "Modifiés (acteurs) : ciusss-mcq" in result.output
    assert "Essai : " in result.output and "rien n'a été écrit" in result.output
