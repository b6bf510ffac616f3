"""Seats, load, over-solicitation, redundant seats, overlap, duplicates, matrix, check and merge on a region checked by hand."""

from __future__ import annotations

import datetime

import pytest

from ecosystem.analysis.check import Initiative, check_initiative
from ecosystem.analysis.duplicates import duplicated_mandates
from ecosystem.analysis.merge import what_if_merge
from ecosystem.analysis.overconcertation import overconcertation_matrix
from ecosystem.analysis.overlap import mandate_overlap
from ecosystem.analysis.seats import over_solicited, redundant_seats, seats_and_load
from ecosystem.analysis.thresholds import OverSolicitationRule
from ecosystem.namespaces import actor_iri, concept_iri, instance_iri, territory_iri
from ecosystem.projection import projection_from_graph

DAY = datetime.date(2025, 6, 1)

FOOD = str(concept_iri("enjeux", "securite-alimentaire"))
FOOD_SYSTEM = str(concept_iri("enjeux", "systeme-alimentaire-territorial"))
HOUSING = str(concept_iri("enjeux", "habitation"))


def T(x):
    return str(territory_iri(x))


def A(x):
    return str(actor_iri(x))


def Inst(x):
    return str(instance_iri(x))


@pytest.fixture
def projection(region_graph):
    return projection_from_graph(region_graph, DAY)


def test_seats_and_load_keep_unknown_hours_unknown(projection):
    loads = seats_and_load(projection)
    assert [
        (loads[A(a)].sieges, loads[A(a)].heures, loads[A(a)].heures_connues, loads[A(a)].sieges_heures_inconnues)
        for a in ("a1", "a2", "a4", "a5")
    ] == [(4, None, 52.0, 2), (2, None, 12.0, 1), (1, None, 0.0, 1), (0, 0.0, 0.0, 0)]


def test_over_solicited_by_thresholds(projection):
    flagged = over_solicited(projection, OverSolicitationRule(3, 50))
    assert [(load.acteur, load.raisons) for load in flagged] == [(A("a1"), ("sieges", "heures"))]
    assert (
        over_solicited(projection, OverSolicitationRule(10, 1000, decile_min_actors=1)) == []
    )  # 4 is no decile outlier among 1, 2, 2, 4


def test_redundant_seats_follow_issues_and_nested_territories(projection):
    result = {r["acteur"]: r for r in redundant_seats(projection)}
    assert {a: r["sieges_redondants"] for a, r in result.items()} == {A("a1"): 2, A("a2"): 1, A("a3"): 1}
    [group] = result[A("a1")]["groupes"]
    assert [i["iri"] for i in group["instances"]] == sorted(
        [Inst("i-food"), Inst("i-food-a"), Inst("i-sat")]
    )  # not i-housing
    links = {
        (tuple(link["territoires"]), link["relation_territoriale"], frozenset(link["enjeux"]))
        for link in group["liens"]
    }
    assert links == {
        ((T("mrc-a"), T("region")), "inclus", frozenset({FOOD})),  # i-food-a inside the region of i-food
        ((T("mrc-a"), T("mrc-a")), "meme", frozenset({FOOD, FOOD_SYSTEM})),  # i-food-a, i-sat
        ((T("mrc-a"), T("region")), "inclus", frozenset({FOOD, FOOD_SYSTEM})),  # i-sat, i-food
    }


def test_mandate_overlap_components(projection):
    overlap = mandate_overlap(projection, Inst("i-food"), Inst("i-food-a"))
    c = overlap.components
    assert (c["enjeux"]["valeur"], c["territoire"]["relation"], c["territoire"]["valeur"]) == (1.0, "englobe", 0.5)
    assert c["membres"]["valeur"] == pytest.approx(2 / 3, abs=1e-4)
    assert sorted(m["iri"] for m in c["membres"]["communs"]) == [A("a1"), A("a3")]
    assert c["fonctions"]["valeur"] == 1.0 and c["populations"]["valeur"] is None
    assert "aliment" in " ".join(c["texte"]["mots"])
    assert overlap.score == pytest.approx(sum(x["contribution"] for x in c.values()), abs=1e-3)
    assert sum(x["part"] for x in c.values()) == pytest.approx(1.0, abs=1e-3)


def test_broader_issue_counts_half(projection):
    c = mandate_overlap(projection, Inst("i-food"), Inst("i-sat")).components
    assert c["enjeux"]["valeur"] == 0.5
    assert c["enjeux"]["correspondances"] == [{"enjeu": FOOD, "correspond": FOOD_SYSTEM, "relation": "plus-large"}]


def test_overlap_of_an_unknown_instance_is_an_error(projection):
    with pytest.raises(KeyError, match="instance inconnue"):
        mandate_overlap(projection, Inst("i-food"), Inst("nulle-part"))


def test_duplicates_threshold_and_groups(projection):
    result = duplicated_mandates(projection, 0.6)
    assert [(o.a, o.b) for o in result.paires] == [(Inst("i-food"), Inst("i-food-a"))]
    assert duplicated_mandates(projection, 0.35).groupes[0]["instances"][0]["iri"] == Inst("i-food")
    with pytest.raises(ValueError):
        duplicated_mandates(projection, 1.5)


def test_matrix_counts_nested_territories_and_finds_the_gap(projection):
    matrix = overconcertation_matrix(projection)
    assert [t["iri"] for t in matrix.territoires] == [T("mrc-a"), T("mrc-b")]
    cell = matrix.cell(T("mrc-a"), FOOD)
    assert sorted(i["iri"] for i in cell["instances"]) == sorted([Inst("i-food"), Inst("i-food-a"), Inst("i-sat")])
    assert cell["chevauchement_moyen"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert matrix.cell(T("mrc-b"), FOOD_SYSTEM)["instances"][0]["relation_enjeu"] == "plus-large"
    assert matrix.lacunes == [{"territoire": T("mrc-a"), "enjeu": HOUSING}]


def test_check_ranks_and_measures_the_partners(projection):
    initiative = Initiative("Nouvelle table", (FOOD,), T("mrc-a"), partners=(A("a2"),), hours_per_year=20.0)
    result = check_initiative(projection, initiative, OverSolicitationRule(seats=2))
    assert [(o.b, round(o.score, 2)) for o in result.instances] == [
        (Inst("i-food"), 0.6),
        (Inst("i-sat"), 0.55),
        (Inst("i-food-a"), 0.5),
    ]
    assert [s["iri"] for s in result.suggestions] == [Inst("i-food"), Inst("i-sat"), Inst("i-food-a")]
    [partner] = result.partenaires
    assert (partner["sieges_avant"], partner["sieges_apres"], partner["franchit"]) == (2, 3, ["sieges"])
    assert (partner["heures_avant"], partner["heures_apres"], partner["heures_connues_apres"]) == (None, None, 32.0)
    with pytest.raises(KeyError):
        check_initiative(projection, Initiative("x", (FOOD,), T("mrc-a"), partners=(A("inconnu"),)))


def test_merge_saves_seats_and_knows_when_hours_are_unknown(projection):
    result = what_if_merge(projection, [Inst("i-food"), Inst("i-food-a")])
    rows = {r["acteur"]: r for r in result.acteurs}
    assert (rows[A("a1")]["sieges_economises"], rows[A("a1")]["heures_economisees"]) == (1, 12.0)
    assert rows[A("a3")]["heures_economisees"] is None and rows[A("a2")]["sieges_economises"] == 0
    assert (result.sieges_economises, result.heures_economisees, result.membres_apres) == (2, None, 3)
    with pytest.raises(ValueError):
        what_if_merge(projection, [Inst("i-food")])
