"""The map filter « porte la stratégie … »: the carriers the plan names beside a strategy, on the Mauricie data.

The view keeps exactly the actors and instances of ``eco:responsible`` that are on the map (the carriers
analysis's active ones), combines with the other filters, and its exports say the filter in words."""

from __future__ import annotations

import subprocess

import pytest

from ecosystem.analysis.carriers import strategy_carriers
from ecosystem.mapdata import short_id
from ecosystem.projection import build_projection
from ecosystem.queries import plan_responsibilities


@pytest.fixture(scope="module")
def strategies(web_store):
    """Strategy IRI → the short ids of its active carriers (from the carriers analysis), and its label."""
    responsibilities = plan_responsibilities(web_store)
    carried = strategy_carriers({s: e["carriers"] for s, e in responsibilities.items()}, build_projection(web_store))
    return {
        s.strategy: ({short_id(c.iri) for c in s.carriers if c.active}, responsibilities[s.strategy]["label"])
        for s in carried
    }


def _busiest(strategies) -> str:
    return max(strategies, key=lambda s: (len(strategies[s][0]), s))


def test_the_filter_offers_every_strategy_by_name(client, strategies):
    options = client.get("/api/carte/filtres").json()["strategies"]
    assert {o["id"] for o in options} == {short_id(s) for s in strategies}
    assert all("://" not in o["libelle"] and o["libelle"] for o in options)
    page = client.get("/").text
    assert 'name="strategie"' in page and "Porte la stratégie du plan d\u2019action" in page
    assert strategies[_busiest(strategies)][1].replace("'", "&#39;") in page


def test_the_view_keeps_exactly_the_strategys_active_carriers(client, strategies):
    strategy = _busiest(strategies)
    carriers, _ = strategies[strategy]
    assert len(carriers) >= 3
    data = client.get(f"/api/carte?strategie={short_id(strategy)}").json()
    assert {n["id"] for n in data["nodes"]} == carriers
    assert {n["kind"] for n in data["nodes"]} <= {"actor", "instance"}
    assert all(e["from"] in carriers and e["to"] in carriers for e in data["edges"])
    assert data["vue"]["noeuds"] < data["total"]["noeuds"]


def test_a_strategy_with_no_active_carrier_shows_nothing_and_an_unknown_one_too(client, strategies):
    orphan = next(s for s, (carriers, _) in strategies.items() if not carriers)
    assert client.get(f"/api/carte?strategie={short_id(orphan)}").json()["nodes"] == []
    assert client.get("/api/carte?strategie=plan/2024-2028/axe/x/strategie/inexistante").json()["nodes"] == []
    assert client.get("/api/carte?strategie=<script>").status_code == 422


def test_the_strategy_combines_with_the_other_filters(client, strategies):
    strategy = short_id(_busiest(strategies))
    alone = {n["id"] for n in client.get(f"/api/carte?strategie={strategy}").json()["nodes"]}
    sectors = client.get("/api/carte/filtres").json()["secteurs"]
    combined = [
        {n["id"] for n in client.get(f"/api/carte?strategie={strategy}&secteur={s['id']}").json()["nodes"]}
        for s in sectors
    ]
    assert all(view <= alone for view in combined)
    assert any(view and view < alone for view in combined)


def test_the_exports_of_a_filtered_view_say_the_strategy_in_words(client, strategies, tmp_path):
    strategy = _busiest(strategies)
    carriers, label = strategies[strategy]
    graphml = client.get(f"/export/graphml?strategie={short_id(strategy)}").text
    assert graphml.count("<node ") == len(carriers)
    pdf = client.get(f"/export/pdf?strategie={short_id(strategy)}")
    assert pdf.status_code == 200
    (tmp_path / "carte.pdf").write_bytes(pdf.content)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(tmp_path / "carte.pdf"), "-"], capture_output=True, check=True, text=True
        ).stdout.split()
    )
    assert "Porte la stratégie : " + " ".join(label.split())[:40] in text
    assert "strategie/" not in text and "w3id.org" not in text
    english = client.get(f"/export/svg?strategie={short_id(strategy)}&lang=en").text
    assert "Carries the strategy:" in english
    exports_page = client.get(f"/exports?strategie={short_id(strategy)}").text
    assert f'name="strategie" value="{short_id(strategy)}"' in exports_page  # the print form keeps the filter


def test_the_dashboard_links_each_carried_strategy_to_its_filtered_map(client, strategies):
    page = client.get("/tableau-de-bord?jour=2025-06-30").text
    carried = [s for s, (carriers, _) in strategies.items() if carriers]
    for strategy in carried:
        assert f'href="/?strategie={short_id(strategy)}"' in page
    orphans = [s for s, (carriers, _) in strategies.items() if not carriers]
    assert all(f'href="/?strategie={short_id(s)}"' not in page for s in orphans)
