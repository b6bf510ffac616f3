"""Large imports that only add go through the store's bulk loader, undone if it fails."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from ecosystem.ingest import apply
from ecosystem.ingest.apply import import_paths
from ecosystem.journal import Author, Journal
from ecosystem.namespaces import actor_iri, instance_iri, membership_iri
from ecosystem.store import EmbeddedStore, StoreError
from ecosystem.store.base import CURRENT, META, PROVENANCE
from ecosystem.writes import WritePath

AUTHOR = Author(None, None, "ligne de commande")


def everything(store: EmbeddedStore) -> tuple[set, list]:
    """Every quad but the store's own data version, and the named graphs."""
    meta = ox.NamedNode(str(META))
    raw = store._store
    return {q for q in raw if q.graph_name != meta}, sorted(str(g) for g in raw.named_graphs() if g != meta)


def write(folder, tables):
    folder.mkdir()
    for name, rows in tables.items():
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(rows)
        (folder / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return folder


def test_the_bulk_path_writes_the_same_graph(tmp_path, sample_tables, monkeypatch):
    folder = write(tmp_path / "f", sample_tables)
    by_transaction = EmbeddedStore(tmp_path / "a")
    import_paths(by_transaction, [folder])
    monkeypatch.setattr(apply, "BULK_THRESHOLD", 1)
    in_bulk = EmbeddedStore(tmp_path / "b")
    version = in_bulk.version()
    assert import_paths(in_bulk, [folder]).written and in_bulk.version() != version
    assert isomorphic(in_bulk.graph(CURRENT), by_transaction.graph(CURRENT))
    assert not import_paths(in_bulk, [folder]).written


class _Wrapped:
    def __init__(self, store):
        self._real = store

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __len__(self):
        return len(self._real)

    def __iter__(self):
        return iter(self._real)


class _FailingHalfway(_Wrapped):
    """Oxigraph's store, whose bulk loader writes half the quads then fails (a full disk)."""

    def bulk_extend(self, quads):
        self._real.bulk_extend(quads[: len(quads) // 2])
        raise OSError("No space left on device")


class _LoaderFailingHalfway(_Wrapped):
    """The same, for N-Triples handed to the loader: half the lines written, then a full disk."""

    def bulk_load(self, data, format, to_graph):
        lines = data.splitlines(keepends=True)
        self._real.bulk_load(b"".join(lines[: len(lines) // 2]), format, to_graph=to_graph)
        raise OSError("No space left on device")


def test_a_first_import_whose_loader_fails_leaves_the_store_and_the_journal_as_they_were(
    tmp_path, sample_tables, monkeypatch
):
    folder = write(tmp_path / "f", sample_tables)
    path = WritePath(EmbeddedStore(tmp_path / "s"), Journal(tmp_path / "s.etat"))
    before = (path.store.version(), everything(path.store))
    monkeypatch.setattr(apply, "BULK_THRESHOLD", 1)
    path.store._store = _LoaderFailingHalfway(path.store._store)
    with pytest.raises(StoreError, match="magasin inchangé"), path.session(AUTHOR, "import") as store:
        import_paths(store, [folder])
    assert (path.store.version(), everything(path.store)) == before
    assert path.journal.entries() == []


def test_a_failed_bulk_load_leaves_the_store_as_it_was(tmp_path, sample_tables, monkeypatch):
    folder = write(tmp_path / "f", sample_tables)
    store = EmbeddedStore(tmp_path / "s")
    before = (store.version(), store.triple_count(None))
    monkeypatch.setattr(apply, "BULK_THRESHOLD", 1)
    store._store = _FailingHalfway(store._store)
    with pytest.raises(StoreError, match="magasin inchangé"):
        import_paths(store, [folder])
    assert (store.version(), store.triple_count(None)) == before


def test_a_first_import_through_the_write_path_is_bulk_loaded_journaled_by_reference_and_undone_exactly(
    tmp_path, sample_tables, monkeypatch
):

    folder = write(tmp_path / "tableurs", sample_tables)
    ordinary = EmbeddedStore(tmp_path / "ordinaire")
    import_paths(ordinary, [folder])
    path = WritePath(EmbeddedStore(tmp_path / "s"), Journal(tmp_path / "s.etat"))
    before = everything(path.store)
    monkeypatch.setattr(apply, "BULK_THRESHOLD", 1)
    with path.session(AUTHOR, "import") as store:
        assert import_paths(store, [folder]).written
    (entry,) = path.journal.entries()
    assert entry.reference is not None and entry.add == []
    assert set(path.store.graph(CURRENT)) == set(ordinary.graph(CURRENT))
    assert entry.reference["triples"] == ordinary.triple_count(CURRENT) + ordinary.triple_count(PROVENANCE)
    # Each resource's page lists the import in its history; a membership's, its actor's and its instance's too.
    for about in (actor_iri("ville-a"), instance_iri("comite-local"), membership_iri("ville-a", "comite-local")):
        assert [e.id for e in path.journal.entries(about=str(about))] == [entry.id]
    ordinary.close()
    path.undo(entry.id, AUTHOR)
    assert everything(path.store) == before
