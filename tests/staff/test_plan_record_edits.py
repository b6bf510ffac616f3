"""Correcting a recorded event or observation in the browser's form: pre-filled with names (never an IRI),
saved as one journaled, undoable write checked with the import's shapes; the participant list grows a row
at a time without a script."""

from __future__ import annotations

import html
import re

from markupsafe import escape
from rdflib import Literal, URIRef

from ecosystem.namespaces import DCTERMS, ECO, ID, PROV, SKOS, XSD, concept_iri
from ecosystem.queries import triples_about

SATISFACTION = ID["plan/2024-2028/axe/accompagnement/indicateur/satisfaction-soutien"]
ABC_EVENT = ID["evenement/atelier-abc-developpement-social"]
PLAN_SOURCE = ID["source/plan-action-2024-2028"]


def _post(client, path: str, data: dict):
    return client.post(path, data={**data, "csrf": client.csrf}, follow_redirects=False)


def _about(store, subject) -> set:
    return set(triples_about(store, [subject]))


def _name(store, iri) -> str:
    return next(str(o) for o in store.graph().objects(URIRef(iri), SKOS.prefLabel) if o.language == "fr")


def _shown_values(page: str, key: str) -> list[str]:
    return [html.unescape(v) for v in re.findall(rf'name="r-{key}" value="([^"]*)"', page) if v]


def _as_shown(page: str) -> dict[str, list[str]]:
    """What the form sends as it was shown: text boxes, text areas, chosen options, ticked boxes."""
    data: dict[str, list[str]] = {}
    found = [
        *re.findall(r'<input id="[^"]*" name="(r-[^"]+)" value="([^"]*)"', page),
        *re.findall(r'<input type="checkbox" name="(r-[^"]+)" value="([^"]+)" checked', page),
        *re.findall(r'<textarea id="[^"]*" name="(r-[^"]+)"[^>]*>([^<]*)</textarea>', page),
    ]
    for select, options in re.findall(r'<select id="[^"]*" name="(r-[^"]+)"[^>]*>(.*?)</select>', page, re.S):
        found += [(select, v) for v in re.findall(r'<option value="([^"]+)" selected>', options)]
    for name, value in found:
        data.setdefault(name, []).append(html.unescape(value))
    return data


def test_the_hub_lists_each_recorded_event_and_observation_with_an_edit_link(staff):
    page = staff.get("/suivi").text
    assert "Événements et observations enregistrés" in page
    assert 'href="/suivi/evenement/atelier-abc-developpement-social/modifier?lang=fr"' in page
    assert "Atelier sur l&#39;ABC du développement social" in page
    assert not re.search(r">[^<]*https://w3id\.org", page)  # no IRI shown as text


def test_an_imported_event_is_corrected_in_one_write_its_plan_source_kept_then_undone(staff, staff_store):
    before = _about(staff_store, ABC_EVENT)
    form = staff.get("/suivi/evenement/atelier-abc-developpement-social/modifier")
    assert form.status_code == 200
    assert form.headers["cache-control"] == "private, no-store"
    text = form.text
    assert "Modifier l&#39;événement : Atelier sur l&#39;ABC du développement social" in text
    assert 'value="Atelier sur l&#39;ABC du développement social"' in text  # the name, pre-filled
    parts = _shown_values(text, "relation")
    assert parts and all(p.startswith(("Indicateur : ", "Stratégie : ")) for p in parts)  # named, never an IRI
    assert "Plan d" in text.split("Sources déjà notées")[1].split("</ul>")[0]  # the plan's own source, in words
    assert not re.search(
        r'<input (?![^>]*type="checkbox")[^>]*value="https://w3id\.org|>[^<]*https://w3id\.org', text
    )  # shown or typed
    territory = next(iri for iri, _ in _territories(text))
    participant = _name(staff_store, ID["instance/alliance-pour-la-solidarite"])
    response = _post(
        staff,
        "/suivi/evenement/atelier-abc-developpement-social/modifier",
        {
            "r-prefLabel": "Atelier sur l'ABC du développement social",
            "r-eventType": str(concept_iri("types-evenement", "atelier")),
            "r-startedAtTime": "2025-04-08",
            "r-territory": territory,
            "r-wasAssociatedWith": [participant, ""],
            "r-relation": [*parts, ""],
            "r-wasDerivedFrom": "https://exemple.org/compte-rendu-abc",
            "r-comment": "Tenu à Shawinigan.",
        },
    )
    assert response.status_code == 303, re.findall(r"class=\"error\"[^>]*>(.*?)</", response.text, re.S)
    assert response.headers["location"].endswith("enregistre=evenement-modifie")
    after = _about(staff_store, ABC_EVENT)
    assert (ABC_EVENT, PROV.startedAtTime, Literal("2025-04-08", datatype=XSD.date)) in after
    assert (ABC_EVENT, PROV.wasAssociatedWith, ID["instance/alliance-pour-la-solidarite"]) in after
    assert (ABC_EVENT, PROV.wasDerivedFrom, PLAN_SOURCE) in after  # the plan's source stays
    assert (ABC_EVENT, PROV.wasDerivedFrom, URIRef("https://exemple.org/compte-rendu-abc")) in after
    assert {t for t in before if t[1] == DCTERMS.relation} == {t for t in after if t[1] == DCTERMS.relation}
    assert (ABC_EVENT, ECO.informationStatus, next(o for _, p, o in before if p == ECO.informationStatus)) in after
    assert any("/source/declaration/" in str(o) for _, p, o in after - before if p == PROV.wasDerivedFrom)
    entry = staff.get("/historique.json").json()["entrees"][0]
    assert entry["genre"] == "suivi du plan d'action"
    hub = staff.get("/suivi?enregistre=evenement-modifie").text
    assert "La correction de l&#39;événement est enregistrée." in hub and "8 avril 2025" in hub
    undone = staff.post(f"/historique/{entry['id']}/annuler", data={"csrf": staff.csrf}, follow_redirects=False)
    assert undone.status_code == 303
    assert _about(staff_store, ABC_EVENT) == before


