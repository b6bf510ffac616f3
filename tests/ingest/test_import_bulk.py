"""Large imports that only add go through the store's bulk loader, undone if it fails."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib.compare import isomorphic

from ecosystem.ingest import apply
from ecosystem.ingest.apply import import_paths
from ecosystem.store import EmbeddedStore, StoreError
from ecosystem.store.base import CURRENT


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


class _FailingHalfway:
    """Oxigraph's store, whose bulk loader writes half the quads then fails (a full disk)."""

    def __init__(self, store):
        self._real = store

    def bulk_extend(self, quads):
        self._real.bulk_extend(quads[: len(quads) // 2])
        raise OSError("No space left on device")

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __len__(self):
        return len(self._real)

    def __iter__(self):
        return iter(self._real)


def test_a_failed_bulk_load_leaves_the_store_as_it_was(tmp_path, sample_tables, monkeypatch):
    folder = write(tmp_path / "f", sample_tables)
    store = EmbeddedStore(tmp_path / "s")
    before = (store.version(), store.triple_count(None))
    monkeypatch.setattr(apply, "BULK_THRESHOLD", 1)
    store._store = _FailingHalfway(store._store)
    with pytest.raises(StoreError, match="magasin inchangé"):
        import_paths(store, [folder])
    assert (store.version(), store.triple_count(None)) == before
