"""The annual activity report's content, read from the store: data only, no words.

For the plan's year ``Y`` the report reads the graph as on 31 December ``Y``: by axis,
the indicators (value, status, history), the deliverables and their status; the events
held in ``Y``; the cartography's key figures and their change since the latest revision
made before ``Y``; who carries which strategy; and the map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rdflib import Graph, Literal

from ecosystem.analysis.carriers import ActorPlanLoad, StrategyCarriers, plan_load, strategy_carriers
from ecosystem.analysis.concentration import Concentration, concentration
from ecosystem.analysis.figures import figure_changes, key_figures
from ecosystem.analysis.indicators import IndicatorStatus, plan_dashboard
from ecosystem.analysis.plan_events import event_day
from ecosystem.namespaces import DCTERMS, ECO, PROV, RDF, SKOS
from ecosystem.projection import Projection, build_projection, projection_from_graph
from ecosystem.queries import plan_graph
from ecosystem.revisions import list_revisions, revision_data
from ecosystem.store import Store

__all__ = ["AnnualReport", "AxisSection", "PlanOverview", "annual_report", "plan_overview"]


@dataclass
class AxisSection:
    iri: str
    indicators: list[IndicatorStatus] = field(default_factory=list)
    deliverables: list[dict] = field(default_factory=list)
    """``{"iri", "period", "status", "date", "evidence"}``; status a code of ``statuts-livrable``."""


@dataclass
class PlanOverview:
    """Where the plan stands on ``day``: what the dashboard shows, and the report's core."""

    day: date
    plan: str | None
    axes: list[AxisSection]
    figures: dict[str, int]
    concentration: Concentration
    """How concentrated the seats are (top shares, Gini, two-mode clustering)."""
    strategies: list[StrategyCarriers]
    plan_load: list[ActorPlanLoad]
    labels: dict[str, dict[str, str]]
    """IRI → ``{"fr", "en"}`` label of everything the overview names."""


@dataclass
class AnnualReport(PlanOverview):
    year: int
    events: list[dict]
    """Events held in the year: ``{"iri", "date", "type", "participants"}``, by date."""
    previous_revision: str | None
    previous_figures: dict[str, int] | None
    changes: dict[str, int | None]


def _labels(graph: Graph, projection: Projection) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for subject, label in graph.subject_objects(SKOS.prefLabel):
        if isinstance(label, Literal):
            labels.setdefault(str(subject), {})[label.language or "fr"] = str(label)
    for node in projection.two_mode:
        labels.setdefault(
            node, {"fr": projection.label(node, "fr") or node, "en": projection.label(node, "en") or node}
        )
    for concept in projection.concepts:
        labels.setdefault(
            concept,
            {"fr": projection.label(concept, "fr") or concept, "en": projection.label(concept, "en") or concept},
        )
    return labels


def _deliverable(graph: Graph, deliverable, day: date) -> dict:
    status, when = graph.value(deliverable, ECO.deliverableStatus), graph.value(deliverable, DCTERMS.date)
    if status is not None and when is not None and str(when)[:10] > day.isoformat():
        status = None  # recorded after the report's day
    evidence = graph.value(deliverable, ECO.evidence)
    return {
        "iri": str(deliverable),
        "period": str(graph.value(deliverable, ECO.period) or "") or None,
        "status": str(status).rsplit("/", 1)[-1] if status is not None else "prevu",
        "date": str(when)[:10] if status is not None and when is not None else None,
        "evidence": str(evidence) if evidence is not None else None,
    }


def _axes(graph: Graph, day: date) -> tuple[str | None, list[AxisSection]]:
    statuses = plan_dashboard(graph, today=day)
    plan = next(iter(sorted(graph.subjects(RDF.type, ECO.ActionPlan), key=str)), None)
    sections = []
    axes = (
        sorted(
            graph.objects(plan, ECO.hasAxis), key=lambda a: (float(str(graph.value(a, ECO.position) or "inf")), str(a))
        )
        if plan is not None
        else []
    )
    for axis in axes:
        indicators = {str(i) for i in graph.objects(axis, ECO.hasIndicator)}
        deliverables = [_deliverable(graph, d, day) for d in sorted(graph.objects(axis, ECO.hasDeliverable), key=str)]
        sections.append(AxisSection(str(axis), [s for s in statuses if s.iri in indicators], deliverables))
    return (str(plan) if plan is not None else None), sections


def _events(graph: Graph, year: int) -> list[dict]:
    held = []
    for event in graph.subjects(RDF.type, ECO.Event):
        day = event_day(graph, event)
        if day is not None and day.year == year:
            kind = graph.value(event, ECO.eventType)
            participants = sorted(str(p) for p in graph.objects(event, PROV.wasAssociatedWith))
            held.append(
                {
                    "iri": str(event),
                    "date": day.isoformat(),
                    "type": str(kind) if kind else None,
                    "participants": participants,
                }
            )
    return sorted(held, key=lambda e: (e["date"], e["iri"]))


def _previous(store: Store, year: int) -> tuple[str | None, dict[str, int] | None]:
    """The latest revision made before ``year`` and its key figures at the end of its year."""
    earlier = [(r.created, r) for r in list_revisions(store) if r.created is not None and r.created.year < year]
    if not earlier:
        return None, None
    created, revision = max(earlier, key=lambda dated: dated[0])
    projection = projection_from_graph(revision_data(store, revision.name), date(created.year, 12, 31))
    return revision.name, key_figures(projection)


def plan_overview(store: Store, day: date) -> PlanOverview:
    """Indicators and deliverables by axis, key figures and the strategies' carriers, on ``day``."""
    graph = plan_graph(store)
    projection = build_projection(store, day)
    plan, axes = _axes(graph, day)
    responsible = {
        str(s): {str(o) for o in graph.objects(s, ECO.responsible)} for s in graph.subjects(RDF.type, ECO.Strategy)
    }
    return PlanOverview(
        day=day,
        plan=plan,
        axes=axes,
        figures=key_figures(projection),
        concentration=concentration(projection),
        strategies=strategy_carriers(responsible, projection),
        plan_load=plan_load(responsible, projection)[:10],
        labels=_labels(graph, projection),
    )


def annual_report(store: Store, year: int) -> AnnualReport:
    """The report of ``year``, read as on 31 December of that year."""
    overview = plan_overview(store, date(year, 12, 31))
    previous_revision, previous_figures = _previous(store, year)
    return AnnualReport(
        **vars(overview),
        year=year,
        events=_events(plan_graph(store), year),
        previous_revision=previous_revision,
        previous_figures=previous_figures,
        changes=figure_changes(overview.figures, previous_figures),
    )
