"""Counts of what the graph holds."""

from __future__ import annotations

from fastapi import APIRouter

from ecosystem.queries import stats

from ..deps import StoreDep
from ..schemas.site import Stats

router = APIRouter(tags=["statistiques"])


@router.get("/api/stats", response_model=Stats, summary="Comptes du graphe / Graph counts")
def stats_api(store: StoreDep) -> dict[str, int]:
    return stats(store)
