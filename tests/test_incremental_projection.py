"""After every write of a random sequence of imports, edits and undos, the projection the write path
updated equals a full rebuild: the same nodes, edges, attributes and territories, and the same tables
computed from it (seats and load, over-solicitation, redundant seats, the one-mode graphs)."""

from __future__ import annotations

import contextlib
import datetime
import json
import tempfile
from pathlib import Path

from ecosystem.api.routes.carte import _map_body
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rdflib import Literal

from ecosystem.analysis.seats import kept_loads, kept_over_solicited, kept_redundant
from ecosystem.cache import derived
from ecosystem.ingest.apply import import_paths
from ecosystem.journal import Author, Journal
from ecosystem.mapdata import MAX_NODES, MapFilters
from ecosystem.namespaces import DCTERMS, ECO, ORG, RDF, SKOS, XSD, actor_iri, concept_iri, instance_iri, territory_iri
from ecosystem.projection import _read_store, build_projection
from ecosystem.projection_graphs import actor_graph, instance_graph
from ecosystem.projection_tables import triples_from_tables
from ecosystem.store import CURRENT, EmbeddedStore
from ecosystem.synth import generate
from ecosystem.writes import Change, UndoRefused, WritePath

AUTHOR = Author(None, None, "ligne de commande")
SYNTHETIC = generate(regions=2, seed=5, scale=0.02).tables
ACTORS = [row["id"] for row in SYNTHETIC["acteurs"]]
INSTANCES = [row["id"] for row in SYNTHETIC["instances"]]
TERRITORIES = [row["id"] for row in SYNTHETIC["territoires"]]
MEMBERSHIPS = [(row["acteur"], row["instance"]) for row in SYNTHETIC["participations"]]
DATES = [(None, None), (datetime.date(2015, 1, 1), None), (None, 2020)]
"""The kept projections: today, an earlier date, and the facts attested since a year."""


def state(projection) -> tuple:
    """What must be equal, order aside."""
    graph = projection.two_mode
    return (
        {n: dict(a) for n, a in graph.nodes(data=True)},
        {tuple(sorted((a, b))): dict(d) for a, b, d in graph.edges(data=True)},
        projection.territories,
        projection.actors,
        projection.instances,
        projection.members,
    )


def tables(projection) -> tuple:
    """The results pages read, through the cache (carried from the previous version where declared)."""
    one_mode = [
        (sorted(g.nodes), sorted((tuple(sorted(e)), w) for *e, w in g.edges(data="weight")))
        for g in (instance_graph(projection), actor_graph(projection))
    ]
    return kept_loads(projection), kept_over_solicited(projection), kept_redundant(projection), one_mode


def maps(projection) -> dict:
    """The map's JSON of every territory, of the whole graph (aggregated too) and of a sector, positions aside
    (after a write they keep the previous arrangement, where a new build lays the map out anew)."""
    views = [MapFilters(territory=str(territory_iri(t))) for t in TERRITORIES[:4]]
    views += [
        MapFilters(),
        MapFilters(sector=str(concept_iri("secteurs", "communautaire"))),
        MapFilters(territory=str(territory_iri(TERRITORIES[1])), local_only=True),
    ]
    found = {}
    for filters, most in [(f, MAX_NODES) for f in views] + [(MapFilters(), 10)]:
        data = json.loads(derived(_map_body, keep=64)(projection, filters, "fr", "sieges", most, "secteur"))
        for node in data["nodes"]:
            assert node.pop("x") is not None and node.pop("y") is not None
        found[filters, most] = data
    return found


def _subject_triples(store, subject) -> list:
    return [(s, p, o, CURRENT) for s, p, o in store.graph().triples((subject, None, None))]


def _membership(store, actor: str, instance: str):
    rows = store.select(
        f"SELECT ?m WHERE {{ GRAPH <{CURRENT}> {{ ?m <{ORG.member}> <{actor_iri(actor)}> ; "
        f"<{ORG.organization}> <{instance_iri(instance)}> }} }}"
    )
    return rows[0]["m"] if rows else None


