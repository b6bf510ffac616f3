"""Exports of the map and of the data (visual and data formats)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["exports"])
