"""A campaign under way: its last day moved later, one organisation's link reopened after it answered, a campaign
started for some territories only; each told on the progress page. And an older state database brought up to date."""

from __future__ import annotations

import datetime
import re
import sqlite3

from ecosystem.accounts import state_dir
from ecosystem.accounts.db import SCHEMA_VERSION, connect
from ecosystem.campaign.storage import Campaigns
from ecosystem.formatting import date
from ecosystem.namespaces import actor_iri, territory_iri
from ecosystem.projection import build_projection

from .test_campaign_routes import ORGANISATION, OTHER, TODAY, address, sent_form, start


def _campaign(settings, campaign_id: int):
    return Campaigns(state_dir(settings)).get(campaign_id)


def _post(staff, path: str, data: dict):
    return staff.post(path, data={**data, "csrf": staff.csrf}, follow_redirects=False)


def test_a_campaign_is_extended_and_its_ended_links_answer_again(anonymous, staff, staff_settings):
    campaign_id = start(staff, "Campagne prolongée")
    url = address(staff_settings, campaign_id, OTHER)
    with connect(state_dir(staff_settings)) as db:  # its last day passed yesterday
        db.execute(
            "UPDATE campaigns SET expires = ? WHERE id = ?",
            (f"{TODAY - datetime.timedelta(days=1)}T23:59:59+00:00", campaign_id),
        )
    assert anonymous.get(url).status_code == 410
    earlier = _post(
        staff, f"/equipe/campagnes/{campaign_id}/prolonger", {"fin": (TODAY - datetime.timedelta(days=1)).isoformat()}
    )
    assert earlier.status_code == 422 and "après l'actuel" in earlier.text
    later = TODAY + datetime.timedelta(days=20)
    response = _post(staff, f"/equipe/campagnes/{campaign_id}/prolonger", {"fin": later.isoformat()})
    assert response.status_code == 303 and response.headers["location"].endswith("fait=prolongee#historique")
    assert _campaign(staff_settings, campaign_id).last_day == later
    assert anonymous.get(url).status_code == 200  # the same link answers again
    page = staff.get(f"/equipe/campagnes/{campaign_id}?fait=prolongee")
    assert page.headers["cache-control"] == "private, no-store"
    story = page.text.split('id="historique"')[1]
    assert f"dernier jour reporté du {date(TODAY - datetime.timedelta(days=1))} au {date(later)}" in story
    assert f"les liens répondent jusqu\u2019au {date(later.isoformat())}" in page.text
    english = staff.get(f"/equipe/campagnes/{campaign_id}?lang=en").text
    assert f"last day moved from {date(TODAY - datetime.timedelta(days=1), 'en')} to {date(later, 'en')}" in english
    assert _post(staff, f"/equipe/campagnes/{campaign_id}/clore", {}).status_code == 303
    closed = _post(
        staff, f"/equipe/campagnes/{campaign_id}/prolonger", {"fin": (later + datetime.timedelta(days=5)).isoformat()}
    )
    assert closed.status_code == 409 and _campaign(staff_settings, campaign_id).last_day == later


