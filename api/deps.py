"""Typed dependencies shared by the routes."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, MutableMapping
from typing import Annotated, Any, Literal

import anyio
from fastapi import Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

from ecosystem.i18n import Message
from ecosystem.namespaces import territory_iri
from ecosystem.projection import Projection, build_projection, kept_projection
from ecosystem.settings import Settings
from ecosystem.store import EmbeddedStore, Store

from .errors import MessageError


# The dependencies that only read a value are coroutines: FastAPI runs a plain function in a worker thread,
# and a thread's round trip per dependency per request costs more than the value.
async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_lang(lang: Annotated[Literal["fr", "en"] | None, Query(description="fr (défaut) ou en")] = None) -> str:
    return lang or "fr"


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
LangDep = Annotated[str, Depends(get_lang)]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)


def _iso_date(value: object) -> object:
    """A calendar date written ``AAAA-MM-JJ`` between 1900 and 2199; not a number of seconds (``0`` is not 1970-01-01)."""
    if isinstance(value, datetime.date) or value is None:
        return value
    text = str(value)
    try:
        day = datetime.date.fromisoformat(text) if _ISO_DATE.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None or not EARLIEST <= day <= LATEST:
        raise ValueError(
            str(
                Message(
                    "date invalide : « {v} » ; écrivez une date du calendrier AAAA-MM-JJ entre {a} et {b}, par exemple 2025-06-01",
                    'invalid date: "{v}"; write a calendar date YYYY-MM-DD between {a} and {b}, e.g. 2025-06-01',
                ).format(v=text[:40], a=EARLIEST, b=LATEST)
            )
        )
    return day


IsoDate = Annotated[
    datetime.date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": "^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$"}),
]
"""A day written AAAA-MM-JJ, and nothing else."""

DateParam = Annotated[
    IsoDate | None,
    Query(
        description="Participations actives à cette date, AAAA-MM-JJ (aujourd'hui par défaut) / Memberships active at this date"
    ),
]
SinceParam = Annotated[
    int | None,
    Query(
        ge=1000,
        le=9999,
        description="Seulement les faits attestés ou confirmés depuis cette année, AAAA (par défaut : tous ; une confirmation renouvelle un fait) / Only facts attested or confirmed since this year (default: all; a confirmation renews a fact)",
    ),
]


async def get_projection(
    request: Request, store: StoreDep, date: DateParam = None, depuis: SinceParam = None
) -> Projection:
    """The two-mode projection at ``date``. A date not yet built waits for one of few build slots,
    and is not built at all if its client has gone meanwhile (floods of new dates stay bounded)."""
    at = date or datetime.date.today()
    # The embedded store reads its version in microseconds (no thread); a SPARQL server's is a request.
    kept = (
        kept_projection(store, at, depuis)
        if isinstance(store, EmbeddedStore)
        else await run_in_threadpool(kept_projection, store, at, depuis)
    )
    if kept is not None:
        return kept
    async with request.app.state.projection_builds:
        if await client_gone(request):
            raise HTTPException(
                503, Message("Requête abandonnée par le client.", "Request abandoned by the client.").text("fr")
            )
        return await run_in_threadpool(build_projection, store, at, depuis)


async def client_gone(request: Request) -> bool:
    """Whether the client of a bodiless request (GET, HEAD) has disconnected, without waiting.

    Reads only the messages already there: the request's empty body, then a disconnect if
    the client left. A request with a body is never probed (its body must stay unread).
    """
    if request.method not in ("GET", "HEAD"):
        return False
    for _ in range(2):
        message: MutableMapping[str, Any] = {}
        with anyio.CancelScope() as scope:
            scope.cancel()  # nothing waiting: the receive is cancelled at once
            message = await request.receive()
        if message.get("type") == "http.disconnect":
            return True
        if message.get("type") != "http.request":
            return False
    return False


ProjectionDep = Annotated[Projection, Depends(get_projection)]


def not_found(what: str, ident: str) -> HTTPException:
    message = Message(f"{what} introuvable : {ident}", f"{what} not found: {ident}")
    return MessageError(404, message)  # the page shows it in the reader's language


class Paging:
    """``page`` (from 1) and ``par_page`` query parameters."""

    def __init__(
        self, page: Annotated[int, Query(ge=1, le=1_000_000)] = 1, par_page: Annotated[int, Query(ge=1, le=500)] = 50
    ):
        self.page = page
        self.per_page = par_page

    def apply(self, items: list, key: str) -> dict:
        start = (self.page - 1) * self.per_page
        return {
            "total": len(items),
            "page": self.page,
            "par_page": self.per_page,
            key: items[start : start + self.per_page],
        }


PagingDep = Annotated[Paging, Depends(Paging)]


def node_or_404(
    projection: Projection, factory: Callable[[str], object], ident: str, kind: str, what: Message, lang: str
) -> str:
    """The IRI ``ident`` names when it is a node of ``kind`` (``actor``, ``instance``) of the two-mode graph.

    Parameters
    ----------
    projection : Projection
        The data.
    factory : callable
        The IRI of an id (:func:`ecosystem.namespaces.actor_iri`, ``instance_iri``).
    ident : str
        The id in the URL.
    kind : str
        The node's kind in the graph.
    what : Message
        What the id names, for the 404 page (« Acteur » / « Actor »).
    lang : str
        The reader's language.

    Returns
    -------
    str
        The IRI; a 404 (:func:`not_found`) when ``ident`` names no such node.
    """
    iri = iri_or_none(factory, ident)
    if iri is None or iri not in projection.two_mode or projection.two_mode.nodes[iri]["kind"] != kind:
        raise not_found(what.text(lang), ident)
    return iri


def iri_or_none(factory: Callable[[str], object], ident: str | None) -> str | None:
    """``factory(ident)`` as a string; None when ``ident`` is empty or names nothing (no usable character)."""
    if not ident:
        return None
    try:
        return str(factory(ident))
    except ValueError:
        return None


def _names_a_territory(value: str | None) -> str | None:
    """A territory id that keeps no usable character once made an id (``%``) names nothing: no filter, as on the map."""
    return value if value and ("://" in value or iri_or_none(territory_iri, value)) else None


SLUG = r"^[A-Za-z0-9._~%/:-]*$"
"""What an id, a notation or an IRI in a URL parameter is written with (anything else is a 422)."""

TerritoryFilter = Annotated[
    str | None,
    Query(
        max_length=200,
        pattern=SLUG,
        description="Filtre : territoire (id), emboîtés compris / Filter: territory, nested included",
    ),
    AfterValidator(_names_a_territory),
]
StrategyFilter = Annotated[
    str | None,
    Query(
        max_length=300,
        pattern=SLUG,
        description="Filtre : porte la stratégie, ses porteurs seulement (plan/…/strategie/ID) / Filter: carries the strategy, its carriers only",
    ),
]
"""The map filter « porte la stratégie … », declared once for the map page, its data and its exports."""
