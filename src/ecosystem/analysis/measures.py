"""The registry of the measures an indicator of the plan may name (``eco:computedFrom``): one entry each.

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

Their computations are :mod:`ecosystem.analysis.plan_events`'s; the dashboard that applies them is
:mod:`ecosystem.analysis.indicators`.
"""

from __future__ import annotations

from ecosystem.analysis.plan_events import (
    APPLICATION,
    CAMPAIGN,
    REGIONAL_MEETING,
    STUDY,
    THEMATIC_EVENT,
    WORKSHOP,
    abc_coverage,
    counted,
    meetings_per_worksite,
    tools_per_study,
)

__all__ = ["EVENT_TYPES", "MEASURES", "YEARLY_MEASURES"]

MEASURES = {
    "abc-workshop-coverage": abc_coverage,
    "regional-meetings-per-worksite": meetings_per_worksite,
    "campaigns-per-year": counted(
        CAMPAIGN, None, ("campagne(s) tenue(s)", "campaign(s) held", "aucune campagne", "no campaign")
    ),
    "applications-per-year": counted(
        APPLICATION, None, ("candidature(s) déposée(s)", "application(s) filed", "aucune candidature", "no application")
    ),
    "thematic-event-every-two-years": counted(
        THEMATIC_EVENT,
        730,
        (
            "événement(s) thématique(s) tenu(s)",
            "thematic event(s) held",
            "aucun événement thématique",
            "no thematic event",
        ),
    ),
    "synthesis-tools-per-study": tools_per_study,
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
