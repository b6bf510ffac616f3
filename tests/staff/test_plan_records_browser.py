"""Recording what happens to the plan in Debian's chromium: staff record six ABC workshops through the form and the
dashboard's JSON, at a fixed day, goes from 2/6 « en bonne voie » to 6/6 « atteint »; axe-core on the new forms at
phone (390×844) and desktop sizes, in French and English.

``ECOSYSTEM_GUIDE_SCREENSHOTS=docs/guide`` keeps the screenshots the staff guide shows."""

from __future__ import annotations

import pytest

from ecosystem.namespaces import DCTERMS, ID, ORG, PROV, SKOS
from ecosystem.queries import plan_graph
from tests.serving import served

from .conftest import STAFF
from .test_staff_browser import Shots, _axe, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ABC = ID["plan/2024-2028/axe/concertation/indicateur/abc"]
SATISFACTION = ID["plan/2024-2028/axe/accompagnement/indicateur/satisfaction-soutien"]
DAY = "2025-06-30"
MEMBER = "CIUSSS de la Mauricie-et-du-Centre-du-Québec"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
FORMS = (
    "/suivi",
    "/suivi/evenement/nouveau",
    "/suivi/observation/nouveau",
    "/suivi/livrables/concertation/depot-plan-action",
    "/suivi/evenement/atelier-abc-developpement-social/modifier",
)


@pytest.fixture(scope="module")
def staff_server(staff_app):
    with served(staff_app) as base:
        yield base