def test_a_link_reopened_after_its_answer_takes_a_new_answer_reviewed_like_the_first(anonymous, staff, staff_settings):
    campaign_id = start(staff, "Campagne rouverte")
    url = address(staff_settings, campaign_id, ORGANISATION)
    first = sent_form(anonymous, url)
    assert anonymous.post(url, data=first, follow_redirects=False).status_code == 303
    assert "Merci" in anonymous.get(url).text
    waiting = _post(staff, f"/equipe/campagnes/{campaign_id}/rouvrir", {"organisation": OTHER})
    assert waiting.status_code == 409  # never answered: nothing to reopen
    page = staff.get(f"/equipe/campagnes/{campaign_id}").text
    assert 'Rouvrir le lien<span class="visually-hidden"> : MRC de Maskinongé</span>' in page
    response = _post(staff, f"/equipe/campagnes/{campaign_id}/rouvrir", {"organisation": ORGANISATION})
    assert response.status_code == 303
    assert _post(staff, f"/equipe/campagnes/{campaign_id}/rouvrir", {"organisation": ORGANISATION}).status_code == 409
    page = staff.get(f"/equipe/campagnes/{campaign_id}?fait=rouvert").text
    assert "Le lien est rouvert" in page and "rouvert, en attente d\u2019une nouvelle réponse" in page
    assert "lien rouvert : MRC de Maskinongé" in page.split('id="historique"')[1]
    row = re.search(r"<tfoot>(.*?)</tfoot>", page, re.S).group(1)
    assert re.findall(r"<td>([^<]*)</td>", row)[0].startswith("0 / ")  # waiting again
    campaigns = Campaigns(state_dir(staff_settings))
    before = campaigns.items(campaign_id)
    assert before and all(item.change["kind"] == "confirmer" for item in before)
    assert "Le Consortium a rouvert votre lien" in anonymous.get(url).text
    second = sent_form(anonymous, url)  # the same link shows the form again, pre-filled
    seat = next(k.split("-")[0] for k in second if k.endswith("-iri") and k.startswith("s"))
    second[f"{seat}-heures"] = ["12"]
    assert anonymous.post(url, data=second, follow_redirects=False).status_code == 303
    assert "Merci" in anonymous.get(url).text
    after = campaigns.items(campaign_id)
    assert after[: len(before)] == before  # the first answer stays as it was
    new = after[len(before) :]
    assert {item.change.get("field") for item in new} >= {"hours"} and all(i.decision is None for i in new)
    review = staff.get(f"/equipe/campagnes/{campaign_id}/revue").text
    hours = next(i for i in new if i.change.get("field") == "hours")
    assert f'id="changement-{hours.id}"' in review
    accepted = _post(staff, f"/equipe/campagnes/{campaign_id}/revue/{hours.id}", {"decision": "accepter"})
    assert accepted.status_code == 303
    assert campaigns.items(campaign_id, hours.id)[0].decision == "acceptee"
    page = staff.get(f"/equipe/campagnes/{campaign_id}").text
    row = re.search(r"<tfoot>(.*?)</tfoot>", page, re.S).group(1)
    assert re.findall(r"<td>([^<]*)</td>", row)[0].startswith("1 / ")


def test_a_campaign_for_some_territories_invites_only_their_organisations(staff, staff_settings, staff_store):
    form = staff.get("/equipe/campagnes").text
    maskinonge = str(territory_iri("maskinonge"))
    assert f'name="territoire" value="{maskinonge}"' in form and "> Maskinongé</label>" in form
    assert "Organisations sans territoire connu" in form
    fields = {
        "nom": "Campagne Maskinongé",
        "contact": "info@consortium.example",
        "fin": (TODAY + datetime.timedelta(days=9)).isoformat(),
    }
    unknown = _post(staff, "/equipe/campagnes", {**fields, "territoire": ["https://exemple.org/ailleurs"]})
    assert unknown.status_code == 422
    response = _post(staff, "/equipe/campagnes", {**fields, "territoire": [maskinonge]})
    assert response.status_code == 303
    campaign_id = int(re.search(r"/equipe/campagnes/(\d+)", response.headers["location"]).group(1))
    links = Campaigns(state_dir(staff_settings)).links(campaign_id)
    invited = {link.organisation for link in links}
    assert str(actor_iri(ORGANISATION)) in invited and str(actor_iri(OTHER)) not in invited
    assert {link.territory for link in links} == {maskinonge}
    everyone = build_projection(staff_store).actors
    assert 0 < len(invited) < len(everyone)
    assert _campaign(staff_settings, campaign_id).territories == (maskinonge,)
    page = staff.get(f"/equipe/campagnes/{campaign_id}").text
    assert "Organisations invitées : celles de ces territoires — Maskinongé." in page
    assert (
        "Organisations invitées : toutes celles de la carte." in staff.get(f"/equipe/campagnes/{campaign_id - 1}").text
    )


