"""Each CSV of a set is recognised as its sheet by its name or its columns, or refused naming the choices."""

from __future__ import annotations

import pytest

from ecosystem.ingest.apply import import_paths
from ecosystem.ingest.mapping import resource
from ecosystem.ingest.problems import ValidationFailed
from ecosystem.namespaces import ECO, RDF

TERRITORIES = "id;nom;type;parent;population;source\nregion-x;Région X;region;;;\nmrc-a;MRC A;mrc;region-x;;\n"


@pytest.mark.parametrize("name", ["modele-territoires.csv", "Modèle écosystème - territoires.csv", "liste.csv"])
def test_a_territories_csv_not_named_territoires_imports_as_territories(tmp_path, memory_store, name):
    (tmp_path / name).write_text(TERRITORIES, encoding="utf-8")
    result = import_paths(memory_store, [tmp_path / name])
    assert (
        sorted(result.added["territoires"]) == ["territoire/mrc-a", "territoire/region-x"]
        and "instances" not in result.added
    )
    graph = memory_store.graph()
    assert (resource("territoires", "mrc-a"), RDF.type, ECO.Territory) in graph
    assert (resource("territoires", "mrc-a"), RDF.type, ECO.Instance) not in graph


def test_a_file_that_could_be_two_sheets_is_refused_naming_the_choices(tmp_path, memory_store):
    (tmp_path / "liste.csv").write_text("id;nom\nx;X\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [tmp_path / "liste.csv"])
    [problem] = failed.value.problems
    assert problem.what.fr == "Table ambiguë : elle pourrait être la feuille acteurs ou instances ou territoires."
    assert "acteurs.csv, instances.csv, territoires.csv" in problem.fix.fr
    assert memory_store.triple_count(None) == 0
