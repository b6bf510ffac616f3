"""The age of each fact on the pages (« attesté en 2016 », « confirmé par l'organisation le … ») and the facts
still to confirm, oldest first (``/faits-a-confirmer``, its JSON twin, its CSV)."""

from __future__ import annotations

import csv
import io
import itertools
import re

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from rdflib import Literal
from rdflib.namespace import PROV, XSD

from ecosystem.loading import load_paths
from ecosystem.namespaces import ECO, ID
from ecosystem.settings import Settings
from tests.web.conftest import PERSON_NAME, XSS_NAME
from tests.web.test_language import MONTHS_FR, visible

OLD_SEAT = ID["participation/comite-developpement-social-des-chenaux/cdc-des-chenaux"]  # attested 2006
INSTANCE = ID["instance/comite-developpement-social-des-chenaux"]
UNDATED_SEAT = ID[
    "participation/comite-local-developpement-social-haut-saint-maurice/cdc-haut-saint-maurice"
]  # no year


def _year(graph, node) -> int | None:
    value = graph.value(node, ECO.attestedIn)
    return None if value is None else int(str(value)[:4])


@pytest.fixture(scope="module")
def confirmed(tmp_path_factory, mauricie_path):
    """The Mauricie data with one seat and one instance confirmed by their organisation on 3 December 2026."""
    from ecosystem.store import EmbeddedStore

    store = EmbeddedStore(tmp_path_factory.mktemp("confirmed") / "store")
    load_paths(store, [mauricie_path])
    day = Literal("2026-12-03", datatype=XSD.date)
    store.apply(
        add=[(OLD_SEAT, ECO.confirmedOn, day), (INSTANCE, ECO.confirmedOn, day), (UNDATED_SEAT, ECO.confirmedOn, day)]
    )
    with TestClient(create_app(Settings(store=tmp_path_factory.mktemp("unused")), store=store)) as client:
        yield client
    store.close()


def _all(client, path="/api/faits-a-confirmer", **params) -> dict:
    return client.get(path, params={"par_page": 500, **params}).json()


# --- the actor and instance pages -----------------------------------------------------------


def test_each_seat_shows_its_attested_year_with_its_source(client, mauricie_graph):
    data = client.get("/acteurs/cdc-des-chenaux.json").json()
    seat = next(s for s in data["instances"] if s["id"] == "instance/comite-developpement-social-des-chenaux")
    assert seat["age"]["attestee_en"] == _year(mauricie_graph, OLD_SEAT) == 2006
    assert seat["age"]["confirmee_le"] is None
    assert seat["age"]["source"]["iri"] == str(mauricie_graph.value(OLD_SEAT, PROV.wasDerivedFrom))
    page = client.get("/acteurs/cdc-des-chenaux").text
    link = re.search(
        r'<a class="age-source" href="([^"]+)" rel="noopener noreferrer" title="Source : ([^"]+)">attesté en 2006</a>',
        page,
    )
    assert link and link.group(1) == seat["age"]["source"]["iri"]
    english = visible(client.get("/acteurs/cdc-des-chenaux?lang=en").text)
    assert "attested in 2006" in english and "attesté" not in english


def test_the_instance_page_shows_its_own_age_and_each_members(client, mauricie_graph):
    data = client.get("/api/instances/comite-developpement-social-des-chenaux").json()
    assert data["age"]["attestee_en"] == _year(mauricie_graph, INSTANCE)
    assert data["age"]["source"] and data["age"]["source"]["annee"] == data["age"]["attestee_en"]
    years = {m["id"]: m["age"]["attestee_en"] for m in data["membres"]}
    assert years["acteur/cdc-des-chenaux"] == 2006
    page = visible(client.get("/instances/comite-developpement-social-des-chenaux").text)
    assert f"attesté en {data['age']['attestee_en']}" in page


def test_a_fact_with_no_year_says_so(client):
    data = client.get("/api/acteurs/test-xss").json()  # planted without a source or a year
    assert data["instances"][0]["age"] == {"attestee_en": None, "confirmee_le": None, "source": None}
    assert "date inconnue" in visible(client.get("/acteurs/test-xss").text)
    assert "date unknown" in visible(client.get("/acteurs/test-xss?lang=en").text)


