"""Typed dependencies shared by the routes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query, Request

from ecosystem.settings import Settings
from ecosystem.store import Store


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_lang(lang: Annotated[Literal["fr", "en"] | None, Query(description="fr (défaut) ou en")] = None) -> str:
    return lang or "fr"


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
LangDep = Annotated[str, Depends(get_lang)]
