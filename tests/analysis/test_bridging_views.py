"""The bridging instances reach the reader: `analyze brokers` and the structure page list them."""

from __future__ import annotations

import html
import json

from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.settings import Settings


def test_cli_and_page_show_the_bridging_instances(mauricie_store_dir, mauricie_graph):
    result = CliRunner().invoke(app, ["--store", str(mauricie_store_dir), "analyze", "brokers", "--json", "--top", "5"])
    assert result.exit_code == 0, result.output
    bridging = json.loads(result.output)["instances_pont"]
    assert len(bridging) == 5 and bridging[0]["intermediarite"] > 0
    assert [row["intermediarite"] for row in bridging] == sorted(
        (row["intermediarite"] for row in bridging), reverse=True
    )
    table = CliRunner().invoke(app, ["--store", str(mauricie_store_dir), "analyze", "brokers", "--top", "5"]).output
    assert "Instances qui font le pont" in table
    with TestClient(create_app(Settings(store=mauricie_store_dir))) as client:
        page = client.get("/analyses/structure").text
        twin = client.get("/analyses/structure.json").json()
    assert [row["instance"] for row in twin["instances_pont"][:5]] == [row["instance"] for row in bridging]
    top_name = next(
        str(o)
        for s, p, o in mauricie_graph.triples((None, None, None))
        if str(s) == bridging[0]["instance"] and str(p).endswith("prefLabel") and getattr(o, "language", None) == "fr"
    )
    assert top_name in html.unescape(page.split("Instances qui font le pont")[1])


def test_network_measures_reach_the_cli_and_the_page_in_both_languages(mauricie_store_dir):
    runner = CliRunner()
    for command in ("communities", "nested", "bridges", "concentration"):
        result = runner.invoke(app, ["--store", str(mauricie_store_dir), "analyze", command, "--json"])
        assert result.exit_code == 0, (command, result.output)
    bridges = json.loads(
        runner.invoke(app, ["--store", str(mauricie_store_dir), "analyze", "bridges", "--json"]).output
    )["ponts"]
    assert bridges and all(len(b["sides"]) >= 2 for b in bridges)
    english = runner.invoke(app, ["--store", str(mauricie_store_dir), "--lang", "en", "analyze", "bridges"]).output
    assert "only link between" in english and "seul lien" not in english
    with TestClient(create_app(Settings(store=mauricie_store_dir))) as client:
        french = client.get("/analyses/structure").text
        page_en = client.get("/analyses/structure?lang=en").text
    assert "seul lien entre" in french and "Robins–Alexander" in french and "Q_B" in french
    assert "only link between" in page_en and "seul lien" not in page_en and "autour de" not in page_en
