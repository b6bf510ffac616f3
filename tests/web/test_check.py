"""The pre-initiative check: the form page and POST /api/verifier."""

from __future__ import annotations

import html
import re

import pytest

INITIATIVE = {
    "nom": "Table alimentaire de Shawinigan",
    "enjeux": ["securite-alimentaire"],
    "territoire": "shawinigan",
    "partenaires": ["ciusss-mcq", "test-xss"],
    "texte": "sécurité alimentaire des familles",
    "heures_par_an": 30,
}


def test_the_api_ranks_and_explains(client):
    result = client.post("/api/verifier", json=INITIATIVE).json()
    assert result["instances"], "an instance on food security covers Shawinigan"
    scores = [i["score"] for i in result["instances"]]
    assert scores == sorted(scores, reverse=True)
    top = result["instances"][0]
    assert top["composantes"]["enjeux"]["correspondances"][0]["enjeu"].endswith("securite-alimentaire")
    partners = {p["id"]: p for p in result["partenaires"]}
    assert partners["acteur/test-xss"]["sieges_avant"] == 1 and partners["acteur/test-xss"]["sieges_apres"] == 2


def test_unknown_values_are_named(client):
    response = client.post("/api/verifier", json={"enjeux": ["inexistant"], "partenaires": ["personne"]})
    assert response.status_code == 422
    assert "inexistant" in response.text and "personne" in response.text
    assert client.post("/api/verifier", json={"heures_par_an": -1}).status_code == 422


def test_the_form_answers_with_the_same_ranking(client):
    form = client.get("/verifier")
    assert form.status_code == 200 and 'name="enjeux"' in form.text
    answer = client.post("/verifier", data={**INITIATIVE, "heures_par_an": "30"})
    assert answer.status_code == 200
    api = client.post("/api/verifier", json=INITIATIVE).json()
    assert api["instances"][0]["nom"].replace("'", "&#39;") in answer.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in answer.text
    assert client.post("/verifier", data={"heures_par_an": "beaucoup"}).status_code == 422


FOOD_IN_MASKINONGE = {
    "verifier": "1",
    "nom": "Sécurité alimentaire à Maskinongé",
    "enjeux": "securite-alimentaire",
    "territoire": "maskinonge",
    "partenaires": ["ciusss-mcq", "mrc-maskinonge"],
    "texte": "sécurité alimentaire à Maskinongé avec le CIUSSS et la MRC",
}
# Snowball stems of the words above and of the mandates they meet: none may reach the page.
STEMS = re.compile(r"\b(secur|alimentair|famill|system|maskinong|concert|develop)\b")
CODES = re.compile(
    r"\((meme|inclus|englobe|disjoint)\)|\b(plus-large|plus-etroit|franchit|decile|sieges|heures)\b|https?://|\w+:\w"
)


def _results(page: str) -> list[str]:
    """Each result's text (name, level, sentence), tags removed."""
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", item)).split())
        for item in re.findall(r'<ol class="overlaps">(.*?)</ol>', page, re.S)
        for item in re.findall(r"<li>(.*?)</li>", item, re.S)
    ]


def test_the_check_answers_in_sentences_with_whole_words(client):
    page = client.get("/verifier", params=FOOD_IN_MASKINONGE)
    assert page.status_code == 200
    results = _results(page.text)
    assert len(results) >= 4
    for text in results:
        assert re.search(r"correspondance (forte|moyenne|faible)", text), text
        assert not STEMS.search(text.lower()), text
        assert not CODES.search(text), text
    joined = " ".join(results)
    assert "Même enjeu : sécurité alimentaire" in joined and "Même territoire (Maskinongé)" in joined
    assert "2 membres en commun : CIUSSS de la Mauricie-et-du-Centre-du-Québec, MRC de Maskinongé" in joined
    assert "mots du mandat en commun : sécurité, alimentaire" in joined
    # The region-wide tables are set apart from the local ones.
    local, regional = (
        page.text.index("Sur le territoire visé"),
        page.text.index("Instances régionales qui couvrent aussi ce territoire"),
    )
    assert local < regional and "instance régionale (Mauricie, qui comprend Maskinongé)" in page.text[regional:]
    assert "instance régionale" not in page.text[local:regional]
    # And those of other territories after both, not under « the territory concerned ».
    elsewhere = page.text.index("Sur d\u2019autres territoires")
    assert regional < elsewhere < page.text.index("autre territoire (")


def test_the_answer_has_a_link_that_reproduces_it(client):
    page = client.get("/verifier", params=FOOD_IN_MASKINONGE).text
    link = html.unescape(re.search(r'<p class="share"><a href="([^"]+)"', page).group(1))
    again = client.get(link)
    assert again.status_code == 200 and _results(again.text) == _results(page)
    posted = client.post("/verifier", data=FOOD_IN_MASKINONGE)
    assert _results(posted.text) == _results(page)


@pytest.mark.parametrize(
    ("lang", "empty", "bad"),
    [
        ("fr", "Décrivez l'initiative", "« beaucoup » n'est pas un nombre. Écrivez par exemple 12 ou 12,5."),
        ("en", "Describe the initiative", "“beaucoup” is not a number. Write for example 12 or 12.5."),
    ],
)
def test_an_empty_form_and_a_bad_number_are_explained_in_the_readers_language(client, lang, empty, bad):
    page = client.get("/verifier", params={"verifier": "1", "lang": lang})
    assert page.status_code == 422 and empty in html.unescape(page.text) and "Aucune instance" not in page.text
    page = client.get(
        "/verifier",
        params={"verifier": "1", "enjeux": "securite-alimentaire", "heures_par_an": "beaucoup", "lang": lang},
    )
    assert page.status_code == 422 and bad in html.unescape(page.text)
    assert "could not convert" not in page.text and "ValueError" not in page.text
    # A French decimal comma is a number.
    page = client.get("/verifier", params={**FOOD_IN_MASKINONGE, "heures_par_an": "12,5", "lang": lang})
    assert page.status_code == 200 and ('value="12,5"' if lang == "fr" else 'value="12.5"') in page.text


def test_english_answers_carry_no_french(client):
    text = " ".join(_results(client.get("/verifier", params={**FOOD_IN_MASKINONGE, "lang": "en"}).text))
    assert "Same issue: Food security" in text and "match: " in text
    for french in ("Même", "membres en commun", "instance régionale", "correspondance"):
        assert french not in text


def test_choices_json(client):
    choices = client.get("/api/verifier/choix").json()
    assert {"enjeux", "fonctions", "populations", "territoires", "partenaires"} <= set(choices)
    assert client.get("/verifier.json").json() == choices
