"""Published affiliation sets and Open Referral HSDS packages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ecosystem.ingest.apply import detect_format, import_paths
from ecosystem.ingest.problems import ValidationFailed
from ecosystem.namespaces import ECO, ORG, RDF, SKOS, actor_iri, instance_iri
from ecosystem.queries import stats
from ecosystem.store.base import CURRENT

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_tiny_affiliation_set(tmp_path, memory_store):
    folder = tmp_path / "club_demo"
    folder.mkdir()
    (folder / "actors.csv").write_text("actor_id,name\nA1,Alice\nA2,\nA3,Carole\n", encoding="utf-8")
    (folder / "committees.csv").write_text(
        "committee_id,name,sector,capital\nC1,Club un,Non-Financial,12.0\nC2,Club deux,,\n", encoding="utf-8"
    )
    (folder / "memberships.csv").write_text("actor_id,committee_id\nA1,C1\nA2,C1\nA2,C2\n", encoding="utf-8")
    assert detect_format(folder) == "affiliation"
    result = import_paths(memory_store, [folder])
    counts = stats(memory_store)
    assert (counts["acteurs"], counts["instances"], counts["participations"]) == (3, 2, 3)
    graph = memory_store.graph(CURRENT)
    assert str(graph.value(actor_iri("club-demo-A2"), SKOS.prefLabel)) == "A2"  # no name: the id
    assert (instance_iri("club-demo-C1"), RDF.type, ECO.Instance) in graph
    assert not list(graph.triples((None, ECO.territory, None))) and not list(graph.triples((None, ORG.role, None)))
    assert result.created == {}


def test_an_affiliation_membership_naming_an_unknown_committee_is_refused(tmp_path, memory_store):
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "actors.csv").write_text("actor_id,name\nA1,Alice\n", encoding="utf-8")
    (folder / "committees.csv").write_text("committee_id,name\nC1,Club\n", encoding="utf-8")
    (folder / "memberships.csv").write_text("actor_id,committee_id\nA1,C1\nA1,C9\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [folder])
    (problem,) = failed.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "demo/memberships.csv",
        3,
        "instance",
        "demo-C9",
    )
    assert memory_store.triple_count(None) == 0


@pytest.mark.slow
def test_the_norway_boards_set(shared_datasets, empty_store):
    folder = shared_datasets / "affiliation" / "norway_boards_2009"
    first = import_paths(empty_store, [folder])
    counts = stats(empty_store)
    assert (counts["acteurs"], counts["instances"], counts["participations"]) == (1495, 367, 1834)
    assert len(first.added["participations"]) == 1834
    assert (instance_iri("norway-boards-2009-C0"), SKOS.prefLabel, None) in empty_store.graph(CURRENT)
    version = empty_store.version()
    again = import_paths(empty_store, [folder])
    assert not again.written and again.triples_added == 0 and empty_store.version() == version


def test_hsds_organizations_become_actors(shared_datasets, memory_store):
    folder = shared_datasets / "hsds" / "sample_hsds1_simple"
    assert detect_format(folder) == "hsds"
    result = import_paths(memory_store, [folder])
    assert len(result.added["acteurs"]) == 10
    actor = actor_iri("sample-hsds1-simple-1899600a-649c-11e6-8b77-86f30ca893d3")
    assert str(memory_store.graph(CURRENT).value(actor, SKOS.prefLabel)) == "Sanctuary Example City"


def test_the_malformed_hsds_export_is_refused_with_actionable_messages(shared_datasets, memory_store):
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [shared_datasets / "hsds" / "ohana_malformed"])
    problems = failed.value.problems
    organization = [p for p in problems if p.file == "ohana_malformed/organization.csv"]
    shifted = [p for p in organization if "cellules" in p.what.fr]
    assert all("5 cellules mais l'en-tête en a 4" in p.what.fr for p in shifted)
    assert {p.row for p in shifted} == set(range(2, 9))
    assert [p.column for p in organization if "obligatoire" in p.what.fr] == ["name"]
    (duplicated,) = [p for p in problems if "double" in p.what.fr]
    assert (duplicated.file, duplicated.row, duplicated.column, duplicated.letter) == (
        "ohana_malformed/service.csv",
        1,
        "wait",
        "P",
    )
    origin = [p for p in problems if "0,0" in p.what.fr]
    assert origin and origin[0].column == "coordinates" and "vides" in origin[0].fix.fr
    assert memory_store.triple_count(None) == 0


def test_the_hsds3_example_shipped_with_its_licence(tmp_path, memory_store):
    folder = tmp_path / "hsds3"
    shutil.copytree(FIXTURES / "hsds3", folder)
    assert (folder / "LICENSE_HSDS.txt").is_file()
    result = import_paths(memory_store, [folder])
    (actor,) = result.added["acteurs"]
    assert actor == "acteur/hsds3-d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
    graph = memory_store.graph(CURRENT)
    assert (
        str(graph.value(actor_iri("hsds3-d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"), SKOS.prefLabel))
        == "Example Organization Inc."
    )


def test_a_forced_format_on_the_wrong_input_is_explained(tmp_path, memory_store):
    (tmp_path / "acteurs.csv").write_text("id,nom\nx,X\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [tmp_path / "acteurs.csv"], format="affiliation")
    assert "dossier" in failed.value.problems[0].what.fr
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [tmp_path], format="affiliation")
    assert sorted(p.file.rsplit("/", 1)[1] for p in failed.value.problems) == [
        "actors.csv",
        "committees.csv",
        "memberships.csv",
    ]
    with pytest.raises(ValidationFailed) as failed:
        import_paths(memory_store, [tmp_path], format="hsds")
    assert "Aucune organisation" in failed.value.problems[0].what.fr
