"""Atomic, idempotent apply: what is added, changed, created; provenance; dry run."""

from __future__ import annotations

import csv
import hashlib
import io

import pytest
from rdflib import Literal, URIRef

from ecosystem.ingest.apply import import_paths
from ecosystem.ingest.mapping import file_source, resource
from ecosystem.ingest.problems import ValidationFailed
from ecosystem.namespaces import DCTERMS, ECO, ORG, PROV, RDF, SKOS, XSD, actor_iri, concept_iri, membership_iri
from ecosystem.store.base import CURRENT, PROVENANCE


def write(folder, tables, names=None):
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        if names and name not in names:
            continue
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(rows)
        (folder / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return folder


def test_importing_twice_writes_once(tmp_path, empty_store, sample_tables):
    folder = write(tmp_path / "f", sample_tables)
    first = import_paths(empty_store, [folder])
    assert first.written and {k: len(v) for k, v in first.added.items()} == {
        "territoires": 2,
        "acteurs": 3,
        "instances": 2,
        "participations": 3,
        "sources": 4,
    }
    version, count = empty_store.version(), empty_store.triple_count(None)
    second = import_paths(empty_store, [folder])
    assert not second.written and second.triples_added == second.triples_removed == 0
    assert (empty_store.version(), empty_store.triple_count(None)) == (version, count)


def test_the_import_is_recorded_as_a_prov_activity(tmp_path, empty_store, sample_tables):
    folder = write(tmp_path / "f", sample_tables)
    import_paths(empty_store, [folder])
    provenance = empty_store.graph(PROVENANCE)
    (activity,) = provenance.subjects(RDF.type, ECO.Import)
    assert {str(o) for o in provenance.objects(activity, ECO.fileName)} == {f"{n}.csv" for n in sample_tables}
    digest = hashlib.sha256(b"".join((folder / f"{n}.csv").read_bytes() for n in sorted(sample_tables))).hexdigest()
    assert str(provenance.value(activity, ECO.checksum)) == digest
    assert provenance.value(activity, PROV.endedAtTime).datatype == XSD.dateTime


def test_rows_without_source_derive_from_the_file_described_as_a_source(tmp_path, empty_store, sample_tables):
    import_paths(empty_store, [write(tmp_path / "f", sample_tables)])
    graph = empty_store.graph(CURRENT)
    source = file_source("acteurs.csv")
    assert graph.value(actor_iri("cisss-x"), PROV.wasDerivedFrom) == source
    assert (source, RDF.type, ECO.Source) in graph and str(graph.value(source, DCTERMS.title)) == "acteurs.csv"
    assert graph.value(membership_iri("ville-a", "comite-local"), PROV.wasDerivedFrom) == URIRef(
        "https://exemple.org/membres"
    )


def test_a_changed_cell_replaces_the_old_value_and_an_empty_one_keeps_it(tmp_path, empty_store, sample_tables):
    import_paths(empty_store, [write(tmp_path / "f", sample_tables)])
    changed = {name: [list(r) for r in rows] for name, rows in sample_tables.items()}
    changed["acteurs"][1][2] = "CISSS-X"  # sigle
    changed["acteurs"][1][4] = "education | municipal"  # secteur
    changed["acteurs"][2][6] = ""  # site_web left empty
    before = empty_store.version()
    result = import_paths(empty_store, [write(tmp_path / "g", changed, names={"acteurs"})], dry_run=True)
    assert (
        result.changed == {"acteurs": ["acteur/cisss-x"]} and result.triples_removed == 2 and result.triples_added == 3
    )
    assert empty_store.version() == before  # a dry run writes nothing
    import_paths(empty_store, [tmp_path / "g"])
    graph = empty_store.graph(CURRENT)
    cisss = actor_iri("cisss-x")
    assert set(graph.objects(cisss, ECO.acronym)) == {Literal("CISSS-X")}
    assert set(graph.objects(cisss, ECO.sector)) == {
        concept_iri("secteurs", "education"),
        concept_iri("secteurs", "municipal"),
    }
    assert graph.value(actor_iri("cdc-a"), SKOS.prefLabel) is not None
    assert str(graph.value(actor_iri("cdc-a"), URIRef("http://xmlns.com/foaf/0.1/homepage"))) == "https://www.cdc-a.org"


def test_memberships_alone_create_the_actors_and_instances_they_name(tmp_path, mauricie_copy):
    (tmp_path / "participations.csv").write_text(
        "acteur,instance,role\nciusss-mcq,nouvelle-table,membre\nnouvel-organisme,nouvelle-table,porteur\n",
        encoding="utf-8",
    )
    result = import_paths(mauricie_copy, [tmp_path / "participations.csv"])
    assert result.created == {"acteurs": ["nouvel-organisme"], "instances": ["nouvelle-table"]}
    graph = mauricie_copy.graph(CURRENT)
    table = resource("instances", "nouvelle-table")
    assert (table, RDF.type, ECO.Instance) in graph and graph.value(table, SKOS.prefLabel) == Literal(
        "nouvelle-table", lang="fr"
    )
    assert graph.value(table, PROV.wasDerivedFrom) == file_source("participations.csv")
    assert (membership_iri("ciusss-mcq", "nouvelle-table"), ORG.member, actor_iri("ciusss-mcq")) in graph
    # The existing actor keeps its own name and sources.
    assert "CIUSSS" in str(graph.value(actor_iri("ciusss-mcq"), SKOS.prefLabel))
    assert file_source("participations.csv") not in set(graph.objects(actor_iri("ciusss-mcq"), PROV.wasDerivedFrom))


def test_shacl_runs_on_what_the_import_adds(tmp_path, empty_store, monkeypatch, sample_tables):
    """A violation only the shapes know (here: a forced invalid role) refuses the whole import."""
    from ecosystem.ingest import lookups

    folder = write(tmp_path / "f", sample_tables)
    real = lookups.vocabulary("roles")
    broken = lookups.Vocabulary("roles", dict(real.notations), dict(real.keys))
    broken.keys["membre"] = concept_iri("enjeux", "habitation")  # an issue where a role belongs
    monkeypatch.setattr(
        "ecosystem.ingest.tables_to_rdf.vocabulary", lambda s: broken if s == "roles" else lookups.vocabulary(s)
    )
    with pytest.raises(ValidationFailed) as failed:
        import_paths(empty_store, [folder])
    assert any("rôle" in p.what.fr and p.file == "participations.csv" and p.row == 3 for p in failed.value.problems)
    assert empty_store.triple_count(None) == 0


def test_a_column_without_language_replaces_values_in_any_language(tmp_path, empty_store, sample_tables):
    from ecosystem.namespaces import ECO

    import_paths(empty_store, [write(tmp_path / "f", sample_tables)])
    cisss = actor_iri("cisss-x")
    empty_store.apply(
        add=[
            (cisss, ECO.acronym, Literal("CISSS", lang="fr")),
            (cisss, SKOS.prefLabel, Literal("Health centre", lang="en")),
        ]
    )
    changed = {
        "acteurs": [sample_tables["acteurs"][0], ["cisss-x", "Centre intégré", "CISSS-X", "", "", "", "", "", ""]]
    }
    import_paths(empty_store, [write(tmp_path / "g", changed)])
    graph = empty_store.graph(CURRENT)
    assert set(graph.objects(cisss, ECO.acronym)) == {Literal("CISSS-X")}
    assert set(graph.objects(cisss, SKOS.prefLabel)) == {
        Literal("Centre intégré", lang="fr"),
        Literal("Health centre", lang="en"),
    }
