"""A writable store holding the Mauricie data, fresh for each test."""

from __future__ import annotations

import pytest

from ecosystem.store import EmbeddedStore


@pytest.fixture
def mauricie_copy(tmp_path, mauricie_graph):
    """A new on-disk store with the Mauricie data in the current graph (tests write to it)."""
    store = EmbeddedStore(tmp_path / "store")
    store.apply(add=mauricie_graph)
    yield store
    store.close()
