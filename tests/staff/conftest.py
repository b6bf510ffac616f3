"""Staff fixtures: an app over its own on-disk store with the Mauricie data, with accounts; signed-in clients."""

from __future__ import annotations

import re
import shutil

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient

from ecosystem.accounts import Accounts, state_dir
from ecosystem.loading import load_paths
from ecosystem.namespaces import actor_iri
from ecosystem.settings import Settings

PASSWORD = "un mot de passe assez long"
STAFF = "equipe@consortium.example"
PARTNER = "partenaire@ciusss.example"
PARTNER_ORG = "ciusss-mcq"


@pytest.fixture(scope="module")
def staff_settings(tmp_path_factory, mauricie_path) -> Settings:
    folder = tmp_path_factory.mktemp("equipe")
    settings = Settings(store=folder / "store", upload_max_bytes=2_000_000)
    from ecosystem.store import EmbeddedStore

    store = EmbeddedStore(settings.store)
    assert load_paths(store, [mauricie_path]).written
    settings.__dict__["_test_store"] = store
    accounts = Accounts(state_dir(settings))
    accounts.create(STAFF, PASSWORD, "equipe")
    accounts.create(PARTNER, PASSWORD, "partenaire", str(actor_iri(PARTNER_ORG)))
    yield settings
    store.close()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def staff_store(staff_settings):
    return staff_settings.__dict__["_test_store"]


@pytest.fixture(scope="module")
def staff_app(staff_settings, staff_store):
    return create_app(staff_settings, store=staff_store)


@pytest.fixture(scope="module")
def anonymous(staff_app):
    with TestClient(staff_app) as client:
        yield client


def sign_in(app, login: str, password: str = PASSWORD) -> TestClient:
    """A client signed in through the login form (its CSRF token in ``client.csrf``)."""
    client = TestClient(app)
    client.__enter__()
    page = client.get("/connexion")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    response = client.post(
        "/connexion", data={"identifiant": login, "mot_de_passe": password, "csrf": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    client.csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/compte").text).group(1)
    return client


@pytest.fixture(scope="module")
def staff(staff_app, anonymous):
    client = sign_in(staff_app, STAFF)
    yield client
    client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def partner(staff_app, anonymous):
    client = sign_in(staff_app, PARTNER)
    yield client
    client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def accounts(staff_settings) -> Accounts:
    return Accounts(state_dir(staff_settings))
