"""The OpenAPI tags: ASCII names (generated clients name their modules after them) with French
display names and bilingual descriptions. Every router takes its tag from here."""

from __future__ import annotations

__all__ = ["TAGS"]

_TAGS = {
    "carte": ("Carte", "La carte de l'écosystème : nœuds, liens, filtres, recherche. / The ecosystem map."),
    "acteurs": ("Acteurs", "Les organisations, leurs sièges et leur charge. / Actors, their seats and load."),
    "instances": ("Instances", "Les instances de concertation, leurs mandats et membres. / Concertation instances."),
    "territoires": ("Territoires", "Ce qui couvre chaque territoire. / What covers each territory."),
    "enjeux": ("Enjeux", "Les instances de chaque enjeu. / The instances of each issue."),
    "verification": (
        "Vérification",
        "Vérifier une initiative avant de la lancer. / Check an initiative before starting it.",
    ),
    "analyses": ("Analyses", "Sur-sollicitation, mandats dupliqués, surconcertation, courtiers. / The analyses."),
    "statistiques": ("Statistiques", "Comptes du graphe. / Graph counts."),
    "tableau-de-bord": ("Tableau de bord", "Le plan d'action et ses indicateurs. / The action plan's dashboard."),
    "rapport": ("Rapport", "Le rapport annuel. / The annual report."),
    "historique": ("Historique", "Ce qui a changé et quand. / What changed and when."),
    "sparql": ("SPARQL", "Point d'accès SPARQL 1.1 en lecture seule. / Read-only SPARQL 1.1 endpoint."),
    "exports": ("Exports", "La carte et les données en fichiers. / The map and the data as files."),
    "revisions": (
        "Révisions",
        "Les révisions de la cartographie et leurs différences. / Revisions and their differences.",
    ),
    "accessibilite": ("Accessibilité", "Déclaration d'accessibilité. / Accessibility statement."),
    "faits": (
        "Faits à confirmer",
        "Les faits qu'aucune organisation n'a confirmés, les plus anciens d'abord. / Facts to confirm, oldest first.",
    ),
}

TAGS: list[dict] = [
    {"name": name, "x-displayName": shown, "description": description} for name, (shown, description) in _TAGS.items()
]
"""OpenAPI ``tags`` metadata: ``name`` is ASCII, ``x-displayName`` is what a reader sees."""
