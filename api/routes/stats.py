"""Counts of what the graph holds."""

from __future__ import annotations

from ecosystem.api.deps import StoreDep
from ecosystem.api.schemas.site import Stats
from fastapi import APIRouter

from ecosystem.queries import stats

router = APIRouter(tags=["statistiques"])


@router.get("/api/stats", response_model=Stats, summary="Comptes du graphe / Graph counts")
def stats_api(store: StoreDep) -> dict[str, int]:
    return stats(store)
