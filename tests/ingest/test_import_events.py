"""Recording what happens through the import template: the events sheet feeds the plan's indicators."""

from __future__ import annotations

from datetime import date

import pytest

from ecosystem.analysis.indicators import plan_dashboard
from ecosystem.ingest.apply import import_paths
from ecosystem.ingest.problems import ValidationFailed
from ecosystem.namespaces import DCTERMS, ID
from ecosystem.queries import plan_graph

ABC = ID["plan/2024-2028/axe/concertation/indicateur/abc"]
HEADER = "id;nom;type;date;territoire;participants;plan;source\n"


def _abc(store):
    return next(s for s in plan_dashboard(plan_graph(store), date(2025, 6, 30)) if s.iri == str(ABC))


def _rows(concertations, first_day=10):
    return "".join(
        f"abc-{c.rsplit('/', 1)[1]};Atelier ABC du développement social;Atelier;2025-03-{first_day + n:02d};;"
        f"instance/{c.rsplit('/', 1)[1]};concertation/indicateur/abc;https://example.org/compte-rendu-{n}\n"
        for n, c in enumerate(concertations)
    )


def test_workshops_recorded_in_the_events_sheet_move_the_abc_indicator(tmp_path, mauricie_copy):
    concertations = sorted(str(c) for c in plan_graph(mauricie_copy).objects(ABC, DCTERMS.relation))
    assert len(concertations) == 6
    sheet = tmp_path / "evenements.csv"
    sheet.write_text(HEADER + _rows(concertations[:2]), encoding="utf-8")
    assert import_paths(mauricie_copy, [sheet]).written
    status = _abc(mauricie_copy)
    assert (status.value, status.status) == (33.3, "on-track")
    sheet.write_text(HEADER + _rows(concertations[:2]) + _rows(concertations[2:], first_day=20), encoding="utf-8")
    assert import_paths(mauricie_copy, [sheet]).written
    status = _abc(mauricie_copy)
    assert (status.value, status.status, status.met) == (100.0, "met", True)
    again = import_paths(mauricie_copy, [sheet])
    assert not again.written  # the same file twice changes nothing


def test_a_part_of_the_plan_that_does_not_exist_is_named_with_its_row_and_column(tmp_path, mauricie_copy):
    sheet = tmp_path / "evenements.csv"
    sheet.write_text(
        HEADER + "abc-x;Atelier;Atelier;2025-03-12;;consortium;concertation/indicateur/abd;\n", encoding="utf-8"
    )
    with pytest.raises(ValidationFailed) as failure:
        import_paths(mauricie_copy, [sheet])
    (problem,) = failure.value.problems
    assert (problem.row, problem.column, problem.letter) == (2, "plan", "G")
    assert "concertation/indicateur/abc" in problem.fix.fr  # the closest part of the plan is proposed
