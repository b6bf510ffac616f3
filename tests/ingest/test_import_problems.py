"""A file with several errors: every one reported with its row and column, nothing written."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.ingest.apply import import_paths
from ecosystem.ingest.problems import ValidationFailed
from ecosystem.store import EmbeddedStore
from ecosystem.store.base import PROVENANCE

runner = CliRunner()

INSTANCES = """id;nom;enjeux;instance_parente;debut;fin;rencontres_par_an
table-a;Table A;securite alimentaire;table-b;2024-01-01;2023-12-31;4
table-b;Table B;habitaton;table-a;;;quatre
table-a;Table A encore;;;;;
"""
PARTICIPATIONS = """acteur;instance;heures_par_an;role
ciusss-mcq;table-a;beaucoup;membre
ciusss-mcq;tabel-b;10;presidente
"""


@pytest.fixture
def broken(tmp_path):
    (tmp_path / "instances.csv").write_text(INSTANCES, encoding="utf-8")
    (tmp_path / "participations.csv").write_text(PARTICIPATIONS, encoding="utf-8")
    return tmp_path


def located(problems):
    return {(p.file, p.row, p.column, p.letter): p for p in problems}


def test_every_problem_is_reported_with_row_and_column(broken, mauricie_copy):
    before = (mauricie_copy.triple_count(None), mauricie_copy.version())
    with pytest.raises(ValidationFailed) as failed:
        import_paths(mauricie_copy, [broken])
    problems = located(failed.value.problems)
    issue = problems[("instances.csv", 3, "enjeux", "C")]
    assert issue.value == "habitaton" and "habitation" in issue.fix.fr and "securite-alimentaire" in issue.fix.fr
    assert "Valeur la plus proche : « habitation »" in issue.fix.fr
    assert "fin précède le début" in problems[("instances.csv", 2, "fin", "F")].what.fr
    assert "n'est pas un nombre" in problems[("instances.csv", 3, "rencontres_par_an", "G")].what.fr
    assert "double" in problems[("instances.csv", 4, "id", "A")].what.fr
    cycle = [p for p in failed.value.problems if "Cycle" in p.what.fr]
    assert (
        len(cycle) == 1 and cycle[0].column == "instance_parente" and "table-a → table-b → table-a" in cycle[0].what.fr
    )
    assert "n'est pas un nombre" in problems[("participations.csv", 2, "heures_par_an", "C")].what.fr
    unknown = problems[("participations.csv", 3, "instance", "B")]
    assert unknown.value == "tabel-b" and "« table-b »" in unknown.fix.fr
    assert "roles" in problems[("participations.csv", 3, "role", "D")].what.fr
    assert len(failed.value.problems) == 8
    assert (mauricie_copy.triple_count(None), mauricie_copy.version()) == before


def test_the_command_exits_1_lists_all_problems_in_english_and_writes_nothing(broken, mauricie_copy_path):
    store_dir = mauricie_copy_path
    before = _counts(store_dir)
    result = runner.invoke(app, ["--store", str(store_dir), "--lang", "en", "import", str(broken)])
    assert result.exit_code == 1
    assert "Import refused: 8 problem(s). Nothing was written." in result.output
    assert (
        "instances.csv, row 3, column enjeux (C), value “habitaton”: Value not in the “enjeux” list." in result.output
    )
    assert _counts(store_dir) == before
    as_json = runner.invoke(app, ["--store", str(store_dir), "import", "--json", str(broken)])
    assert as_json.exit_code == 1
    payload = json.loads(as_json.stdout)
    assert payload["ecrit"] is False and len(payload["problemes"]) == 8
    assert {"fichier", "feuille", "ligne", "colonne", "lettre", "valeur", "probleme", "correction"} <= set(
        payload["problemes"][0]
    )


def _counts(path):
    store = EmbeddedStore(path)
    try:
        return store.triple_count(None), store.triple_count(PROVENANCE), store.version()
    finally:
        store.close()


def test_headers_unknown_duplicated_or_missing(tmp_path, memory_store):
    (tmp_path / "acteurs.csv").write_text("id,secteurr,nom,name\nx,communautaire,X,X\n", encoding="utf-8")
    (tmp_path / "instances.csv").write_text("id,type\nt,table-regionale\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [tmp_path])
    problems = located(failed.value.problems)
    assert "« secteur »" in problems[("acteurs.csv", 1, "secteurr", "B")].fix.fr
    assert "double" in problems[("acteurs.csv", 1, "name", "D")].what.fr
    assert "obligatoire" in problems[("instances.csv", 1, "nom", None)].what.fr
    assert memory_store.triple_count(None) == 0


def test_a_required_value_missing_and_an_unknown_territory(tmp_path, memory_store):
    (tmp_path / "acteurs.csv").write_text("id,nom,territoire\nx,,\ny,Y,Trois-Rivieres\n", encoding="utf-8")
    (tmp_path / "territoires.csv").write_text("id,nom\ntrois-rivieres-ville,Trois-Rivières (ville)\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [tmp_path])
    problems = located(failed.value.problems)
    assert "obligatoire" in problems[("acteurs.csv", 2, "nom", "B")].what.fr
    assert "« trois-rivieres-ville »" in problems[("acteurs.csv", 3, "territoire", "C")].fix.fr


def test_an_unreadable_file_is_a_problem_not_a_traceback(tmp_path, memory_store):
    (tmp_path / "faux.xlsx").write_bytes(b"ceci n'est pas un classeur")
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [tmp_path / "faux.xlsx", tmp_path / "absent.csv"])
    assert [p.file for p in failed.value.problems] == ["absent.csv", "faux.xlsx"]
