"""Edit in place: a form from the shapes, checked by the shapes, declared by the organisation; undo restores it exactly."""

from __future__ import annotations

import html
import re

from ecosystem.namespaces import ECO, ORG, PROV, actor_iri
from ecosystem.store import CURRENT, PROVENANCE

from .conftest import PARTNER_ORG


def _form(client, path: str) -> dict[str, list[str]]:
    """What the browser would send back unchanged: every field with its current value."""
    text = client.get(path).text
    data: dict[str, list[str]] = {}
    for tag in re.findall(r"<input[^>]*>", text):
        found = re.search(r'name="([^"]+)"[^>]*value="([^"]*)"', tag)
        if found and 'type="checkbox"' not in tag:
            data.setdefault(found.group(1), []).append(found.group(2))
    for tag in re.findall(r'<input type="checkbox" name="([^"]+)" value="([^"]+)" checked>', text):
        data.setdefault(tag[0], []).append(tag[1])
    for name, body in re.findall(r'<select id="[^"]+" name="([^"]+)"[^>]*>(.*?)</select>', text, re.S):
        chosen = re.findall(r'<option value="([^"]+)" selected>', body)
        data[name] = chosen or [""]
    for name, content in re.findall(r'<textarea id="[^"]+" name="([^"]+)"[^>]*>(.*?)</textarea>', text, re.S):
        data[name] = [content]
    return {k: [html.unescape(x) for x in v] for k, v in data.items() if not k.endswith("-retirer")}


def _state(store) -> set:
    return {(g, t) for g in (CURRENT, PROVENANCE) for t in store.graph(g)}


def test_the_form_comes_from_the_shapes_with_choices_in_the_readers_language(partner):
    page = partner.get(f"/acteurs/{PARTNER_ORG}/modifier")
    assert page.status_code == 200
    assert "Secteur" in page.text and "Type d&#39;acteur" in page.text and "(obligatoire)" in page.text
    assert 'list="liste-instances"' in page.text  # the seat's instance is searched as one types
    english = partner.get(f"/acteurs/{PARTNER_ORG}/modifier?lang=en")
    assert "Sector" in english.text and "Hours per year" in english.text


def test_a_partner_edits_its_own_seat_and_the_page_says_declared_by_its_organisation(partner, staff, staff_store):
    before = _state(staff_store)
    form = _form(partner, f"/acteurs/{PARTNER_ORG}/modifier")
    assert int(form["sieges"][0]) >= 1
    form["s0-hoursPerYear"] = ["42"]
    form["note"] = ["heures confirmées"]
    response = partner.post(f"/acteurs/{PARTNER_ORG}/modifier", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text[-2000:]
    seat = form["s0-iri"][0]
    hours = list(staff_store.graph().objects(__import__("rdflib").URIRef(seat), ECO.hoursPerYear))
    assert [str(h) for h in hours] == ["42"]
    page = partner.get(f"/acteurs/{PARTNER_ORG}").text
    assert "déclaré par CIUSSS" in page or "déclaré par Centre intégré" in page
    assert "partenaire@" not in page
    sources = {str(o) for o in staff_store.graph().objects(__import__("rdflib").URIRef(seat), PROV.wasDerivedFrom)}
    assert any("/source/declaration/ciusss-mcq/" in s for s in sources)
    entry = staff.get("/historique.json").json()["entrees"][0]
    assert entry["genre"] == "modification d'une fiche" and entry["note"] == "heures confirmées"
    # Only what changed: the hours (and the value they replace), the seat's new source and that source's description.
    assert entry["triplets_retires"] <= 1 and entry["triplets_ajoutes"] <= 6, entry
    undone = staff.post(f"/historique/{entry['id']}/annuler", data={"csrf": staff.csrf}, follow_redirects=False)
    assert undone.status_code == 303
    assert _state(staff_store) == before


def test_a_partner_cannot_open_another_organisations_form_nor_the_upload_page(partner):
    assert partner.get("/acteurs/mrc-maskinonge/modifier").status_code == 403
    form = _form(partner, f"/acteurs/{PARTNER_ORG}/modifier")
    assert partner.post("/acteurs/mrc-maskinonge/modifier", data=form).status_code == 403
    assert partner.get("/televersement").status_code == 403
    assert partner.get("/instances/conseil-des-partenaires/modifier").status_code == 403


def test_a_wrong_value_is_refused_with_its_reason_and_nothing_is_written(staff, staff_store):
    before = _state(staff_store)
    form = _form(staff, f"/acteurs/{PARTNER_ORG}/modifier")
    form["s0-hoursPerYear"] = ["beaucoup"]
    form["a-prefLabel"] = [""]
    response = staff.post(f"/acteurs/{PARTNER_ORG}/modifier", data=form)
    assert response.status_code == 422
    assert "Un nombre, par exemple 24" in response.text and "Ce champ est obligatoire" in response.text
    assert _state(staff_store) == before


def test_staff_add_a_seat_found_by_its_name_and_remove_it(staff, staff_store):
    form = _form(staff, f"/acteurs/{PARTNER_ORG}/modifier")
    form["n-organization"] = ["table des élus de la mauricie"]
    form["n-role"] = ["https://w3id.org/ecosysteme/vocab/roles/membre"]
    assert staff.post(f"/acteurs/{PARTNER_ORG}/modifier", data=form, follow_redirects=False).status_code == 303
    seats = set(staff_store.graph().subjects(ORG.member, actor_iri(PARTNER_ORG)))
    assert any("table-des-elus" in str(s) for s in seats), seats


def test_staff_create_a_revision_from_the_browser(staff):
    response = staff.post(
        "/revisions", data={"csrf": staff.csrf, "nom": "bilan-navigateur", "note": "essai"}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"].startswith("/revisions/bilan-navigateur")
    assert staff.get("/revisions/bilan-navigateur.json").json()["revision"]["note"] == "essai"
    assert 'action="/revisions' in staff.get("/historique").text
