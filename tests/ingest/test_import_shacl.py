"""SHACL per group of alike resources gives the same verdicts as SHACL on every resource."""

from __future__ import annotations

from rdflib import Graph, Literal

from ecosystem.ingest.delta import Delta
from ecosystem.ingest.shacl import shacl_problems
from ecosystem.ingest.tables_to_rdf import Conversion
from ecosystem.namespaces import ECO, ID, ORG, PROV, RDF, SKOS, XSD, concept_iri
from ecosystem.validation import validate_graph

SOURCE = ID["source/s"]


def actor(i, label=True, sector="communautaire"):
    d = {(RDF.type, ECO.Actor), (RDF.type, ORG.Organization), (PROV.wasDerivedFrom, SOURCE)}
    if label:
        d.add((SKOS.prefLabel, Literal(f"Acteur {i}", lang="fr")))
    d.add((ECO.sector, concept_iri("secteurs", sector) if sector else concept_iri("enjeux", "habitation")))
    return d


def membership(a, i, start="2024-01-01", end="2025-01-01", organization="instance"):
    return {
        (RDF.type, ORG.Membership),
        (ORG.member, ID[f"acteur/{a}"]),
        (ORG.organization, ID[f"{organization}/{i}"]),
        (ECO.startDate, Literal(start, datatype=XSD.date)),
        (ECO.endDate, Literal(end, datatype=XSD.date)),
        (PROV.wasDerivedFrom, SOURCE),
    }


def instance(i, types=("comite",)):
    d = {
        (RDF.type, ECO.Instance),
        (RDF.type, ORG.OrganizationalCollaboration),
        (PROV.wasDerivedFrom, SOURCE),
        (SKOS.prefLabel, Literal(f"Instance {i}", lang="fr")),
    }
    return d | {(ECO.instanceType, concept_iri("types-instance", t)) for t in types}


def test_grouped_verdicts_equal_full_verdicts(memory_store):
    descriptions = {}
    for n in range(6):
        descriptions[ID[f"acteur/a{n}"]] = actor(n, label=n != 3, sector=None if n == 4 else "communautaire")
    for n in range(3):
        descriptions[ID[f"instance/i{n}"]] = instance(n, types=("comite", "table-regionale") if n == 1 else ("comite",))
    for n in range(6):
        descriptions[ID[f"participation/i{n % 3}/a{n}"]] = membership(
            f"a{n}",
            f"i{n % 3}",
            end="2023-01-01" if n == 2 else "2025-01-01",
            organization="acteur" if n == 5 else "instance",
        )
    conversion = Conversion()
    for n, subject in enumerate(sorted(descriptions)):
        conversion.origins[subject] = ("f.csv", "feuille", n + 2)
    delta = Delta(descriptions=descriptions)
    grouped = {
        (p.value, p.what.fr, p.fix.fr.split(": ")[1].rstrip("."))
        for p in shacl_problems(memory_store, conversion, delta)
    }

    full_data = Graph()
    for subject, description in descriptions.items():
        for p, o in description:
            full_data.add((subject, p, o))
    full = {(v.value, v.message_fr, v.focus) for v in validate_graph(full_data).violations}
    assert full == grouped
    focuses = {f for _, _, f in full}
    assert {
        "id:acteur/a3",
        "id:acteur/a4",
        "id:instance/i1",
        "id:participation/i2/a2",
        "id:participation/i2/a5",
    } <= focuses


def test_grouped_verdicts_equal_full_verdicts_on_the_values_the_groups_abstract(memory_store):
    """Dates, numbers and concepts stand for each other in a group only when every constraint agrees on them."""
    cases = [
        ("2024-05-01", "2024-01-01", "-1"),
        ("2023-05-01", "2022-01-01", "-250.5"),
        ("2024-01-01", "2024-01-01", "0"),
        ("2020-01-01", "2024-01-01", "12"),
        ("2020-03-01", "2024-01-01", "0.5"),
        ("2024-02-30", "2025-01-01", "3"),
        ("2021-01-01", "2025-01-01", "quatre"),
    ]
    descriptions = {}
    for n, (start, end, hours) in enumerate(cases * 2):
        description = membership(f"a{n % 4}", "i0", start=start, end=end)
        description.add((ECO.hoursPerYear, Literal(hours, datatype=XSD.decimal)))
        descriptions[ID[f"participation/i0/a{n}"]] = description
    descriptions[ID["participation/i0/entier"]] = membership("a0", "i0") | {
        (ECO.hoursPerYear, Literal("5", datatype=XSD.integer))
    }
    for n in range(4):
        descriptions[ID[f"acteur/a{n}"]] = actor(n, sector=None if n % 2 else "communautaire")
    descriptions[ID["instance/i0"]] = instance(0, types=("comite",))
    descriptions[ID["instance/i1"]] = instance(1, types=("comite", "communautaire"))  # a sector, not a type
    conversion = Conversion()
    for n, subject in enumerate(sorted(descriptions)):
        conversion.origins[subject] = ("f.csv", "feuille", n + 2)
    grouped = {
        (p.value, p.what.fr, p.fix.fr.split(": ")[1].rstrip("."))
        for p in shacl_problems(memory_store, conversion, Delta(descriptions=descriptions))
    }
    full_data = Graph()
    for subject, description in descriptions.items():
        for p, o in description:
            full_data.add((subject, p, o))
    full = {(v.value, v.message_fr, v.focus) for v in validate_graph(full_data).violations}
    assert full == grouped
    refused = {f.removeprefix("id:") for _, _, f in full}
    for n, (start, end, hours) in enumerate(cases * 2):
        wrong = start > end or start == "2024-02-30" or hours in ("quatre",) or hours.startswith("-")
        assert (f"participation/i0/a{n}" in refused) == wrong, (start, end, hours)
    assert {"participation/i0/entier", "acteur/a1", "acteur/a3", "instance/i1"} <= refused
