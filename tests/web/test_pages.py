"""Every page and its JSON twin; the paged API; escaping of data text; persons never shown."""

from __future__ import annotations

import html

import pytest

from tests.web.conftest import PERSON_NAME, XSS_NAME

PAGES = [
    "/acteurs",
    "/acteurs/ciusss-mcq",
    "/instances",
    "/instances/conseil-des-partenaires",
    "/territoires/mauricie",
    "/territoires/la-tuque",
    "/enjeux/securite-alimentaire",
    "/analyses",
    "/analyses/sur-sollicitation",
    "/analyses/mandats-dupliques",
    "/analyses/surconcertation",
    "/analyses/structure",
    "/faits-a-confirmer",
]


@pytest.mark.parametrize("path", PAGES)
def test_each_page_links_its_json_twin(client, path):
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'href="{path}.json"' in page.text
    twin = client.get(f"{path}.json")
    assert twin.status_code == 200 and twin.headers["content-type"] == "application/json"
    accept = client.get(path, headers={"Accept": "application/json"})
    assert accept.json() == twin.json()


@pytest.mark.parametrize(
    ("page", "api"),
    [
        ("/acteurs/ciusss-mcq.json", "/api/acteurs/ciusss-mcq"),
        ("/instances/conseil-des-partenaires.json", "/api/instances/conseil-des-partenaires"),
        ("/territoires/mauricie.json", "/api/territoires/mauricie"),
        ("/enjeux/securite-alimentaire.json", "/api/enjeux/securite-alimentaire"),
    ],
)
def test_api_resources_match_the_pages(client, page, api):
    assert client.get(page).json() == client.get(api).json()


def test_instance_page_shows_members_roles_and_sources(client):
    data = client.get("/api/instances/conseil-des-partenaires").json()
    assert any(m["id"] == "acteur/test-xss" and m["roles"][0]["id"] == "membre" for m in data["membres"])
    assert data["sources"] and data["sources"][0]["titre"].startswith("Plan d'action")
    page = client.get("/instances/conseil-des-partenaires").text
    assert "Plan d&#39;action" in page  # the source's title, escaped as every data text is


def test_actor_page_shows_seats_and_load(client):
    data = client.get("/api/acteurs/test-xss").json()
    assert data["sieges"] == 1 and data["heures"] is None
    assert data["instances"][0]["id"] == "instance/conseil-des-partenaires"


def test_territory_page_lists_what_it_contains(client):
    data = client.get("/api/territoires/la-tuque").json()
    assert {"wemotaci", "opitciwan"} <= {t["id"] for t in data["sous_territoires"]}
    assert any("Haut Saint-Maurice" in i["nom"] for i in data["instances"])


def test_data_text_is_escaped_in_pages(client):
    for path in ("/acteurs/test-xss", "/instances/conseil-des-partenaires", "/acteurs"):
        text = client.get(path).text
        assert XSS_NAME not in text
        assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_persons_never_appear(client):
    for path in (
        "/api/carte",
        "/api/instances/conseil-des-partenaires",
        "/api/acteurs/test-xss",
        "/instances/conseil-des-partenaires",
        "/api/acteurs?par_page=500",
    ):
        assert PERSON_NAME not in client.get(path).text


def test_paging_and_filters(client):
    first = client.get("/api/acteurs", params={"par_page": 5}).json()
    second = client.get("/api/acteurs", params={"par_page": 5, "page": 2}).json()
    assert len(first["acteurs"]) == 5 and first["total"] > 10
    assert not {a["id"] for a in first["acteurs"]} & {a["id"] for a in second["acteurs"]}
    la_tuque = client.get("/api/acteurs", params={"territoire": "la-tuque"}).json()
    assert 0 < la_tuque["total"] < first["total"]
    food = client.get("/api/instances", params={"enjeu": "securite-alimentaire"}).json()
    assert food["total"] >= 1 and all(
        any(e["id"] == "securite-alimentaire" for e in i["enjeux"]) for i in food["instances"]
    )
    assert client.get("/api/acteurs", params={"q": "CONSORTIUM"}).json()["total"] >= 1


def test_unknown_resources_are_404(client):
    for path in (
        "/acteurs/inconnu",
        "/api/instances/inconnue",
        "/territoires/nulle-part",
        "/enjeux/rien",
        "/api/acteurs/%21",
    ):
        assert client.get(path).status_code == 404


def test_analyses_api(client):
    over = client.get("/api/analyses/sur-sollicitation", params={"sieges": 0}).json()
    assert over["acteurs"] and all(a["sieges"] > 0 for a in over["acteurs"])
    matrix = client.get("/api/analyses/surconcertation").json()
    assert matrix["lacunes"] and len(matrix["cellules"]) == len(matrix["territoires"]) * len(matrix["enjeux"])
    page = client.get("/analyses/surconcertation").text
    assert page.count('class="cell gap"') == len(matrix["lacunes"])
    page = client.get("/analyses/sur-sollicitation").text
    flagged = client.get("/analyses/sur-sollicitation.json").json()["acteurs"]
    assert flagged
    for actor in flagged:
        assert actor["flags"] and all(
            f["sources"] and f["texte"] in page and "source : " in f["texte"] for f in actor["flags"]
        )
    structure = client.get("/api/analyses/structure").json()
    assert structure["courtiers"] and structure["communautes"]
    assert structure["methode"]["communautes"]["selection"] == "persistante"
    assert "plus large plage de résolutions" in client.get("/analyses/structure").text
    assert client.get("/api/analyses/mandats-dupliques", params={"seuil": 0.3}).status_code == 200


def test_docs_are_served_locally(client):
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_english_pages(client):
    assert "Seats" in client.get("/acteurs/ciusss-mcq?lang=en").text
    assert 'href="/acteurs/ciusss-mcq?lang=fr"' in client.get("/acteurs/ciusss-mcq?lang=en").text


def test_the_matrix_speaks_english(client):
    french = client.get("/api/analyses/surconcertation").json()
    english = client.get("/api/analyses/surconcertation", params={"lang": "en"}).json()
    assert "Sécurité alimentaire" in {e["nom"] for e in french["enjeux"]}
    assert "Food security" in {e["nom"] for e in english["enjeux"]}
    assert len(english["lacunes"]) == len(french["lacunes"])


@pytest.mark.parametrize(
    ("lang", "words", "codes"), [("fr", "Sur-sollicité :", "sieges, decile"), ("en", "Over-solicited:", "sieges")]
)
def test_an_over_solicited_actor_page_says_its_rules_in_words(client, lang, words, codes):
    data = client.get(f"/acteurs/ciusss-mcq.json?lang={lang}").json()
    assert data["sur_sollicitation"], "the CIUSSS holds the most seats of the test data"
    assert len(data["sur_sollicitation_motifs"]) == len(data["sur_sollicitation"])
    page = html.unescape(client.get(f"/acteurs/ciusss-mcq?lang={lang}").text)
    assert words in page
    for reason in data["sur_sollicitation_motifs"]:
        assert reason in page
    assert codes not in page
