"""Recording what happens to the plan in the browser's forms: events, observations, a deliverable's status.

Every write goes through the one write path (journaled, undone from the history) and is checked with the
import's shapes; participants and parts of the plan are named by their names. Dates are fixed (``?jour=``)."""

from __future__ import annotations

import re

from markupsafe import escape
from rdflib import URIRef

from ecosystem.namespaces import DCTERMS, ECO, ID, ORG, PROV, RDF, SKOS, concept_iri
from ecosystem.queries import plan_graph

ABC = ID["plan/2024-2028/axe/concertation/indicateur/abc"]
SATISFACTION = ID["plan/2024-2028/axe/accompagnement/indicateur/satisfaction-soutien"]
DELIVERABLE = ID["plan/2024-2028/axe/concertation/livrable/depot-plan-action"]
DAY = "2025-06-30"


def _label(graph, node) -> str:
    return next(str(o) for o in graph.objects(node, SKOS.prefLabel) if getattr(o, "language", None) == "fr")


def _abc(client) -> dict:
    data = client.get(f"/tableau-de-bord.json?jour={DAY}").json()
    return next(i for axis in data["axes"] for i in axis["indicators"] if i["iri"] == str(ABC))


def _workshop(name: str, day: str, participant: str, part: str) -> dict:
    return {
        "r-prefLabel": name,
        "r-eventType": str(concept_iri("types-evenement", "atelier")),
        "r-startedAtTime": day,
        "r-wasAssociatedWith": [participant, ""],
        "r-relation": [part, ""],
        "r-wasDerivedFrom": "https://exemple.org/compte-rendu",
    }


def _post(client, path: str, data: dict):
    return client.post(path, data={**data, "csrf": client.csrf}, follow_redirects=False)


def test_two_abc_workshops_then_four_more_through_the_form(staff, staff_store):
    graph = plan_graph(staff_store)
    concertations = sorted(graph.objects(ABC, DCTERMS.relation), key=str)
    assert len(concertations) == 6
    with_members = [c for c in concertations if any(True for _ in graph.subjects(ORG.organization, c))]
    assert len(with_members) >= 2
    part = f"Indicateur : {_label(graph, ABC)}"
    page = staff.get("/suivi/evenement/nouveau")
    assert page.status_code == 200 and f'<option value="{escape(part)}">' in page.text
    assert not re.search(r">[^<]*https://w3id\.org", page.text)  # no IRI shown as text
    assert _abc(staff)["status"] == "no-data"
    # Two workshops, each attended by an organisation that sits on one of two local concertations (named by its name).
    for n, concertation in enumerate(with_members[:2]):
        member = sorted(graph.value(m, ORG.member) for m in graph.subjects(ORG.organization, concertation))[0]
        name = next(str(o) for o in staff_store.graph().objects(member, SKOS.prefLabel))
        response = _post(
            staff,
            "/suivi/evenement/nouveau",
            _workshop("Atelier ABC du développement social", f"2025-03-1{n}", name, part),
        )
        assert response.status_code == 303, response.text[-1500:]
    abc = _abc(staff)
    assert (abc["value"], abc["status"]) == (33.3, "on-track")
    for n, concertation in enumerate(c for c in concertations if c not in with_members[:2]):
        response = _post(
            staff,
            "/suivi/evenement/nouveau",
            _workshop("Atelier ABC du développement social", f"2025-05-1{n}", _label(graph, concertation), part),
        )
        assert response.status_code == 303, response.text[-1500:]
    abc = _abc(staff)
    assert (abc["value"], abc["status"], abc["met"]) == (100.0, "met", True)
    entry = staff.get("/historique.json").json()["entrees"][0]
    assert entry["genre"] == "suivi du plan d'action"


def test_an_unknown_participant_is_refused_and_nothing_is_written(staff, staff_store):
    before = len(staff_store.graph())
    form = _workshop("Atelier refusé", "2025-04-01", "Organisme qui n'existe pas", "Indicateur : nulle part")
    response = _post(staff, "/suivi/evenement/nouveau", form)
    assert response.status_code == 422
    assert "« Organisme qui n&#39;existe pas » n&#39;est pas connu" in response.text
    assert "Rien n\u2019a été enregistré" in response.text
    assert 'value="Organisme qui n&#39;existe pas"' in response.text  # what was typed is kept
    assert len(staff_store.graph()) == before