def test_a_confirmation_shows_its_day_in_the_readers_words(confirmed):
    seat = next(
        s
        for s in confirmed.get("/api/acteurs/cdc-des-chenaux").json()["instances"]
        if s["id"] == "instance/comite-developpement-social-des-chenaux"
    )
    assert seat["age"]["confirmee_le"] == "2026-12-03" and seat["age"]["attestee_en"] == 2006
    french = visible(confirmed.get("/acteurs/cdc-des-chenaux").text)
    assert "confirmé par l'organisation le 3 décembre 2026" in french
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", french)
    english = visible(confirmed.get("/acteurs/cdc-des-chenaux?lang=en").text)
    assert "confirmed by the organisation on December 3, 2026" in english
    instance = visible(confirmed.get("/instances/comite-developpement-social-des-chenaux").text)
    assert re.search(rf"confirmé par l'organisation le 3 ({MONTHS_FR}) 2026", instance)


def test_a_confirmed_fact_with_no_year_says_only_its_confirmation(confirmed):
    seat = next(
        s
        for s in confirmed.get("/api/acteurs/cdc-haut-saint-maurice").json()["instances"]
        if s["id"] == "instance/comite-local-developpement-social-haut-saint-maurice"
    )
    assert seat["age"]["attestee_en"] is None and seat["age"]["confirmee_le"] == "2026-12-03"
    page = confirmed.get("/acteurs/cdc-haut-saint-maurice").text
    assert re.search(r'<span class="age">confirmé par l&#39;organisation le 3 décembre 2026</span>', page), re.findall(
        r'<span class="age">.*?</span>', page
    )


def test_the_map_titles_say_the_confirmation_too(confirmed):
    edge = next(
        e
        for e in confirmed.get("/api/carte").json()["edges"]
        if e["id"] == "acteur/cdc-des-chenaux|instance/comite-developpement-social-des-chenaux"
    )
    assert edge["attestee_en"] == 2006 and edge["confirmee_le"] == "2026-12-03"
    assert "attesté en 2006 · confirmé par l'organisation le 3 décembre 2026" in edge["title"]
    english = next(e for e in confirmed.get("/api/carte?lang=en").json()["edges"] if e["id"] == edge["id"])
    assert "attested in 2006 · confirmed by the organisation on December 3, 2026" in english["title"]
    node = next(
        n
        for n in confirmed.get("/api/carte").json()["nodes"]
        if n["id"] == "instance/comite-developpement-social-des-chenaux"
    )
    assert "confirmé par l'organisation le 3 décembre 2026" in node["title"]


# --- the facts to confirm, oldest first -----------------------------------------------------


def test_the_page_its_twin_and_the_api_are_one_model(client):
    api = _all(client)
    assert client.get("/faits-a-confirmer.json", params={"par_page": 500}).json() == api
    page = client.get("/faits-a-confirmer")
    assert page.status_code == 200 and 'href="/faits-a-confirmer.json"' in page.text
    assert 'href="/faits-a-confirmer?lang=fr"' in client.get("/").text  # in the main navigation


def test_oldest_first_with_unknown_dates_first(client, web_store):
    facts = _all(client)["faits"]
    years = [f["age"]["attestee_en"] for f in facts]
    unknown = years.count(None)
    assert unknown > 0 and years[:unknown] == [None] * unknown  # « date inconnue » first, by the stated rule
    dated = years[unknown:]
    assert dated == sorted(dated) and dated[0] < dated[-1]
    assert _all(client)["sans_date"] == unknown
    for first, second in itertools.pairwise(facts):  # an instance before its own seats of the same year
        if (
            first["instance"]["iri"] == second["instance"]["iri"]
            and first["age"]["attestee_en"] == second["age"]["attestee_en"]
        ):
            assert not (first["type"] == "siege" and second["type"] == "instance")


