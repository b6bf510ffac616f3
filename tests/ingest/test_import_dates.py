"""A day and a month that could be swapped are read only when the table shows it writes the day first."""

from __future__ import annotations

import pytest
from rdflib import Literal

from ecosystem.ingest.apply import import_paths
from ecosystem.ingest.mapping import resource
from ecosystem.ingest.problems import ValidationFailed
from ecosystem.namespaces import ECO, XSD

HEADER = "id;nom;debut;fin\n"


def _instances(tmp_path, *rows):
    path = tmp_path / "instances.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_an_ambiguous_date_alone_is_refused_with_the_fix(tmp_path, memory_store):
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [_instances(tmp_path, "t;Table;02/03/2025;\n")])
    [problem] = failed.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "debut", "02/03/2025")
    assert problem.what.fr == "Date ambiguë : le 2 mars ou le 3 février ?"
    assert "2025-03-02" in problem.fix.fr and "JJ/MM/AAAA" in problem.fix.fr and "YYYY-MM-DD" in problem.fix.en
    assert memory_store.triple_count(None) == 0


def test_a_day_past_twelve_in_the_table_makes_the_day_first_known(tmp_path, memory_store):
    import_paths(memory_store, [_instances(tmp_path, "t;Table;02/03/2025;31/03/2028\n", "u;Autre;03/03/2025;\n")])
    table = memory_store.graph()
    assert table.value(resource("instances", "t"), ECO.startDate) == Literal("2025-03-02", datatype=XSD.date)
    assert table.value(resource("instances", "u"), ECO.startDate) == Literal("2025-03-03", datatype=XSD.date)


def test_a_table_writing_month_first_is_refused_not_swapped(tmp_path, memory_store):
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [_instances(tmp_path, "t;Table;02/03/2025;03/31/2028\n")])
    problems = {p.column: p for p in failed.value.problems}
    assert "ambiguë" in problems["debut"].what.fr and "mois/jour" in problems["debut"].fix.fr
    assert "illisible" in problems["fin"].what.fr