_VERSION_1 = """
CREATE TABLE accounts (id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE);
CREATE TABLE journal (id INTEGER PRIMARY KEY, at TEXT NOT NULL);
CREATE TABLE campaigns (id INTEGER PRIMARY KEY, name TEXT NOT NULL, contact TEXT NOT NULL, created TEXT NOT NULL,
    created_by INTEGER, expires TEXT NOT NULL, closed TEXT);
CREATE TABLE campaign_links (id INTEGER PRIMARY KEY, campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    organisation TEXT NOT NULL, territory TEXT, facts INTEGER NOT NULL, nonce TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE, UNIQUE (campaign_id, organisation));
CREATE TABLE campaign_answers (id INTEGER PRIMARY KEY, link_id INTEGER NOT NULL UNIQUE REFERENCES campaign_links(id),
    at TEXT NOT NULL, comment TEXT, confirmed INTEGER NOT NULL, corrected INTEGER NOT NULL);
CREATE TABLE campaign_items (id INTEGER PRIMARY KEY, answer_id INTEGER NOT NULL REFERENCES campaign_answers(id),
    item TEXT NOT NULL, decision TEXT, decided TEXT, decided_by INTEGER, journal_entry INTEGER);
INSERT INTO campaigns VALUES (1, 'Ancienne', 'info@consortium.example', '2026-01-01T00:00:00+00:00', NULL,
    '2099-01-31T23:59:59+00:00', NULL);
INSERT INTO campaign_links VALUES (1, 1, 'https://w3id.org/ecosysteme/id/acteur/a', NULL, 2, 'n', 'h');
INSERT INTO campaign_answers VALUES (1, 1, '2026-01-02T00:00:00+00:00', 'ok', 2, 0);
INSERT INTO campaign_items VALUES (1, 1, '{"kind": "confirmer", "subjects": []}', NULL, NULL, NULL, NULL);
"""


def test_an_older_state_database_is_brought_up_to_date_with_its_rows(tmp_path):
    db = sqlite3.connect(tmp_path / "etat.sqlite")
    db.executescript(_VERSION_1)
    db.close()
    campaigns = Campaigns(tmp_path)
    link = campaigns.links(1)[0]
    assert link.answered == "2026-01-02T00:00:00+00:00" and link.confirmed == 2
    assert campaigns.items(1)[0].change == {"kind": "confirmer", "subjects": []}
    assert campaigns.reopen(link, None) and campaigns.links(1)[0].answered is None
    campaigns.answer(campaigns.links(1)[0], [{"kind": "confirmer", "subjects": ["x"]}], None)
    assert [i.answer_id for i in campaigns.items(1)] == [1, 2]
    assert campaigns.links(1)[0].confirmed == 1
    with connect(tmp_path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_actor_page_header_shows_the_organisation_s_own_confirmation(anonymous, staff, staff_settings):
    before = anonymous.get(f"/acteurs/{OTHER}").text
    assert "confirmé par l&#39;organisation le" not in before.split('<dl class="facts">')[0]
    campaign_id = start(staff, "Campagne en-tête")
    url = address(staff_settings, campaign_id, OTHER)
    assert anonymous.post(url, data=sent_form(anonymous, url), follow_redirects=False).status_code == 303
    campaigns = Campaigns(state_dir(staff_settings))
    confirm = next(i for i in campaigns.items(campaign_id) if i.change["kind"] == "confirmer")
    assert str(actor_iri(OTHER)) in confirm.change["subjects"]
    assert (
        _post(staff, f"/equipe/campagnes/{campaign_id}/revue/{confirm.id}", {"decision": "accepter"}).status_code == 303
    )
    header = anonymous.get(f"/acteurs/{OTHER}").text.split('<dl class="facts">')[0]
    assert f"confirmé par l&#39;organisation le {date(TODAY)}" in header
    english = anonymous.get(f"/acteurs/{OTHER}?lang=en").text.split('<dl class="facts">')[0]
    assert f"confirmed by the organisation on {date(TODAY, 'en')}" in english
    data = anonymous.get(f"/api/acteurs/{OTHER}").json()
    assert data["age"]["confirmee_le"] == TODAY.isoformat()
