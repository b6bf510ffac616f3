"""Loading is validated, idempotent and atomic."""

from __future__ import annotations

import shutil

import pytest

from ecosystem.limits import DEFAULT_LIMITS
from ecosystem.loading import LoadError, load_paths
from ecosystem.store import PROVENANCE


def test_loading_twice_leaves_the_triple_count_unchanged(empty_store, mauricie_path):
    first = load_paths(empty_store, [mauricie_path])
    assert first.report.conforms and first.written
    count, version = empty_store.triple_count(), empty_store.version()
    second = load_paths(empty_store, [mauricie_path])
    assert not second.written and second.added == 0
    assert empty_store.triple_count() == count
    assert empty_store.version() == version


def test_a_load_records_its_files_and_checksum(empty_store, mauricie_path):
    load_paths(empty_store, [mauricie_path])
    rows = empty_store.select(
        f"SELECT ?file ?sum WHERE {{ GRAPH <{PROVENANCE}> {{ ?a <https://w3id.org/ecosysteme/ontologie#fileName> ?file ;"
        f" <https://w3id.org/ecosysteme/ontologie#checksum> ?sum }} }}"
    )
    assert {str(r["file"]) for r in rows} == {p.name for p in mauricie_path.glob("*.ttl")}
    assert all(len(str(r["sum"])) == 64 for r in rows)


