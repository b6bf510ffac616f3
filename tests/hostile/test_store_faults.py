"""Store faults: a full disk (a clear message, the store as it was, no bulk-load file left to keep the disk
full) and a store another process holds."""

from __future__ import annotations

import resource
import signal
from pathlib import Path

import pytest

from ecosystem.ingest.apply import import_paths
from ecosystem.store import EmbeddedStore
from tests.hostile.limited import run_limited, snapshot


def _files_of_at_most_a_megabyte() -> None:
    # A write past the limit fails with EFBIG, as one fails with ENOSPC on a full disk.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))


@pytest.fixture
def store(tmp_path) -> Path:
    (tmp_path / "acteurs.csv").write_text("id;nom\ndeja-la;Déjà là\n", encoding="utf-8")
    opened = EmbeddedStore(tmp_path / "magasin")
    try:
        import_paths(opened, [tmp_path / "acteurs.csv"])
    finally:
        opened.close()
    return tmp_path / "magasin"


@pytest.mark.slow
def test_a_bulk_import_on_a_full_disk_says_so_and_leaves_nothing(tmp_path, store):
    path = tmp_path / "participations.csv"
    with path.open("w", encoding="utf-8") as out:  # only new triples, enough for the bulk loader
        out.write("acteur;instance;role\n")
        out.writelines(f"acteur-{n};instance-{n % 3000};membre\n" for n in range(12_000))
    before = snapshot(store)
    # Oxigraph's bulk loader buffers a batch in memory: this case bounds the disk, not the memory.
    done = run_limited(store, "import", str(path), also=_files_of_at_most_a_megabyte, memory=4 << 30)
    assert done.returncode == 1, done.stderr[-3000:]
    assert "plus de place sur le disque" in done.stderr and "Traceback" not in done.stderr, done.stderr[-3000:]
    assert not list(store.glob("bulk-*.sst"))
    assert snapshot(store) == before


def test_a_bulk_load_file_left_behind_is_removed_on_the_next_open(store):
    leftover = store / "bulk-12345678901234567890.sst"
    leftover.write_bytes(b"\0" * 1024)
    before = snapshot(store)  # opens the store
    assert not leftover.exists()
    assert snapshot(store) == before


def test_serve_on_a_store_another_process_holds_says_so(store):
    holder = EmbeddedStore(store)
    try:
        done = run_limited(store, "serve", "--port", "0")
    finally:
        holder.close()
    assert done.returncode == 2, done.stderr[-3000:]
    assert "Un autre processus" in done.stderr and "Traceback" not in done.stderr, done.stderr[-3000:]
