"""On the Mauricie data, through the CLI: every line of `analyze duplicates` and `overconcertation` traced back
to triples of the data, and `ecosystem check` answering « sécurité alimentaire à Maskinongé avec le CIUSSS et la MRC »."""

from __future__ import annotations

import json

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.namespaces import ECO, ORG, SKOS, instance_iri, territory_iri
from ecosystem.ontology import vocabulary_graph

runner = CliRunner()
SIX = ["la-tuque", "les-chenaux", "maskinonge", "mekinac", "shawinigan", "trois-rivieres"]


def run(folder, *args):
    result = runner.invoke(app, ["--store", str(folder), *map(str, args)])
    assert result.exit_code == 0, result.output
    return result


def broader_closure(graph, node) -> set:
    """``node`` and everything above it through skos:broader in ``graph``."""
    seen, todo = {node}, [node]
    while todo:
        for parent in graph.objects(todo.pop(), SKOS.broader):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def related_issues(a, b) -> bool:
    vocabulary = vocabulary_graph()
    return a in broader_closure(vocabulary, b) or b in broader_closure(vocabulary, a)


def nested(graph, a, b) -> bool:
    return a in broader_closure(graph, b) or b in broader_closure(graph, a)


def current(graph, actor):
    """The body holding an old name's seat now (dcterms:isReplacedBy), as the projection counts it."""
    while (successor := graph.value(actor, DCTERMS.isReplacedBy)) is not None:
        actor = successor
    return actor


def members(graph, instance) -> set:
    return {current(graph, graph.value(m, ORG.member)) for m in graph.subjects(ORG.organization, instance)}


def test_duplicates_lines_are_facts(mauricie_store_dir, mauricie_graph):
    data = json.loads(run(mauricie_store_dir, "analyze", "duplicates", "--seuil", "0.3", "--json").output)
    assert data["paires"], "the regional work sites and the 2024-2028 agreement share issues on the region"
    for pair in data["paires"]:
        a, b = URIRef(pair["a"]), URIRef(pair["b"])
        matches = pair["composantes"]["enjeux"]["correspondances"]
        assert matches
        for match in matches:
            assert (a, ORG.purpose, URIRef(match["enjeu"])) in mauricie_graph
            assert (b, ORG.purpose, URIRef(match["correspond"])) in mauricie_graph
            assert related_issues(URIRef(match["enjeu"]), URIRef(match["correspond"]))
        ta, tb = mauricie_graph.value(a, ECO.territory), mauricie_graph.value(b, ECO.territory)
        assert nested(mauricie_graph, ta, tb)
        expected = "meme" if ta == tb else "englobe" if ta in broader_closure(mauricie_graph, tb) else "inclus"
        assert pair["composantes"]["territoire"]["relation"] == expected
        shared = {URIRef(m["iri"]) for m in pair["composantes"]["membres"]["communs"]}
        assert shared == members(mauricie_graph, a) & members(mauricie_graph, b)
        assert pair["score"] >= 0.3


def test_overconcertation_matrix_covers_six_territories_and_the_plan_issues(mauricie_store_dir, mauricie_graph):
    data = json.loads(run(mauricie_store_dir, "analyze", "overconcertation", "--json").output)
    assert [t["iri"] for t in data["territoires"]] == [str(territory_iri(t)) for t in SIX]
    plan_issues = {
        str(e) for e in mauricie_graph.objects(instance_iri("entente-developpement-social-2024-2028"), ORG.purpose)
    }
    assert len(plan_issues) == 7 and plan_issues <= {e["iri"] for e in data["enjeux"]}
    assert len(data["cellules"]) == 6 * len(data["enjeux"])
    instances = set(mauricie_graph.subjects(ORG.purpose, None))
    for cell in data["cellules"]:
        row, column = URIRef(cell["territoire"]), URIRef(cell["enjeu"])
        expected = {  # recomputed from the triples
            str(i)
            for i in instances
            if (t := mauricie_graph.value(i, ECO.territory)) is not None
            and nested(mauricie_graph, t, row)
            and any(related_issues(e, column) for e in mauricie_graph.objects(i, ORG.purpose))
        }
        assert {i["iri"] for i in cell["instances"]} == expected, (cell["territoire"], cell["enjeu"])
        assert cell["nombre"] == len(expected)
    gaps = {(g["territoire"], g["enjeu"]) for g in data["lacunes"]}
    assert gaps == {(c["territoire"], c["enjeu"]) for c in data["cellules"] if not c["nombre"]}
    assert gaps, "ADS+ and citizen participation have no instance with a territory"


