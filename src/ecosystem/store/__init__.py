"""One store interface, two backends: embedded Oxigraph on disk (default) or a SPARQL 1.1 server."""

from __future__ import annotations

from ecosystem.settings import Settings
from ecosystem.store.base import CURRENT, META, ONTOLOGY, PROVENANCE, Store, StoreError, revision_graph
from ecosystem.store.embedded import EmbeddedStore

__all__ = [
    "CURRENT",
    "META",
    "ONTOLOGY",
    "PROVENANCE",
    "EmbeddedStore",
    "Store",
    "StoreError",
    "open_store",
    "revision_graph",
]


def open_store(settings: Settings, read_only: bool = False) -> Store:
    """Open the store the settings name."""
    if settings.backend == "embedded":
        return EmbeddedStore(settings.store, read_only=read_only)
    raise StoreError(
        f"Moteur de stockage non disponible : {settings.backend} / Store backend not available: {settings.backend}"
    )