def test_a_dated_sourced_observation_gives_the_indicator_its_value_and_the_source_is_required(staff, staff_store):
    form = {"r-observes": str(SATISFACTION), "r-observedValue": "85,5", "r-date": "2025-05-01"}
    refused = _post(staff, "/suivi/observation/nouveau", form)
    assert refused.status_code == 422 and "Ce champ est obligatoire." in refused.text
    saved = _post(staff, "/suivi/observation/nouveau", {**form, "r-wasDerivedFrom": "https://exemple.org/sondage-2025"})
    assert saved.status_code == 303, saved.text[-1500:]
    data = staff.get(f"/tableau-de-bord.json?jour={DAY}").json()
    indicator = next(i for axis in data["axes"] for i in axis["indicators"] if i["iri"] == str(SATISFACTION))
    assert (indicator["value"], indicator["method"]) == (85.5, "observation")
    assert "https://exemple.org/sondage-2025" in indicator["sources"]
    page = staff.get(f"/tableau-de-bord?jour={DAY}").text
    assert 'href="https://exemple.org/sondage-2025"' in page  # the document, linked
    assert 'href="https://w3id.org/ecosysteme/id/source/declaration/' not in page  # the declaration said in words
    assert "déclarée par une organisation" in page
    earlier = staff.get(
        "/tableau-de-bord.json?jour=2025-04-30"
    ).json()  # before the observation's day: unknown, never 0
    assert next(i for a in earlier["axes"] for i in a["indicators"] if i["iri"] == str(SATISFACTION))["value"] is None
    observation = URIRef(ID["observation/satisfaction-soutien-2025-05-01"])
    assert (observation, RDF.type, ECO.Observation) in staff_store.graph()


def test_a_deliverable_status_is_recorded_then_undone(staff, staff_store):
    before = set(staff_store.graph().triples((DELIVERABLE, None, None)))
    page = staff.get("/suivi/livrables/concertation/depot-plan-action")
    assert page.status_code == 200 and "Réalisé" in page.text
    form = {
        "r-deliverableStatus": str(concept_iri("statuts-livrable", "realise")),
        "r-date": "2025-02-01",
        "r-evidence": "https://exemple.org/plan-depose.pdf",
    }
    assert _post(staff, "/suivi/livrables/concertation/depot-plan-action", form).status_code == 303
    assert (DELIVERABLE, ECO.deliverableStatus, concept_iri("statuts-livrable", "realise")) in staff_store.graph()
    assert any("/source/declaration/" in str(s) for s in staff_store.graph().objects(DELIVERABLE, PROV.wasDerivedFrom))
    hub = staff.get("/suivi").text
    assert "Réalisé" in hub and "1 février 2025" in hub
    bad = _post(staff, "/suivi/livrables/concertation/depot-plan-action", {**form, "r-evidence": "plan-depose.pdf"})
    assert bad.status_code == 422 and "Une adresse qui commence par https://" in bad.text
    entry = staff.get("/historique.json").json()["entrees"][0]
    assert (
        staff.post(f"/historique/{entry['id']}/annuler", data={"csrf": staff.csrf}, follow_redirects=False).status_code
        == 303
    )
    assert set(staff_store.graph().triples((DELIVERABLE, None, None))) == before


def test_a_partner_cannot_record(partner):
    assert partner.get("/suivi").status_code == 403
    assert partner.get("/suivi/evenement/nouveau").status_code == 403


def test_a_misspelt_participant_is_refused_with_the_closest_name_proposed(staff, staff_store):
    graph = plan_graph(staff_store)
    concertation = sorted(graph.objects(ABC, DCTERMS.relation), key=str)[0]
    name = _label(graph, concertation)
    misspelt = name[:-2] + name[-1:]  # one letter dropped
    response = _post(
        staff,
        "/suivi/evenement/nouveau",
        _workshop("Atelier", "2025-04-01", misspelt, f"Indicateur : {_label(graph, ABC)}"),
    )
    assert response.status_code == 422
    assert f"Vouliez-vous dire « {escape(name)} » ?" in response.text
