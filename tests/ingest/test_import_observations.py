"""Dated, sourced observations through the import template: the indicator reads the latest before the day."""

from __future__ import annotations

from datetime import date

import pytest

from ecosystem.analysis.indicators import plan_dashboard
from ecosystem.ingest.apply import import_paths
from ecosystem.ingest.export_tables import export_tables, table_rows
from ecosystem.ingest.problems import ValidationFailed
from ecosystem.namespaces import ID
from ecosystem.queries import plan_graph

SATISFACTION = ID["plan/2024-2028/axe/accompagnement/indicateur/satisfaction-soutien"]
HEADER = "id;indicateur;date;valeur;description;source\n"
ROWS = (
    "sondage-2024;accompagnement/indicateur/satisfaction-soutien;2024-11-15;78,5;Sondage auprès des membres;https://exemple.org/sondage-2024\n"
    "sondage-2025;accompagnement/indicateur/satisfaction-soutien;15/05/2025;86;Sondage auprès des membres;https://exemple.org/sondage-2025\n"
)


def _satisfaction(store, day: date):
    return next(s for s in plan_dashboard(plan_graph(store), day) if s.iri == str(SATISFACTION))


def test_observations_give_the_latest_value_with_its_source_and_survive_the_round_trip(tmp_path, mauricie_copy):
    assert _satisfaction(mauricie_copy, date(2025, 6, 30)).status == "no-data"
    sheet = tmp_path / "observations.csv"
    sheet.write_text(HEADER + ROWS, encoding="utf-8")
    assert import_paths(mauricie_copy, [sheet]).written
    status = _satisfaction(mauricie_copy, date(2025, 6, 30))
    assert (status.value, status.method, status.sources) == (86.0, "observation", ["https://exemple.org/sondage-2025"])
    assert [p["value"] for p in status.history] == [78.5, 86.0]
    assert _satisfaction(mauricie_copy, date(2025, 1, 1)).value == 78.5  # the latest before the day read
    assert _satisfaction(mauricie_copy, date(2024, 11, 1)).value is None  # before any observation: unknown, never 0
    rows = table_rows(mauricie_copy, "observations")
    assert [r[:4] for r in rows] == [
        ["sondage-2024", "plan/2024-2028/axe/accompagnement/indicateur/satisfaction-soutien", "2024-11-15", "78.5"],
        ["sondage-2025", "plan/2024-2028/axe/accompagnement/indicateur/satisfaction-soutien", "2025-05-15", "86"],
    ]
    export_tables(mauricie_copy, tmp_path / "export", "csv")
    assert (tmp_path / "export" / "observations.csv").exists()
    again = import_paths(mauricie_copy, [tmp_path / "export"])
    assert not again.written and again.triples_added == again.triples_removed == 0


def test_an_observation_of_an_unknown_indicator_or_without_a_number_is_refused_at_its_cell(tmp_path, mauricie_copy):
    sheet = tmp_path / "observations.csv"
    sheet.write_text(
        HEADER + "x;accompagnement/indicateur/satisfaction-soutient;2025-05-15;beaucoup;;\n", encoding="utf-8"
    )
    with pytest.raises(ValidationFailed) as failure:
        import_paths(mauricie_copy, [sheet])
    problems = {p.column: p for p in failure.value.problems}
    assert set(problems) == {"indicateur", "valeur"}
    assert problems["indicateur"].letter == "B" and "satisfaction-soutien" in problems["indicateur"].fix.fr
    assert problems["valeur"].letter == "D"


def test_an_observation_of_a_part_of_the_plan_that_is_not_an_indicator_is_refused_by_the_shapes(
    tmp_path, mauricie_copy
):
    sheet = tmp_path / "observations.csv"
    sheet.write_text(HEADER + "x;concertation/livrable/depot-plan-action;2025-05-15;1;;\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failure:
        import_paths(mauricie_copy, [sheet])
    assert any("exactement un indicateur" in p.what.fr for p in failure.value.problems)