def test_a_file_that_does_not_parse_leaves_the_store_unchanged(empty_store, mauricie_path, tmp_path):
    load_paths(empty_store, [mauricie_path])
    count, version = empty_store.triple_count(), empty_store.version()
    bad = tmp_path / "donnees"
    shutil.copytree(mauricie_path, bad)
    (bad / "zz-casse.ttl").write_text(
        "@prefix eco: <https://w3id.org/ecosysteme/ontologie#> .\n<a> eco:x \n", encoding="utf-8"
    )
    (bad / "aa-nouveau.ttl").write_text(
        '<https://w3id.org/ecosysteme/id/acteur/nouveau> <http://www.w3.org/2004/02/skos/core#prefLabel> "Nouveau"@fr .\n',
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as error:
        load_paths(empty_store, [bad])
    assert "zz-casse.ttl" in str(error.value) and "2" in error.value.message.fr  # file and line
    assert (empty_store.triple_count(), empty_store.version()) == (count, version)


def test_an_invalid_membership_is_rejected_whole(empty_store, mauricie_path, tmp_path):
    load_paths(empty_store, [mauricie_path])
    count, version = empty_store.triple_count(), empty_store.version()
    bad = tmp_path / "membre.ttl"
    bad.write_text(
        """@prefix org: <http://www.w3.org/ns/org#> . @prefix prov: <http://www.w3.org/ns/prov#> .
        <https://w3id.org/ecosysteme/id/participation/inexistante/consortium> a org:Membership ;
            org:member <https://w3id.org/ecosysteme/id/acteur/consortium> ;
            org:organization <https://w3id.org/ecosysteme/id/instance/inexistante> ;
            prov:wasDerivedFrom <https://example.org/source> .""",
        encoding="utf-8",
    )
    result = load_paths(empty_store, [bad])
    assert not result.report.conforms and not result.written
    (violation,) = result.report.violations
    assert violation.focus == "id:participation/inexistante/consortium"
    assert violation.path == "org:organization" and violation.value == "id:instance/inexistante"
    assert (empty_store.triple_count(), empty_store.version()) == (count, version)


def test_unknown_extensions_and_missing_files_are_explained(empty_store, tmp_path):
    (tmp_path / "a.docx").write_bytes(b"x")
    with pytest.raises(LoadError, match="format"):
        load_paths(empty_store, [tmp_path / "a.docx"])
    with pytest.raises(LoadError, match="introuvable"):
        load_paths(empty_store, [tmp_path / "absent.ttl"])


def test_non_canonical_literals_reload_as_nothing_new(empty_store, tmp_path):
    path = tmp_path / "territoire.ttl"
    path.write_text(
        """@prefix eco: <https://w3id.org/ecosysteme/ontologie#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix prov: <http://www.w3.org/ns/prov#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/ecosysteme/id/territoire/t> a eco:Territory ; skos:prefLabel "T"@fr ;
            eco:population "0042"^^xsd:integer ; prov:wasDerivedFrom <https://example.org/s> .
        <https://w3id.org/ecosysteme/id/instance/i> a eco:Instance ; skos:prefLabel "I"@fr ;
            eco:meetingsPerYear "10.0"^^xsd:decimal ; prov:wasDerivedFrom <https://example.org/s> .""",
        encoding="utf-8",
    )
    assert load_paths(empty_store, [path]).written
    version = empty_store.version()
    assert not load_paths(empty_store, [path]).written
    assert empty_store.version() == version


# The load validates like the spreadsheet import (one resource per group of alike descriptions):
# it must refuse exactly what a full pyshacl run over everything the files add refuses.

_BAD = """@prefix org: <http://www.w3.org/ns/org#> . @prefix eco: <https://w3id.org/ecosysteme/ontologie#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/ecosysteme/id/participation/x1/consortium> a org:Membership ;
    org:member <https://w3id.org/ecosysteme/id/acteur/consortium> ;
    org:organization <https://w3id.org/ecosysteme/id/instance/inexistante-1> ; prov:wasDerivedFrom <https://example.org/s> .
<https://w3id.org/ecosysteme/id/participation/x2/consortium> a org:Membership ;
    org:member <https://w3id.org/ecosysteme/id/acteur/consortium> ;
    org:organization <https://w3id.org/ecosysteme/id/instance/inexistante-2> ; prov:wasDerivedFrom <https://example.org/s> .
<https://w3id.org/ecosysteme/id/participation/x3/consortium> a org:Membership ;
    org:member <https://w3id.org/ecosysteme/id/acteur/consortium> ; eco:hoursPerYear "quatre"^^xsd:decimal ;
    org:organization <https://w3id.org/ecosysteme/id/instance/conseil-des-partenaires> ; prov:wasDerivedFrom <https://example.org/s> .
<https://w3id.org/ecosysteme/id/participation/x4/consortium> a org:Membership ;
    org:member <https://w3id.org/ecosysteme/id/acteur/consortium> , <https://w3id.org/ecosysteme/id/acteur/ciusss-mcq> ;
    org:organization <https://w3id.org/ecosysteme/id/instance/conseil-des-partenaires> ; prov:wasDerivedFrom <https://example.org/s> .
<https://w3id.org/ecosysteme/id/acteur/sans-nom> a eco:Actor , org:Organization ; prov:wasDerivedFrom <https://example.org/s> .
<https://w3id.org/ecosysteme/id/acteur/sans-nom-2> a eco:Actor , org:Organization ; prov:wasDerivedFrom <https://example.org/s> .
"""

_M = "https://w3id.org/ecosysteme/id/participation/limite-"


def _membership(name: str, values: str) -> str:
    return (
        f"<{_M}{name}> a org:Membership ; org:member <https://w3id.org/ecosysteme/id/acteur/consortium> ;\n"
        "    org:organization <https://w3id.org/ecosysteme/id/instance/conseil-des-partenaires> ;\n"
        f"    prov:wasDerivedFrom <https://example.org/s> ; {values} .\n"
    )


# Values the grouping abstracts (dates, numbers, concepts): each case its own verdict, several alike.
_EDGES = (
    _BAD.split("<https://w3id.org/ecosysteme/id/participation/x1", 1)[0]
    + "@prefix role: <https://w3id.org/ecosysteme/vocab/roles/> .\n"
    + "@prefix fonction: <https://w3id.org/ecosysteme/vocab/fonctions/> .\n"
    + "".join(
        _membership(name, values)
        for name, values in [
            ("apres", 'eco:startDate "2024-05-01"^^xsd:date ; eco:endDate "2024-01-01"^^xsd:date'),
            ("apres-2", 'eco:startDate "2023-05-01"^^xsd:date ; eco:endDate "2022-01-01"^^xsd:date'),
            ("egal", 'eco:startDate "2024-01-01"^^xsd:date ; eco:endDate "2024-01-01"^^xsd:date'),
            ("avant", 'eco:startDate "2020-01-01"^^xsd:date ; eco:endDate "2024-01-01"^^xsd:date'),
            ("sans-fin", 'eco:startDate "2020-01-01"^^xsd:date'),
            ("mal-formee", 'eco:startDate "2024-02-30"^^xsd:date'),
            ("texte", 'eco:startDate "2024-01-01"'),
            ("instant", 'eco:startDate "2024-01-01"^^xsd:date ; eco:endDate "2023-01-01T10:00:00"^^xsd:dateTime'),
            (
                "deux-debuts",
                'eco:startDate "2020-01-01"^^xsd:date , "2025-01-01"^^xsd:date ; eco:endDate "2024-01-01"^^xsd:date',
            ),
            ("zero", 'eco:hoursPerYear "0"^^xsd:decimal'),
            ("negatif", 'eco:hoursPerYear "-0.5"^^xsd:decimal'),
            ("negatif-2", 'eco:hoursPerYear "-12"^^xsd:decimal'),
            ("entier", 'eco:hoursPerYear "5"^^xsd:integer'),
            ("illisible", 'eco:hoursPerYear "quatre"^^xsd:decimal'),
            ("role", "org:role role:membre"),
            ("role-2", "org:role role:membre"),
            ("role-faux", "org:role fonction:concertation"),
            ("role-inconnu", "org:role role:nexiste-pas"),
            ("confirme", 'eco:confirmedOn "2024-13-01"^^xsd:date'),
        ]
    )
)


def _seen(violations) -> set:
    return {(v.focus, v.path, v.rule, v.value) for v in violations}


def _full_report(files, store):
    from ecosystem.loading import read_rdf_files, reference_context
    from ecosystem.validation import validate_graph

    data = read_rdf_files(files)
    return validate_graph(data, reference_context(store, data))


@pytest.mark.parametrize("with_data", [False, True], ids=["into-a-filled-store", "with-the-whole-region"])
def test_grouped_validation_refuses_what_full_validation_refuses(empty_store, mauricie_path, tmp_path, with_data):
    folder = tmp_path / "donnees"
    if with_data:
        shutil.copytree(mauricie_path, folder)  # everything new: validated together, into an empty store
    else:
        load_paths(empty_store, [mauricie_path])
        folder.mkdir()
    (folder / "zz-mauvais.ttl").write_text(_BAD, encoding="utf-8")
    (folder / "zz-limites.ttl").write_text(_EDGES, encoding="utf-8")
    count, version = empty_store.triple_count(), empty_store.version()
    grouped = load_paths(empty_store, [folder])
    full = _full_report(sorted(folder.glob("*.ttl")), empty_store)
    assert not grouped.report.conforms and not grouped.written
    assert _seen(grouped.report.violations) == _seen(full.violations)
    assert {v.focus for v in grouped.report.violations} >= {
        "id:participation/x1/consortium",
        "id:participation/x2/consortium",
        "id:participation/x3/consortium",
        "id:participation/x4/consortium",
        "id:acteur/sans-nom",
        "id:acteur/sans-nom-2",
    }
    refused = {v.focus.removeprefix("id:participation/limite-") for v in grouped.report.violations}
    assert {"apres", "apres-2", "mal-formee", "texte", "instant", "deux-debuts", "negatif", "negatif-2"} <= refused
    assert {"entier", "illisible", "role-faux", "confirme"} <= refused
    assert not {"egal", "avant", "sans-fin", "zero", "role", "role-2"} & refused
    assert (empty_store.triple_count(), empty_store.version()) == (count, version)  # nothing half-written


def test_grouped_validation_on_the_synthetic_province(empty_store, tmp_path):
    import random

    from rdflib import Graph, Literal

    from ecosystem.namespaces import ECO, ORG, RDF, XSD
    from ecosystem.projection_tables import triples_from_tables
    from ecosystem.synth import generate

    graph = Graph()
    for triple in triples_from_tables(generate(regions=1, seed=1, scale=0.08).tables):
        graph.add(triple)
    memberships = sorted(graph.subjects(RDF.type, ORG.Membership))
    rng = random.Random(4)
    for m in rng.sample(memberships, 5):
        graph.remove((m, ECO.hoursPerYear, None))
        graph.add((m, ECO.hoursPerYear, Literal("-3", datatype=XSD.decimal)))  # below the minimum
    for m in rng.sample(memberships, 3):
        graph.remove((m, ORG.organization, None))  # missing its instance
    path = tmp_path / "province.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    grouped = load_paths(empty_store, [path])
    full = _full_report([path], empty_store)
    assert not full.conforms and _seen(grouped.report.violations) == _seen(full.violations)
    assert empty_store.triple_count() == 0 and not grouped.written
    from ecosystem.load_groups import ox_signatures
    from ecosystem.loading import parse_rdf_files

    groups, _ = ox_signatures(parse_rdf_files([path]))
    assert len(groups) < 40 < len(set(graph.subjects())) / 10  # a few groups of hundreds of resources


def test_a_valid_load_into_an_empty_store_writes_everything_once(empty_store, mauricie_path):
    from ecosystem.loading import rdf_files, read_rdf_files

    result = load_paths(empty_store, [mauricie_path])
    assert result.written and result.report.conforms
    assert result.added == len(read_rdf_files(rdf_files([mauricie_path]))) == empty_store.triple_count()


def test_a_first_load_signs_each_resource_as_the_import_does(mauricie_path, tmp_path):
    """The signatures read from Oxigraph's terms are, resource by resource, the rdflib ones."""
    from collections import defaultdict

    from rdflib import URIRef

    from ecosystem.load_groups import ox_signatures
    from ecosystem.loading import parse_rdf_files, rdf_files
    from ecosystem.namespaces import RDF
    from ecosystem.shape_values import concept_schemes
    from ecosystem.store.terms import from_ox
    from ecosystem.validation import signature

    folder = tmp_path / "donnees"
    shutil.copytree(mauricie_path, folder)
    (folder / "zz-limites.ttl").write_text(_EDGES, encoding="utf-8")
    canonical = parse_rdf_files(rdf_files([folder]))
    groups, _ = ox_signatures(canonical)
    from_oxigraph = {URIRef(s): sig for sig, members in groups.items() for s in members}
    descriptions: dict = defaultdict(set)
    for quad in canonical:
        descriptions[from_ox(quad.subject)].add((from_ox(quad.predicate), from_ox(quad.object)))
    types = {s: tuple(sorted(str(o) for p, o in d if p == RDF.type)) for s, d in descriptions.items()}
    concepts = {c: s for c, s in concept_schemes().items() if URIRef(c) not in descriptions}
    by_rdflib = {s: signature(d, lambda iri: types.get(iri, ()), concepts) for s, d in descriptions.items()}
    assert from_oxigraph == by_rdflib
    assert len(groups) < len(descriptions) / 2  # dates, numbers and concepts no longer make a group each


_FINE = '<https://w3id.org/ecosysteme/id/acteur/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A"@fr .\n'


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('_:b <http://www.w3.org/2004/02/skos/core#prefLabel> "B"@fr .\n', "deux.nt, ligne 2 : nœud anonyme"),
        (
            '<https://w3id.org/ecosysteme/id/acteur/b> <http://www.w3.org/2004/02/skos/core#prefLabel> "'
            + "b" * 40_000
            + '"@fr .\n',
            "deux.nt : littéral de 40\u202f000 caractères",
        ),
    ],
)
def test_a_first_load_refuses_a_blank_node_or_a_long_literal_naming_its_file(empty_store, tmp_path, line, said):
    (tmp_path / "un.nt").write_text(_FINE, encoding="utf-8")
    (tmp_path / "deux.nt").write_text(_FINE + line, encoding="utf-8")
    for dry_run in (True, False):
        with pytest.raises(LoadError) as error:
            load_paths(empty_store, [tmp_path / "un.nt", tmp_path / "deux.nt"], dry_run=dry_run)
        assert said in error.value.message.fr, error.value.message.fr
    assert empty_store.triple_count(None) == 0


