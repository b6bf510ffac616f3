"""Where the plan stands: indicator status by the stated rule, history, and who carries which strategy.

Every date is fixed: nothing here depends on today.
"""

from __future__ import annotations

from datetime import date

from rdflib import Graph

from ecosystem.analysis.carriers import plan_load, strategy_carriers
from ecosystem.analysis.indicators import plan_dashboard
from ecosystem.analysis.progress import STATUSES, ProgressWindow, indicator_progress
from ecosystem.namespaces import DCTERMS, ECO, ID, ORG, RDF
from ecosystem.projection import projection_from_graph
from tests.analysis.plan_facts import copy_of, record_event

ABC = ID["plan/2024-2028/axe/concertation/indicateur/abc"]
APPLICATIONS = ID["plan/2024-2028/axe/transfert-diffusion/indicateur/prix-norbert-rodrigue"]
TOOLS = ID["plan/2024-2028/axe/transfert-diffusion/indicateur/outil-synthese"]
DAY = date(2025, 6, 30)


def _status(graph: Graph, indicator, day: date = DAY):
    return next(s for s in plan_dashboard(graph, today=day) if s.iri == str(indicator))


def _a_member_of(graph: Graph, concertation):
    """An organisation with a membership in ``concertation``, planting one when the data has none."""
    members = sorted(graph.value(m, ORG.member) for m in graph.subjects(ORG.organization, concertation))
    if members:
        return members[0]
    actor = ID[f"acteur/essai-membre-{str(concertation).rsplit('/', 1)[-1]}"]
    membership = ID[f"participation/essai-{str(concertation).rsplit('/', 1)[-1]}"]
    graph.add((actor, RDF.type, ECO.Actor))
    graph.add((membership, RDF.type, ORG.Membership))
    graph.add((membership, ORG.member, actor))
    graph.add((membership, ORG.organization, concertation))
    return actor


def test_abc_workshops_attended_by_members_count_their_concertation(mauricie_graph):
    graph = copy_of(mauricie_graph)
    concertations = sorted(graph.objects(ABC, DCTERMS.relation))
    assert len(concertations) == 6
    members = [_a_member_of(graph, c) for c in concertations]
    # Two workshops, attended by an organisation sitting on each of two local concertations.
    record_event(graph, "abc-1", "atelier", "2025-02-10", ABC, members[:1])
    record_event(graph, "abc-2", "atelier", "2025-04-10", ABC, members[1:2])
    status = _status(graph, ABC)
    assert status.value == 33.3 and status.method == "graphe"
    # 546 of the plan's 1,826 days have passed (30 %): 33 % is on the straight line to 100 % in 2028.
    assert status.status == "on-track"
    assert (status.window_start, status.deadline) == ("2024-01-01", "2028-12-31")
    assert [p["value"] for p in status.history] == [16.7, 33.3]
    # Four more workshops, one per remaining concertation (the concertation itself took part).
    for n, concertation in enumerate(concertations[2:]):
        record_event(graph, f"abc-{n + 3}", "atelier", f"2025-05-{10 + n}", ABC, [concertation])
    status = _status(graph, ABC)
    assert (status.value, status.status, status.met) == (100.0, "met", True)
    assert len(status.history) == 6


def test_two_of_six_a_year_later_is_late():
    # The same 2/6 read two and a half years into the plan: below the straight line.
    assert indicator_progress(33.3, 100, ProgressWindow.for_years(2024, 2028), date(2026, 6, 30)) == "late"


def test_a_yearly_target_is_read_against_the_calendar_year(mauricie_graph):
    graph = copy_of(mauricie_graph)
    assert _status(graph, APPLICATIONS).status == "no-data"  # nothing recorded: unknown, never 0
    record_event(graph, "candidature-2024", "candidature", "2024-10-01", APPLICATIONS)
    status = _status(graph, APPLICATIONS)
    assert (status.value, status.status) == (0.0, "late")  # 2024 had one, 2025 none by the end of June
    record_event(graph, "candidature-2025", "candidature", "2025-05-01", APPLICATIONS)
    status = _status(graph, APPLICATIONS)
    assert (status.value, status.status, status.window_start) == (1.0, "met", "2025-01-01")


def test_synthesis_tools_are_counted_per_completed_study(mauricie_graph):
    graph = copy_of(mauricie_graph)
    first = record_event(graph, "etude-1", "etude", "2025-01-10", TOOLS)
    second = record_event(graph, "etude-2", "etude", "2025-03-10", TOOLS)
    record_event(graph, "outil-1", "outil-synthese", "2025-02-01", first)
    status = _status(graph, TOOLS)
    assert status.value == 0.0 and sorted(d["outils"] for d in status.details) == [0, 1]
    record_event(graph, "outil-2", "outil-synthese", "2025-04-01", second)
    assert _status(graph, TOOLS).status == "met"


def test_every_status_is_a_declared_code(mauricie_graph):
    assert {s.status for s in plan_dashboard(mauricie_graph, today=DAY)} <= set(STATUSES)


def _responsible(graph: Graph) -> dict[str, set[str]]:
    return {str(s): {str(o) for o in graph.objects(s, ECO.responsible)} for s in graph.subjects(RDF.type, ECO.Strategy)}


def test_strategies_and_their_carriers_on_the_mauricie(mauricie_graph):
    responsible = _responsible(mauricie_graph)
    projection = projection_from_graph(mauricie_graph, DAY)
    by_strategy = {s.strategy: s for s in strategy_carriers(responsible, projection)}
    assert len(by_strategy) == len(set(mauricie_graph.subjects(RDF.type, ECO.Strategy)))
    without = {s for s, carriers in by_strategy.items() if not carriers.active}
    # Exactly the strategies whose row names no carrier, or none on the map (traced to the plan's rows).
    expected = {s for s, named in responsible.items() if not any(i in projection.two_mode for i in named)}
    assert without == expected
    assert str(ID["plan/2024-2028/axe/concertation/strategie/instances-consultations"]) in without


def test_the_plans_own_load_ranks_the_consortium_first(mauricie_graph):
    responsible = _responsible(mauricie_graph)
    loads = plan_load(responsible, projection_from_graph(mauricie_graph, DAY))
    consortium = str(ID["acteur/consortium"])
    named = {s for s, carriers in responsible.items() if consortium in carriers}
    assert loads[0].actor == consortium and set(loads[0].direct) == named
    assert [x.strategies for x in loads] == sorted((x.strategies for x in loads), reverse=True)
