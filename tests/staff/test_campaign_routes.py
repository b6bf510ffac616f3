"""A confirmation campaign over the Mauricie data, through the routes: links, answers, review, the store after.

The organisation's form is sent as a browser sends it (its pre-filled fields, read from the page).
"""

from __future__ import annotations

import csv
import datetime
import io
import re

import openpyxl
import pytest
from rdflib import Literal, URIRef

from ecosystem.accounts import state_dir
from ecosystem.campaign.storage import Campaigns
from ecosystem.facts import to_confirm
from ecosystem.journal import Author
from ecosystem.namespaces import DCTERMS, ECO, ORG, PROV, RDF, SKOS, XSD, actor_iri, concept_iri
from ecosystem.projection import build_projection
from ecosystem.writes import Change

from .formdata import form_fields

ORGANISATION, OTHER = "mrc-maskinonge", "mrc-mekinac"
TODAY = datetime.date.today()


def start(staff, name: str = "Révision essai") -> int:
    response = staff.post(
        "/equipe/campagnes",
        data={
            "nom": name,
            "contact": "info@consortium.example",
            "fin": (TODAY + datetime.timedelta(days=30)).isoformat(),
            "csrf": staff.csrf,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return int(re.search(r"/equipe/campagnes/(\d+)", response.headers["location"]).group(1))


def address(settings, campaign_id: int, organisation: str) -> str:
    campaigns = Campaigns(state_dir(settings))
    link = next(link for link in campaigns.links(campaign_id) if link.organisation == str(actor_iri(organisation)))
    return f"/confirmer/{organisation}/{campaigns.token(link)}"


def sent_form(client, url: str) -> dict[str, list[str]]:
    page = client.get(url)
    assert page.status_code == 200, page.text
    data: dict[str, list[str]] = {}
    for name, value in form_fields(page.text, "/confirmer/"):
        data.setdefault(name, []).append(value)
    return data


def seat_index(data: dict, instance: str) -> str:
    return next(
        k.split("-")[0] for k, v in data.items() if k.endswith("-iri") and v[0].endswith(f"/{instance}/{ORGANISATION}")
    )


def confirmed_on(store) -> set[str]:
    return {str(row["s"]) for row in store.select(f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s <{ECO.confirmedOn}> ?d }} }}")}


