"""Hostile input on public routes is refused with a clear 4xx, never a 500 (and never reaches SPARQL as text)."""

from __future__ import annotations

import pytest

# A name that ends in a newline passed a "$"-anchored check and then broke the SPARQL built from it.
NEWLINE_NAME = "r1%0A"

REVISION_ROUTES = [
    f"/revisions/{NEWLINE_NAME}",
    f"/revisions/{NEWLINE_NAME}.json",
    f"/revisions/diff?avant={NEWLINE_NAME}",
    f"/revisions/diff.json?avant={NEWLINE_NAME}",
    f"/revisions/diff/carte.svg?avant={NEWLINE_NAME}",
    f"/export/turtle?revision={NEWLINE_NAME}",
    f"/export/svg?revision={NEWLINE_NAME}",
]


@pytest.mark.parametrize("url", REVISION_ROUTES)
def test_a_revision_name_ending_in_a_newline_is_unknown(client, url):
    response = client.get(url)
    assert response.status_code == 404, response.text
    # A page answers in HTML, a download in JSON: both name the reason.
    assert "Révision inconnue" in (
        response.text if response.headers["content-type"].startswith("text/html") else response.json()["detail"]
    )


@pytest.mark.parametrize(
    "url", ["/export/svg?territoire=!", "/export/turtle?territoire=日本", "/export/gexf?territoire=a%0A"]
)
def test_an_export_filter_out_of_the_id_alphabet_is_refused(client, url):
    response = client.get(url)
    assert response.status_code == 422, response.text
    (error,) = response.json()["detail"]
    assert error["loc"] == ["query", "territoire"] and error["type"] == "string_pattern_mismatch"


def test_an_export_filter_that_slugs_to_nothing_filters_nothing_as_on_the_map(client):
    whole, nothing = client.get("/export/gexf"), client.get("/export/gexf?territoire=%25")
    assert nothing.status_code == 200, nothing.text
    assert nothing.content.count(b"<node ") == whole.content.count(b"<node ") > 0


@pytest.mark.parametrize("body", [b'{"nom": "\\ud800 x"}', b'{"nom": "x", "texte": "\\udc00"}'])
def test_a_lone_surrogate_in_a_check_is_refused_as_422(client, body):
    response = client.post("/api/verifier", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    (error,) = response.json()["detail"]
    assert error["type"] == "string_unicode"
    assert "\ufffd" in error["input"]


def test_a_lone_surrogate_in_a_list_is_named_as_an_unknown_value(client):
    response = client.post(
        "/api/verifier", content=b'{"enjeux": ["\\udbff"]}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert "Valeurs inconnues : enjeux: \ufffd" in response.json()["detail"]