def _page(browser, base: str, viewport: dict):
    context = browser.new_context(viewport=viewport, locale="fr-CA", device_scale_factor=1, bypass_csp=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _sign_in(page, base, STAFF)
    return context, page, errors


def _fr(graph, node) -> str:
    return next(str(o) for o in graph.objects(node, SKOS.prefLabel) if getattr(o, "language", None) == "fr")


def _abc(page, base: str) -> dict:
    data = page.request.get(f"{base}/tableau-de-bord.json?jour={DAY}").json()
    return next(i for axis in data["axes"] for i in axis["indicators"] if i["iri"] == str(ABC))


def _record_workshop(page, base: str, day: str, participant: str, part: str, shots: Shots | None = None) -> None:
    page.goto(f"{base}/suivi")
    page.get_by_role("link", name="Enregistrer un événement").click()
    page.wait_for_url("**/suivi/evenement/nouveau**")
    page.get_by_label("Nom").fill("Atelier sur l'ABC du développement social")
    page.get_by_label("Type d'événement").select_option(label="Atelier")
    page.get_by_label("Jour où il s'est tenu").fill(day)
    page.locator("#r-wasAssociatedWith-0").fill(participant)
    page.locator("#r-relation-0").fill(part)
    page.get_by_label("Source : adresse du document").fill("https://exemple.org/compte-rendu-atelier")
    if shots is not None:
        page.screenshot(path=str(shots.folder / "suivi-evenement.png"), full_page=True)
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/suivi?**enregistre=evenement**")


def test_six_workshops_through_the_form_move_the_abc_indicator_from_two_to_six_of_six(
    browser, staff_server, staff_store, tmp_path
):
    shots = Shots(tmp_path)
    graph = plan_graph(staff_store)
    concertations = sorted(graph.objects(ABC, DCTERMS.relation), key=str)
    with_members = [c for c in concertations if any(True for _ in graph.subjects(ORG.organization, c))][:2]
    part = f"Indicateur : {_fr(graph, ABC)}"
    context, page, errors = _page(browser, staff_server, PHONE)
    assert _abc(page, staff_server)["status"] == "no-data"
    # Two workshops, each attended by an organisation sitting on one of two local concertations, picked by its name.
    for n, concertation in enumerate(with_members):
        member = sorted(graph.value(m, ORG.member) for m in graph.subjects(ORG.organization, concertation))[0]
        name = next(str(o) for o in staff_store.graph().objects(member, SKOS.prefLabel))
        _record_workshop(page, staff_server, f"2025-03-1{n}", name, part, shots if n == 0 else None)
    assert page.get_by_role("status").inner_text().startswith("L'événement est enregistré.")
    abc = _abc(page, staff_server)
    assert (abc["value"], abc["status"]) == (33.3, "on-track")  # 2/6 « en bonne voie » on 2025-06-30
    for n, concertation in enumerate(c for c in concertations if c not in with_members):
        _record_workshop(page, staff_server, f"2025-05-1{n}", _fr(graph, concertation), part)
    abc = _abc(page, staff_server)
    assert (abc["value"], abc["status"], abc["met"]) == (100.0, "met", True)  # 6/6 « atteint »
    page.goto(f"{staff_server}/suivi")
    page.screenshot(path=str(shots.folder / "suivi.png"))
    assert not errors
    context.close()


def test_a_refused_participant_is_flagged_in_the_form(browser, staff_server):
    context, page, _ = _page(browser, staff_server, PHONE)
    page.goto(f"{staff_server}/suivi/evenement/nouveau")
    page.get_by_label("Nom").fill("Atelier refusé")
    page.get_by_label("Type d'événement").select_option(label="Atelier")
    page.locator("#r-wasAssociatedWith-0").fill("Organisme inconnu du graphe")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("alert").wait_for()
    assert "« Organisme inconnu du graphe » n'est pas connu" in page.locator("#r-wasAssociatedWith-erreur").inner_text()
    assert page.locator("#r-wasAssociatedWith-0").input_value() == "Organisme inconnu du graphe"
    assert not _axe(page)
    context.close()


def test_an_observation_through_the_form_and_a_screenshot_of_it(browser, staff_server, tmp_path):
    shots = Shots(tmp_path)
    context, page, _ = _page(browser, staff_server, PHONE)
    page.goto(f"{staff_server}/suivi/observation/nouveau")
    page.get_by_label("Indicateur").select_option(str(SATISFACTION))
    page.get_by_label("Valeur observée").fill("72,5")
    page.locator("#r-date").fill("2025-04-15")
    page.get_by_label("Source : adresse du document").fill("https://exemple.org/sondage-printemps-2025")
    page.screenshot(path=str(shots.folder / "suivi-observation.png"), full_page=True)
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/suivi?**enregistre=observation**")
    data = page.request.get(f"{staff_server}/tableau-de-bord.json?jour={DAY}").json()
    indicator = next(i for axis in data["axes"] for i in axis["indicators"] if i["iri"] == str(SATISFACTION))
    assert (indicator["value"], indicator["method"]) == (72.5, "observation")
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["telephone", "bureau"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_follow_up_forms_pass_axe(browser, staff_server, viewport, lang):
    context, page, errors = _page(browser, staff_server, viewport)
    for path in FORMS:
        page.goto(f"{staff_server}{path}?lang={lang}")
        assert page.locator("main").count() == 1
        assert not _axe(page), path
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, overflow)  # nothing wider than the phone
    assert not errors
    context.close()


def test_an_event_corrected_from_its_edit_action_with_one_more_participant_row(
    browser, staff_server, staff_store, tmp_path
):
    """« Modifier » opens the recorded event pre-filled; « Ajouter un participant » adds a row (what was typed
    stays, the new row has the focus); saving writes the correction, which the hub then shows."""
    shots = Shots(tmp_path)
    context, page, errors = _page(browser, staff_server, PHONE)
    page.goto(f"{staff_server}/suivi")
    page.get_by_role("link", name="Modifier : Rendez-vous du développement social").click()
    page.wait_for_url("**/suivi/evenement/rendez-vous-developpement-social/modifier**")
    assert page.get_by_label("Nom").input_value() == "Rendez-vous du développement social"
    assert page.locator("#r-relation-0").input_value().startswith("Stratégie : ")
    page.get_by_label("Jour où il s'est tenu").fill("2025-10-21")
    page.locator("#r-wasAssociatedWith-0").fill("Alliance pour la solidarité")
    assert page.locator("#r-wasAssociatedWith-1").count() == 0
    page.get_by_role("button", name="Ajouter un participant").click()
    page.locator("#r-wasAssociatedWith-1").wait_for()
    assert page.evaluate("document.activeElement.id") == "r-wasAssociatedWith-1"
    assert page.locator("#r-wasAssociatedWith-0").input_value() == "Alliance pour la solidarité"
    assert page.get_by_label("Jour où il s'est tenu").input_value() == "2025-10-21"
    assert not _axe(page)
    page.screenshot(path=str(shots.folder / "suivi-modifier.png"), full_page=True)
    page.locator("#r-wasAssociatedWith-1").fill(MEMBER)
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/suivi?**enregistre=evenement-modifie**")
    assert page.get_by_role("status").inner_text().startswith("La correction de l'événement est enregistrée.")
    assert "21 octobre 2025" in page.locator("ul.records").first.inner_text()
    event = ID["evenement/rendez-vous-developpement-social"]
    took_part = set(staff_store.graph().objects(event, PROV.wasAssociatedWith))
    assert took_part == {ID["instance/alliance-pour-la-solidarite"], ID["acteur/ciusss-mcq"]}
    page.screenshot(path=str(shots.folder / "suivi-liste.png"), full_page=True)
    assert not errors
    context.close()


def test_enter_in_a_box_saves_the_record_rather_than_adding_a_row(browser, staff_server, staff_store):
    context, page, errors = _page(browser, staff_server, PHONE)
    page.goto(f"{staff_server}/suivi/evenement/nouveau")
    page.get_by_label("Type d'événement").select_option(label="Atelier")
    page.get_by_label("Jour où il s'est tenu").fill("2025-11-04")
    page.get_by_label("Nom").fill("Atelier enregistré par la touche Entrée")
    page.get_by_label("Nom").press("Enter")
    page.wait_for_url("**/suivi?**enregistre=evenement**")
    assert (ID["evenement/atelier-enregistre-par-la-touche-entree-2025-11-04"], None, None) in staff_store.graph()
    assert not errors
    context.close()
