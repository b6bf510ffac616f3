"""After random small writes through the write path, every response the read cache serves is the one a
fresh render gives (the cache off), byte for byte; and what a write did not touch is served from its
prepared bytes without running its route."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from ecosystem.api.http_cache import ReadCache
from ecosystem.api.main import create_app
from ecosystem.api.read_dependencies import GUARDS
from fastapi.testclient import TestClient
from rdflib import URIRef

from ecosystem.namespaces import ORG, actor_iri, instance_iri
from ecosystem.projection import build_projection
from ecosystem.projection_tables import triples_from_tables
from ecosystem.settings import Settings
from ecosystem.store import EmbeddedStore
from ecosystem.writes import Change
from tests.test_incremental_projection import (
    ACTORS,
    AUTHOR,
    EDITS,
    INSTANCES,
    MEMBERSHIPS,
    SYNTHETIC,
    TERRITORIES,
    _apply,
    _membership,
    _subject_triples,
)

ROUTES = [
    *(f"/acteurs/{a}" for a in ACTORS[:12]),
    *(f"/acteurs/{a}.json" for a in ACTORS[:12:3]),
    *(f"/api/acteurs/{a}?lang=en" for a in ACTORS[1:12:4]),
    f"/acteurs/{ACTORS[2]}?date=2015-01-01",
    *(f"/instances/{i}" for i in INSTANCES[:3]),
    f"/instances/{INSTANCES[0]}.json",
    "/api/carte",
    *(f"/api/carte?territoire={t}" for t in TERRITORIES[:3]),
    "/api/carte?secteur=communautaire",
    "/analyses/surconcertation.json",
    "/tableau-de-bord",
    "/instances.json",
]
"""Pages, their JSON twins, the API, map JSON of several views, an analysis, the dashboard."""


def _read_cache(app) -> ReadCache:
    layer = app.middleware_stack
    while not isinstance(layer, ReadCache):
        layer = layer.app
    return layer


def _steps(rng: random.Random, count: int) -> list[tuple]:
    """Edits of every kind, small imports and undos, as the projection's property test draws them."""
    steps: list[tuple] = []
    for _ in range(count):
        draw = rng.random()
        if draw < 0.7:
            steps.append((rng.choice(EDITS), rng.randrange(10_000)))
        elif draw < 0.9:
            steps.append(("import", rng.randrange(10_000), rng.randrange(1, 4)))
        else:
            steps.append(("undo", rng.randrange(4)))
    return steps


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_after_random_writes_every_cached_response_is_a_fresh_render(tmp_path, seed):
    store = EmbeddedStore(None)
    store.apply(add=triples_from_tables(SYNTHETIC))
    app = create_app(Settings(store=tmp_path / "store"), store=store)

    async def uncached(scope, receive, send):  # the same app, below its read cache
        scope["app"] = app
        await cache.app(scope, receive, send)

    fresh = TestClient(uncached)
    kept_through, ran_again = 0, 0
    with TestClient(app) as client:
        cache = _read_cache(app)
        for step in [("rename", 0), *_steps(random.Random(seed), 8)]:
            for path in ROUTES:
                assert client.get(path, headers={"Accept-Encoding": "identity"}).status_code == 200, path
            entries = {key[1:3]: entry for key, entry in cache.kept._entries.items()}
            version = store.version()
            _apply(app.state.writes, Path(tmp_path), step)
            if store.version() == version:
                continue
            for path in ROUTES:
                served = client.get(path, headers={"Accept-Encoding": "identity"})
                made = fresh.get(path, headers={"Accept-Encoding": "identity"})
                assert (served.status_code, served.content) == (made.status_code, made.content), (step, path)
                route, _, query = path.partition("?")
                before = entries.get((route, query.encode()))
                now = {key[1:3]: entry for key, entry in cache.kept._entries.items()}.get((route, query.encode()))
                if before is not None and now is before:
                    kept_through += 1  # served from the bytes made before the write, the route not run
                    assert served.headers["etag"] == before.etag.decode()
                else:
                    ran_again += 1
    assert kept_through > 0 and ran_again > 0, (kept_through, ran_again)


def test_a_kept_actor_page_is_made_again_when_the_top_decile_moves(tmp_path):
    """A write that does not touch an actor but moves the top-decile floor of seats (many others take
    a seat) may change its over-solicitation reasons: its kept page is not served, the route runs again."""
    store = EmbeddedStore(None)
    store.apply(add=triples_from_tables(SYNTHETIC))
    app = create_app(Settings(store=tmp_path / "store"), store=store)
    with TestClient(app) as client:
        cache, rule = _read_cache(app), app.state.settings.over_solicitation_rule()
        alone = ACTORS[0]
        path = f"/acteurs/{alone}"
        client.get(path)
        kept = next(entry for key, entry in cache.kept._entries.items() if key[1] == path)
        floor = GUARDS["decile"](build_projection(store), rule)
        # Many others take a seat on one instance (memberships alike an existing one): no other resource written.
        actor, instance = next((a, i) for a, i in MEMBERSHIPS if a != alone)
        model = _subject_triples(store, _membership(store, actor, instance))
        others = [a for a in ACTORS if a not in (alone, actor)]
        added = [
            (URIRef(f"{m}-essai-{k}"), p, actor_iri(other) if p == ORG.member else o, g)
            for k, other in enumerate(others)
            for m, p, o, g in model
        ]
        app.state.writes.write(Change(add=added), AUTHOR, "edition")
        projection = build_projection(store)
        assert projection.derived.ancestors, "the write path updated the projection"
        assert str(actor_iri(alone)) not in projection.two_mode[str(instance_iri(instance))]
        assert GUARDS["decile"](projection, rule) != floor  # the write moved the floor
        served = client.get(path, headers={"Accept-Encoding": "identity"})
        now = next(entry for key, entry in cache.kept._entries.items() if key[1] == path)
        assert now is not kept and served.headers["etag"] != kept.etag.decode()

        async def uncached(scope, receive, send):
            scope["app"] = app
            await cache.app(scope, receive, send)

        assert served.content == TestClient(uncached).get(path, headers={"Accept-Encoding": "identity"}).content
