"""Every write route checks who asks: 401 without credentials, 403 for the wrong role or without the form's
CSRF token, 401 with a revoked or expired token. The routes come from the app itself, so a new write
route that forgets ``Access`` fails here."""

from __future__ import annotations

import re
import sqlite3

import pytest
from ecosystem.api.auth import OPEN_POSTS, Access
from fastapi.dependencies.models import Dependant
from fastapi.params import Form
from fastapi.routing import APIRoute

from ecosystem.accounts import state_dir

from .conftest import PARTNER, STAFF

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _access(dependant: Dependant) -> Access | None:
    for sub in dependant.dependencies:
        if isinstance(sub.call, Access):
            return sub.call
        found = _access(sub)
        if found is not None:
            return found
    return None


def api_routes(routes) -> list[APIRoute]:
    """Every APIRoute, through included routers (FastAPI keeps them by router; none here has a prefix of its own)."""
    found = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found.extend(api_routes(route.original_router.routes))
    return found


def write_routes(app) -> list[tuple[APIRoute, Access]]:
    found = []
    for route in api_routes(app.routes):
        if isinstance(route, APIRoute) and route.methods & UNSAFE and route.path not in OPEN_POSTS:
            found.append((route, _access(route.dependant)))
    return found


def _call(client, route: APIRoute, headers=None, csrf: str | None = None):
    path = re.sub(r"\{[^}]+\}", "1", route.path)
    forms = any(isinstance(p.field_info, Form) for p in route.dependant.body_params)
    if forms or not route.dependant.body_params:
        data = {"csrf": csrf} if csrf else {"x": "1"}
        return client.post(path, data=data, headers=headers or {}, follow_redirects=False)
    return client.post(path, json={}, headers=headers or {}, follow_redirects=False)


def test_every_unsafe_route_declares_its_access(staff_app):
    routes = write_routes(staff_app)
    assert len(routes) >= 8, [r.path for r, _ in routes]
    missing = [route.path for route, access in routes if access is None]
    assert not missing, f"write routes without Access(...): {missing}"
    open_routes = {r.path for r in api_routes(staff_app.routes) if r.methods & UNSAFE} & OPEN_POSTS
    assert open_routes <= OPEN_POSTS


def test_without_credentials_every_write_route_is_401(staff_app, anonymous):
    for route, _ in write_routes(staff_app):
        assert _call(anonymous, route).status_code == 401, route.path


def test_a_partner_gets_403_on_every_staff_route(staff_app, accounts):
    partner = next(a for a in accounts.all() if a.login == PARTNER)
    token = accounts.create_token(partner.id, "essai des routes")
    from fastapi.testclient import TestClient

    with TestClient(staff_app) as client:
        for route, access in write_routes(staff_app):
            if access.role == "equipe":
                assert _call(client, route, {"Authorization": f"Bearer {token}"}).status_code == 403, route.path


def test_a_session_without_the_csrf_token_is_403(staff_app, staff):
    for route, _ in write_routes(staff_app):
        response = _call(staff, route)
        assert response.status_code == 403, (route.path, response.status_code)
        assert "jeton de sécurité" in response.json()["detail"]


def test_revoked_and_expired_tokens_are_401(staff_app, accounts, staff_settings):
    account = next(a for a in accounts.all() if a.login == STAFF)
    revoked = accounts.create_token(account.id, "révoqué")
    accounts.revoke_token(accounts.tokens(account.id)[0].id)
    expired = accounts.create_token(account.id, "expiré")
    with sqlite3.connect(state_dir(staff_settings) / "etat.sqlite") as db:
        db.execute("UPDATE tokens SET expires = '2001-01-01T00:00:00+00:00' WHERE name = 'expiré'")
    from fastapi.testclient import TestClient

    with TestClient(staff_app) as client:
        for route, _ in write_routes(staff_app):
            for token in (revoked, expired, "eco_invente"):
                assert _call(client, route, {"Authorization": f"Bearer {token}"}).status_code == 401, route.path


def test_a_named_token_creates_a_revision_and_the_journal_names_its_organisation_only(staff_app, accounts, anonymous):
    account = next(a for a in accounts.all() if a.login == STAFF)
    token = accounts.create_token(account.id, "script annuel")
    response = anonymous.post(
        "/api/revisions", json={"nom": "par-jeton", "note": "bilan"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 201, response.text
    entry = anonymous.get("/historique.json").json()["entrees"][0]
    assert entry["genre"] == "révision" and entry["origine"] == "api"
    assert STAFF not in str(entry)
    assert (
        anonymous.post(
            "/api/revisions", json={"nom": "par-jeton"}, headers={"Authorization": f"Bearer {token}"}
        ).status_code
        == 409
    )


@pytest.mark.parametrize("path", ["/equipe/comptes", "/compte"])
def test_staff_pages_send_the_public_to_sign_in(anonymous, path):
    response = anonymous.get(path, headers={"accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/connexion")
