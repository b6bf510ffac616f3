"""The plan dashboard: each indicator with its target, its current value and where it comes from.

Where the graph holds the facts, the value is computed from them (``eco:computedFrom``
names the measure); otherwise it is the latest dated ``eco:Observation`` of the
indicator, with its source; otherwise it is unknown — never 0.

Measures
--------
``abc-workshop-coverage``
    Share (%) of the instances the indicator names (``dcterms:relation``: the local
    concertations) that took part (``prov:wasAssociatedWith``) in a held workshop
    (``eco:eventType`` *atelier*, related to the indicator, dated on or before the day
    of the dashboard).
``regional-meetings-per-worksite``
    For each work site the indicator names, the held regional meetings (*rencontre
    régionale*) associated with it in the year of the dashboard; the value is the
    smallest count, since the target holds for every work site.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from rdflib import Graph

from ecosystem.namespaces import DCTERMS, ECO, PROV, RDF, SKOS, concept_iri

__all__ = ["IndicatorStatus", "plan_dashboard"]

WORKSHOP = concept_iri("types-evenement", "atelier")
REGIONAL_MEETING = concept_iri("types-evenement", "rencontre-regionale")


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

    def to_dict(self) -> dict:
        return asdict(self)


def _label(graph: Graph, node, lang: str = "fr") -> str:
    labels = {label.language: str(label) for label in graph.objects(node, SKOS.prefLabel)}
    return labels.get(lang) or labels.get("fr") or str(node)


def _event_day(graph: Graph, event) -> date | None:
    for predicate in (PROV.startedAtTime, DCTERMS.date):
        value = graph.value(event, predicate)
        if value is not None:
            try:
                return date.fromisoformat(str(value)[:10])
            except ValueError:
                continue
    return None


def _held_events(graph: Graph, indicator, event_type, today: date) -> list[tuple]:
    """(event, day) of the held events of ``event_type`` related to ``indicator``."""
    held = []
    for event in graph.subjects(RDF.type, ECO.Event):
        if (event, ECO.eventType, event_type) not in graph:
            continue
        if (event, DCTERMS.relation, indicator) not in graph:
            continue
        day = _event_day(graph, event)
        if day is not None and day <= today:
            held.append((event, day))
    return held


def _abc_coverage(graph: Graph, indicator, today: date) -> tuple:
    concertations = sorted(o for o in graph.objects(indicator, DCTERMS.relation) if (o, RDF.type, ECO.Instance) in graph)
    events = _held_events(graph, indicator, WORKSHOP, today)
    if not events or not concertations:
        return None, (
            "Aucun atelier tenu n'est enregistré dans le graphe : valeur inconnue.",
            "No held workshop is recorded in the graph: value unknown.",
        ), []
    trained = {c for event, _ in events for c in graph.objects(event, PROV.wasAssociatedWith) if c in concertations}
    details = [
        {"instance": str(c), "nom": _label(graph, c), "formee": c in trained} for c in concertations
    ]
    value = round(100 * len(trained) / len(concertations), 1)
    return value, (
        f"{len(trained)} concertation(s) sur {len(concertations)} ont participé à un atelier tenu ({len(events)} atelier(s) enregistré(s)).",
        f"{len(trained)} of {len(concertations)} concertations took part in a held workshop ({len(events)} workshop(s) recorded).",
    ), details


def _meetings_per_worksite(graph: Graph, indicator, today: date) -> tuple:
    worksites = sorted(o for o in graph.objects(indicator, DCTERMS.relation) if (o, RDF.type, ECO.Instance) in graph)
    events = [(e, d) for e, d in _held_events(graph, indicator, REGIONAL_MEETING, today) if d.year == today.year]
    if not events or not worksites:
        return None, (
            f"Aucune rencontre régionale tenue en {today.year} n'est enregistrée : valeur inconnue.",
            f"No regional meeting held in {today.year} is recorded: value unknown.",
        ), []
    counts = {w: sum(1 for e, _ in events if (e, PROV.wasAssociatedWith, w) in graph) for w in worksites}
    details = [{"instance": str(w), "nom": _label(graph, w), "rencontres": n, "annee": today.year} for w, n in counts.items()]
    value = float(min(counts.values()))
    return value, (
        f"Rencontres régionales tenues en {today.year}, par chantier ; la valeur est le plus petit nombre.",
        f"Regional meetings held in {today.year}, per work site; the value is the smallest count.",
    ), details


MEASURES = {
    "abc-workshop-coverage": _abc_coverage,
    "regional-meetings-per-worksite": _meetings_per_worksite,
}


def _latest_observation(graph: Graph, indicator):
    observations = []
    for observation in graph.subjects(ECO.observes, indicator):
        value = graph.value(observation, ECO.observedValue)
        when = graph.value(observation, DCTERMS.date)
        if value is not None:
            observations.append((str(when or ""), observation, float(value)))
    return max(observations, default=None)


def plan_dashboard(graph: Graph, today: date | None = None) -> list[IndicatorStatus]:
    """Every indicator of the action plans in ``graph`` with its current value.

    Parameters
    ----------
    graph
        The current data (at least the plan, its events and observations, the instances).
    today
        The day of the dashboard (default: today); later events are not counted.

    Returns
    -------
    list of IndicatorStatus
        In the plan's order of axes, then by label.

    Examples
    --------
    >>> from rdflib import Graph, Literal, URIRef
    >>> from ecosystem.namespaces import ECO, RDF, SKOS
    >>> g = Graph()
    >>> i = URIRef("https://w3id.org/ecosysteme/id/plan/p/indicateur/x")
    >>> _ = g.add((i, RDF.type, ECO.Indicator)).add((i, SKOS.prefLabel, Literal("Une campagne par an", lang="fr")))
    >>> [(s.label, s.value, s.method) for s in plan_dashboard(g)]
    [('Une campagne par an', None, 'inconnu')]
    """
    today = today or date.today()
    axis_of = {ind: axis for axis, ind in graph.subject_objects(ECO.hasIndicator)}
    statuses = []
    for indicator in graph.subjects(RDF.type, ECO.Indicator):
        target_value = graph.value(indicator, ECO.targetValue)
        measure = graph.value(indicator, ECO.computedFrom)
        value, explanation, details, method, sources = None, None, [], "inconnu", []
        if measure is not None and str(measure) in MEASURES:
            value, explanation, details = MEASURES[str(measure)](graph, indicator, today)
            method = "graphe" if value is not None else "inconnu"
        if value is None:
            latest = _latest_observation(graph, indicator)
            if latest is not None:
                when, observation, value = latest
                method = "observation"
                sources = [str(s) for s in graph.objects(observation, PROV.wasDerivedFrom)]
                explanation = (f"Observation du {when or 'date inconnue'}.", f"Observation of {when or 'unknown date'}.")
        if explanation is None:
            explanation = ("Aucune observation : valeur inconnue.", "No observation: value unknown.")
        axis = axis_of.get(indicator)
        statuses.append(
            IndicatorStatus(
                iri=str(indicator),
                axis=_label(graph, axis) if axis is not None else None,
                label=_label(graph, indicator),
                target=str(graph.value(indicator, ECO.target)) if graph.value(indicator, ECO.target) else None,
                target_value=float(target_value) if target_value is not None else None,
                target_unit=str(graph.value(indicator, ECO.targetUnit) or "") or None,
                target_date=str(graph.value(indicator, ECO.targetDate) or "") or None,
                value=value,
                method=method,
                explanation_fr=explanation[0],
                explanation_en=explanation[1],
                met=(value >= float(target_value)) if value is not None and target_value is not None else None,
                details=details,
                sources=sources,
            )
        )
    return sorted(statuses, key=lambda s: (s.axis or "~", s.label))


