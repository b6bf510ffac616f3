"""One definition of the over-solicitation thresholds: the command line, the web page and the
revision diff flag the same actors on the same data; no threshold is written twice; the
top-decile rule is silent on a map too small for a decile."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from rdflib import Graph
from typer.testing import CliRunner

from ecosystem.analysis.seats import decile_rule, over_solicited, seats_and_load
from ecosystem.analysis.thresholds import HOURS_THRESHOLD, RULE_SOURCES, SEATS_THRESHOLD, SOURCES, OverSolicitationRule
from ecosystem.cli import app
from ecosystem.diff import compare_analyses
from ecosystem.namespaces import actor_iri
from ecosystem.presentation import CODES, flag_text, say
from ecosystem.projection import Projection, build_projection, projection_from_graph
from ecosystem.settings import Settings
from ecosystem.store import EmbeddedStore

from .conftest import add_membership

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def busy_region(region_graph) -> Graph:
    """The hand-made region plus an actor with 130 known hours a year on two seats, and one with six seats."""
    graph = Graph() + region_graph
    add_membership(graph, "a6", "i-housing", hours=65)
    add_membership(graph, "a6", "i-sat", hours=65)
    for instance in ("i-food", "i-sat", "i-food-a", "i-housing"):
        add_membership(graph, "a7", instance, hours=1)
    return graph


def test_cli_web_and_diff_flag_the_same_actors(busy_region, tmp_path):
    folder = tmp_path / "store"
    store = EmbeddedStore(folder)
    store.apply(add=busy_region)
    store.close()
    output = CliRunner().invoke(app, ["--store", str(folder), "analyze", "load", "--json"])
    assert output.exit_code == 0, output.output
    by_cli = {a["acteur"] for a in json.loads(output.output)["acteurs"]}
    with TestClient(create_app(Settings(store=folder))) as client:
        response = client.get("/analyses/sur-sollicitation.json")
    assert response.status_code == 200
    by_web = {a["acteur"] for a in response.json()["acteurs"]}
    by_diff = set(compare_analyses(Graph(), busy_region)["sur-sollicitation"]["apres"]["acteurs"])
    assert str(actor_iri("a6")) in by_cli  # 130 h: above the one hours threshold
    assert by_cli == by_web == by_diff


def test_settings_read_the_defaults():
    settings = Settings()
    assert (settings.over_solicitation_seats, settings.over_solicitation_hours) == (SEATS_THRESHOLD, HOURS_THRESHOLD)
    assert settings.over_solicitation_rule() == OverSolicitationRule()


def test_no_threshold_literal_outside_the_defaults_module():
    pattern = re.compile(
        r"(over_solicitation_(seats|hours)\s*:\s*\w+\s*=\s*\d|(SEATS|HOURS)_THRESHOLD\s*=|seuil_(sieges|heures)\s*=\s*\d"
        r"|hours_threshold\s*:\s*float\s*=\s*\d|seats_threshold\s*:\s*int\s*=\s*\d)"
    )
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("src", "api")
        for path in (ROOT / folder).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8")) and path.name != "thresholds.py"
    ]
    assert offenders == []


def test_every_rule_has_a_source():
    assert set(RULE_SOURCES) == {"sieges", "heures", "decile"}
    assert all(code in SOURCES for codes in RULE_SOURCES.values() for code in codes)


def test_flags_name_their_rule_threshold_and_value(busy_region):
    projection = projection_from_graph(busy_region)
    flagged = {load.acteur: load.flags for load in over_solicited(projection)}
    assert flagged[str(actor_iri("a6"))] == (
        {
            "rule": "heures",
            "threshold": HOURS_THRESHOLD,
            "value": 130.0,
            "sources": ["cross-rebele-grant", "convention"],
        },
    )


def test_every_flag_on_the_mauricie_names_its_rule_and_its_source(mauricie_store):
    flagged = over_solicited(build_projection(mauricie_store))
    assert flagged
    for load in flagged:
        assert load.raisons == tuple(flag["rule"] for flag in load.flags)
        for flag in load.flags:
            assert flag["sources"] == list(RULE_SOURCES[flag["rule"]]) and flag["sources"]
            assert all(code in SOURCES and code in CODES for code in flag["sources"])
            for lang, word in (("fr", "source : "), ("en", "source: ")):
                text = flag_text(flag, lang)
                assert text.startswith(say(flag["rule"], lang, t=flag["threshold"]))
                assert all(say(code, lang) in text for code in flag["sources"]) and word in text


def test_the_decile_flag_on_the_mauricie_follows_its_floor(mauricie_store):
    projection = build_projection(mauricie_store)
    loads = seats_and_load(projection)
    decile = decile_rule(loads, OverSolicitationRule())
    assert decile["applies"] == (decile["actors_with_seats"] >= decile["minimum"])
    flagged = over_solicited(projection)
    in_decile = {load.acteur for load in flagged if "decile" in load.raisons}
    expected = {a for a, load in loads.items() if decile["applies"] and load.sieges > decile["floor"]}
    assert in_decile == expected
    assert all(loads[a].sieges > 3 for a in in_decile)  # never « top decile » at 3 seats
    assert all(
        load.sieges > SEATS_THRESHOLD or load.heures_connues > HOURS_THRESHOLD
        for load in flagged
        if "decile" not in load.raisons
    )


def test_the_decile_rule_applies_on_a_large_enough_map():
    graph = nx.Graph([(f"a{k}", "i0") for k in range(60)] + [(f"a{k}", f"i{j}") for k in range(6) for j in (1, 2)])
    nx.set_node_attributes(graph, {n: "actor" if n[0] == "a" else "instance" for n in graph}, "kind")
    projection = Projection(graph, {}, {}, datetime.date(2025, 1, 1))
    flagged = over_solicited(projection, OverSolicitationRule(seats=100, hours=1e6))
    assert [load.raisons for load in flagged] == [("decile",)] * 6
