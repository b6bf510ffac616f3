"""Words for the codes of the plan's dashboard and report, French first, English second."""

from __future__ import annotations

from ecosystem.i18n import Message

__all__ = ["DELIVERABLE_STATUS", "FIGURE", "STATUS", "STATUS_SYMBOL"]

STATUS = {
    "met": Message("atteint", "met"),
    "on-track": Message("en bonne voie", "on track"),
    "late": Message("en retard", "late"),
    "no-target": Message("sans cible chiffrée", "no figure to reach"),
    "no-data": Message("sans donnée", "no data"),
}
"""Words for :data:`ecosystem.analysis.progress.STATUSES`."""

STATUS_SYMBOL = {"met": "✔", "on-track": "➚", "late": "⚠", "no-target": "–", "no-data": "?"}
"""A sign beside each status word, so that the status never rests on colour alone."""

DELIVERABLE_STATUS = {
    "prevu": Message("prévu", "planned"),
    "en-cours": Message("en cours", "in progress"),
    "realise": Message("réalisé", "done"),
}

FIGURE = {
    "actors": Message("Organisations", "Organisations"),
    "instances": Message("Instances de concertation", "Concertation instances"),
    "seats": Message("Sièges (participations actives)", "Seats (active memberships)"),
    "over_solicited": Message("Organisations sur-sollicitées", "Over-solicited organisations"),
    "duplicated_pairs": Message("Paires de mandats dédoublés", "Pairs of duplicated mandates"),
    "gaps": Message("Lacunes (territoire × enjeu sans instance)", "Gaps (territory × issue with no instance)"),
}
"""Words for :data:`ecosystem.analysis.figures.FIGURES`."""
