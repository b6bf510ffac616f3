"""`ecosystem analyze merge` on the Mauricie data: seats saved are the members the instances share."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.loading import load_paths
from ecosystem.namespaces import ORG, instance_iri
from ecosystem.store import EmbeddedStore

AGREEMENT_2022 = "entente-developpement-social-2022"
AGREEMENT_2023 = "entente-concertation-regionale-2023"


def _members(graph, instance_id):
    return {graph.value(m, ORG.member) for m in graph.subjects(ORG.organization, instance_iri(instance_id))}


def test_merging_the_two_agreements_saves_one_seat_per_shared_member(mauricie_graph, mauricie_path, tmp_path):
    shared = _members(mauricie_graph, AGREEMENT_2022) & _members(mauricie_graph, AGREEMENT_2023)
    everyone = _members(mauricie_graph, AGREEMENT_2022) | _members(mauricie_graph, AGREEMENT_2023)
    assert shared, "the two agreements share signatories in the public sources"
    store = EmbeddedStore(tmp_path / "store")
    load_paths(store, [mauricie_path])
    store.close()
    result = CliRunner().invoke(
        app, ["--store", str(tmp_path / "store"), "analyze", "merge", AGREEMENT_2022, AGREEMENT_2023, "--json"]
    )
    assert result.exit_code == 0, result.output
    merge = json.loads(result.output)
    assert merge["sieges_economises"] == len(shared)
    assert merge["membres_apres"] == len(everyone)
    assert merge["heures_economisees"] is None  # no source gives these hours: unknown, not 0
    assert {row["acteur"] for row in merge["acteurs"] if row["sieges_economises"] == 1} == {str(a) for a in shared}


def test_one_instance_is_not_a_merge(mauricie_path, tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    load_paths(store, [mauricie_path])
    store.close()
    result = CliRunner().invoke(
        app, ["--store", str(tmp_path / "store"), "analyze", "merge", AGREEMENT_2022, AGREEMENT_2022]
    )
    assert result.exit_code == 1
    assert "au moins deux instances" in result.output