def test_n_triples_signed_from_their_pairs_group_as_from_oxigraphs_memory(mauricie_path, tmp_path):
    """The two ways of a first load (:mod:`ecosystem.load_ntriples`, Oxigraph's in-memory store) sign alike."""
    import pyoxigraph as ox
    from rdflib import Graph

    from ecosystem.load_groups import _grouped, _signer, ox_signatures
    from ecosystem.load_ntriples import parse_ntriples
    from ecosystem.loading import parse_rdf_files, rdf_files, read_rdf_files

    folder = tmp_path / "donnees"
    shutil.copytree(mauricie_path, folder)
    (folder / "zz-limites.ttl").write_text(_EDGES, encoding="utf-8")
    graph = Graph()
    for triple in read_rdf_files(rdf_files([folder])):
        graph.add(triple)
    nt = tmp_path / "tout.nt"
    nt.write_bytes(
        parse_rdf_files(rdf_files([folder])).dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    )
    parsed = parse_ntriples([nt], DEFAULT_LIMITS)
    assert parsed is not None and parsed.exact() and parsed.triples == len(graph)
    about: set[str] = set()
    signer = _signer(parsed.types(), parsed.subjects.__contains__)
    from_pairs = _grouped(iter(parsed.subjects.items()), signer, about)
    from_memory, _ = ox_signatures(parse_rdf_files([nt]), expected := set())
    assert {s: set(m) for s, m in from_pairs.items()} == {s: set(m) for s, m in from_memory.items()}
    assert about == expected
