"""The dashboard page and its JSON twin on the Mauricie data, at a fixed day, before and after facts are recorded."""

from __future__ import annotations

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef

from ecosystem.loading import load_paths
from ecosystem.namespaces import DCTERMS, ECO, ID, PROV, RDF, SKOS, XSD, concept_iri
from ecosystem.settings import Settings

ABC = ID["plan/2024-2028/axe/concertation/indicateur/abc"]
DAY = "2025-06-30"


@pytest.fixture(scope="module")
def client(tmp_path_factory, mauricie_path, mauricie_graph):
    folder = tmp_path_factory.mktemp("web")
    app = create_app(Settings(store=folder / "store"))
    with TestClient(app) as client:
        load_paths(app.state.store, [mauricie_path])
        yield client


def _indicators(data: dict) -> list[dict]:
    return [i for axis in data["axes"] for i in axis["indicators"]]


def test_every_indicator_with_its_target_and_no_data_before_any_fact(client, mauricie_graph):
    data = client.get(f"/tableau-de-bord.json?jour={DAY}").json()
    indicators = _indicators(data)
    assert len(indicators) == len(set(mauricie_graph.subjects(RDF.type, ECO.Indicator)))
    assert [a["iri"].rsplit("/", 1)[1] for a in data["axes"]] == [
        "concertation",
        "accompagnement",
        "transfert-diffusion",
    ]
    abc = next(i for i in indicators if i["iri"] == str(ABC))
    assert (abc["target_value"], abc["target_unit"], abc["value"], abc["status"]) == (100, "%", None, "no-data")
    page = client.get(f"/tableau-de-bord?jour={DAY}")
    assert "ABC du développement social" in page.text and "sans donnée" in page.text
    assert "30 juin 2025" in page.text  # the day, written out in French
    assert 'href="/tableau-de-bord.json?jour=2025-06-30"' in page.text


def test_a_recorded_workshop_gives_a_status_a_chart_and_its_facts(client, tmp_path):
    concertation = ID["instance/comite-local-developpement-social-haut-saint-maurice"]
    event = ID["evenement/essai-abc-tableau"]
    facts = tmp_path / "atelier.ttl"
    facts.write_text(
        "\n".join(
            f"{s.n3()} {p.n3()} {o.n3()} ."
            for s, p, o in [
                (event, RDF.type, ECO.Event),
                (event, SKOS.prefLabel, Literal("Atelier ABC — essai", lang="fr")),
                (event, ECO.eventType, concept_iri("types-evenement", "atelier")),
                (event, PROV.startedAtTime, Literal("2025-03-12", datatype=XSD.date)),
                (event, DCTERMS.relation, ABC),
                (event, PROV.wasAssociatedWith, concertation),
                (event, PROV.wasDerivedFrom, URIRef("https://example.org/compte-rendu-atelier")),
            ]
        ),
        encoding="utf-8",
    )
    assert load_paths(client.app.state.store, [facts]).report.conforms
    abc = next(i for i in _indicators(client.get(f"/tableau-de-bord.json?jour={DAY}").json()) if i["iri"] == str(ABC))
    assert (abc["value"], abc["status"], abc["history"]) == (16.7, "late", [{"date": "2025-03-12", "value": 16.7}])
    page = client.get(f"/tableau-de-bord?jour={DAY}").text
    assert "en retard" in page and "⚠" in page  # a sign and a word, not a colour alone
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and "12 mars 2025" in page
    english = client.get(f"/tableau-de-bord?jour={DAY}&lang=en").text
    assert "late" in english and "en retard" not in english and "March 12, 2025" in english


def test_the_carriers_of_the_strategies_are_listed(client):
    data = client.get(f"/tableau-de-bord.json?jour={DAY}").json()
    orphans = [s["strategy"] for s in data["strategies"] if not any(c["active"] for c in s["carriers"])]
    assert str(ID["plan/2024-2028/axe/concertation/strategie/instances-consultations"]) in orphans
    assert data["plan_load"][0]["actor"] == str(ID["acteur/consortium"])
    assert "Stratégies sans porteur actif (1)" in client.get(f"/tableau-de-bord?jour={DAY}").text


def test_the_seat_concentration_is_shown(client):
    data = client.get(f"/tableau-de-bord.json?jour={DAY}").json()["concentration"]
    assert 0 < data["gini_seats"] < 1 and 0 < data["top_shares"]["10"] <= 1
    page = client.get(f"/tableau-de-bord?jour={DAY}").text
    assert "Concentration des sièges" in page and 'href="/glossaire?lang=fr#gini"' in page


def test_a_day_that_is_not_a_date_is_refused(client):
    assert client.get("/tableau-de-bord.json?jour=0").status_code == 422
