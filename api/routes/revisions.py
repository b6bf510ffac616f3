"""Revisions of the cartography and their diffs."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["révisions"])
