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
    (bad / "zz-casse.ttl").write_text("@prefix eco: <https://w3id.org/ecosysteme/ontologie#> .\n<a> eco:x \n", encoding="utf-8")
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
