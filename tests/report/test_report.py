"""The annual activity report: its figures are the dashboard's, it prints, and it speaks plain words.

The year and the days are fixed: nothing depends on today.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef

from ecosystem.loading import load_paths
from ecosystem.namespaces import DCTERMS, ECO, ID, ORG, PROV, RDF, SKOS, XSD, concept_iri
from ecosystem.paths import mauricie_dir
from ecosystem.report.annual import annual_report
from ecosystem.report.render import render_markdown
from ecosystem.revisions import create_revision
from ecosystem.settings import Settings
from ecosystem.store.base import CURRENT

ABC = ID["plan/2024-2028/axe/concertation/indicateur/abc"]
DELIVERABLE = ID["plan/2024-2028/axe/concertation/livrable/depot-plan-action"]
CODES = re.compile(r"https?://|\b(?:no-data|on-track|no-target|eco:|skos:|prov:|statuts-livrable|types-evenement)\b")


def _facts(path, triples):
    path.write_text("\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client(tmp_path_factory, mauricie_path):
    folder = tmp_path_factory.mktemp("rapport")
    app = create_app(Settings(store=folder / "store"))
    with TestClient(app) as client:
        store = app.state.store
        load_paths(store, [mauricie_path])
        create_revision(store, "bilan-2024", note="Bilan")  # made today: later than 2025, earlier than 2100
        event, source = ID["evenement/essai-abc-rapport"], URIRef("https://example.org/compte-rendu")
        load_paths(
            store,
            [
                _facts(
                    folder / "faits.ttl",
                    [
                        (event, RDF.type, ECO.Event),
                        (event, SKOS.prefLabel, Literal("Atelier ABC à La Tuque", lang="fr")),
                        (event, ECO.eventType, concept_iri("types-evenement", "atelier")),
                        (event, PROV.startedAtTime, Literal("2025-04-08", datatype=XSD.date)),
                        (event, DCTERMS.relation, ABC),
                        (
                            event,
                            PROV.wasAssociatedWith,
                            ID["instance/comite-local-developpement-social-haut-saint-maurice"],
                        ),
                        (event, PROV.wasDerivedFrom, source),
                        (DELIVERABLE, ECO.deliverableStatus, concept_iri("statuts-livrable", "realise")),
                        (DELIVERABLE, DCTERMS.date, Literal("2025-02-01", datatype=XSD.date)),
                        (DELIVERABLE, ECO.evidence, source),
                    ],
                )
            ],
        )
        yield client


def test_the_reports_figures_and_indicators_equal_the_dashboards_on_the_same_day(client):
    report = client.get("/rapport-annuel.json?annee=2025").json()
    dashboard = client.get("/tableau-de-bord.json?jour=2025-12-31").json()
    assert report["figures"] == dashboard["figures"]
    assert report["axes"] == dashboard["axes"]
    abc = next(i for a in report["axes"] for i in a["indicators"] if i["iri"] == str(ABC))
    assert (abc["value"], abc["status"]) == (16.7, "late")  # 1 of 6 two years into a five-year plan
    assert [e["iri"] for e in report["events"]] == [str(ID["evenement/essai-abc-rapport"])]
    done = next(d for a in report["axes"] for d in a["deliverables"] if d["iri"] == str(DELIVERABLE))
    assert (done["status"], done["date"]) == ("realise", "2025-02-01")


def test_a_revision_of_the_same_year_is_not_the_previous_years(client):
    report = client.get("/rapport-annuel.json?annee=2025").json()
    made = client.get("/revisions.json").json()
    assert report["previous_revision"] is None  # the revision was made today, not before 2025
    assert made  # it exists all the same
    later = client.get("/rapport-annuel.json?annee=2100").json()
    assert later["previous_revision"] == "bilan-2024"  # made before 2100
    assert later["changes"]["seats"] == later["figures"]["seats"] - later["previous_figures"]["seats"]


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils absent")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_prints_with_its_title_and_no_code(client, tmp_path, lang):
    response = client.get(f"/rapport-annuel.pdf?annee=2025&lang={lang}")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    title = "Rapport annuel d'activités 2025" if lang == "fr" else "Annual activity report 2025"
    assert re.search(rf"Title:\s+{re.escape(title)}", info)
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 3
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 5_000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert not CODES.search(text), CODES.search(text)
    assert ("en retard" if lang == "fr" else "late") in text
    assert ("8 avril 2025" if lang == "fr" else "April 8, 2025") in text


def test_the_english_report_has_no_french_word_of_its_own(client, mauricie_store):
    english = client.get("/rapport-annuel.md?annee=2025&lang=en").text
    for french in (
        "sans donnée",
        "en retard",
        "Axe :",
        "Livrable",
        "Échéancier",
        "Sièges",
        "Organisations sur-sollicitées",
    ):
        assert french not in english
    assert "Annual activity report 2025" in english and "done" in english


def test_the_command_line_writes_each_format(tmp_path, mauricie_store):
    from typer.testing import CliRunner

    from ecosystem.cli import app

    runner = CliRunner()
    store = tmp_path / "store"
    assert runner.invoke(app, ["--store", str(store), "load", str(mauricie_dir())]).exit_code == 0
    for name in ("r.pdf", "r.html", "r.md"):
        result = runner.invoke(app, ["--store", str(store), "report", "--year", "2025", "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 1_000
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    bad = runner.invoke(app, ["--store", str(store), "report", "--year", "2025", "--format", "docx"])
    assert bad.exit_code == 2 and "Format inconnu" in bad.output


def test_the_markdown_writes_each_figure_in_its_row(mauricie_store):
    report = annual_report(mauricie_store, 2025)
    text = render_markdown(report)
    assert text.startswith("# Rapport annuel d'activités 2025")
    assert 0 < report.figures["seats"] <= len(set(mauricie_store.graph(CURRENT).subjects(RDF.type, ORG.Membership)))
    assert f"| Sièges (participations actives) | {report.figures['seats']} | – |" in text
    assert f"| Instances de concertation | {report.figures['instances']} | – |" in text
