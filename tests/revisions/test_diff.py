"""Two revisions differing by a known change produce exactly that diff."""

from __future__ import annotations

from rdflib import Graph, Literal

from ecosystem.diff import diff_graphs
from ecosystem.namespaces import ECO, FOAF, ID, ORG, RDF, SKOS, actor_iri, concept_iri, instance_iri, membership_iri
from ecosystem.ontology import vocabulary_graph
from ecosystem.revisions import create_revision, revision_data
from ecosystem.store import CURRENT

ALLIANCE = instance_iri("alliance-pour-la-solidarite")
CFCM = actor_iri("cfcm")
NEW_ACTOR = actor_iri("nouvel-organisme")
MANDATAIRE = membership_iri("consortium", "entente-developpement-social-2022")


def _known_change(graph: Graph) -> Graph:
    """Add an actor, remove a membership, rename an acronym, add an issue, change a role."""
    changed = Graph()
    for triple in graph:
        changed.add(triple)
    changed.add((NEW_ACTOR, RDF.type, ECO.Actor))
    changed.add((NEW_ACTOR, SKOS.prefLabel, Literal("Nouvel organisme", lang="fr")))
    removed = membership_iri("cle-la-tuque", "comite-local-developpement-social-haut-saint-maurice")
    changed.remove((removed, None, None))
    changed.set((CFCM, ECO.acronym, Literal("CFCM-2")))
    changed.add((ALLIANCE, ORG.purpose, concept_iri("enjeux", "habitation")))
    changed.set((MANDATAIRE, ORG.role, concept_iri("roles", "porteur")))
    return changed


def test_known_change_gives_exactly_that_diff(mauricie_copy, mauricie_graph):
    create_revision(mauricie_copy, "avant")
    after = _known_change(mauricie_graph)
    mauricie_copy.replace_graph(CURRENT, after)
    create_revision(mauricie_copy, "apres")
    diff = diff_graphs(
        revision_data(mauricie_copy, "avant"),
        revision_data(mauricie_copy, "apres"),
        "avant",
        "apres",
        labels=vocabulary_graph(),
    )
    result = diff.to_dict()
    assert result["acteurs"] == {
        "ajoutes": [{"iri": str(NEW_ACTOR), "nom": "Nouvel organisme"}],
        "retires": [],
        "modifies": [
            {
                "iri": str(CFCM),
                "nom": result["acteurs"]["modifies"][0]["nom"],
                "champs": {"acronyme": {"avant": ["CFCM"], "apres": ["CFCM-2"]}},
            }
        ],
    }
    assert result["instances"] == {"ajoutes": [], "retires": [], "modifies": []}
    removed = result["participations"]
    assert removed["ajoutes"] == [] and removed["modifies"] == []
    assert [r["iri"] for r in removed["retires"]] == [
        str(membership_iri("cle-la-tuque", "comite-local-developpement-social-haut-saint-maurice"))
    ]
    assert " → " in removed["retires"][0]["nom"]
    issues = {
        next(str(x) for x in vocabulary_graph().objects(i, SKOS.prefLabel) if x.language == "fr")
        for i in mauricie_graph.objects(ALLIANCE, ORG.purpose)
    }
    assert "Habitation" not in issues
    assert result["mandats"]["modifies"] == [
        {
            "iri": str(ALLIANCE),
            "nom": "Alliance pour la solidarité",
            "champs": {"enjeux": {"avant": sorted(issues), "apres": sorted(issues | {"Habitation"})}},
        }
    ]
    [role] = result["roles"]["modifies"]
    assert role["iri"] == str(MANDATAIRE)
    vocabulary = vocabulary_graph()
    label = lambda notation: next(  # noqa: E731
        str(x) for x in vocabulary.objects(concept_iri("roles", notation), SKOS.prefLabel) if x.language == "fr"
    )
    assert role["champs"] == {"role": {"avant": [label("mandataire")], "apres": [label("porteur")]}}
    assert diff.status_of() == {
        str(NEW_ACTOR): "ajoute",
        str(CFCM): "modifie",
        str(ALLIANCE): "modifie",
        str(MANDATAIRE): "modifie",
        str(membership_iri("cle-la-tuque", "comite-local-developpement-social-haut-saint-maurice")): "retire",
    }


def test_same_graph_gives_an_empty_diff(mauricie_graph):
    diff = diff_graphs(mauricie_graph, mauricie_graph)
    assert diff.empty and diff.status_of() == {}


def test_representatives_never_reach_a_diff(mauricie_graph):
    after = Graph()
    for triple in mauricie_graph:
        after.add(triple)
    person = ID["personne/p1"]
    after.add((MANDATAIRE, ECO.representative, person))
    after.add((person, RDF.type, FOAF.Person))
    after.add((person, FOAF.name, Literal("Nom Confidentiel")))
    diff = diff_graphs(mauricie_graph, after)
    assert diff.empty
    assert "Confidentiel" not in str(diff.to_dict())
