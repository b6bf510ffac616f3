"""The synthetic province: reproducible from its seed, and the analyses find what it planted."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ecosystem.analysis.bridges import fragile_bridges
from ecosystem.analysis.check import Initiative, check_initiative
from ecosystem.analysis.duplicates import duplicated_mandates
from ecosystem.analysis.nesting import nested_tables
from ecosystem.analysis.overconcertation import overconcertation_matrix
from ecosystem.analysis.seats import over_solicited
from ecosystem.cli import app
from ecosystem.namespaces import actor_iri, concept_iri, instance_iri, territory_iri
from ecosystem.projection_tables import projection_from_tables
from ecosystem.synth import COLUMNS, generate, read_tables


@pytest.fixture(scope="module")
def province():
    synthetic = generate(regions=3, seed=5, scale=0.06)
    return synthetic, projection_from_tables(synthetic.tables)


def test_cli_is_reproducible_from_its_seed(tmp_path):
    runner = CliRunner()
    for name, seed in (("a", 9), ("b", 9), ("c", 10)):
        result = runner.invoke(
            app, ["synth", "--regions", "2", "--seed", str(seed), "--echelle", "0.04", "-o", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.output
    files = [f"{name}.csv" for name in COLUMNS] + ["planted.json"]
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert (tmp_path / "a" / "participations.csv").read_bytes() != (tmp_path / "c" / "participations.csv").read_bytes()
    header = (tmp_path / "a" / "instances.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == COLUMNS["instances"]
    planted = json.loads((tmp_path / "a" / "planted.json").read_text(encoding="utf-8"))
    assert set(planted) == {"doublons", "lacunes", "sur_sollicites", "tables_emboitees", "ponts_fragiles"}
    assert read_tables(tmp_path / "a") == generate(regions=2, seed=9, scale=0.04).tables


def test_the_province_is_skewed_and_nested(province):
    _, projection = province
    region = projection_from_tables(generate(regions=1, seed=5, scale=0.5).tables)  # big enough not to saturate
    seats = sorted((len(region.two_mode[a]) for a in region.actors), reverse=True)
    assert seats[0] >= 5 * seats[len(seats) // 2]  # a few actors sit everywhere, most on a few tables
    regions = [t for t, e in projection.territories.items() if e["parent"] == str(territory_iri("quebec"))]
    assert len(regions) == 3
    assert all(projection.territory_ancestors(t)[-1] == str(territory_iri("quebec")) for t in projection.territories)


def test_planted_duplicates_are_found(province):
    synthetic, projection = province
    found = {(o.a, o.b) for o in duplicated_mandates(projection).paires}
    for pair in synthetic.planted["doublons"]:
        assert tuple(sorted(str(instance_iri(i)) for i in pair)) in found


def test_planted_gaps_are_found(province):
    synthetic, projection = province
    gaps = {(g["territoire"], g["enjeu"]) for g in overconcertation_matrix(projection).lacunes}
    for gap in synthetic.planted["lacunes"]:
        assert (str(territory_iri(gap["territoire"])), str(concept_iri("enjeux", gap["enjeu"]))) in gaps


def test_planted_over_solicited_actors_are_found(province):
    synthetic, projection = province
    flagged = {load.acteur: load.raisons for load in over_solicited(projection)}
    for actor in synthetic.planted["sur_sollicites"]:
        assert {"sieges", "heures"} <= set(flagged[str(actor_iri(actor))])


def test_check_suggests_the_planted_original(province):
    synthetic, projection = province
    original, twin = sorted(synthetic.planted["doublons"][0], key=len)
    node = projection.two_mode.nodes[str(instance_iri(original))]
    initiative = Initiative(
        "Nouvelle table",
        node["issues"],
        node["territory"],
        node["functions"],
        node["populations"],
        text=node["mandate"],
    )
    suggested = [s["iri"] for s in check_initiative(projection, initiative).suggestions]
    assert {str(instance_iri(original)), str(instance_iri(twin))} <= set(suggested[:4])


def test_planted_nested_tables_are_found(province):
    synthetic, projection = province
    found = {(p["a"], p["b"]) for p in nested_tables(projection) if p["finding"] == "contenue"}
    assert len(synthetic.planted["tables_emboitees"]) == 3
    for nested in synthetic.planted["tables_emboitees"]:
        assert (str(instance_iri(nested["contenue"])), str(instance_iri(nested["dans"]))) in found


def test_planted_fragile_bridges_are_found(province):
    synthetic, projection = province
    found = {b["actor"]: b for b in fragile_bridges(projection)}
    assert len(synthetic.planted["ponts_fragiles"]) == 3
    for planted in synthetic.planted["ponts_fragiles"]:
        bridge = found[str(actor_iri(planted["acteur"]))]
        island = {str(instance_iri(i)) for i in planted["instances"]}
        assert any(
            set(side["examples"]) == island and side["instances"] == 2 and side["actors"] == 6
            for side in bridge["sides"]
        )
        assert bridge["redundancy"] == 0.0
