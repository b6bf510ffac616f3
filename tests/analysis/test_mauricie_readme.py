"""The figures ``data/mauricie/README.md`` states (« Ce que les analyses trouvent sur ces données »), recomputed by
the command line on the data: each test computes a figure, then finds the sentence that states it."""

from __future__ import annotations

import json

import pytest

from ecosystem.facts import to_confirm
from ecosystem.paths import mauricie_dir
from ecosystem.projection import build_projection
from ecosystem.store import EmbeddedStore
from tests.analysis.test_mauricie_cli import run


def _short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def readme() -> str:
    """The analyses section, its lines joined (a figure may be cut by a line end)."""
    text = (mauricie_dir() / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Ce que les analyses trouvent") : text.index("## Lire les fichiers")]
    return " ".join(section.split())


def _json(folder, *args):
    return json.loads(run(folder, *args, "--json").output)


def _states(readme: str, *phrases: str) -> None:
    missing = [p for p in phrases if p not in readme]
    assert not missing, f"data/mauricie/README.md no longer says: {missing}"


def test_seats(mauricie_store_dir, readme):
    seats = {_short(r["acteur"]): r for r in _json(mauricie_store_dir, "analyze", "seats", "--top", "500")}
    held = {a: r["sieges"] for a, r in seats.items() if r["sieges"]}
    assert len(held) == 57
    assert held["ciusss-mcq"] == 11 and held["consortium"] == held["ville-trois-rivieres"] == 7
    assert {a for a, n in held.items() if n == 6} == {
        "ville-la-tuque",
        "ville-shawinigan",
        "mrc-maskinonge",
        "mrc-mekinac",
    }
    assert held["mrc-des-chenaux"] == 5 and sorted(map(_short, seats["mrc-des-chenaux"]["instances"])) == [
        "comite-directeur-consortium",
        "entente-concertation-regionale-2023",
        "entente-developpement-social-2016",
        "entente-developpement-social-2022",
        "table-des-elus-mauricie",
    ]
    assert sum(1 for n in held.values() if n > 5) == 7
    assert (seats["ciusss-mcq"]["sieges_redondants"], seats["consortium"]["sieges_redondants"]) == (5, 4)
    _states(
        readme,
        "57 acteurs ont au moins un siège",
        "Le CIUSSS MCQ a 11 sièges, dont 4 tenus seulement sous un ancien nom",
        "Trois-Rivières (7)",
        "Mékinac (6)",
        "la MRC des Chenaux (5 :",
        "Sept acteurs dépassent le seuil de 5 sièges",
        "5 pour le CIUSSS, 4 pour le Consortium",
    )


def test_seats_held_under_old_names_only(mauricie_graph, readme):
    from ecosystem.namespaces import ID, ORG, RDF
    from tests.analysis.test_mauricie_cli import current

    by_instance: dict = {}
    for m in mauricie_graph.subjects(RDF.type, ORG.Membership):
        member = mauricie_graph.value(m, ORG.member)
        if current(mauricie_graph, member) == ID["acteur/ciusss-mcq"]:
            by_instance.setdefault(mauricie_graph.value(m, ORG.organization), set()).add(member)
    assert len(by_instance) == 11
    assert sum(1 for names in by_instance.values() if ID["acteur/ciusss-mcq"] not in names) == 4
    assert sum(1 for names in by_instance.values() if len(names) == 2 and ID["acteur/ciusss-mcq"] in names) == 3
    _states(readme, "(COMPLICE, concertations alimentaires de Shawinigan et de Trois-Rivières) comptent une fois")


def test_over_solicitation_and_the_decile(mauricie_store_dir, readme):
    load = _json(mauricie_store_dir, "analyze", "load")
    assert load["decile"]["applies"] and load["decile"]["actors_with_seats"] == 57 and load["decile"]["minimum"] == 50
    assert load["decile"]["floor"] == 6
    above = {_short(a["acteur"]) for a in load["acteurs"] if "decile" in a["raisons"]}
    assert above == {"ciusss-mcq", "consortium", "ville-trois-rivieres"}
    _states(readme, "son plancher est 6, et le CIUSSS, le Consortium et la Ville de Trois-Rivières sont au-dessus")


def test_duplicated_mandates(mauricie_store_dir, readme):
    assert _json(mauricie_store_dir, "analyze", "duplicates")["paires"] == []
    loose = _json(mauricie_store_dir, "analyze", "duplicates", "--seuil", "0.4")
    assert len(loose["paires"]) == 20 and len(loose["groupes"]) == 4
    scores = {frozenset((_short(p["a"]), _short(p["b"]))): p for p in loose["paires"]}
    complice = scores[frozenset(("complice", "operation-sac-a-dos-complice"))]
    assert round(complice["score"], 2) == 0.61 and len(complice["composantes"]["membres"]["communs"]) == 8
    assert (
        round(scores[frozenset(("chantier-securite-alimentaire", "comite-regional-securite-alimentaire"))]["score"], 2)
        == 0.54
    )
    assert round(scores[frozenset(("chantier-habitation", "comite-regional-habitation"))]["score"], 2) == 0.49
    research = scores[frozenset(("comite-regional-habitation", "recherche-habitation-logement-social-2024"))]
    assert round(research["score"], 2) == 0.60
    assert {_short(m["iri"]) for m in research["composantes"]["membres"]["communs"]} == {
        "ciusss-mcq",
        "consortium",
        "tcmfm",
    }
    _states(
        readme,
        "Au seuil par défaut (0,7), aucune paire",
        "Au seuil 0,4, vingt paires en quatre groupes",
        "0,61, partagent 8 membres",
        "(0,54 : même enjeu",
        "comité régional en habitation (0,49)",
        "(0,60 : mêmes enjeux, trois membres communs : CIUSSS, Consortium, TCMFM)",
    )


def test_the_matrix_and_its_gaps(mauricie_store_dir, readme):
    matrix = _json(mauricie_store_dir, "analyze", "overconcertation")
    cells = {(_short(c["territoire"]), _short(c["enjeu"])): c["nombre"] for c in matrix["cellules"]}
    food = {t: n for (t, e), n in cells.items() if e == "securite-alimentaire"}
    assert food == {
        "la-tuque": 6,
        "shawinigan": 6,
        "trois-rivieres": 6,
        "les-chenaux": 5,
        "maskinonge": 5,
        "mekinac": 5,
    }
    transport = {t: n for (t, e), n in cells.items() if e == "transport-collectif"}
    assert transport.pop("les-chenaux") == 5 and set(transport.values()) == {3}
    poverty = {t: n for (t, e), n in cells.items() if e == "pauvrete-exclusion"}
    assert poverty["shawinigan"] == 4 == max(poverty.values()) and list(poverty.values()).count(4) == 1
    assert cells[("mekinac", "conditions-vie")] == 4
    assert {(_short(g["territoire"]), _short(g["enjeu"])) for g in matrix["lacunes"]} == {
        (t, "condition-femmes") for t in food
    }
    _states(
        readme,
        "sécurité alimentaire 6 instances à La Tuque, Shawinigan et Trois-Rivières",
        "5 ailleurs",
        "transport collectif 5 dans Les Chenaux",
        "contre 3 ailleurs",
        "pauvreté et exclusion 4 à Shawinigan",
        "conditions de vie 4 à Mékinac",
        "Seule lacune : la condition des femmes, dans les six territoires",
    )


def test_brokers_and_isolates(mauricie_store_dir, readme):
    brokers = _json(mauricie_store_dir, "analyze", "brokers")
    first = brokers["courtiers"][0]
    assert _short(first["acteur"]) == "ciusss-mcq"
    assert (round(first["intermediarite"], 2), round(first["contrainte"], 2)) == (0.22, 0.08)
    assert [_short(b["acteur"]) for b in brokers["courtiers"][1:4]] == [
        "consortium",
        "ville-la-tuque",
        "ville-shawinigan",
    ]
    assert [_short(i["instance"]) for i in brokers["instances_pont"][:4]] == [
        "complice",
        "comite-local-developpement-social-haut-saint-maurice",
        "comite-regional-habitation",
        "entente-developpement-social-2022",
    ]
    kinds = [i["type"] for i in brokers["isoles"]]
    assert (kinds.count("actor"), kinds.count("instance")) == (14, 19) and len(brokers["composantes"]) == 1
    _states(
        readme, "(intermédiarité 0,22 ; contrainte 0,08)", "sont isolés 14 acteurs", "et 19 instances sans membre connu"
    )


def test_the_check(mauricie_store_dir, readme):
    check = _json(
        mauricie_store_dir,
        "check",
        "--enjeu",
        "sécurité alimentaire",
        "--territoire",
        "Shawinigan",
        "--partenaire",
        "CIUSSS",
        "--partenaire",
        "Ville de Shawinigan",
    )
    top = [(_short(i["b"]), round(i["score"], 2)) for i in check["instances"][:2]]
    assert top == [("comite-securite-alimentaire-shawinigan", 0.6), ("comite-regional-securite-alimentaire", 0.5)]
    city = next(p for p in check["partenaires"] if _short(p["acteur"]) == "ville-shawinigan")
    assert (city["sieges_avant"], city["sieges_apres"], city["franchit"]) == (6, 7, ["decile"])
    _states(readme, "Comité sécurité alimentaire de Shawinigan (0,60) et le comité régional (0,50)", "(6 → 7 sièges)")


def test_since_2020(mauricie_store_dir, readme):
    store = EmbeddedStore(mauricie_store_dir)
    try:
        everything, recent = build_projection(store), build_projection(store, since=2020)
        counts = (
            len(recent.instances),
            len(everything.instances),
            recent.two_mode.number_of_edges(),
            everything.two_mode.number_of_edges(),
        )
    finally:
        store.close()
    assert counts == (27, 39, 55, 119)
    seats = {
        _short(r["acteur"]): r["sieges"] for r in _json(mauricie_store_dir, "analyze", "--depuis", "2020", "seats")
    }
    assert max(seats.values()) == 4
    assert {a for a, n in seats.items() if n == 4} == {
        "ciusss-mcq",
        "consortium",
        "ville-shawinigan",
        "ville-trois-rivieres",
    }
    _states(readme, "Depuis 2020 restent 27 instances sur 39 et 55 sièges sur 119", "le CIUSSS n'a plus que 4 sièges")


def test_facts_to_confirm(mauricie_store_dir, readme):
    store = EmbeddedStore(mauricie_store_dir)
    try:
        projection = build_projection(store)
        facts = to_confirm(projection)
        shawinigan = to_confirm(projection, "https://w3id.org/ecosysteme/id/territoire/shawinigan")
    finally:
        store.close()
    kinds = [f.kind for f in facts]
    assert (len(facts), kinds.count("instance"), kinds.count("siege")) == (158, 39, 119)
    undated = [f for f in facts if f.attested is None]
    assert len(undated) == 13 and {_short(f.instance) for f in undated} == {
        "comite-local-developpement-social-haut-saint-maurice"
    }
    assert [f.attested for f in facts[13:18]] == [2001, 2001, 2001, 2004, 2004]
    assert sum(1 for f in facts if f.attested is not None and f.attested < 2015) == 32
    assert sum(1 for f in facts if f.attested is not None and f.attested < 2020) == 63
    assert len(shawinigan) == 30
    _states(
        readme,
        "les 158 faits (39 instances et 119 sièges) sont à confirmer",
        "Les 13 sièges de la liste non datée",
        "sous-comités des Chenaux (2001) et de Mékinac (2004)",
        "32 faits sont attestés avant 2015, 63 avant 2020",
        "Sur le territoire de Shawinigan, 30 faits",
    )
