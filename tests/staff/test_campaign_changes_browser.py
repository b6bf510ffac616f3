"""A campaign under way in Debian's chromium, at a phone's size: started for two territories by ticking them,
its last day moved later, one organisation's link reopened after it answered and answered again; the progress
page tells each change in words; once accepted, the organisation's page says it confirmed its record. axe-core finds nothing serious, phone and desktop, in French and English.

``ECOSYSTEM_GUIDE_SCREENSHOTS=docs/guide`` keeps the screenshots the staff guide shows."""

from __future__ import annotations

import datetime
import re

import pytest

from tests.serving import served

from .conftest import STAFF
from .test_campaign_browser import PHONE, _axe_both, _context, _link
from .test_staff_browser import Shots, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(staff_app):
    with served(staff_app) as base:
        yield base


def test_a_campaign_for_two_territories_extended_and_one_link_reopened(browser, server, tmp_path):
    shots = Shots(tmp_path)
    staff = _context(browser, PHONE)
    page = staff.new_page()
    _sign_in(page, server, STAFF)
    page.goto(f"{server}/equipe/campagnes")
    page.get_by_label("Nom de la campagne").fill("Révision Maskinongé et Mékinac")
    page.get_by_label("Comment joindre le Consortium (affiché aux organisations)").fill("info@consortium.example")
    page.get_by_label("Maskinongé", exact=True).check()
    page.get_by_label("Mékinac", exact=True).check()
    assert not _axe_both(page)
    shots.take(page, "campagne-territoires")
    page.get_by_role("button", name="Lancer la campagne").click()
    page.wait_for_url(re.compile(r".*/equipe/campagnes/\d+.*"))
    assert "celles de ces territoires — Maskinongé, Mékinac." in page.locator("main").inner_text()
    names = page.locator("table.links tbody th").all_inner_texts()
    assert "MRC de Maskinongé" in names and "MRC de Mékinac" in names and "Ville de Shawinigan" not in names

    organisation = _context(browser, PHONE).new_page()  # the organisation: a fresh browser, no account
    link = _link(page, "MRC de Maskinongé")
    organisation.goto(link)
    organisation.get_by_role("button", name="Envoyer ma réponse").click()
    organisation.get_by_text("Merci").first.wait_for()

    page.reload()
    page.get_by_role("button", name="Rouvrir le lien : MRC de Maskinongé").click()
    page.get_by_role("status").wait_for()
    assert "Le lien est rouvert" in page.get_by_role("status").inner_text()
    last = page.get_by_label("Reporter le dernier jour au")
    later = datetime.date.fromisoformat(last.input_value()) + datetime.timedelta(days=14)
    last.fill(later.isoformat())
    page.get_by_role("button", name="Prolonger la campagne").click()
    page.wait_for_url("**fait=prolongee**")
    story = page.locator("ul.campaign-history").inner_text()
    assert "lien rouvert : MRC de Maskinongé" in story and "dernier jour reporté du" in story
    assert "rouvert, en attente d\u2019une nouvelle réponse" in page.locator("table.links").inner_text()
    assert not _axe_both(page)
    page.locator("#historique").scroll_into_view_if_needed()
    shots.take(page, "campagne-changements")
    page.goto(page.url.split("?")[0] + "?lang=en")
    assert "link reopened: Maskinongé Regional County Municipality" in page.locator("ul.campaign-history").inner_text()
    assert not _axe_both(page)

    organisation.goto(link)  # the same link: the form again, and a second answer
    organisation.get_by_role("button", name="Envoyer ma réponse").click()
    organisation.get_by_text("Merci").first.wait_for()
    page.goto(page.url.split("?")[0])
    row = page.locator("table.links tbody tr", has=page.locator("th", has_text=re.compile("^MRC de Maskinongé$")))
    assert "reçue le" in row.inner_text() and "en attente" not in row.inner_text()
    page.goto(page.url.split("?")[0] + "/revue")  # both answers' confirmations wait: accept them all
    assert not _axe_both(page)
    page.get_by_role("button", name="Accepter tout ce qui reste").first.click()
    page.wait_for_url("**fait=tout**")
    page.goto(f"{server}/equipe/campagnes?lang=en")
    assert "Organisations invited" in page.locator("main").inner_text() and not _axe_both(page)
    visitor = _context(browser, PHONE).new_page()  # the public page, no account
    visitor.goto(f"{server}/acteurs/mrc-maskinonge")
    header = visitor.locator("main p.fact-age").first.inner_text()
    assert header.startswith("confirmé par l'organisation le ") and re.search(r"\d{1,2} \w+ \d{4}$", header)
    assert not _axe_both(visitor)
    shots.take(visitor, "acteur-confirme")
    visitor.goto(f"{server}/acteurs/mrc-maskinonge?lang=en")
    assert visitor.locator("main p.fact-age").first.inner_text().startswith("confirmed by the organisation on ")
    assert not _axe_both(visitor)
    staff.close()
    organisation.context.close()
    visitor.context.close()
