"""The plan dashboard: each indicator with its target, its current value and where it comes from.

Where the graph holds the facts, the value is computed from them (``eco:computedFrom``
names the measure); otherwise it is the latest dated ``eco:Observation`` of the
indicator, with its source; otherwise it is unknown — never 0.

Measures
--------
``abc-workshop-coverage``
    Share (%) of the instances the indicator names (``dcterms:relation``: the local
    concertations) that took part in a held workshop (``eco:eventType`` *atelier*,
    related to the indicator, dated on or before the day of the dashboard): the
    instance itself, or one of its member organisations, is associated with the
    workshop (``prov:wasAssociatedWith``).
``regional-meetings-per-worksite``
    For each work site the indicator names, the held regional meetings (*rencontre
    régionale*) associated with it in the year of the dashboard; the value is the
    smallest count, since the target holds for every work site. The target holds
    every year: its status is read against the calendar year.
``campaigns-per-year`` / ``applications-per-year``
    Held campaigns (*campagne*) / award applications (*candidature*) related to the
    indicator in the calendar year of the day. Yearly targets. As for every count
    here, a count is 0 only once the graph records at least one such fact (in any
    year); before that the value is unknown.
``thematic-event-every-two-years``
    Held thematic events (*événement thématique*) related to the indicator in the two
    years up to the day (730 days).
``synthesis-tools-per-study``
    For each completed study (*étude*) related to the indicator, the synthesis tools
    (*outil synthèse*) held that relate to that study; the value is the smallest count,
    since the target holds for every study.

Each indicator also gets its status against its target and deadline
(:func:`ecosystem.analysis.progress.indicator_progress`) and its history: the value
after each dated fact behind it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from rdflib import Graph, Literal
from rdflib.term import Node

from ecosystem.analysis.progress import ProgressWindow, indicator_progress
from ecosystem.namespaces import DCTERMS, ECO, ORG, PROV, RDF, SKOS, concept_iri

__all__ = ["MEASURES", "IndicatorStatus", "event_day", "plan_dashboard"]

WORKSHOP = concept_iri("types-evenement", "atelier")
REGIONAL_MEETING = concept_iri("types-evenement", "rencontre-regionale")
CAMPAIGN = concept_iri("types-evenement", "campagne")
APPLICATION = concept_iri("types-evenement", "candidature")
THEMATIC_EVENT = concept_iri("types-evenement", "evenement-thematique")
STUDY = concept_iri("types-evenement", "etude")
SYNTHESIS_TOOL = concept_iri("types-evenement", "outil-synthese")


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


def _label(graph: Graph, node, lang: str = "fr") -> str:
    labels = {label.language: str(label) for label in graph.objects(node, SKOS.prefLabel) if isinstance(label, Literal)}
    return labels.get(lang) or labels.get("fr") or str(node)


def event_day(graph: Graph, event) -> date | None:
    """The day an event was held (``prov:startedAtTime``, else ``dcterms:date``), ``None`` when unknown."""
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
        day = event_day(graph, event)
        if day is not None and day <= today:
            held.append((event, day))
    return held


def _members(graph: Graph, instance, day: date) -> set:
    """The organisations with a membership in ``instance`` not ended before ``day``."""
    members: set[Node] = set()
    for membership in graph.subjects(ORG.organization, instance):
        end = graph.value(membership, ECO.endDate)
        if end is None or str(end)[:10] >= day.isoformat():
            members.update(graph.objects(membership, ORG.member))
    return members


def _took_part(graph: Graph, concertation, events: list[tuple]) -> bool:
    for event, day in events:
        present = set(graph.objects(event, PROV.wasAssociatedWith))
        if concertation in present or present & _members(graph, concertation, day):
            return True
    return False


def _abc_coverage(graph: Graph, indicator, today: date) -> tuple:
    concertations = sorted(
        (o for o in graph.objects(indicator, DCTERMS.relation) if (o, RDF.type, ECO.Instance) in graph), key=str
    )
    events = _held_events(graph, indicator, WORKSHOP, today)
    if not events or not concertations:
        return (
            None,
            (
                "Aucun atelier tenu n'est enregistré dans le graphe : valeur inconnue.",
                "No held workshop is recorded in the graph: value unknown.",
            ),
            [],
        )
    trained = {c for c in concertations if _took_part(graph, c, events)}
    details = [{"instance": str(c), "nom": _label(graph, c), "formee": c in trained} for c in concertations]
    value = round(100 * len(trained) / len(concertations), 1)
    return (
        value,
        (
            f"{len(trained)} concertation(s) sur {len(concertations)} ont participé à un atelier tenu ({len(events)} atelier(s) enregistré(s)).",
            f"{len(trained)} of {len(concertations)} concertations took part in a held workshop ({len(events)} workshop(s) recorded).",
        ),
        details,
    )


def _meetings_per_worksite(graph: Graph, indicator, today: date) -> tuple:
    worksites = sorted(
        (o for o in graph.objects(indicator, DCTERMS.relation) if (o, RDF.type, ECO.Instance) in graph), key=str
    )
    events = [(e, d) for e, d in _held_events(graph, indicator, REGIONAL_MEETING, today) if d.year == today.year]
    if not events or not worksites:
        return (
            None,
            (
                f"Aucune rencontre régionale tenue en {today.year} n'est enregistrée : valeur inconnue.",
                f"No regional meeting held in {today.year} is recorded: value unknown.",
            ),
            [],
        )
    counts = {w: sum(1 for e, _ in events if (e, PROV.wasAssociatedWith, w) in graph) for w in worksites}
    details = [
        {"instance": str(w), "nom": _label(graph, w), "rencontres": n, "annee": today.year} for w, n in counts.items()
    ]
    value = float(min(counts.values()))
    return (
        value,
        (
            f"Rencontres régionales tenues en {today.year}, par chantier ; la valeur est le plus petit nombre.",
            f"Regional meetings held in {today.year}, per work site; the value is the smallest count.",
        ),
        details,
    )


def _counted(event_type, days: int | None, words: tuple[str, str, str, str]):
    """A measure counting held events of ``event_type``: in the calendar year, or in the last ``days``.

    ``words``: the events counted, then none of them, in French and English, for the explanation.
    """

    def measure(graph: Graph, indicator, today: date) -> tuple:
        def within(day: date) -> bool:
            return day.year == today.year if days is None else (today - day).days < days

        recorded = _held_events(graph, indicator, event_type, today)
        if not recorded:  # nothing of the kind ever recorded: unknown, not zero
            return (
                None,
                (
                    f"Rien n'est encore enregistré ({words[2]}) : valeur inconnue.",
                    f"Nothing is recorded yet ({words[3]}): value unknown.",
                ),
                [],
            )
        held = [(e, d) for e, d in recorded if within(d)]
        when = (
            (str(today.year), str(today.year))
            if days is None
            else (f"les {days} jours précédents", f"the previous {days} days")
        )
        details = [
            {"evenement": str(e), "nom": _label(graph, e), "date": d.isoformat()}
            for e, d in sorted(held, key=lambda x: x[1])
        ]
        return (
            float(len(held)),
            (
                f"{len(held)} {words[0]} ({when[0]}).",
                f"{len(held)} {words[1]} ({when[1]}).",
            ),
            details,
        )

    return measure


def _tools_per_study(graph: Graph, indicator, today: date) -> tuple:
    studies = _held_events(graph, indicator, STUDY, today)
    if not studies:
        return (
            None,
            (
                "Aucune étude réalisée n'est enregistrée : valeur inconnue.",
                "No completed study is recorded: value unknown.",
            ),
            [],
        )
    tools = set()
    for event in graph.subjects(ECO.eventType, SYNTHESIS_TOOL):
        day = event_day(graph, event)
        if day is not None and day <= today:
            tools.add(event)
    counts = {s: sum(1 for t in tools if (t, DCTERMS.relation, s) in graph) for s, _ in studies}
    details = [{"evenement": str(s), "nom": _label(graph, s), "outils": n} for s, n in counts.items()]
    return (
        float(min(counts.values())),
        (
            f"Outils synthèse par étude réalisée ({len(counts)} étude(s)) ; la valeur est le plus petit nombre.",
            f"Synthesis tools per completed study ({len(counts)} study(ies)); the value is the smallest count.",
        ),
        details,
    )


MEASURES = {
    "abc-workshop-coverage": _abc_coverage,
    "regional-meetings-per-worksite": _meetings_per_worksite,
    "campaigns-per-year": _counted(
        CAMPAIGN, None, ("campagne(s) tenue(s)", "campaign(s) held", "aucune campagne", "no campaign")
    ),
    "applications-per-year": _counted(
        APPLICATION, None, ("candidature(s) déposée(s)", "application(s) filed", "aucune candidature", "no application")
    ),
    "thematic-event-every-two-years": _counted(
        THEMATIC_EVENT,
        730,
        (
            "événement(s) thématique(s) tenu(s)",
            "thematic event(s) held",
            "aucun événement thématique",
            "no thematic event",
        ),
    ),
    "synthesis-tools-per-study": _tools_per_study,
}
YEARLY_MEASURES = frozenset({"regional-meetings-per-worksite", "campaigns-per-year", "applications-per-year"})
"""Measures whose target holds every calendar year."""
EVENT_TYPES = {
    "abc-workshop-coverage": WORKSHOP,
    "regional-meetings-per-worksite": REGIONAL_MEETING,
    "campaigns-per-year": CAMPAIGN,
    "applications-per-year": APPLICATION,
    "thematic-event-every-two-years": THEMATIC_EVENT,
    "synthesis-tools-per-study": STUDY,
}
"""The events whose dates make an indicator's history."""


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
        days = sorted({day for _, day in _held_events(graph, indicator, EVENT_TYPES[measure], today)})
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
        axis=_label(graph, axis) if axis is not None else None,
        label=_label(graph, indicator),
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
            _label(graph, axis_of[i]) if i in axis_of else "~",
            rank(i),
            _label(graph, i),
        ),
    )
    return [
        _status(graph, i, axis_of.get(i), plan_of.get(axis_of[i]) if i in axis_of else None, today) for i in indicators
    ]
