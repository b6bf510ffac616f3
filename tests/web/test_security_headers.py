"""Every response carries the security headers; the pages' policy allows no inline script, and no
template relies on one (the browser tests load the pages under this policy and fail on any error)."""

from __future__ import annotations

import re
from pathlib import Path

import ecosystem.api
import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient

from ecosystem.accounts import Accounts, state_dir
from ecosystem.settings import Settings

TEMPLATES = Path(ecosystem.api.__file__).parent / "templates"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/acteurs/ciusss-mcq",
        "/acteurs.json",
        "/api/acteurs",
        "/sparql",
        "/docs",
        "/static/web.css",
        "/page-inconnue",
        "/export/svg",
    ],
)
def test_every_response_has_the_security_headers(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    if not path.startswith("/export/"):
        script = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        assert "unsafe-inline" not in script and "unsafe-eval" not in script


def test_no_template_has_an_inline_script_or_handler():
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or 'type="application/json"' in tag, (template.name, tag)
        assert not re.search(r"\son[a-z]+\s*=", text), template.name


def test_the_token_counts_only_with_the_bearer_scheme(tmp_path, web_store):
    settings = Settings(store=tmp_path / "unused")
    accounts = Accounts(state_dir(settings))
    account = accounts.create("equipe@exemple.org", "un mot de passe assez long", "equipe")
    token = accounts.create_token(account.id, "essai du schéma")
    with TestClient(create_app(settings, store=web_store)) as client:
        # An invalid name: a token taken would get 422, never a write.
        for header in (token, f"Token {token}", f"Basic {token}"):
            answer = client.post("/api/revisions", json={"nom": "nom invalide"}, headers={"Authorization": header})
            assert answer.status_code == 401, header
        for scheme in ("Bearer", "bearer", "BEARER"):  # the scheme is case-insensitive
            assert (
                client.post(
                    "/api/revisions", json={"nom": "nom invalide"}, headers={"Authorization": f"{scheme} {token}"}
                ).status_code
                == 422
            ), scheme
