"""The plan dashboard: each indicator with its target, its current value and where it comes from.

Where the graph holds the facts, the value is computed from them (``eco:computedFrom``
names the measure); otherwise it is the latest dated ``eco:Observation`` of the
indicator, with its source; otherwise it is unknown — never 0.

The measures, one entry each, are :mod:`ecosystem.analysis.measures`'s registry; their
computations are :mod:`ecosystem.analysis.plan_events`'s.

Each indicator also gets its status against its target and deadline
(:func:`ecosystem.analysis.progress.indicator_progress`) and its history: the value
after each dated fact behind it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from rdflib import Graph

from ecosystem.analysis.measures import EVENT_TYPES, MEASURES, YEARLY_MEASURES
from ecosystem.analysis.plan_events import event_day, held_events, pref_label
from ecosystem.analysis.progress import ProgressWindow, indicator_progress
from ecosystem.namespaces import DCTERMS, ECO, PROV, RDF

__all__ = ["MEASURES", "IndicatorStatus", "event_day", "plan_dashboard"]


@dataclass
class IndicatorStatus:
    """One indicator of the plan, as the dashboard shows it."""

    iri: str
    axis: str | None
    label: str
    target: str | None
    target_value: float | None
    target_unit: str | None
    target_date: str | None
    value: float | None
    method: str  # "graphe" (computed), "observation" or "inconnu"
    explanation_fr: str
    explanation_en: str
    met: bool | None = None
    details: list[dict] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    status: str = "no-data"
    """A code of :data:`ecosystem.analysis.progress.STATUSES`."""
    window_start: str | None = None
    deadline: str | None = None
    history: list[dict] = field(default_factory=list)
    """``{"date", "value"}`` after each dated fact behind the value, oldest first."""

    def to_dict(self) -> dict:
        return asdict(self)


def _latest_observation(graph: Graph, indicator, today: date):
    observations = []
    for observation in graph.subjects(ECO.observes, indicator):
        value = graph.value(observation, ECO.observedValue)
        when = graph.value(observation, DCTERMS.date)
        if value is not None and str(when or "")[:10] <= today.isoformat():
            observations.append((str(when or ""), observation, float(str(value))))
    return max(observations, default=None)


def _current_value(graph: Graph, indicator, today: date) -> tuple:
    """(value, (explanation fr, en), details, method, sources) of ``indicator`` on ``today``."""
    measure = graph.value(indicator, ECO.computedFrom)
    value, explanation, details, method, sources = None, None, [], "inconnu", []
    if measure is not None and str(measure) in MEASURES:
        value, explanation, details = MEASURES[str(measure)](graph, indicator, today)
        method = "graphe" if value is not None else "inconnu"
    if value is None:
        latest = _latest_observation(graph, indicator, today)
        if latest is not None:
            when, observation, value = latest
            method = "observation"
            sources = [str(s) for s in graph.objects(observation, PROV.wasDerivedFrom)]
            explanation = (f"Observation du {when or 'date inconnue'}.", f"Observation of {when or 'unknown date'}.")
    if explanation is None:
        explanation = ("Aucune observation : valeur inconnue.", "No observation: value unknown.")
    return value, explanation, details, method, sources


def _year(literal) -> int | None:
    try:
        return int(str(literal)[:4]) if literal is not None else None
    except ValueError:
        return None


def _window(graph: Graph, indicator, plan, today: date) -> ProgressWindow | None:
    """The period over which ``indicator``'s target is to be reached (see the module's rule)."""
    if str(graph.value(indicator, ECO.computedFrom)) in YEARLY_MEASURES:
        return ProgressWindow.yearly(today)
    first = _year(graph.value(plan, ECO.periodStart)) if plan is not None else None
    last = _year(graph.value(indicator, ECO.targetDate))
    if last is None and plan is not None:
        last = _year(graph.value(plan, ECO.periodEnd))
    return ProgressWindow.for_years(first, last) if first is not None and last is not None else None


def _history(graph: Graph, indicator, today: date) -> list[dict]:
    """The value after each dated fact behind it, oldest first: held events, else observations."""
    measure = str(graph.value(indicator, ECO.computedFrom))
    if measure in MEASURES:
        days = sorted({day for _, day in held_events(graph, indicator, EVENT_TYPES[measure], today)})
        points = [(day, MEASURES[measure](graph, indicator, day)[0]) for day in days]
        if points:
            return [{"date": day.isoformat(), "value": value} for day, value in points if value is not None]
    observed = []
    for observation in graph.subjects(ECO.observes, indicator):
        when, value = graph.value(observation, DCTERMS.date), graph.value(observation, ECO.observedValue)
        if when is not None and value is not None and str(when)[:10] <= today.isoformat():
            observed.append({"date": str(when)[:10], "value": float(str(value))})
    return sorted(observed, key=lambda point: point["date"])


def _status(graph: Graph, indicator, axis, plan, today: date) -> IndicatorStatus:
    value, explanation, details, method, sources = _current_value(graph, indicator, today)
    target_value = graph.value(indicator, ECO.targetValue)
    target = float(target_value) if target_value is not None else None
    window = _window(graph, indicator, plan, today)
    return IndicatorStatus(
        iri=str(indicator),
        axis=pref_label(graph, axis) if axis is not None else None,
        label=pref_label(graph, indicator),
        target=str(graph.value(indicator, ECO.target)) if graph.value(indicator, ECO.target) else None,
        target_value=target,
        target_unit=str(graph.value(indicator, ECO.targetUnit) or "") or None,
        target_date=str(graph.value(indicator, ECO.targetDate) or "") or None,
        value=value,
        method=method,
        explanation_fr=explanation[0],
        explanation_en=explanation[1],
        met=(value >= target) if value is not None and target is not None else None,
        details=details,
        sources=sources,
        status=indicator_progress(value, target, window, today),
        window_start=window.start.isoformat() if window else None,
        deadline=window.deadline.isoformat() if window else None,
        history=_history(graph, indicator, today),
    )


def plan_dashboard(graph: Graph, today: date | None = None) -> list[IndicatorStatus]:
    """Every indicator of the action plans in ``graph`` with its current value and status.

    Parameters
    ----------
    graph
        The current data (at least the plan, its events and observations, the instances
        and their memberships).
    today
        The day of the dashboard (default: today); later events and observations are
        not counted.

    Returns
    -------
    list of IndicatorStatus
        In the plan's order of axes and indicators (``eco:position``), then by label.

    Examples
    --------
    >>> from rdflib import Graph, Literal, URIRef
    >>> from ecosystem.namespaces import ECO, RDF, SKOS
    >>> g = Graph()
    >>> i = URIRef("https://w3id.org/ecosysteme/id/plan/p/indicateur/x")
    >>> _ = g.add((i, RDF.type, ECO.Indicator)).add((i, SKOS.prefLabel, Literal("Une campagne par an", lang="fr")))
    >>> [(s.label, s.value, s.method, s.status) for s in plan_dashboard(g)]
    [('Une campagne par an', None, 'inconnu', 'no-data')]
    """
    today = today or date.today()
    axis_of = {ind: axis for axis, ind in graph.subject_objects(ECO.hasIndicator)}
    plan_of = {axis: plan for plan, axis in graph.subject_objects(ECO.hasAxis)}

    def rank(node) -> float:
        position = graph.value(node, ECO.position) if node is not None else None
        return float(position) if position is not None else float("inf")

    indicators = sorted(
        graph.subjects(RDF.type, ECO.Indicator),
        key=lambda i: (
            rank(axis_of.get(i)),
            pref_label(graph, axis_of[i]) if i in axis_of else "~",
            rank(i),
            pref_label(graph, i),
        ),
    )
    return [
        _status(graph, i, axis_of.get(i), plan_of.get(axis_of[i]) if i in axis_of else None, today) for i in indicators
    ]
