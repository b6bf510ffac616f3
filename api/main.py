"""The FastAPI application: ``create_app(settings)``; ``ecosystem serve`` starts it."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from ecosystem.settings import Settings, get_settings
from ecosystem.sparql_copy import PublicCopy
from ecosystem.sparql_pool import SparqlPool
from ecosystem.store import Store, open_store

from . import auth, validation
from .errors import install_error_pages
from .http_cache import ReadCache
from .routes import (
    accessibilite,
    acteurs,
    analyses,
    campagne,
    campagne_suivi,
    carte,
    compte,
    confirmer,
    dashboard,
    edition,
    enjeux,
    exports,
    faits,
    historique,
    instances,
    interne,
    rapport,
    revisions,
    sparql,
    stats,
    suivi,
    televersement,
    territoires,
    verifier,
)
from .schemas import problems
from .tags import TAGS

STATIC = Path(__file__).parent / "static"


_SWAGGER_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Écosystème — API</title>
<link rel="icon" href="/static/favicon.svg"><link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js" data-openapi="{openapi}"></script>
</body></html>"""

# No inline script anywhere (the pages' data travel in inert JSON blocks); inline style
# attributes stay allowed (bars drawn with CSS variables). The standalone HTML export carries
# its scripts inline by design (it opens alone, offline): it gets a policy of its own.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_CSP_EXPORTS = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
    "font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """On every response: a Content-Security-Policy, ``nosniff``, a referrer policy, no framing."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        policy = (_CSP_EXPORTS if scope["path"].startswith("/export/") else _CSP).encode()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {
                    **message,
                    "headers": [*message.get("headers", []), *_SECURITY_HEADERS, (b"content-security-policy", policy)],
                }
            await send(message)

        return await self.app(scope, receive, send_with_headers)


_ROUTERS = (
    carte,
    acteurs,
    instances,
    territoires,
    enjeux,
    verifier,
    analyses,
    stats,
    dashboard,
    rapport,
    sparql,
    exports,
    revisions,
    faits,
)
"""The public pages and routes, in the order they are matched."""
_STAFF_ROUTERS = (compte, edition, historique, interne, televersement, campagne, confirmer, suivi, campagne_suivi)
"""The staff's pages and routes, matched after the public ones."""


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The app over the store ``settings`` names, or over ``store`` (left open at shutdown).

    Parameters
    ----------
    settings : Settings, optional
        The store, accounts and limits (default: :func:`ecosystem.settings.get_settings`).
    store : Store, optional
        A store already open, used instead of opening the one ``settings`` names.

    Returns
    -------
    FastAPI
        The app: its routes, its error pages, the packaged static files and API docs, the read
        cache inside the security headers. The store opens when the app starts.
    """
    settings = settings or get_settings()
    app = FastAPI(
        title="Écosystème",
        description="Cartographie de l'écosystème du développement social — API JSON. / Social-development ecosystem map — JSON API.",
        version="0.1.0",
        lifespan=_lifespan(settings, store),
        openapi_tags=TAGS,
        # Every refusal, parameters or otherwise, has the one Problem shape (a list for refused parameters).
        responses=problems(422),
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    validation.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (*_ROUTERS, *_STAFF_ROUTERS):
        app.include_router(module.router)
    app.include_router(accessibilite.router)
    install_error_pages(app)
    _add_docs_page(app)
    app.add_middleware(ReadCache)  # prepared bytes, ETag / 304, compression: inside the security headers
    app.add_middleware(SecurityHeaders)
    return app


def _lifespan(settings: Settings, store: Store | None):
    """What the app opens when it starts and closes when it stops: the store (unless given), accounts, pools."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.store = store if store is not None else open_store(settings)
        auth.attach(app, settings, app.state.store)
        # New dates are built two at a time: each holds a projection until its request ends.
        app.state.projection_builds = anyio.CapacityLimiter(2)
        app.state.public_copy = PublicCopy()
        app.state.sparql_pool = SparqlPool(size=2, timeout_s=settings.sparql_timeout_s)
        yield
        auth.detach(app)
        app.state.sparql_pool.close()
        app.state.public_copy.close()
        if store is None:
            app.state.store.close()

    return lifespan


def _add_docs_page(app: FastAPI) -> None:
    """``/docs``: the Swagger UI of the app's OpenAPI schema, from packaged assets (nothing loads from the
    internet; no inline script)."""

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return HTMLResponse(_SWAGGER_PAGE.format(openapi=app.openapi_url))
