"""The namespaces module and the ontology declare exactly the same eco: terms."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from ecosystem.namespaces import ECO, OWL, RDF, SCHEMES, SKOS, VOCAB, concept_iri, resource_iri, scheme_iri
from ecosystem.ontology import ontology_graph, vocabulary_graph

ECO_PREFIX = str(ECO._NS)


def _declared_in_ontology() -> set[str]:
    graph = ontology_graph()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {
        str(s)[len(ECO_PREFIX) :]
        for kind in kinds
        for s in graph.subjects(RDF.type, kind)
        if str(s).startswith(ECO_PREFIX)
    }


def _declared_in_module() -> set[str]:
    return set(ECO.__annotations__)


def test_every_module_term_is_defined_in_the_ontology():
    assert _declared_in_module() - _declared_in_ontology() == set()


def test_every_ontology_term_is_in_the_module():
    assert _declared_in_ontology() - _declared_in_module() == set()


def test_every_eco_iri_used_in_the_ontology_files_is_declared():
    used = set()
    for graph in (ontology_graph(),):
        for triple in graph:
            used |= {
                str(t)[len(ECO_PREFIX) :] for t in triple if isinstance(t, URIRef) and str(t).startswith(ECO_PREFIX)
            }
    assert used - _declared_in_ontology() == set()


def test_a_misspelt_term_fails_at_once():
    with pytest.raises(AttributeError):
        ECO.Actr  # noqa: B018


def test_every_scheme_exists_with_french_and_english_labels():
    graph = vocabulary_graph()
    for scheme in SCHEMES:
        labels = {label.language for label in graph.objects(scheme_iri(scheme), SKOS.prefLabel)}
        assert {"fr", "en"} <= labels, scheme


def test_every_concept_has_a_french_and_an_english_label_and_a_known_scheme():
    graph = vocabulary_graph()
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 50
    for concept in concepts:
        assert {label.language for label in graph.objects(concept, SKOS.prefLabel)} >= {"fr", "en"}, concept
        (scheme,) = graph.objects(concept, SKOS.inScheme)
        assert str(scheme)[len(str(VOCAB)) :] in SCHEMES
        assert concept == concept_iri(str(scheme)[len(str(VOCAB)) :], str(graph.value(concept, SKOS.notation)))


def test_issue_two_lists_these_vocabularies():
    graph = vocabulary_graph()
    for scheme, notation in [
        ("enjeux", "habitation"),
        ("enjeux", "securite-alimentaire"),
        ("enjeux", "mobilite-durable"),
        ("enjeux", "inegalites-sociales"),
        ("enjeux", "pauvrete-exclusion"),
        ("enjeux", "saines-habitudes-vie"),
        ("enjeux", "condition-femmes"),
        ("enjeux", "participation-citoyenne"),
        ("secteurs", "autochtone"),
        ("secteurs", "philanthropie"),
        ("fonctions", "diffusion"),
        ("roles", "porteur"),
        ("roles", "presidence"),
        ("roles", "mandataire"),
        ("roles", "observateur"),
        ("roles", "bailleur-de-fonds"),
        ("roles", "fiduciaire"),
        ("roles", "membre"),
    ]:
        assert (concept_iri(scheme, notation), RDF.type, SKOS.Concept) in graph


def test_unknown_scheme_and_empty_id_are_refused():
    with pytest.raises(KeyError):
        concept_iri("enjeu", "habitation")
    with pytest.raises(ValueError):
        resource_iri("acteur", " !! ")