def _edit(store, kind: str, pick: int) -> Change | None:
    """One edit of the kinds a person makes in the browser, on the ``pick``-th resource."""
    actor, instance = actor_iri(ACTORS[pick % len(ACTORS)]), instance_iri(INSTANCES[pick % len(INSTANCES)])
    territory = territory_iri(TERRITORIES[pick % len(TERRITORIES)])
    if kind == "remove_membership":
        member = _membership(store, *MEMBERSHIPS[pick % len(MEMBERSHIPS)])
        return Change(remove=_subject_triples(store, member)) if member is not None else None
    if kind == "end_membership":
        member = _membership(store, *MEMBERSHIPS[pick % len(MEMBERSHIPS)])
        return (
            Change(add=[(member, ECO.endDate, Literal("2016-06-30", datatype=XSD.date), CURRENT)]) if member else None
        )
    if kind == "move_instance":
        return Change(
            add=[(instance, ECO.territory, territory, CURRENT)],
            remove=[q for q in _subject_triples(store, instance) if q[1] == ECO.territory],
        )
    if kind == "meetings":
        return Change(
            add=[
                (instance, ECO.meetingsPerYear, Literal(pick % 7 + 1), CURRENT),
                (instance, ECO.hoursPerMeeting, Literal(2.5), CURRENT),
            ],
            remove=[q for q in _subject_triples(store, instance) if q[1] in (ECO.meetingsPerYear, ECO.hoursPerMeeting)],
        )
    if kind == "confirm":  # an organisation confirms its seat: the seat, and its instance, count as current
        member = _membership(store, *MEMBERSHIPS[pick % len(MEMBERSHIPS)])
        return (
            Change(add=[(member, ECO.confirmedOn, Literal("2026-11-30", datatype=XSD.date), CURRENT)])
            if member
            else None
        )
    if kind == "attested":
        return Change(add=[(instance, ECO.attestedIn, Literal(str(2010 + pick % 15), datatype=XSD.gYear), CURRENT)])
    if kind == "rename":
        return Change(
            add=[(actor, SKOS.prefLabel, Literal(f"Organisme renommé {pick}", lang="fr"), CURRENT)],
            remove=[q for q in _subject_triples(store, actor) if q[1] == SKOS.prefLabel],
        )
    if kind == "replaced":  # an old name: its seats become its successor's
        successor = actor_iri(ACTORS[(pick * 7 + 1) % len(ACTORS)])
        return Change(add=[(actor, DCTERMS.isReplacedBy, successor, CURRENT)]) if successor != actor else None
    if kind == "untype":  # the actor is then only named by its memberships
        return Change(remove=[(actor, RDF.type, ECO.Actor, CURRENT)])
    if kind == "territory_parent":
        return Change(
            add=[(territory, SKOS.prefLabel, Literal(f"Territoire {pick}", lang="fr"), CURRENT)],
            remove=[q for q in _subject_triples(store, territory) if q[1] == SKOS.prefLabel],
        )
    raise AssertionError(kind)


def _import(path: WritePath, folder: Path, pick: int, members: int) -> None:
    """One new instance with ``members`` members, through the spreadsheet import."""
    name = f"table-{pick}"
    chosen = sorted({ACTORS[(pick + 3 * k) % len(ACTORS)] for k in range(members)})
    (folder / "instances.csv").write_text(
        f"id;nom;territoire;rencontres_par_an;heures_par_rencontre\n{name};Table {pick};{TERRITORIES[pick % len(TERRITORIES)]};4;3\n",
        encoding="utf-8",
    )
    (folder / "participations.csv").write_text(
        "acteur;instance\n" + "".join(f"{a};{name}\n" for a in chosen), encoding="utf-8"
    )
    with path.session(AUTHOR, "import") as store:
        import_paths(store, [folder / "instances.csv", folder / "participations.csv"])


EDITS = [
    "confirm",
    "remove_membership",
    "end_membership",
    "move_instance",
    "meetings",
    "attested",
    "rename",
    "replaced",
    "untype",
    "territory_parent",
]
STEP = st.one_of(
    st.tuples(st.sampled_from(EDITS), st.integers(0, 10_000)),
    st.tuples(st.just("import"), st.integers(0, 10_000), st.integers(1, 3)),
    st.tuples(st.just("undo"), st.integers(0, 3)),
)


def _apply(path: WritePath, folder: Path, step: tuple) -> None:
    if step[0] == "import":
        _import(path, folder, step[1], step[2])
    elif step[0] == "undo":
        entries = [e for e in path.journal.entries() if e.undone_by is None and e.kind != "annulation"]
        if len(entries) > step[1]:
            with contextlib.suppress(UndoRefused):
                path.undo(entries[step[1]].id, AUTHOR)
    elif (change := _edit(path.store, step[0], step[1])) is not None:
        path.write(change, AUTHOR, "edition")


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)  # no shrinking: each example builds a store
@given(st.lists(STEP, min_size=1, max_size=6))
def test_the_projection_updated_after_each_write_equals_a_full_rebuild(steps):
    store = EmbeddedStore(None)
    store.apply(add=triples_from_tables(SYNTHETIC))
    with tempfile.TemporaryDirectory() as folder:
        path = WritePath(store, Journal(Path(folder)))
        for at, since in DATES:
            tables(build_projection(store, at, since))  # kept, with its tables: the next write updates them
        maps(build_projection(store))
        for step in steps:
            version = store.version()
            _apply(path, Path(folder), step)
            if store.version() == version:
                continue
            for at, since in DATES:
                updated = build_projection(store, at, since)
                assert updated.derived.ancestors, "the write path updated the projection (not built anew)"
                rebuilt = _read_store(store).at(at or datetime.date.today(), since)
                assert state(updated) == state(rebuilt), step
                assert tables(updated) == tables(rebuilt), step
                if (at, since) == DATES[0]:
                    assert maps(updated) == maps(rebuilt), step
