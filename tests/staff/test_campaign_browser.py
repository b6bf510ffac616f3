"""A confirmation campaign end to end in Debian's chromium.

Staff start it; one organisation opens its link in a fresh browser (no account, a phone),
corrects a role, adds hours to one seat, removes one seat, proposes a new instance and sends;
staff accept two changes and reject one; the store then holds exactly the accepted changes,
with their provenance. One organisation's link neither reads nor sends another's; an ended
campaign's link says so. axe-core finds nothing serious on the new pages, phone and desktop.

``ECOSYSTEM_GUIDE_SCREENSHOTS=docs/guide`` keeps the screenshots the staff guide shows."""

from __future__ import annotations

import datetime
import re

import pytest
from rdflib import Literal, URIRef

from ecosystem.namespaces import DCTERMS, ECO, ORG, PROV, SKOS, XSD, actor_iri, concept_iri, membership_iri
from tests.serving import served

from .conftest import STAFF
from .test_staff_browser import Shots, _axe, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}
ORGANISATION, OTHER = "mrc-maskinonge", "mrc-mekinac"
NEW_INSTANCE = "Table de concertation proposée en essai"


@pytest.fixture(scope="module")
def server(staff_app):
    with served(staff_app) as base:
        yield base


def _context(browser, viewport):
    # bypass_csp: wait_for_function evaluates with eval, which the pages' policy forbids (test_csp_browser.py loads them under it).
    return browser.new_context(viewport=viewport, locale="fr-CA", device_scale_factor=1, bypass_csp=True)


def _axe_both(page) -> list[str]:
    """axe-core's serious and critical findings on this page at a phone's size, then on a desktop's."""
    found = []
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        found += [f"{size['width']}: {v}" for v in _axe(page)]
    page.set_viewport_size(PHONE)
    return found


def _start(page, server: str, name: str) -> str:
    page.goto(f"{server}/equipe/campagnes")
    page.get_by_label("Nom de la campagne").fill(name)
    page.get_by_label("Comment joindre le Consortium (affiché aux organisations)").fill(
        "developpement.social@consortium.example"
    )
    page.get_by_role("button", name="Lancer la campagne").click()
    page.wait_for_url(re.compile(r".*/equipe/campagnes/\d+.*"))
    return page.url


def _link(page, organisation: str) -> str:
    row = page.locator("table.links tbody tr", has=page.locator("th", has_text=re.compile(f"^{organisation}$")))
    return row.locator("a").get_attribute("href") or ""


def _seat(page, instance: str):
    return page.locator("fieldset.seat", has=page.locator("legend", has_text=re.compile(f"^{re.escape(instance)}$")))


def _answer(page, link: str, shots: Shots) -> None:
    """The organisation's answer, typed as a person would on a phone."""
    page.goto(link)
    page.get_by_role("heading", name="Vos sièges", exact=False).wait_for()
    shots.take(page, "campagne-formulaire")
    elus = _seat(page, "Table des élus de la Mauricie")
    elus.get_by_label("Membre", exact=True).uncheck()
    elus.get_by_text("Un autre rôle").click()  # the other roles wait behind « Un autre rôle »
    elus.get_by_label("Porteur / coordination").check()
    elus.scroll_into_view_if_needed()
    shots.take(page, "campagne-formulaire-siege")
    _seat(page, "Comité directeur du Consortium").get_by_label("Heures par an consacrées à ce siège").fill("30")
    _seat(page, "Comité local en développement social de la MRC de Maskinongé").get_by_label(
        "Nous n\u2019y siégeons plus"
    ).check()
    added = page.locator("#n0-instance")
    added.press_sequentially("elus mauri")  # the server's search fills the suggestions: accents and case aside
    page.wait_for_function(
        "() => [...document.querySelectorAll('#liste-instances option')].map(o => o.value).join('|') === 'Table des élus de la Mauricie'"
    )
    added.fill("")
    page.get_by_label("Son nom").fill(NEW_INSTANCE)
    page.get_by_label("Son territoire").select_option(label="Maskinongé")
    page.get_by_label("Son nom").scroll_into_view_if_needed()
    shots.take(page, "campagne-formulaire-nouvelle-instance")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    page.get_by_role("heading", name="Merci : votre réponse est reçue").wait_for()
    shots.take(page, "campagne-merci")


def _decide(page, what: str, decision: str) -> None:
    item = page.locator("article.review-item", has=page.locator("h3", has_text=what))
    item.get_by_role("button", name=decision).click()
    page.get_by_role("status").wait_for()


