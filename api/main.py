"""The FastAPI application: ``create_app(settings)``; ``ecosystem serve`` starts it."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from ecosystem.api import auth, validation
from ecosystem.api.errors import install_error_pages
from ecosystem.api.routes import (
    accessibilite,
    acteurs,
    analyses,
    carte,
    compte,
    dashboard,
    edition,
    enjeux,
    exports,
    historique,
    instances,
    interne,
    rapport,
    revisions,
    sparql,
    stats,
    televersement,
    territoires,
    verifier,
)
from ecosystem.api.schemas import problems
from ecosystem.api.tags import TAGS
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles

from ecosystem.settings import Settings, get_settings
from ecosystem.sparql_copy import PublicCopy
from ecosystem.sparql_pool import SparqlPool
from ecosystem.store import Store, open_store

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The app over the store ``settings`` names, or over ``store`` (left open at shutdown)."""
    settings = settings or get_settings()

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

    app = FastAPI(
        title="Écosystème",
        description="Cartographie de l'écosystème du développement social — API JSON. / Social-development ecosystem map — JSON API.",
        version="0.1.0",
        lifespan=lifespan,
        openapi_tags=TAGS,
        # Every refusal, parameters or otherwise, has the one Problem shape (a list for refused parameters).
        responses=problems(422),
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    validation.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    staff_routers = (compte, edition, historique, interne, televersement)
    routers = (carte, acteurs, instances, territoires, enjeux, verifier, analyses, stats, dashboard, rapport, sparql, exports,
               revisions)
    for module in (*routers, *staff_routers):
        app.include_router(module.router)
    app.include_router(accessibilite.router)
    install_error_pages(app)

    @app.get("/docs", include_in_schema=False)
    def swagger_ui():
        # The Swagger UI assets are packaged: nothing loads from the internet.
        return get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title="Écosystème — API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    return app
