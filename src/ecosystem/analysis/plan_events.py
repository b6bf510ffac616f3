"""How each measure of the plan's indicators is computed from the facts the graph holds (events, memberships).

Each measure is ``measure(graph, indicator, today) -> (value, (explanation fr, en), details)``, the value
``None`` (unknown, never 0) when the graph records nothing of the kind. Which indicator uses which measure,
and what each one means, is :mod:`ecosystem.analysis.measures`'s registry.
"""

from __future__ import annotations

from datetime import date

from rdflib import Graph, Literal
from rdflib.term import Node

from ecosystem.namespaces import DCTERMS, ECO, ORG, PROV, RDF, SKOS, concept_iri

__all__ = [
    "APPLICATION",
    "CAMPAIGN",
    "REGIONAL_MEETING",
    "STUDY",
    "SYNTHESIS_TOOL",
    "THEMATIC_EVENT",
    "WORKSHOP",
    "abc_coverage",
    "counted",
    "event_day",
    "held_events",
    "meetings_per_worksite",
    "pref_label",
    "tools_per_study",
]

WORKSHOP = concept_iri("types-evenement", "atelier")
REGIONAL_MEETING = concept_iri("types-evenement", "rencontre-regionale")
CAMPAIGN = concept_iri("types-evenement", "campagne")
APPLICATION = concept_iri("types-evenement", "candidature")
THEMATIC_EVENT = concept_iri("types-evenement", "evenement-thematique")
STUDY = concept_iri("types-evenement", "etude")
SYNTHESIS_TOOL = concept_iri("types-evenement", "outil-synthese")


def pref_label(graph: Graph, node, lang: str = "fr") -> str:
    """A node's ``skos:prefLabel`` in ``lang``, else in French, else its IRI.

    Parameters
    ----------
    graph : rdflib.Graph
        The data.
    node : rdflib.term.Node
        What to name.
    lang : str
        The reader's language.

    Returns
    -------
    str
        The label.

    >>> from rdflib import URIRef
    >>> g = Graph(); x = URIRef("https://example.org/x")
    >>> _ = g.add((x, SKOS.prefLabel, Literal("Étude", lang="fr")))
    >>> pref_label(g, x, "en"), pref_label(g, URIRef("https://example.org/y"))
    ('Étude', 'https://example.org/y')
    """
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


def held_events(graph: Graph, indicator, event_type, today: date) -> list[tuple]:
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


def _related_instances(graph: Graph, indicator) -> list:
    """The instances the indicator names (``dcterms:relation``), by IRI."""
    return sorted(
        (o for o in graph.objects(indicator, DCTERMS.relation) if (o, RDF.type, ECO.Instance) in graph), key=str
    )


def abc_coverage(graph: Graph, indicator, today: date) -> tuple:
    """The measure ``abc-workshop-coverage``: the share (%) of the named concertations that took part in a held workshop.

    Parameters
    ----------
    graph : rdflib.Graph
        The data.
    indicator : rdflib.term.Node
        The indicator measured.
    today : datetime.date
        The day of the dashboard: later events are not counted.

    Returns
    -------
    tuple
        ``(value, (explanation fr, en), details)``, the value ``None`` when nothing is recorded.
    """
    concertations = _related_instances(graph, indicator)
    events = held_events(graph, indicator, WORKSHOP, today)
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
    details = [{"instance": str(c), "nom": pref_label(graph, c), "formee": c in trained} for c in concertations]
    value = round(100 * len(trained) / len(concertations), 1)
    return (
        value,
        (
            f"{len(trained)} concertation(s) sur {len(concertations)} ont participé à un atelier tenu ({len(events)} atelier(s) enregistré(s)).",
            f"{len(trained)} of {len(concertations)} concertations took part in a held workshop ({len(events)} workshop(s) recorded).",
        ),
        details,
    )


def meetings_per_worksite(graph: Graph, indicator, today: date) -> tuple:
    """The measure ``regional-meetings-per-worksite``: the smallest count, over the named work sites, of the regional
    meetings held this year (parameters and result as :func:`abc_coverage`'s)."""
    worksites = _related_instances(graph, indicator)
    events = [(e, d) for e, d in held_events(graph, indicator, REGIONAL_MEETING, today) if d.year == today.year]
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
        {"instance": str(w), "nom": pref_label(graph, w), "rencontres": n, "annee": today.year}
        for w, n in counts.items()
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


def counted(event_type, days: int | None, words: tuple[str, str, str, str]):
    """A measure counting held events of ``event_type``: in the calendar year, or in the last ``days``.

    Parameters
    ----------
    event_type : rdflib.URIRef
        The events counted.
    days : int or None
        ``None``: the calendar year of the day; else the ``days`` up to it.
    words : tuple of str
        The events counted, then none of them, in French and English, for the explanation.

    Returns
    -------
    callable
        A measure, as :func:`abc_coverage`.
    """

    def measure(graph: Graph, indicator, today: date) -> tuple:
        def within(day: date) -> bool:
            return day.year == today.year if days is None else (today - day).days < days

        recorded = held_events(graph, indicator, event_type, today)
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
            {"evenement": str(e), "nom": pref_label(graph, e), "date": d.isoformat()}
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


def tools_per_study(graph: Graph, indicator, today: date) -> tuple:
    """The measure ``synthesis-tools-per-study``: the smallest count, over the completed studies, of the synthesis tools
    that relate to each (parameters and result as :func:`abc_coverage`'s)."""
    studies = held_events(graph, indicator, STUDY, today)
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
    details = [{"evenement": str(s), "nom": pref_label(graph, s), "outils": n} for s, n in counts.items()]
    return (
        float(min(counts.values())),
        (
            f"Outils synthèse par étude réalisée ({len(counts)} étude(s)) ; la valeur est le plus petit nombre.",
            f"Synthesis tools per completed study ({len(counts)} study(ies)); the value is the smallest count.",
        ),
        details,
    )
