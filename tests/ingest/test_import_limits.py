"""Limits come from the settings and are stated in the refusal; encodings with a byte-order mark are read."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.ingest.apply import import_paths
from ecosystem.ingest.problems import ValidationFailed
from ecosystem.ingest.read import read_tables
from ecosystem.settings import Settings

ACTORS = "id;nom\nun;Société Un\ndeux;Œuvre Deux\ntrois;Trois\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])
def test_files_with_a_byte_order_mark_or_in_windows_1252_read_the_same(tmp_path, encoding):
    path = tmp_path / "acteurs.csv"
    text = ACTORS.replace("Œ", "Oe") if encoding == "cp1252" else ACTORS
    path.write_bytes(text.encode(encoding))
    (table,) = read_tables(path)
    assert table.headers == ["id", "nom"] and table.rows[0][1] == ["un", "Société Un"]


def test_the_row_limit_comes_from_the_settings_and_is_stated(tmp_path, memory_store, monkeypatch):
    path = tmp_path / "acteurs.csv"
    path.write_text(ACTORS, encoding="utf-8")
    monkeypatch.setenv("ECOSYSTEM_IMPORT_MAX_ROWS", "3")
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [path], limits=Settings().limits())
    [problem] = failed.value.problems
    assert problem.row == 4 and "plus de 3 lignes" in problem.what.fr and "ECOSYSTEM_IMPORT_MAX_ROWS" in problem.fix.fr
    monkeypatch.setenv("ECOSYSTEM_IMPORT_MAX_ROWS", "4")
    assert import_paths(memory_store, [path], limits=Settings().limits()).written


def test_the_command_reads_the_limits_and_lists_only_so_many_problems(tmp_path):
    path = tmp_path / "acteurs.csv"
    path.write_text("id;nom;site_web\n" + "".join(f"a{n};A;pas une adresse\n" for n in range(7)), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--store", str(tmp_path / "magasin"), "import", str(path)], env={"ECOSYSTEM_IMPORT_PROBLEMS_LISTED": "5"}
    )
    assert result.exit_code == 1
    assert result.output.count("  • ") == 5 and "… et 2 autres." in result.output and "7 problème(s)" in result.output


def test_a_cell_longer_than_excel_allows_is_refused_in_csv_too(tmp_path, memory_store):
    path = tmp_path / "acteurs.csv"
    path.write_text("id;nom\nx;" + "a" * 40_000 + "\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [path])
    [problem] = failed.value.problems
    assert problem.row == 2 and "32\u202f767" in problem.what.fr and "ECOSYSTEM_IMPORT_MAX_CELL_CHARS" in problem.fix.fr