def test_every_instance_and_seat_is_listed_with_the_year_of_its_source(client, mauricie_graph, web_store):
    from ecosystem.projection import build_projection

    projection = build_projection(web_store)
    facts = _all(client)["faits"]
    assert len(facts) == len(projection.instances) + projection.two_mode.number_of_edges()
    for fact in facts:
        if fact["type"] == "instance":
            assert fact["age"]["attestee_en"] == _year(
                mauricie_graph, ID[fact["instance"]["iri"].removeprefix(str(ID))]
            )
        assert (fact["age"]["source"] is None) == (
            fact["age"]["attestee_en"] is None and fact["acteur"] and fact["acteur"]["id"] == "acteur/test-xss"
        )


def test_a_confirmed_fact_leaves_the_list(client, confirmed):
    before = {(f["type"], f["instance"]["id"], (f["acteur"] or {}).get("id")) for f in _all(client)["faits"]}
    after = {(f["type"], f["instance"]["id"], (f["acteur"] or {}).get("id")) for f in _all(confirmed)["faits"]}
    gone = {
        ("siege", "instance/comite-developpement-social-des-chenaux", "acteur/cdc-des-chenaux"),
        ("instance", "instance/comite-developpement-social-des-chenaux", None),
        ("siege", "instance/comite-local-developpement-social-haut-saint-maurice", "acteur/cdc-haut-saint-maurice"),
    }
    assert (
        gone <= before and before - after - {("siege", "instance/conseil-des-partenaires", "acteur/test-xss")} == gone
    )


def test_filtered_by_territory(client, web_store):
    from ecosystem.projection import build_projection

    projection = build_projection(web_store)
    everything = _all(client)
    shawinigan = _all(client, territoire="shawinigan")
    assert 0 < shawinigan["total"] < everything["total"]
    assert shawinigan["territoire"] == "shawinigan"
    for fact in shawinigan["faits"]:
        territory = projection.two_mode.nodes[fact["instance"]["iri"]].get("territory")
        assert str(ID["territoire/shawinigan"]) in projection.territory_ancestors(territory)
    page = client.get("/faits-a-confirmer?territoire=shawinigan").text
    assert '<option value="shawinigan" selected>' in page
    assert 'href="/faits-a-confirmer.csv?territoire=shawinigan&amp;lang=fr"' in page


def test_the_csv_holds_the_same_rows(client):
    api = _all(client, lang="en")
    response = client.get("/faits-a-confirmer.csv", params={"lang": "en"})
    assert response.headers["content-type"].startswith("text/csv") and response.content.startswith(b"\xef\xbb\xbf")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Attested year", "Fact", "Type", "Territory", "Source", "Source address"]
    assert [r[1] for r in rows[1:]] == [f["fait"] for f in api["faits"]]
    assert rows[1][0] == "date unknown" and rows[-1][0].isdigit()
    french = client.get("/faits-a-confirmer.csv").content.decode("utf-8-sig")
    assert french.startswith("Année attestée;Fait;") and " siège à " in french


def test_no_person_no_code_and_data_text_escaped(client):
    for path in ("/faits-a-confirmer?par_page=500", "/faits-a-confirmer?par_page=500&lang=en"):
        page = client.get(path).text
        assert PERSON_NAME not in page and XSS_NAME not in page
        text = visible(page)
        assert not re.search(r"https?://|w3id|acteur/|instance/|participation/|siege\b", text), text[:500]
    assert PERSON_NAME not in client.get("/faits-a-confirmer.csv").text
    assert PERSON_NAME not in client.get("/api/faits-a-confirmer", params={"par_page": 500}).text


def test_english_page_in_english(client):
    text = visible(client.get("/faits-a-confirmer?lang=en").text)
    assert "Facts to confirm, oldest first" in text and "date unknown" in text
    for french in ("siège à", "date inconnue", "Attesté en", "Télécharger"):
        assert french not in text
    assert "sits on" in text


def test_the_rule_is_in_the_glossary(client):
    glossary = visible(client.get("/glossaire").text)
    assert "Fait à confirmer" in glossary and "Faits attestés depuis une année" in glossary
    assert "Facts attested since a year" in visible(client.get("/glossaire?lang=en").text)
