"""Revisions: a frozen copy of the current graph, described in the provenance graph."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic

from ecosystem.loading import load_paths
from ecosystem.namespaces import ECO, PROV, RDF, SKOS, actor_iri
from ecosystem.revisions import (
    RevisionError,
    create_revision,
    get_revision,
    list_revisions,
    revision_data,
)
from ecosystem.store import CURRENT, PROVENANCE, revision_graph


def test_revision_is_a_copy_of_the_current_graph(mauricie_copy, mauricie_graph):
    revision = create_revision(mauricie_copy, "2025-bilan", note="Bilan annuel", creator="Consortium")
    assert revision.triples == len(mauricie_graph)
    assert isomorphic(mauricie_copy.graph(revision_graph("2025-bilan")), mauricie_graph)
    assert revision.note == "Bilan annuel" and revision.creator == "Consortium"
    assert revision.created is not None and revision.created.tzinfo is not None


def test_revision_is_frozen_when_the_current_graph_changes(mauricie_copy, mauricie_graph):
    create_revision(mauricie_copy, "avant")
    mauricie_copy.apply(add=[(actor_iri("nouvel-acteur"), RDF.type, ECO.Actor)])
    assert isomorphic(revision_data(mauricie_copy, "avant"), mauricie_graph)
    assert len(revision_data(mauricie_copy, "courant")) == len(mauricie_graph) + 1


def test_revision_described_with_prov_and_imports(tmp_path, mauricie_path, empty_store):
    load_paths(empty_store, [mauricie_path])
    when = datetime(2025, 3, 31, 12, 0, tzinfo=UTC)
    create_revision(empty_store, "r1", when=when)
    provenance = empty_store.graph(PROVENANCE)
    iri = revision_graph("r1")
    assert (iri, RDF.type, ECO.Revision) in provenance
    assert (iri, RDF.type, PROV.Entity) in provenance
    imports = set(provenance.subjects(RDF.type, ECO.Import))
    assert len(imports) == 1
    assert set(provenance.objects(iri, PROV.wasDerivedFrom)) == imports | {CURRENT}
    revision = get_revision(empty_store, "r1")
    assert revision.imports == tuple(imports)
    assert revision.created == when


def test_list_revisions_oldest_first(mauricie_copy):
    create_revision(mauricie_copy, "b", when=datetime(2025, 1, 2, tzinfo=UTC))
    create_revision(mauricie_copy, "a", when=datetime(2025, 1, 1, tzinfo=UTC))
    assert [r.name for r in list_revisions(mauricie_copy)] == ["a", "b"]
    assert get_revision(mauricie_copy, "absente") is None


def test_existing_name_is_refused_and_nothing_written(mauricie_copy):
    create_revision(mauricie_copy, "r1", note="premier")
    before = mauricie_copy.triple_count(None)
    with pytest.raises(RevisionError, match="existe déjà"):
        create_revision(mauricie_copy, "r1")
    assert mauricie_copy.triple_count(None) == before
    notes = list(mauricie_copy.graph(PROVENANCE).objects(revision_graph("r1"), SKOS.note))
    assert notes == [Literal("premier")]


@pytest.mark.parametrize("name", ["courant", "", "avec espace", "<injection>", "x" * 81, '"'])
def test_bad_names_are_refused(mauricie_copy, name):
    with pytest.raises(RevisionError):
        create_revision(mauricie_copy, name)
    assert list_revisions(mauricie_copy) == []


def test_unknown_revision_names_the_known_ones(mauricie_copy):
    create_revision(mauricie_copy, "r1")
    with pytest.raises(RevisionError, match="Connues : courant, r1"):
        revision_data(mauricie_copy, "r2")
