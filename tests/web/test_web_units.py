"""Small tests of the web layer's pure parts: layout, map views, SPARQL helpers, the person-free copy."""

from __future__ import annotations

import datetime

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Literal

from ecosystem.layout import layout_positions, positions_of
from ecosystem.mapdata import MapFilters, fold, map_data, select_view
from ecosystem.namespaces import ECO, FOAF, ID, ORG, RDF, SKOS, actor_iri, membership_iri
from ecosystem.projection import Projection
from ecosystem.sparql_copy import PublicCopy, build_public_copy
from ecosystem.sparql_formats import choose_format
from ecosystem.sparql_query import SparqlError, screen
from ecosystem.store import EmbeddedStore

FOOD, FOOD_AID = "vocab/enjeux/alimentation", "vocab/enjeux/aide-alimentaire"


@pytest.fixture
def tiny() -> Projection:
    """Region r ⊃ mrc m; instance i (food, in m) with actors a (health) and b; instance j (region) with b; actor c alone in m."""
    g = nx.Graph()
    g.add_node("i", kind="instance", label="Table I", issues=(FOOD_AID,), territory="m", instance_type="t1")
    g.add_node("j", kind="instance", label="Comité J", issues=(), territory="r", instance_type="t2")
    g.add_node("a", kind="actor", label="Éloïse", sector=("sante",), territory="m")
    g.add_node("b", kind="actor", label="Béa", sector=(), territory="r")
    g.add_node("c", kind="actor", label="Cé", sector=(), territory="m")
    g.add_edge("a", "i", roles=("membre",), hours=10.0)
    g.add_edge("b", "i", roles=("porteur",), hours=None)
    g.add_edge("b", "j", roles=("membre",), hours=None)
    territories = {"r": {"label": "R", "parent": None}, "m": {"label": "M", "parent": "r"}}
    concepts = {
        FOOD: {"label": "Alimentation", "broader": ()},
        FOOD_AID: {"label": "Aide alimentaire", "broader": (FOOD,)},
    }
    return Projection(g, territories, concepts, datetime.date(2025, 1, 1))


def test_layout_is_reproducible_and_seeded():
    graph = nx.karate_club_graph()
    assert layout_positions(graph, seed=1) == layout_positions(graph, seed=1)
    assert layout_positions(graph, seed=1) != layout_positions(graph, seed=2)
    assert positions_of(graph) is positions_of(graph.copy())  # one layout per graph, whoever asks


def test_territory_filter_includes_nested_and_containing_territories(tiny):
    assert set(select_view(tiny, MapFilters(territory="r"))) == {"a", "b", "c", "i", "j"}
    # The regional instance j also serves m (as the check counts it); « local only » leaves it out.
    assert set(select_view(tiny, MapFilters(territory="m"))) == {"a", "b", "c", "i", "j"}
    assert set(select_view(tiny, MapFilters(territory="m", local_only=True))) == {"a", "b", "c", "i"}


def test_issue_filter_follows_narrower_issues(tiny):
    assert set(select_view(tiny, MapFilters(issue=FOOD))) == {"a", "b", "i"}
    assert set(select_view(tiny, MapFilters(issue="vocab/enjeux/autre"))) == set()


def test_sector_role_type_and_focus(tiny):
    assert set(select_view(tiny, MapFilters(sector="sante"))) == {"a", "i"}
    assert set(select_view(tiny, MapFilters(role="porteur"))) == {"b", "i"}
    assert set(select_view(tiny, MapFilters(instance_type="t2"))) == {"b", "j"}
    assert set(select_view(tiny, MapFilters(focus="j", depth=1))) == {"b", "j"}
    assert set(select_view(tiny, MapFilters(focus="j", depth=2))) == {"b", "i", "j"}
    assert set(select_view(tiny, MapFilters(focus="absent"))) == {"a", "b", "c", "i", "j"}


def test_map_data_aggregates_beyond_the_limit(tiny):
    positions = layout_positions(tiny.two_mode)
    whole = map_data(tiny, {}, MapFilters(), positions)
    assert not whole["agrege"] and len(whole["nodes"]) == 5 and len(whole["edges"]) == 3
    grouped = map_data(tiny, {}, MapFilters(), positions, max_nodes=3)
    assert grouped["agrege"] and {n["id"] for n in grouped["nodes"]} == {
        "groupe/actor/m",
        "groupe/actor/r",
        "groupe/instance/m",
        "groupe/instance/r",
    }


def test_fold():
    assert fold("CONSORTIUM") == fold("Consortium") == "consortium"
    assert fold("Éloïse") == "eloise"


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "prefix x: <http://x/> delete where { ?s ?p ?o }",
        "# commentaire SELECT\nDROP GRAPH <http://g>",
        "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:9/data.ttl>",
    ],
)
def test_updates_are_refused_by_parsing(query):
    with pytest.raises(SparqlError) as refused:
        screen(query)
    assert refused.value.status == 403


def test_service_is_found_in_the_algebra_only():
    with pytest.raises(SparqlError):
        screen("select * { ?a ?b ?c filter exists { service <http://x/> { ?s ?p ?o } } }")
    assert screen("SELECT * { ?s ?p 'SERVICE' } # SERVICE").form == "SelectQuery"
    assert screen("PREFIX service: <http://x/> ASK FROM <http://g> { ?s service:p ?o }") == ("AskQuery", True)


def test_oversized_and_deeply_nested_queries_are_refused_before_parsing():
    nested = "SELECT * WHERE " + "{ " * 2000 + "?s ?p ?o " + "} " * 2000
    for query in (nested, "SELECT * WHERE { ?s ?p ?o } #" + "x" * 60_000):
        with pytest.raises(SparqlError) as refused:
            screen(query)
        assert refused.value.status == 400 and "/" in refused.value.message


def test_choose_format():
    assert choose_format(None, "solutions") == "application/sparql-results+json"
    assert choose_format("text/turtle", "graph") == "text/turtle"
    assert choose_format("*/*", "graph") == "text/turtle"
    assert choose_format("text/csv;q=0.5, text/tab-separated-values", "solutions") == "text/tab-separated-values"
    assert choose_format("image/png", "solutions") is None
    assert choose_format(None, "graph", "nt") == "application/n-triples"
    assert choose_format(None, "solutions", "turtle") is None


def test_the_public_copy_has_no_person(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    actor, membership, person = actor_iri("a"), membership_iri("a", "i"), ID["personne/x"]
    store.apply(
        add=[
            (actor, RDF.type, ECO.Actor),
            (actor, SKOS.prefLabel, Literal("A", lang="fr")),
            (membership, ORG.member, actor),
            (membership, ECO.representative, person),
            (person, RDF.type, FOAF.Person),
            (person, FOAF.name, Literal("Nom Secret")),
        ]
    )
    copy = ox.Store.read_only(str(build_public_copy(store, tmp_path / "copy")))
    texts = {str(q.subject) + str(q.object) for q in copy}
    assert not any(str(person) in t or "Nom Secret" in t for t in texts)
    assert any(str(actor) in t for t in texts) and len(copy) == 3
    copies = PublicCopy()
    first = copies.path_for(store)
    assert copies.path_for(store) == first  # same version: kept
    store.apply(add=[(actor, ECO.acronym, Literal("AA"))])
    assert copies.path_for(store) != first and not first.exists()
    copies.close()
    store.close()