def test_check_food_security_in_maskinonge_with_ciusss_and_mrc(mauricie_store_dir, mauricie_graph):
    result = run(
        mauricie_store_dir,
        "check",
        "--enjeu",
        "sécurité alimentaire",
        "--territoire",
        "Maskinongé",
        "--partenaire",
        "CIUSSS",
        "--partenaire",
        "MRC de Maskinongé",
        "--json",
    )
    data = json.loads(result.output)
    assert data["initiative"]["territoire"] == str(territory_iri("maskinonge"))
    assert [p["acteur"].rsplit("/", 1)[-1] for p in data["partenaires"]] == ["ciusss-mcq", "mrc-maskinonge"]
    scores = [i["score"] for i in data["instances"]]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    food = "https://w3id.org/ecosysteme/vocab/enjeux/securite-alimentaire"
    top = data["instances"][0]
    assert top["composantes"]["enjeux"]["correspondances"][0]["correspond"] == food
    assert (URIRef(top["b"]), ORG.purpose, URIRef(food)) in mauricie_graph
    assert top["composantes"]["territoire"]["relation"] == "inclus"  # Maskinongé inside the region
    for instance in data["instances"]:
        shared = {URIRef(m["iri"]) for m in instance["composantes"]["membres"]["communs"]}
        assert shared <= members(mauricie_graph, URIRef(instance["b"]))
    for partner in data["partenaires"]:
        actor = URIRef(partner["acteur"])
        seats = len(
            {
                mauricie_graph.value(m, ORG.organization)
                for m in mauricie_graph.subjects(ORG.member, None)
                if current(mauricie_graph, mauricie_graph.value(m, ORG.member)) == actor
            }
        )
        assert (partner["sieges_avant"], partner["sieges_apres"]) == (seats, seats + 1)
    assert {s["iri"] for s in data["suggestions"]} <= {i["b"] for i in data["instances"]}
    readable = run(
        mauricie_store_dir,
        "check",
        "--enjeu",
        "sécurité alimentaire",
        "--territoire",
        "Maskinongé",
        "--partenaire",
        "CIUSSS",
        "--partenaire",
        "MRC de Maskinongé",
    )
    assert "Sécurité alimentaire" in readable.output and "Partenaires pressentis" in readable.output
    english = run(mauricie_store_dir, "--lang", "en", "check", "--enjeu", "food security", "--territoire", "Maskinongé")
    assert "Instances already covering" in english.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--enjeu", "sécurité alimentaire", "--territoire", "Atlantide"], "Atlantide"),
        (["--enjeu", "astronomie", "--territoire", "Maskinongé"], "astronomie"),
    ],
)
def test_check_names_what_it_cannot_find(mauricie_store_dir, args, message):
    result = runner.invoke(app, ["--store", str(mauricie_store_dir), "check", *args])
    assert result.exit_code == 1 and message in result.output and "Valeurs possibles" in result.output


@pytest.mark.parametrize("command", ["seats", "load", "brokers", "communities"])
def test_other_analyses_run_in_both_languages(mauricie_store_dir, command):
    assert run(mauricie_store_dir, "analyze", command).output.strip()
    assert run(mauricie_store_dir, "--lang", "en", "analyze", command).output.strip()
    assert json.loads(run(mauricie_store_dir, "analyze", command, "--json", "--date", "2025-01-01").output)


def test_bad_date_is_a_usage_error(mauricie_store_dir):
    result = runner.invoke(app, ["--store", str(mauricie_store_dir), "analyze", "seats", "--date", "01/02/2025"])
    assert result.exit_code == 2 and "AAAA-MM-JJ" in result.output


def test_communities_say_their_selection_and_keep_the_maximum_as_an_option(mauricie_store_dir):
    default = json.loads(run(mauricie_store_dir, "analyze", "communities", "--json").output)["methode"]["communautes"]
    maximum = json.loads(run(mauricie_store_dir, "analyze", "communities", "--json", "--selection", "maximum").output)
    assert default["selection"] == "persistante" and default["resolution"][0] < default["resolution"][1]
    assert maximum["methode"]["communautes"]["selection"] == "maximum"
    assert maximum["methode"]["communautes"]["modularity"] >= default["modularity"]
    text = run(mauricie_store_dir, "analyze", "communities").output
    assert "plus large plage de résolutions" in text and "Q_B" in text
    english = run(mauricie_store_dir, "--lang", "en", "analyze", "communities", "--selection", "maximum").output
    assert "highest Q_B found" in english
    refused = runner.invoke(app, ["--store", str(mauricie_store_dir), "analyze", "communities", "--selection", "best"])
    assert refused.exit_code == 2 and "persistante, maximum" in refused.output
