"""Typed dependencies shared by the routes."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Annotated, Literal

from ecosystem.api.errors import MessageError
from fastapi import Depends, HTTPException, Query, Request
from pydantic import AfterValidator, BeforeValidator

from ecosystem.i18n import Message
from ecosystem.namespaces import territory_iri
from ecosystem.projection import Projection, build_projection
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


def _iso_day(value: object) -> object:
    # Pydantic would read 0 as 1970-01-01 and 20250630 as a timestamp: only the written date is a date here.
    if isinstance(value, datetime.date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise ValueError("date attendue AAAA-MM-JJ, par exemple 2025-06-30 / expected a YYYY-MM-DD date, e.g. 2025-06-30")


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_day)]
"""A day written AAAA-MM-JJ, and nothing else."""


def get_projection(
    store: StoreDep,
    date: Annotated[IsoDate | None, Query(description="Participations actives à cette date (aujourd'hui par défaut) / Memberships active at this date")] = None,
) -> Projection:
    """The two-mode projection at ``date``, cached per data version by ``build_projection``."""
    return build_projection(store, at=date)


ProjectionDep = Annotated[Projection, Depends(get_projection)]


def not_found(what: str, ident: str) -> HTTPException:
    message = Message(f"{what} introuvable : {ident}", f"{what} not found: {ident}")
    return MessageError(404, message)  # the page shows it in the reader's language


class Paging:
    """``page`` (from 1) and ``par_page`` query parameters."""

    def __init__(self, page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                 par_page: Annotated[int, Query(ge=1, le=500)] = 50):
        self.page = page
        self.per_page = par_page

    def apply(self, items: list, key: str) -> dict:
        start = (self.page - 1) * self.per_page
        return {"total": len(items), "page": self.page, "par_page": self.per_page, key: items[start:start + self.per_page]}


PagingDep = Annotated[Paging, Depends(Paging)]


def iri_or_none(factory: Callable[[str], object], ident: str | None) -> str | None:
    """``factory(ident)`` as a string; None when ``ident`` is empty or names nothing (no usable character)."""
    if not ident:
        return None
    try:
        return str(factory(ident))
    except ValueError:
        return None


def _names_a_territory(value: str | None) -> str | None:
    """A territory id must keep a usable character once made an id (``!`` names nothing): 422, not a 500."""
    if value and "://" not in value:
        territory_iri(value)  # raises ValueError, which the validation answers as 422 with its message
    return value


TerritoryFilter = Annotated[str | None, Query(max_length=200, description="Filtre : territoire (id), emboîtés compris / Filter: territory, nested included"),
                            AfterValidator(_names_a_territory)]