def _territories(page: str) -> list[tuple[str, str]]:
    return re.findall(r'name="r-territory" value="([^"]+)"[^>]*> ([^<]+)<', page)


def test_a_correction_breaking_a_shape_is_refused_and_writes_nothing(staff, staff_store):
    before = _about(staff_store, ABC_EVENT)
    form = {"r-prefLabel": "", "r-eventType": str(concept_iri("types-evenement", "atelier"))}
    response = _post(staff, "/suivi/evenement/atelier-abc-developpement-social/modifier", form)
    assert response.status_code == 422 and "Ce champ est obligatoire." in response.text
    assert _about(staff_store, ABC_EVENT) == before


def test_an_observation_recorded_then_its_value_corrected_shows_the_new_value(staff, staff_store):
    new = {
        "r-observes": str(SATISFACTION),
        "r-observedValue": "61",
        "r-date": "2025-09-01",
        "r-wasDerivedFrom": "https://exemple.org/sondage-automne",
    }
    assert _post(staff, "/suivi/observation/nouveau", new).status_code == 303
    observation = ID["observation/satisfaction-soutien-2025-09-01"]
    hub = staff.get("/suivi").text
    assert 'href="/suivi/observation/satisfaction-soutien-2025-09-01/modifier?lang=fr"' in hub
    page = staff.get("/suivi/observation/satisfaction-soutien-2025-09-01/modifier").text
    assert 'value="61"' in page and 'value="https://exemple.org/sondage-autumn"' not in page
    assert 'value="https://exemple.org/sondage-automne"' in page
    saved = _post(
        staff, "/suivi/observation/satisfaction-soutien-2025-09-01/modifier", {**new, "r-observedValue": "63,5"}
    )
    assert saved.status_code == 303, saved.text[-1500:]
    values = {o for _, p, o in _about(staff_store, observation) if p == ECO.observedValue}
    assert values == {Literal("63.5", datatype=XSD.decimal)}
    assert 'value="63,5"' in staff.get("/suivi/observation/satisfaction-soutien-2025-09-01/modifier").text
    english = staff.get("/suivi/observation/satisfaction-soutien-2025-09-01/modifier?lang=en").text
    assert 'value="63.5"' in english and "Edit the observation:" in english


def test_an_unchanged_form_writes_nothing(staff, staff_store):
    page = staff.get("/suivi/evenement/tournee-presentation/modifier").text
    entries = len(staff.get("/historique.json").json()["entrees"])
    data = _as_shown(page)
    assert data["r-eventType"] == [str(concept_iri("types-evenement", "tournee"))] and data["r-comment"]
    response = _post(staff, "/suivi/evenement/tournee-presentation/modifier", data)
    assert response.status_code == 303 and "enregistre" not in response.headers["location"]
    assert len(staff.get("/historique.json").json()["entrees"]) == entries


def test_add_a_participant_rerenders_with_one_more_row_and_keeps_what_was_typed(staff, staff_store):
    first = staff.get("/suivi/evenement/nouveau").text
    assert first.count('name="r-wasAssociatedWith"') == 1
    assert "Ajouter un participant" in first
    name = _name(staff_store, ID["instance/alliance-pour-la-solidarite"])
    before = len(staff_store.graph())
    grown = _post(
        staff,
        "/suivi/evenement/nouveau",
        {"r-prefLabel": "Rencontre", "r-wasAssociatedWith": [name], "ajouter": "wasAssociatedWith"},
    )
    assert grown.status_code == 200 and len(staff_store.graph()) == before
    assert grown.text.count('name="r-wasAssociatedWith"') == 2
    assert f'value="{escape(name)}"' in grown.text and 'value="Rencontre"' in grown.text
    assert 'id="r-wasAssociatedWith-1"' in grown.text and "autofocus" in grown.text
    again = _post(
        staff,
        "/suivi/evenement/nouveau",
        {"r-wasAssociatedWith": [name, "", ""], "ajouter": "wasAssociatedWith"},
    )
    assert again.text.count('name="r-wasAssociatedWith"') == 4


def test_an_unknown_record_is_404_and_a_partner_cannot_edit(staff, partner):
    assert staff.get("/suivi/evenement/nexiste-pas/modifier").status_code == 404
    assert staff.get("/suivi/evenement/..%2Fetc/modifier").status_code == 404
    assert staff.get("/suivi/livrable/x/modifier").status_code == 404
    assert partner.get("/suivi/evenement/atelier-abc-developpement-social/modifier").status_code == 403
