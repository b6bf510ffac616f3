"""The pre-initiative check: the form page and POST /api/verifier."""

from __future__ import annotations

INITIATIVE = {"nom": "Table alimentaire de Shawinigan", "enjeux": ["securite-alimentaire"], "territoire": "shawinigan",
              "partenaires": ["ciusss-mcq", "test-xss"], "texte": "sécurité alimentaire des familles", "heures_par_an": 30}


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


def test_choices_json(client):
    choices = client.get("/api/verifier/choix").json()
    assert {"enjeux", "fonctions", "populations", "territoires", "partenaires"} <= set(choices)
    assert client.get("/verifier.json").json() == choices
