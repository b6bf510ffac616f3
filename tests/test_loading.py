"""Loading is validated, idempotent and atomic."""

from __future__ import annotations

import shutil

import pytest

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


def test_a_valid_load_into_an_empty_store_writes_everything_once(empty_store, mauricie_path):
    from ecosystem.loading import rdf_files, read_rdf_files

    result = load_paths(empty_store, [mauricie_path])
    assert result.written and result.report.conforms
    assert result.added == len(read_rdf_files(rdf_files([mauricie_path]))) == empty_store.triple_count()
