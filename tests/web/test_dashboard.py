"""The dashboard page and its JSON twin, on the Mauricie data."""

from __future__ import annotations

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient

from ecosystem.loading import load_paths
from ecosystem.settings import Settings


@pytest.fixture(scope="module")
def client(tmp_path_factory, mauricie_path):
    settings = Settings(store=tmp_path_factory.mktemp("web") / "store")
    app = create_app(settings)
    with TestClient(app) as client:
        load_paths(app.state.store, [mauricie_path])
        yield client


def test_the_page_lists_every_indicator_and_links_its_json(client, mauricie_graph):
    from ecosystem.namespaces import ECO, RDF

    page = client.get("/tableau-de-bord")
    assert page.status_code == 200
    assert "ABC du développement social" in page.text
    assert 'href="/tableau-de-bord.json"' in page.text
    data = client.get("/tableau-de-bord.json").json()
    assert len(data["indicateurs"]) == len(set(mauricie_graph.subjects(RDF.type, ECO.Indicator)))
    assert all(i["value"] is None for i in data["indicateurs"])


def test_english_switch(client):
    assert "Action-plan dashboard" in client.get("/tableau-de-bord?lang=en").text
