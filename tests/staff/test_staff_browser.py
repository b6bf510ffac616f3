"""Staff and partners in Debian's chromium: sign in, upload with one error, fix, confirm, find the change on
the map and in the history; a partner edits its own seat and is refused elsewhere; undo; axe-core on every page.

``ECOSYSTEM_GUIDE_SCREENSHOTS=docs/guide`` keeps the screenshots the staff guide shows."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from ecosystem.ingest.export_tables import export_tables
from tests.serving import served

from .conftest import PARTNER, PARTNER_ORG, PASSWORD, STAFF

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NEW_ACTOR = "organisme-televerse-essai"


@pytest.fixture(scope="module")
def staff_server(staff_app):
    with served(staff_app) as base:
        yield base


class Shots:
    def __init__(self, folder: Path):
        self.folder = Path(os.environ.get("ECOSYSTEM_GUIDE_SCREENSHOTS") or folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def take(self, page, name: str) -> None:
        page.screenshot(path=str(self.folder / f"{name}.png"), full_page=False)


def _axe(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']}" for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
    ]


def _context(browser):
    # A phone-sized window: the people who keep the data up to date often do it on a phone.
    return browser.new_context(
        viewport={"width": 430, "height": 900}, locale="fr-CA", device_scale_factor=1, bypass_csp=True
    )  # wait_for_function uses eval (the policy: test_csp_browser.py)


def _sign_in(page, base: str, login: str) -> None:
    page.goto(f"{base}/connexion")
    page.get_by_label("Identifiant (courriel)").fill(login)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/compte")


def _workbook(store, folder: Path, hours: str) -> Path:
    """The Mauricie data in the spreadsheet template, with one new actor and its seat (hours as given)."""
    path = folder / "mauricie.xlsx"
    export_tables(store, path, "xlsx")
    book = openpyxl.load_workbook(path)
    actors, seats = book["acteurs"], book["participations"]
    headers = [str(c.value).rstrip("*") for c in actors[1]]
    row = {
        "id": NEW_ACTOR,
        "nom": "Organisme téléversé d'essai",
        "secteur": "communautaire",
        "territoire": "mauricie",
        "source": "https://exemple.org/essai",
    }
    actors.append([row.get(h, "") for h in headers])
    seat_headers = [str(c.value).rstrip("*") for c in seats[1]]
    seat = {
        "acteur": NEW_ACTOR,
        "instance": "conseil-des-partenaires",
        "role": "membre",
        "heures_par_an": hours,
        "source": "https://exemple.org/essai",
    }
    seats.append([seat.get(h, "") for h in seat_headers])
    book.save(path)
    return path


def test_staff_upload_fix_confirm_and_find_the_change(browser, staff_server, staff_store, tmp_path):
    shots = Shots(tmp_path)
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{staff_server}/connexion")
    shots.take(page, "connexion")
    assert not _axe(page)
    _sign_in(page, staff_server, STAFF)
    assert not _axe(page)
    page.goto(f"{staff_server}/televersement")
    assert not _axe(page)
    page.set_input_files("#fichiers", str(_workbook(staff_store, tmp_path, "beaucoup")))
    page.get_by_role("button", name="Vérifier les fichiers").click()
    problems = page.locator("ol.problems > li")
    problems.first.wait_for()
    assert problems.count() == 1
    cell = {
        name: problems.first.locator(f"dd.{name}").inner_text()
        for name in ("fichier", "feuille", "ligne", "colonne", "valeur", "correction")
    }
    assert (cell["fichier"], cell["feuille"], cell["valeur"]) == ("mauricie.xlsx", "participations", "beaucoup")
    assert int(cell["ligne"]) >= 2 and cell["colonne"].startswith("heures_par_an (") and "nombre" in cell["correction"]
    shots.take(page, "televersement-erreur")
    assert not _axe(page)
    page.set_input_files("#fichiers", str(_workbook(staff_store, tmp_path, "30")))
    page.get_by_role("button", name="Vérifier les fichiers").click()
    confirm = page.get_by_role("button", name="Confirmer l'import")
    confirm.wait_for()
    assert NEW_ACTOR in page.locator(".report").inner_text()
    shots.take(page, "televersement-rapport")
    assert not _axe(page)
    confirm.click()
    page.get_by_role("heading", name="Importé").wait_for()
    page.goto(f"{staff_server}/?focus=acteur/{NEW_ACTOR}")
    page.wait_for_function("window.ecoMap && window.ecoMap.ready", timeout=15_000)
    assert any(NEW_ACTOR in str(i) for i in page.evaluate("window.ecoMap.nodes.getIds()"))
    page.goto(f"{staff_server}/historique")
    first = page.locator("tbody tr").first
    assert "téléversement" in first.inner_text() and "l'équipe du Consortium" in first.inner_text()
    assert not _axe(page)
    page.goto(f"{staff_server}/equipe/comptes")
    shots.take(page, "comptes")
    assert not _axe(page)
    context.close()


def test_a_partner_edits_its_seat_is_refused_elsewhere_and_staff_undo(browser, staff_server, staff_store, tmp_path):
    shots = Shots(tmp_path)
    context = _context(browser)
    page = context.new_page()
    _sign_in(page, staff_server, PARTNER)
    page.goto(f"{staff_server}/acteurs/{PARTNER_ORG}")
    page.get_by_role("link", name="Modifier cette fiche").click()
    page.wait_for_url(f"**/acteurs/{PARTNER_ORG}/modifier**")
    assert not _axe(page)
    hours = page.locator("#s0-hoursPerYear")
    hours.fill("55")
    shots.take(page, "edition")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    assert "modifie=1" in page.url, page.locator("main").inner_text()[:1500]
    history = page.locator(".record-history").inner_text()
    assert "déclaré par" in history and PARTNER not in page.content()
    assert page.request.get(f"{staff_server}/acteurs/mrc-maskinonge/modifier").status == 403
    assert page.request.get(f"{staff_server}/televersement").status == 403
    context.close()

    staff_context = _context(browser)
    page = staff_context.new_page()
    _sign_in(page, staff_server, STAFF)
    page.goto(f"{staff_server}/historique")
    page.locator("tbody tr").first.get_by_role("button", name="Annuler cette modification").click()
    page.get_by_role("status").wait_for()
    shots.take(page, "annulation")
    assert not _axe(page)
    staff_context.close()
