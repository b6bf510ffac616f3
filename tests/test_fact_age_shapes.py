"""The age of a fact in the model: one attested year (``eco:attestedIn``), one confirmation day (``eco:confirmedOn``)."""

from __future__ import annotations

from rdflib import Graph, Literal

from ecosystem.namespaces import ECO, ID, ORG, PROV, RDF, SKOS, XSD
from ecosystem.validation import validate_graph

MEMBERSHIP = ID["participation/i/a"]


def _graph(*age) -> Graph:
    graph = Graph()
    for node, kind in (
        (ID["acteur/a"], (ECO.Actor, ORG.Organization)),
        (ID["instance/i"], (ECO.Instance, ORG.OrganizationalCollaboration)),
    ):
        graph.add((node, SKOS.prefLabel, Literal("Nom", lang="fr")))
        graph.add((node, PROV.wasDerivedFrom, ID["source/s"]))
        for k in kind:
            graph.add((node, RDF.type, k))
    for triple in (
        (RDF.type, ORG.Membership),
        (ORG.member, ID["acteur/a"]),
        (ORG.organization, ID["instance/i"]),
        (PROV.wasDerivedFrom, ID["source/s"]),
        *age,
    ):
        graph.add((MEMBERSHIP, *triple))
    return graph


def _messages(graph: Graph) -> set[str]:
    return {v.message_fr for v in validate_graph(graph).violations}


def test_a_dated_and_confirmed_membership_is_valid():
    assert (
        _messages(
            _graph(
                (ECO.attestedIn, Literal("2016", datatype=XSD.gYear)),
                (ECO.confirmedOn, Literal("2026-12-03", datatype=XSD.date)),
            )
        )
        == set()
    )


def test_a_confirmation_is_one_day_and_the_attestation_one_year():
    assert _messages(_graph((ECO.confirmedOn, Literal("décembre 2026")))) == {
        "Confirmé par l'organisation le : une seule date (AAAA-MM-JJ)."
    }
    assert _messages(
        _graph(
            (ECO.confirmedOn, Literal("2026-12-03", datatype=XSD.date)),
            (ECO.confirmedOn, Literal("2026-12-04", datatype=XSD.date)),
        )
    ) == {"Confirmé par l'organisation le : une seule date (AAAA-MM-JJ)."}
    assert _messages(_graph((ECO.attestedIn, Literal(2016)))) == {"Attesté en : une seule année (AAAA)."}
