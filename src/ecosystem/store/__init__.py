"""One store interface, two backends: embedded Oxigraph on disk (default) or a SPARQL 1.1 server."""

from __future__ import annotations

from ecosystem.settings import Settings
from ecosystem.store.base import (
    CURRENT,
    META,
    ONTOLOGY,
    PROVENANCE,
    Store,
    StoreError,
    raw_solutions,
    raw_triples,
    revision_graph,
)
from ecosystem.store.embedded import EmbeddedStore
from ecosystem.store.server import SparqlServerStore

__all__ = [
    "CURRENT",
    "META",
    "ONTOLOGY",
    "PROVENANCE",
    "EmbeddedStore",
    "SparqlServerStore",
    "Store",
    "StoreError",
    "open_store",
    "raw_solutions",
    "raw_triples",
    "revision_graph",
]


def open_store(settings: Settings, read_only: bool = False) -> Store:
    """Open the store the settings name."""
    if settings.backend == "embedded":
        return EmbeddedStore(settings.store, read_only=read_only)
    if not settings.sparql_query_url:
        raise StoreError(
            "ECOSYSTEM_BACKEND=sparql demande ECOSYSTEM_SPARQL_QUERY_URL (et ECOSYSTEM_SPARQL_UPDATE_URL). / "
            "ECOSYSTEM_BACKEND=sparql needs ECOSYSTEM_SPARQL_QUERY_URL (and ECOSYSTEM_SPARQL_UPDATE_URL)."
        )
    return SparqlServerStore(settings.sparql_query_url, settings.sparql_update_url)
