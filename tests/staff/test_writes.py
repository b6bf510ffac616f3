"""The one write path: each write one transaction and one journal entry; undo gives back the same triples."""

from __future__ import annotations

import pytest
from rdflib import Literal

from ecosystem.ingest.apply import import_paths
from ecosystem.journal import Author, Journal
from ecosystem.loading import load_paths
from ecosystem.namespaces import RDFS, SKOS, actor_iri
from ecosystem.store import CURRENT, PROVENANCE, EmbeddedStore
from ecosystem.writes import Change, StaleWrite, UndoRefused, WritePath

AUTHOR = Author(None, None, "ligne de commande")


@pytest.fixture
def path(tmp_path, mauricie_path):
    store = EmbeddedStore(tmp_path / "store")
    load_paths(store, [mauricie_path])
    yield WritePath(store, Journal(tmp_path / "store.etat"))
    store.close()


def _state(store) -> set:
    return {(g, t) for g in (CURRENT, PROVENANCE) for t in store.graph(g)}


def test_undo_of_an_edit_gives_back_exactly_the_same_triples(path):
    before = _state(path.store)
    actor = actor_iri("ciusss-mcq")
    (old_label,) = [o for o in path.store.graph().objects(actor, SKOS.prefLabel) if o.language == "fr"]
    change = Change(
        add=[
            (actor, SKOS.prefLabel, Literal("CIUSSS renommé", lang="fr"), CURRENT),
            (actor, RDFS.comment, Literal("Décrit ici", lang="fr"), CURRENT),
        ],
        remove=[(actor, SKOS.prefLabel, old_label, CURRENT)],
    )
    entry = path.write(change, AUTHOR, "edition", "essai")
    assert _state(path.store) != before
    assert [e.id for e in path.journal.entries(about=str(actor))] == [entry.id]
    undo = path.undo(entry.id, AUTHOR)
    assert _state(path.store) == before
    assert path.journal.get(entry.id).undone_by == undo.id
    with pytest.raises(UndoRefused, match="déjà annulée"):
        path.undo(entry.id, AUTHOR)


def test_undo_is_refused_when_a_later_change_depends_on_it(path):
    actor = actor_iri("ciusss-mcq")
    first = path.write(Change(add=[(actor, RDFS.comment, Literal("v1", lang="fr"), CURRENT)]), AUTHOR, "edition")
    second = path.write(
        Change(
            add=[(actor, RDFS.comment, Literal("v2", lang="fr"), CURRENT)],
            remove=[(actor, RDFS.comment, Literal("v1", lang="fr"), CURRENT)],
        ),
        AUTHOR,
        "edition",
    )
    with pytest.raises(UndoRefused) as refused:
        path.undo(first.id, AUTHOR)
    assert f"n° {second.id}" in refused.value.message.fr
    path.undo(second.id, AUTHOR)
    path.undo(first.id, AUTHOR)
    assert not list(path.store.graph().objects(actor, RDFS.comment))


def test_an_import_through_the_path_is_journaled_and_undone_with_its_provenance(path, tmp_path):
    before = _state(path.store)
    csv = tmp_path / "acteurs.csv"
    csv.write_text(
        "id;nom;secteur;territoire;source\nnouvel-organisme;Nouvel organisme;communautaire;mauricie;https://exemple.org/\n",
        encoding="utf-8",
    )
    with path.session(AUTHOR, "import") as store:
        result = import_paths(store, [csv])
    assert result.written
    (entry,) = [e for e in path.journal.entries() if e.kind == "import"]
    assert any(q[3] == PROVENANCE for q in entry.add)
    path.undo(entry.id, AUTHOR)
    assert _state(path.store) == before


def test_a_write_computed_on_an_older_version_is_refused(path):
    seen = path.store.version()
    actor = actor_iri("ciusss-mcq")
    path.write(Change(add=[(actor, RDFS.comment, Literal("a", lang="fr"), CURRENT)]), AUTHOR, "edition")
    with pytest.raises(StaleWrite):
        path.write(
            Change(add=[(actor, RDFS.comment, Literal("b", lang="fr"), CURRENT)]),
            AUTHOR,
            "edition",
            expected_version=seen,
        )
    assert path.store.version() != seen