@pytest.fixture(scope="module")
def answered(staff, anonymous, staff_settings, staff_store):
    """A campaign, and MRC de Maskinongé's answer: a role corrected, hours added, a seat removed, a new instance."""
    campaign_id = start(staff)
    url = address(staff_settings, campaign_id, ORGANISATION)
    data = sent_form(anonymous, url)
    role, hours, removed = (
        seat_index(data, i)
        for i in ("table-des-elus-mauricie", "comite-directeur-consortium", "concertation-locale-maskinonge")
    )
    data[f"{role}-role"] = [str(concept_iri("roles", "porteur"))]
    data[f"{hours}-heures"] = ["30"]
    data[f"{removed}-retirer"] = ["1"]
    data |= {
        "p-nom": ["Table de concertation en essai"],
        "p-territoire": ["https://w3id.org/ecosysteme/id/territoire/maskinonge"],
        "commentaire": ["Nos sièges à jour."],
    }
    response = anonymous.post(url, data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    return (
        campaign_id,
        url,
        data,
        {"role": data[f"{role}-iri"][0], "hours": data[f"{hours}-iri"][0], "removed": data[f"{removed}-iri"][0]},
    )


def _items(settings, campaign_id: int) -> dict[str, int]:
    found = {}
    for item in Campaigns(state_dir(settings)).items(campaign_id):
        key = item.change.get("field") or item.change["kind"]
        found[key] = item.id
    return found


def test_accepted_changes_and_only_they_reach_the_store_with_their_provenance(
    staff, staff_settings, staff_store, answered
):
    campaign_id, _, _, seats = answered
    items = _items(staff_settings, campaign_id)
    assert set(items) == {"roles", "hours", "retirer", "proposer", "confirmer"}
    before = confirmed_on(staff_store)
    review = staff.get(f"/equipe/campagnes/{campaign_id}/revue")
    assert "Siège à Table des élus de la Mauricie — rôle" in review.text and "https://w3id.org" not in re.sub(
        r'value="[^"]*"|href="[^"]*"|action="[^"]*"', "", review.text
    )
    for key, decision in (("roles", "accepter"), ("hours", "accepter"), ("retirer", "rejeter")):
        response = staff.post(
            f"/equipe/campagnes/{campaign_id}/revue/{items[key]}",
            data={"decision": decision, "csrf": staff.csrf},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
    role, hours = URIRef(seats["role"]), URIRef(seats["hours"])
    day = Literal(TODAY.isoformat(), datatype=XSD.date)
    graph = staff_store.graph()
    assert set(graph.objects(role, ORG.role)) == {concept_iri("roles", "porteur")}
    assert graph.value(hours, ECO.hoursPerYear) == Literal("30", datatype=XSD.decimal)
    assert graph.value(role, ECO.confirmedOn) == day and graph.value(hours, ECO.confirmedOn) == day
    assert all((seat, RDF.type, ORG.Membership) in graph for seat in (role, hours))  # still seats, counted as such
    assert len(build_projection(staff_store).two_mode[str(actor_iri(ORGANISATION))]) == 6
    assert confirmed_on(staff_store) - before == {seats["role"], seats["hours"]}
    source = next(s for s in graph.objects(role, PROV.wasDerivedFrom) if "declaration" in str(s))
    assert str(graph.value(source, DCTERMS.title)) == f"Déclaré par MRC de Maskinongé le {TODAY.isoformat()}"
    assert (URIRef(seats["removed"]), ORG.member, actor_iri(ORGANISATION)) in graph  # rejected: the seat stays
    assert not list(
        graph.subjects(SKOS.prefLabel, Literal("Table de concertation en essai", lang="fr"))
    )  # still waiting
    entries = [e for e in staff.app.state.writes.journal.entries(limit=10) if e.kind == "campagne"]
    assert len(entries) == 2 and all(e.author.organisation == str(actor_iri(ORGANISATION)) for e in entries)
    again = staff.post(
        f"/equipe/campagnes/{campaign_id}/revue/{items['retirer']}", data={"decision": "accepter", "csrf": staff.csrf}
    )
    assert (
        again.status_code == 200
        and (URIRef(seats["removed"]), ORG.member, actor_iri(ORGANISATION)) in staff_store.graph()
    )
    history = staff.get("/historique").text
    assert "campagne de confirmation" in history


def test_progress_counts_answers_and_facts_by_territory(staff, staff_settings, answered):
    campaign_id = answered[0]
    page = staff.get(f"/equipe/campagnes/{campaign_id}").text
    row = re.search(r"<th scope=\"row\">Maskinongé</th>(.*?)</tr>", page, re.S).group(1)
    cells = re.findall(r"<td>([^<]*)</td>", row)
    assert cells[0].startswith("1 / ")
    total = re.search(r"<tfoot>(.*?)</tfoot>", page, re.S).group(1)
    assert re.findall(r"<td>([^<]*)</td>", total)[0].startswith("1 / ")


def test_a_link_opens_only_its_own_organisation(anonymous, staff, staff_settings, answered):
    campaign_id, url, data, _ = answered
    other = address(staff_settings, campaign_id, OTHER)
    token = url.rsplit("/", 1)[1]
    assert anonymous.get(f"/confirmer/{OTHER}/{token}").status_code == 403
    assert anonymous.post(f"/confirmer/{OTHER}/{token}", data=data).status_code == 403
    forged = sent_form(anonymous, other)
    forged["s0-iri"] = [data["s0-iri"][0]]  # B's form naming one of A's seats
    response = anonymous.post(other, data=forged)
    assert response.status_code == 403 and "autre organisation" in response.text
    without_guard = {k: v for k, v in sent_form(anonymous, other).items() if k != "csrf"}
    assert anonymous.post(other, data=without_guard).status_code == 403
    assert anonymous.get(f"/confirmer/{ORGANISATION}/pas-un-jeton").status_code == 404
    page = anonymous.get(other)
    assert "no-store" in page.headers["cache-control"] and "noindex" in page.headers["x-robots-tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in page.text
    english = anonymous.get(other + "?lang=en").text
    assert (
        "Your seats" in english and "Send my answer" in english and "Vos sièges" not in english and "Member" in english
    )
    assert (
        "MRC de Mékinac" in page.text
        and "MRC de Maskinongé" not in page.text.split("<main")[1].split("liste-instances")[0]
    )


def test_an_answer_is_received_once(anonymous, answered):
    url = answered[1]
    page = anonymous.get(url)
    assert page.status_code == 200 and "Merci" in page.text and "info@consortium.example" in page.text
    assert "csrf" not in page.text


def test_an_unknown_instance_is_refused_with_a_way_forward(anonymous, staff, staff_settings, answered):
    other = address(staff_settings, answered[0], OTHER)
    data = sent_form(anonymous, other) | {"n0-instance": ["Table qui n'existe pas"], "n1-instance": ["habitation"]}
    response = anonymous.post(other, data=data)
    assert response.status_code == 422
    assert "proposez-la plus bas comme nouvelle instance" in response.text.replace("&#39;", "'")
    search = anonymous.get(other + "/instances?q=elus mauricie").json()
    assert search == [{"nom": "Table des élus de la Mauricie"}]


def test_an_ended_campaign_says_so_and_how_to_reach_the_consortium(anonymous, staff, staff_settings):
    campaign_id = start(staff, "Campagne close")
    url = address(staff_settings, campaign_id, OTHER)
    assert anonymous.get(url).status_code == 200
    assert (
        staff.post(
            f"/equipe/campagnes/{campaign_id}/clore", data={"csrf": staff.csrf}, follow_redirects=False
        ).status_code
        == 303
    )
    page = anonymous.get(url)
    assert page.status_code == 410 and "Le lien a expiré" in page.text and "info@consortium.example" in page.text
    assert anonymous.post(url, data={"csrf": "x"}).status_code == 410


def test_the_links_export_for_a_mail_merge(staff, staff_settings, answered):
    campaign_id = answered[0]
    text = staff.get(f"/equipe/campagnes/{campaign_id}/liens.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [
        "Organisation",
        "Territoire",
        "Lien personnel",
        "Date limite",
        "Réponse reçue le",
        "Pour joindre le Consortium",
    ]
    links = Campaigns(state_dir(staff_settings)).links(campaign_id)
    assert len(rows) - 1 == len(links) > 20
    maskinonge = next(r for r in rows if r[0] == "MRC de Maskinongé")
    assert maskinonge[2].endswith(answered[1]) and maskinonge[4]
    book = openpyxl.load_workbook(io.BytesIO(staff.get(f"/equipe/campagnes/{campaign_id}/liens.xlsx").content))
    assert [c.value for c in book["liens"][1]] == rows[0] and book["liens"].max_row == len(rows)


def test_campaigns_are_for_staff_only(anonymous, partner, answered):
    assert anonymous.get("/equipe/campagnes", headers={"accept": "application/json"}).status_code == 401
    assert partner.get("/equipe/campagnes").status_code == 403
    assert (
        partner.post(
            "/equipe/campagnes", data={"nom": "x", "contact": "y", "fin": "2030-01-01", "csrf": partner.csrf}
        ).status_code
        == 403
    )
    assert (
        anonymous.get(f"/equipe/campagnes/{answered[0]}/liens.csv", headers={"accept": "text/csv"}).status_code == 401
    )


def test_a_seat_added_a_new_instance_a_mandate_and_the_confirmations_once_accepted(
    anonymous, staff, staff_settings, staff_store
):
    campaign_id = start(staff, "Campagne complète")
    url = address(staff_settings, campaign_id, OTHER)
    data = sent_form(anonymous, url) | {
        "n0-instance": ["Comite local en developpement social de la MRC de Maskinonge"],
        "n0-role": [str(concept_iri("roles", "observateur"))],
        "n0-heures": ["12,5"],
        "n0-depuis": ["2024-09-01"],
        "p-nom": ["Table mékinacoise en essai"],
        "p-territoire": ["https://w3id.org/ecosysteme/id/territoire/mekinac"],
        "p-role": [str(concept_iri("roles", "porteur"))],
        "p-enjeux": ["https://w3id.org/ecosysteme/vocab/enjeux/habitation"],
        "secteur": [
            "https://w3id.org/ecosysteme/vocab/secteurs/municipal",
            "https://w3id.org/ecosysteme/vocab/secteurs/communautaire",
        ],
    }
    assert anonymous.post(url, data=data, follow_redirects=False).status_code == 303
    items = _items(staff_settings, campaign_id)
    assert set(items) == {"ajouter", "proposer", "sectors", "confirmer"}
    review = staff.get(f"/equipe/campagnes/{campaign_id}/revue").text
    assert "Accepter tout ce qui reste" in review
    response = staff.post(
        f"/equipe/campagnes/{campaign_id}/accepter-tout",
        data={"organisation": str(actor_iri(OTHER)), "csrf": staff.csrf},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert all(item.decision == "acceptee" for item in Campaigns(state_dir(staff_settings)).items(campaign_id))
    graph, actor, day = staff_store.graph(), actor_iri(OTHER), Literal(TODAY.isoformat(), datatype=XSD.date)
    seat = URIRef("https://w3id.org/ecosysteme/id/participation/concertation-locale-maskinonge/mrc-mekinac")
    assert graph.value(seat, ECO.hoursPerYear) == Literal("12.5", datatype=XSD.decimal) and graph.value(
        seat, ECO.startDate
    ) == Literal("2024-09-01", datatype=XSD.date)
    assert graph.value(seat, ORG.member) == actor and graph.value(seat, ECO.confirmedOn) == day
    table = next(graph.subjects(SKOS.prefLabel, Literal("Table mékinacoise en essai", lang="fr")))
    assert graph.value(table, ECO.confirmedOn) == day and graph.value(table, ORG.purpose) is not None
    assert any(graph.value(m, ORG.member) == actor for m in graph.subjects(ORG.organization, table))
    assert set(graph.objects(actor, ECO.sector)) == {
        concept_iri("secteurs", "municipal"),
        concept_iri("secteurs", "communautaire"),
    }
    seats = [m for m in graph.subjects(ORG.member, actor)]
    assert all(graph.value(m, ECO.confirmedOn) == day and (m, RDF.type, ORG.Membership) in graph for m in seats)
    assert graph.value(actor, ECO.confirmedOn) == day and (actor, RDF.type, ECO.Actor) in graph
    projection = build_projection(staff_store)
    assert len(projection.two_mode[str(actor)]) == len(seats)
    assert not [f for f in to_confirm(projection) if f.actor == str(actor)]  # off the list of facts to confirm
    page = staff.get(f"/instances/{str(table).rsplit('/', 1)[1]}")
    assert page.status_code == 200 and "MRC de Mékinac" in page.text
    assert staff.app.state.writes.journal.entries(limit=1)[0].kind == "campagne"


def test_a_proposed_instance_that_already_exists_is_refused_with_the_reason(
    anonymous, staff, staff_settings, staff_store
):
    campaign_id = start(staff, "Campagne doublon")
    url = address(staff_settings, campaign_id, "mrc-des-chenaux")
    refused = anonymous.post(url, data=sent_form(anonymous, url) | {"p-nom": ["table des élus de la mauricie"]})
    assert refused.status_code == 422 and "déjà sur la carte" in refused.text
    # Its old name, or its name as the graph writes it after the answer was sent: refused when staff accept.
    assert (
        anonymous.post(
            url,
            data=sent_form(anonymous, url) | {"p-nom": ["Table  des Élus de la Mauricie (nouvelle)"]},
            follow_redirects=False,
        ).status_code
        == 303
    )
    old_name = (
        URIRef("https://w3id.org/ecosysteme/id/instance/table-des-elus-mauricie"),
        SKOS.altLabel,
        Literal("Table des élus de la Mauricie (nouvelle)", lang="fr"),
    )
    staff.app.state.writes.write(Change.from_apply(add=[old_name]), Author(None, None, "ligne de commande"), "edition")
    before = len(staff_store.graph())
    response = staff.post(
        f"/equipe/campagnes/{campaign_id}/revue/{_items(staff_settings, campaign_id)['proposer']}",
        data={"decision": "accepter", "csrf": staff.csrf},
    )
    assert response.status_code == 409 and "existe déjà" in response.text
    assert len(staff_store.graph()) == before
    assert (
        Campaigns(state_dir(staff_settings)).items(campaign_id)[0].decision is None
    )  # still to decide: reject it, or write to them
