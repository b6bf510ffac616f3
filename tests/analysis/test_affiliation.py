"""Published affiliation sets (``shared_datasets``): seats, the top pair's shared members and identical boards,
each recomputed here straight from the CSV files. The small sets go through the real import; the Norway boards
(1,834 memberships) through the template tables, to keep this file fast."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from itertools import combinations

import pytest

from ecosystem.analysis.duplicates import duplicated_mandates
from ecosystem.analysis.seats import seats_and_load
from ecosystem.analysis.structure import structure
from ecosystem.ingest.apply import import_paths
from ecosystem.namespaces import actor_iri, instance_iri, slugify
from ecosystem.projection import build_projection
from ecosystem.projection_tables import projection_from_tables

IMPORTED = ["galaskiewicz_ceos_clubs", "scott_hughes_companies_period1", "barnes_burkett_chicago1960s"]
TABLES = ["norway_boards_2009", "fischer_whigs", "scott_hughes_companies_period3"]


def read(folder):
    with (folder / "memberships.csv").open(newline="", encoding="utf-8-sig") as handle:
        return [(row["actor_id"].strip(), row["committee_id"].strip()) for row in csv.DictReader(handle)]


def boards(memberships) -> dict[str, frozenset]:
    by_committee = defaultdict(set)
    for actor, committee in memberships:
        by_committee[committee].add(actor)
    return {c: frozenset(a) for c, a in by_committee.items()}


def check_against_the_csv(projection, memberships, actor, committee):
    seats = Counter(a for a, _ in set(memberships))
    loads = seats_and_load(projection)
    assert {a: loads[actor(a)].sieges for a in seats} == dict(seats)

    members = boards(memberships)
    best = max(len(members[a] & members[b]) for a, b in combinations(sorted(members), 2))
    assert max(projection.shared_members.values()) == best
    top = {frozenset(pair) for pair, n in projection.shared_members.items() if n == best}
    assert top == {
        frozenset((committee(a), committee(b)))
        for a, b in combinations(sorted(members), 2)
        if len(members[a] & members[b]) == best
    }

    groups = defaultdict(list)
    for c, actors in members.items():
        if len(actors) >= 2:
            groups[actors].append(committee(c))
    expected = sorted(sorted(g) for g in groups.values() if len(g) > 1)
    assert sorted(entry["instances"] for entry in duplicated_mandates(projection).membres_identiques) == expected

    result = structure(projection, seed=1)
    assert sum(c["taille"] for c in result.composantes) + len(result.isoles) == projection.two_mode.number_of_nodes()
    return expected


@pytest.mark.parametrize("name", IMPORTED)
def test_imported_sets(shared_datasets, empty_store, name):
    folder = shared_datasets / "affiliation" / name
    import_paths(empty_store, [folder])
    prefix = slugify(folder.name)
    check_against_the_csv(
        build_projection(empty_store),
        read(folder),
        lambda a: str(actor_iri(f"{prefix}-{a}")),
        lambda c: str(instance_iri(f"{prefix}-{c}")),
    )


@pytest.mark.parametrize("name", TABLES)
def test_sets_through_the_template_tables(shared_datasets, name):
    folder = shared_datasets / "affiliation" / name
    memberships = read(folder)
    tables = {"participations": [{"acteur": a, "instance": c} for a, c in memberships]}
    expected = check_against_the_csv(
        projection_from_tables(tables), memberships, lambda a: str(actor_iri(a)), lambda c: str(instance_iri(c))
    )
    if name == "norway_boards_2009":
        assert expected, "the Norway set has boards with identical members"
