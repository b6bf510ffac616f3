"""The FastAPI application: ``create_app(settings)``; ``ecosystem serve`` starts it."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ecosystem.api.routes import dashboard, exports, instances, revisions, stats
from ecosystem.settings import Settings, get_settings
from ecosystem.store import open_store

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.store = open_store(settings)
        yield
        app.state.store.close()

    app = FastAPI(
        title="Écosystème",
        description="Cartographie de l'écosystème du développement social — API JSON. / Social-development ecosystem map — JSON API.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in (instances.router, stats.router, exports.router, revisions.router, dashboard.router):
        app.include_router(router)
    return app
