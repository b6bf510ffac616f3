"""A first load into an empty store: the write path's bulk loader, journaled by reference, undone exactly."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
import pytest
from rdflib import Literal

from ecosystem.journal import Author, Journal
from ecosystem.loading import load_paths, rdf_files, read_rdf_files
from ecosystem.namespaces import RDFS, actor_iri
from ecosystem.projection import _STAMPS
from ecosystem.store import CURRENT, META, ONTOLOGY, PROVENANCE, EmbeddedStore, StoreError
from ecosystem.writes import Change, UndoRefused, WritePath

AUTHOR = Author(None, None, "ligne de commande")


@pytest.fixture
def path(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    yield WritePath(store, Journal(tmp_path / "store.etat"))
    store.close()


def everything(store: EmbeddedStore) -> tuple[set, list]:
    """Every quad but the store's own data version, and the named graphs (all, the bookkeeping's too)."""
    meta = ox.NamedNode(str(META))
    raw = store._store
    return {q for q in raw if q.graph_name != meta}, sorted(str(g) for g in raw.named_graphs() if g != meta)


def _load(path: WritePath, files) -> None:
    with path.session(AUTHOR, "chargement") as store:
        result = load_paths(store, files)
    assert result.written and result.report.conforms


def test_a_first_load_is_journaled_by_reference_and_holds_what_the_ordinary_path_writes(path, tmp_path, mauricie_path):
    version = path.store.version()
    _load(path, [mauricie_path])
    (entry,) = path.journal.entries()
    assert path.store.version() != version
    assert entry.add == [] and entry.remove == []  # no triple kept in the journal
    files = rdf_files([mauricie_path])
    assert entry.reference["files"] == [[f.name, hashlib.sha256(f.read_bytes()).hexdigest()] for f in files]
    assert set(entry.reference["graphs"]) == {str(CURRENT), str(PROVENANCE), str(ONTOLOGY)}
    current, provenance = path.store.triple_count(CURRENT), path.store.triple_count(PROVENANCE)
    assert entry.reference["triples"] == current + provenance > 1000
    assert entry.to_dict()["triplets_ajoutes"] == current + provenance
    assert _STAMPS.peek(path.store.version()) == entry.id  # the « version N » stamp moved with the data
    # Each resource's page lists the load in its history, as after an ordinary import.
    assert [e.id for e in path.journal.entries(about=str(actor_iri("ciusss-mcq")))] == [entry.id]
    # The same files as one ordinary transaction give the same current graph.
    ordinary = EmbeddedStore(tmp_path / "ordinaire")
    ordinary.apply(add=list(read_rdf_files(files)))
    assert set(path.store.graph(CURRENT)) == set(ordinary.graph(CURRENT))
    ordinary.close()


def test_undoing_a_first_load_gives_back_the_empty_store_exactly(path, mauricie_path):
    before = everything(path.store)
    _load(path, [mauricie_path])
    (entry,) = path.journal.entries()
    assert everything(path.store) != before
    version = path.store.version()
    undo = path.undo(entry.id, AUTHOR)
    assert everything(path.store) == before
    assert path.store.triple_count(None) == 1  # the data version alone
    assert path.store.version() != version and _STAMPS.peek(path.store.version()) == undo.id
    assert path.journal.get(entry.id).undone_by == undo.id
    with pytest.raises(UndoRefused, match="déjà annulée"):
        path.undo(entry.id, AUTHOR)
    with pytest.raises(UndoRefused, match="chargez de nouveau"):
        path.undo(undo.id, AUTHOR)
    _load(path, [mauricie_path])  # loaded again, into the store emptied
    assert path.journal.entries()[0].reference["graphs"]


def test_a_first_load_is_undone_only_once_what_followed_is_undone(path, mauricie_path):
    _load(path, [mauricie_path])
    (first,) = path.journal.entries()
    actor = actor_iri("ciusss-mcq")
    later = path.write(Change(add=[(actor, RDFS.comment, Literal("ajout", lang="fr"), CURRENT)]), AUTHOR, "edition")
    with pytest.raises(UndoRefused, match=f"n° {later.id}"):
        path.undo(first.id, AUTHOR)
    path.undo(later.id, AUTHOR)
    path.undo(first.id, AUTHOR)
    assert path.store.triple_count(CURRENT) == 0


def test_a_load_into_a_filled_store_is_an_ordinary_journaled_transaction(path, mauricie_path, tmp_path):
    _load(path, [mauricie_path])
    extra = tmp_path / "ajout.ttl"
    extra.write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f'<{actor_iri("ciusss-mcq")}> rdfs:comment "Ajouté par un second chargement"@fr .\n',
        encoding="utf-8",
    )
    _load(path, [extra])
    second = path.journal.entries()[0]
    assert second.reference is None and len(second.add) == 1 + len([q for q in second.add if q[3] == PROVENANCE])


class _FailingHalfway:
    """Oxigraph's store, whose bulk loader writes half the quads it is given, then fails (a full disk)."""

    def __init__(self, store):
        self._real = store

    def bulk_extend(self, quads):
        quads = list(quads)
        self._real.bulk_extend(quads[: len(quads) // 2])
        raise OSError("No space left on device")

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __iter__(self):
        return iter(self._real)


def test_a_first_load_that_fails_midway_leaves_the_store_empty_and_says_so(path, mauricie_path):
    before = everything(path.store)
    version = path.store.version()
    path.store._store = _FailingHalfway(path.store._store)
    with pytest.raises(StoreError, match="magasin inchangé : plus de place sur le disque"):
        _load(path, [mauricie_path])
    path.store._store = path.store._store._real
    assert everything(path.store) == before and path.store.version() == version
    assert path.journal.entries() == []  # nothing journaled


def _as_n_triples(files, path, extra: str = "") -> object:
    from rdflib import Graph

    graph = Graph()
    for triple in read_rdf_files(files):
        graph.add(triple)
    path.write_text(graph.serialize(format="nt", encoding="utf-8").decode() + extra, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "extra",
    [
        "",  # one distinct triple a line: the file's own bytes go to the bulk loader
        "# un commentaire\n\n",  # not one triple a line: the parsed store's dump goes instead
        f'<{actor_iri("ciusss-mcq")}> <http://www.w3.org/2000/01/rdf-schema#comment> "x"@fr .\n' * 2,  # repeated
        f"<{actor_iri('ciusss-mcq')}> <https://w3id.org/ecosysteme/ontologie#founded> "
        '"0042"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',  # not in the form the store keeps
    ],
)
def test_a_first_load_of_n_triples_writes_and_counts_exactly_what_was_parsed(tmp_path, mauricie_path, extra):
    files = rdf_files([mauricie_path])
    nt = _as_n_triples(files, tmp_path / "mauricie.nt", extra)
    store = EmbeddedStore(tmp_path / "store")
    path = WritePath(store, Journal(tmp_path / "store.etat"))
    with path.session(AUTHOR, "chargement") as journaled:
        result = load_paths(journaled, [nt])
    assert result.written and result.report.conforms
    (entry,) = path.journal.entries()
    ordinary = EmbeddedStore(tmp_path / "ordinaire")
    ordinary.apply(add=list(read_rdf_files([nt])))
    assert set(store.graph(CURRENT)) == set(ordinary.graph(CURRENT))
    assert result.added == result.triples_after == store.triple_count(CURRENT) == ordinary.triple_count(CURRENT)
    assert entry.reference["triples"] == store.triple_count(CURRENT) + store.triple_count(PROVENANCE)
    ordinary.close()
    store.close()
