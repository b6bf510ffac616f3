"""The plan's pages in Debian's chromium: the dashboard's charts draw, a drill-down opens its facts,
the annual report prints; axe-core finds nothing serious, in French and in English."""

from __future__ import annotations

import pytest
from ecosystem.api.main import create_app
from rdflib import Literal, URIRef

from ecosystem.loading import load_paths
from ecosystem.namespaces import DCTERMS, ECO, ID, PROV, RDF, SKOS, XSD, concept_iri
from ecosystem.settings import Settings
from ecosystem.store import EmbeddedStore
from tests.serving import served

pytestmark = pytest.mark.browser

ABC = ID["plan/2024-2028/axe/concertation/indicateur/abc"]
CONCERTATIONS = ("comite-local-developpement-social-haut-saint-maurice", "comite-developpement-social-des-chenaux")


def _workshops(path):
    triples = []
    for n, (slug, day) in enumerate(zip(CONCERTATIONS, ("2024-11-05", "2025-03-12"), strict=True)):
        event = ID[f"evenement/essai-abc-{n}"]
        triples += [
            (event, RDF.type, ECO.Event),
            (event, SKOS.prefLabel, Literal(f"Atelier ABC {n + 1}", lang="fr")),
            (event, ECO.eventType, concept_iri("types-evenement", "atelier")),
            (event, PROV.startedAtTime, Literal(day, datatype=XSD.date)),
            (event, DCTERMS.relation, ABC),
            (event, PROV.wasAssociatedWith, ID[f"instance/{slug}"]),
            (event, PROV.wasDerivedFrom, URIRef("https://example.org/compte-rendu")),
        ]
    path.write_text("\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def plan_server(tmp_path_factory, mauricie_path):
    folder = tmp_path_factory.mktemp("plan")
    store = EmbeddedStore(folder / "store")
    assert load_paths(store, [mauricie_path]).report.conforms
    assert load_paths(store, [_workshops(folder / "ateliers.ttl")]).written
    with served(create_app(Settings(store=folder / "unused"), store=store)) as base:
        yield base
    store.close()


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    return [
        f"{v['id']}: {v['help']}"
        for v in Axe().run(page).response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_dashboard_draws_its_chart_and_opens_the_facts(browser, plan_server, lang):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="fr-CA", bypass_csp=True
    )  # wait_for_function uses eval
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{plan_server}/tableau-de-bord?jour=2025-06-30&lang={lang}")
    row = page.locator("tr", has_text="ABC du développement social")
    drill = row.locator("details.drill")
    chart = drill.locator("svg.indicator-chart")
    assert not chart.is_visible()  # closed until asked
    drill.locator("summary").click()
    assert chart.is_visible() and chart.bounding_box()["width"] > 200
    assert chart.locator("circle").count() == 2  # one dot per workshop
    assert drill.locator("table tbody tr").count() == 2
    facts = drill.locator("ul.facts").inner_text()
    assert ("a pris part à un atelier" if lang == "fr" else "took part in a workshop") in facts
    assert row.locator(".status").inner_text().strip() == ("➚ en bonne voie" if lang == "fr" else "➚ on track")
    assert _serious(page) == [] and errors == []
    context.close()


def test_the_annual_report_page_prints(browser, plan_server, tmp_path):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-CA", bypass_csp=True
    )  # wait_for_function uses eval
    page = context.new_page()
    page.goto(f"{plan_server}/rapport-annuel?annee=2025")
    assert page.locator("h1").first.inner_text().startswith("Rapport annuel d'activités 2025")
    assert page.locator("article.report svg.indicator-chart").count() >= 1
    assert page.locator("article.report img").first.evaluate("img => img.complete && img.naturalWidth > 0")
    assert _serious(page) == []
    page.emulate_media(media="print")
    pdf = page.pdf(format="Letter")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    (tmp_path / "rapport-page.pdf").write_bytes(pdf)
    context.close()