def test_a_campaign_from_start_to_review(browser, server, staff_store, tmp_path):
    shots = Shots(tmp_path)
    staff = _context(browser, PHONE).new_page()
    _sign_in(staff, server, STAFF)
    staff.goto(f"{server}/equipe/campagnes")
    assert not _axe_both(staff)
    campaign = _start(staff, server, "Révision de la cartographie — essai")
    shots.take(staff, "campagne-avancement")
    assert not _axe_both(staff)
    link, other = _link(staff, "MRC de Maskinongé"), _link(staff, "MRC de Mékinac")
    assert "/confirmer/mrc-maskinonge/" in link and "/confirmer/mrc-mekinac/" in other

    organisation = _context(browser, PHONE)
    page = organisation.new_page()
    page.goto(link)
    assert not _axe_both(page)
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    _answer(page, link, shots)
    assert not _axe_both(page)
    token = link.rsplit("/", 1)[1]
    assert page.request.get(f"{server}/confirmer/{OTHER}/{token}").status == 403  # A's token cannot open B's record
    assert page.request.post(f"{server}/confirmer/{OTHER}/{token}", form={"csrf": "x"}).status == 403
    page.goto(f"{server}/confirmer/{OTHER}/{token}")
    assert "autre organisation" in page.locator("main").inner_text()
    organisation.close()

    staff.goto(campaign.split("?")[0] + "/revue")
    assert not _axe_both(staff)
    _decide(staff, "Siège à Table des élus de la Mauricie — rôle", "Accepter")
    _decide(staff, "Siège à Comité directeur du Consortium — heures par an", "Accepter")
    _decide(staff, "Siège à Comité local en développement social de la MRC de Maskinongé", "Rejeter")
    shots.take(staff, "campagne-revue")
    assert not _axe_both(staff)
    _holds_exactly_the_accepted_changes(staff_store)
    staff.goto(f"{server}/acteurs/{ORGANISATION}")  # the pages say who confirmed what, and when
    said = staff.locator("main").inner_text().replace("\u2019", "'")
    assert said.count("confirmé par l'organisation le") == 2, said[:3000]


def _holds_exactly_the_accepted_changes(store) -> None:
    graph = store.graph()
    actor = actor_iri(ORGANISATION)
    elus, directeur, locale = (
        membership_iri(ORGANISATION, i)
        for i in ("table-des-elus-mauricie", "comite-directeur-consortium", "concertation-locale-maskinonge")
    )
    today = datetime.date.today().isoformat()
    assert set(graph.objects(elus, ORG.role)) == {concept_iri("roles", "porteur")}
    assert graph.value(directeur, ECO.hoursPerYear) == Literal("30", datatype=XSD.decimal)
    assert {str(s) for s in graph.subjects(ECO.confirmedOn, None)} == {str(elus), str(directeur)}
    assert all(graph.value(s, ECO.confirmedOn) == Literal(today, datatype=XSD.date) for s in (elus, directeur))
    for seat in (elus, directeur):
        source = next(s for s in graph.objects(seat, PROV.wasDerivedFrom) if "declaration" in str(s))
        assert str(graph.value(source, DCTERMS.title)) == f"Déclaré par MRC de Maskinongé le {today}"
    assert (locale, ORG.member, actor) in graph  # its removal was rejected
    assert not list(graph.subjects(SKOS.prefLabel, Literal(NEW_INSTANCE, lang="fr")))  # not decided yet: not in the map
    assert graph.value(URIRef(str(elus)), ORG.organization) is not None


def test_an_ended_campaign_link_says_so_with_a_way_out(browser, server, tmp_path):
    staff = _context(browser, DESKTOP).new_page()
    _sign_in(staff, server, STAFF)
    campaign = _start(staff, server, "Campagne à clore")
    link = _link(staff, "MRC de Mékinac")
    fresh = _context(browser, DESKTOP)
    page = fresh.new_page()
    page.goto(link)
    assert not _axe_both(page)  # the form itself, desktop and phone
    page.get_by_role("link", name="English").click()
    page.get_by_role("heading", name="Your seats", exact=False).wait_for()
    assert (
        "Send my answer" in page.locator("main").inner_text() and "Vos sièges" not in page.locator("main").inner_text()
    )
    Shots(tmp_path).take(page, "campagne-formulaire-en")
    assert not _axe_both(page)
    staff.goto(campaign)
    staff.get_by_role("button", name="Clore la campagne maintenant").click()
    staff.wait_for_load_state()
    response = page.goto(link)
    assert response is not None and response.status == 410
    text = page.locator("main").inner_text()
    assert "Le lien a expiré" in text and "developpement.social@consortium.example" in text
    Shots(tmp_path).take(page, "campagne-terminee")
    assert not _axe_both(page)
    fresh.close()
