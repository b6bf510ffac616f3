"""The template's sheets of the action plan's follow-up: events and observations."""

from __future__ import annotations

from ecosystem.i18n import Message
from ecosystem.ingest.column_types import SOURCE, Column, Sheet

__all__ = ["EVENTS", "OBSERVATIONS"]

_M = Message

EVENTS = Sheet(
    "evenements",
    "events",
    _M(
        "Une ligne par événement tenu ou prévu : atelier, rencontre régionale, rendez-vous, campagne, candidature, étude.",
        "One row per event held or planned: workshop, regional meeting, rendez-vous, campaign, application, study.",
    ),
    (
        Column(
            "id",
            "id",
            _M(
                "Identifiant stable, unique (ex. atelier-abc-2025-03-la-tuque).",
                "Stable unique id (e.g. atelier-abc-2025-03-la-tuque).",
            ),
            required=True,
            aliases=("identifiant", "event_id", "id_evenement"),
        ),
        Column(
            "nom",
            "text",
            _M("Nom de l'événement en français.", "Name of the event in French."),
            required=True,
            aliases=("name", "titre", "title"),
        ),
        Column(
            "type",
            "vocab",
            _M("Genre d'événement (liste).", "Kind of event (list)."),
            required=True,
            scheme="types-evenement",
            aliases=("type_evenement", "event_type", "genre"),
        ),
        Column(
            "date",
            "date",
            _M(
                "Jour où il s'est tenu : AAAA-MM-JJ ou JJ/MM/AAAA ; vide s'il est seulement prévu.",
                "Day it was held: YYYY-MM-DD or DD/MM/YYYY; empty if it is only planned.",
            ),
            aliases=("jour", "day", "date_tenue", "held_on"),
        ),
        Column(
            "territoire",
            "territory",
            _M("Territoire(s) : id ou nom, séparés par |.", "Territory(ies): id or name, separated by |."),
            multi=True,
            aliases=("territoires", "territory", "territories"),
        ),
        Column(
            "enjeux",
            "vocab",
            _M("Enjeux (liste), séparés par |.", "Issues (list), separated by |."),
            multi=True,
            scheme="enjeux",
            aliases=("enjeu", "issues", "issue"),
        ),
        Column(
            "participants",
            "agent",
            _M(
                "Organisations et instances qui y ont pris part : leurs id, séparés par | (acteur/… ou instance/… si un id est les deux).",
                "Organisations and instances that took part: their ids, separated by | (acteur/… or instance/… if an id is both).",
            ),
            multi=True,
            aliases=("participant", "participants_organisations", "took_part", "presents"),
        ),
        Column(
            "plan",
            "plan",
            _M(
                "Indicateurs, livrables ou stratégies du plan que l'événement sert, séparés par | "
                "(ex. concertation/indicateur/abc ; voir la page du tableau de bord).",
                "The plan's indicators, deliverables or strategies the event serves, separated by | "
                "(e.g. concertation/indicateur/abc; see the dashboard page).",
            ),
            multi=True,
            aliases=("indicateurs", "indicateur", "livrables", "plan_d_action", "relation"),
        ),
        SOURCE,
    ),
    aliases=("evenement", "événements", "events", "event", "activites", "activities"),
)

OBSERVATIONS = Sheet(
    "observations",
    "observations",
    _M(
        "Une ligne par valeur observée d'un indicateur du plan, datée et sourcée : résultat de sondage, bilan de campagne.",
        "One row per observed value of an indicator of the plan, dated and sourced: survey result, campaign report.",
    ),
    (
        Column(
            "id",
            "id",
            _M(
                "Identifiant stable, unique (ex. satisfaction-soutien-2025-05-01).",
                "Stable unique id (e.g. satisfaction-soutien-2025-05-01).",
            ),
            required=True,
            aliases=("identifiant", "observation_id", "id_observation"),
        ),
        Column(
            "indicateur",
            "plan",
            _M(
                "Indicateur du plan observé (ex. accompagnement/indicateur/satisfaction-soutien ; "
                "voir la page du tableau de bord).",
                "The plan's indicator observed (e.g. accompagnement/indicateur/satisfaction-soutien; "
                "see the dashboard page).",
            ),
            required=True,
            aliases=("indicator", "indicateur_du_plan"),
        ),
        Column(
            "date",
            "date",
            _M(
                "Jour de l'observation : AAAA-MM-JJ ou JJ/MM/AAAA.",
                "Day of the observation: YYYY-MM-DD or DD/MM/YYYY.",
            ),
            required=True,
            aliases=("jour", "day", "date_observation", "observed_on"),
        ),
        Column(
            "valeur",
            "decimal",
            _M(
                "Valeur observée, dans l'unité de la cible (virgule acceptée).",
                "Observed value, in the target's unit (decimal comma accepted).",
            ),
            required=True,
            aliases=("value", "valeur_observee", "observed_value"),
        ),
        Column(
            "description",
            "text",
            _M("Ce qui a été mesuré, et comment, en français.", "What was measured, and how, in French."),
            aliases=("commentaire", "comment", "methode"),
        ),
        SOURCE,
    ),
    aliases=("observation", "mesures", "resultats", "results"),
)
