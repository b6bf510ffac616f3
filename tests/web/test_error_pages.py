"""Errors on pages are HTML in the reader's language with a way back; the JSON API keeps JSON."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("path", "title", "detail"),
    [
        ("/nulle-part", "Page introuvable", None),
        ("/nulle-part?lang=en", "Page not found", None),
        ("/acteurs/fantome", "Page introuvable", "Acteur introuvable : fantome"),
        ("/instances/fantome?lang=en", "Page not found", "Instance not found: fantome"),
        ("/acteurs?page=0", "Adresse ou formulaire invalide", "Paramètre à corriger : page."),
        ("/acteurs?page=0&lang=en", "Invalid address or form", "Parameter to correct: page."),
    ],
)
def test_pages_answer_errors_in_html(client, path, title, detail):
    response = client.get(path)
    assert response.status_code in (404, 422)
    assert response.headers["content-type"].startswith("text/html")
    assert f"<h1>{title}</h1>" in response.text
    assert detail is None or detail in response.text
    english = "lang=en" in path
    # A way back, in the same language; no raw JSON.
    assert ('href="/?lang=en"' if english else 'href="/?lang=fr"') in response.text
    assert ("The ecosystem map" if english else "La carte de l\u2019écosystème") in response.text
    assert '{"detail"' not in response.text


@pytest.mark.parametrize(
    "path", ["/api/acteurs/fantome", "/acteurs/fantome.json", "/api/nulle-part", "/api/carte?profondeur=99"]
)
def test_the_api_keeps_json_errors(client, path):
    response = client.get(path)
    assert response.status_code in (404, 422)
    assert response.headers["content-type"].startswith("application/json") and "detail" in response.json()


def test_the_accessibility_statement_is_linked_from_every_page(client):
    for lang, title in (("fr", "Déclaration d&#39;accessibilité"), ("en", "Accessibility statement")):
        page = client.get(f"/accessibilite?lang={lang}")
        assert page.status_code == 200 and f"<h1>{title}</h1>" in page.text and "SGQRI 008" in page.text
        assert f'href="/accessibilite?lang={lang}"' in client.get(f"/acteurs?lang={lang}").text
