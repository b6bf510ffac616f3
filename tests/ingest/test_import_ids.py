"""Ids: one folding for every IRI, and ids that name nothing refused where they are written."""

from __future__ import annotations

import pytest

from ecosystem.analysis.text import terms
from ecosystem.folding import fold, slugify
from ecosystem.ingest.apply import import_paths
from ecosystem.ingest.columns import normalize_header
from ecosystem.ingest.lookups import vocabulary
from ecosystem.ingest.problems import ValidationFailed
from ecosystem.namespaces import ID


def test_ligatures_are_spelled_out_everywhere_text_is_folded():
    assert slugify("sœurs") == "soeurs" != slugify("surs")
    assert slugify("Cæcilia") == "caecilia"
    assert fold("MAIN-D'ŒUVRE") == fold("main-d'oeuvre") == fold("Main-d\u2019œuvre")
    assert normalize_header("Œuvre") == "oeuvre"
    assert vocabulary("fonctions").find("MISE EN ŒUVRE") == vocabulary("fonctions").find("mise en oeuvre") is not None
    assert terms("la mise en œuvre") == terms("la mise en oeuvre")


def test_sister_ids_get_distinct_resources(tmp_path, memory_store):
    (tmp_path / "acteurs.csv").write_text("id;nom\nsœurs;Les Sœurs\nsurs;Surs\n", encoding="utf-8")
    result = import_paths(memory_store, [tmp_path])
    assert sorted(result.added["acteurs"]) == ["acteur/soeurs", "acteur/surs"]


@pytest.mark.parametrize("identifier", ["日本語", "!!!", "../"])
def test_an_id_that_slugs_to_nothing_is_refused_naming_row_and_column(tmp_path, memory_store, identifier):
    (tmp_path / "acteurs.csv").write_text(f"id;nom\nbon;Bon\n{identifier};Un nom\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [tmp_path])
    [problem] = failed.value.problems
    assert (problem.file, problem.row, problem.column, problem.letter, problem.value) == (
        "acteurs.csv",
        3,
        "id",
        "A",
        identifier,
    )
    assert "lettre ni chiffre" in problem.what.fr and "letter or digit" in problem.what.en
    assert memory_store.triple_count(None) == 0
    assert (ID["acteur/"], None, None) not in memory_store.graph()


def test_a_reference_that_slugs_to_nothing_is_refused(tmp_path, memory_store):
    (tmp_path / "participations.csv").write_text("acteur;instance\n!!!;table\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [tmp_path])
    assert [(p.row, p.column) for p in failed.value.problems] == [(2, "acteur")]
