"""The template's sheets of the network: actors, instances, memberships, territories."""

from __future__ import annotations

from ecosystem.i18n import Message
from ecosystem.ingest.column_types import END, SOURCE, START, Column, Sheet

__all__ = ["ACTORS", "INSTANCES", "MEMBERSHIPS", "TERRITORIES"]

_M = Message

ACTORS = Sheet(
    "acteurs",
    "actors",
    _M(
        "Une ligne par organisation qui siège dans des instances.",
        "One row per organization sitting on instances.",
    ),
    (
        Column(
            "id",
            "id",
            _M("Identifiant stable, unique (ex. ciusss-mcq).", "Stable unique id (e.g. ciusss-mcq)."),
            required=True,
            aliases=("identifiant", "actor_id", "id_acteur"),
        ),
        Column(
            "nom",
            "text",
            _M("Nom complet en français.", "Full name in French."),
            required=True,
            aliases=("name",),
        ),
        Column("sigle", "text", _M("Sigle ou acronyme.", "Acronym."), aliases=("acronym", "acronyme")),
        Column(
            "type",
            "vocab",
            _M("Type d'acteur (liste).", "Actor type (list)."),
            scheme="types-acteur",
            aliases=("type_acteur", "actor_type"),
        ),
        Column(
            "secteur",
            "vocab",
            _M("Secteur(s) (liste), séparés par |.", "Sector(s) (list), separated by |."),
            multi=True,
            scheme="secteurs",
            aliases=("secteurs", "sector", "sectors"),
        ),
        Column(
            "territoire",
            "territory",
            _M("Territoire(s) : id ou nom, séparés par |.", "Territory(ies): id or name, separated by |."),
            multi=True,
            aliases=("territoires", "territory", "territories"),
        ),
        Column(
            "site_web",
            "url",
            _M("Adresse du site web (https://…).", "Website address (https://…)."),
            aliases=("site", "website", "web", "url"),
        ),
        Column(
            "description",
            "text",
            _M("Description en français.", "Description in French."),
            aliases=("commentaire", "comment"),
        ),
        SOURCE,
    ),
    aliases=("acteur", "actors", "actor", "organisations", "organizations"),
)

INSTANCES = Sheet(
    "instances",
    "instances",
    _M(
        "Une ligne par instance : concertation, table, comité, chantier.",
        "One row per instance: concertation, table, committee, work site.",
    ),
    (
        Column(
            "id",
            "id",
            _M("Identifiant stable, unique (ex. consortium).", "Stable unique id (e.g. consortium)."),
            required=True,
            aliases=("identifiant", "instance_id", "committee_id", "id_instance"),
        ),
        Column(
            "nom",
            "text",
            _M("Nom complet en français.", "Full name in French."),
            required=True,
            aliases=("name",),
        ),
        Column("sigle", "text", _M("Sigle ou acronyme.", "Acronym."), aliases=("acronym", "acronyme")),
        Column(
            "type",
            "vocab",
            _M("Type d'instance (liste).", "Instance type (list)."),
            scheme="types-instance",
            aliases=("type_instance", "instance_type"),
        ),
        Column(
            "territoire",
            "territory",
            _M(
                "Territoire(s) couvert(s) : id ou nom, séparés par |.",
                "Territory(ies) covered: id or name, separated by |.",
            ),
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
            "fonctions",
            "vocab",
            _M("Fonctions (liste), séparées par |.", "Functions (list), separated by |."),
            multi=True,
            scheme="fonctions",
            aliases=("fonction", "functions", "function"),
        ),
        Column(
            "populations",
            "vocab",
            _M("Populations cibles (liste), séparées par |.", "Target populations (list), separated by |."),
            multi=True,
            scheme="populations",
            aliases=("population", "populations_cibles", "target_populations"),
        ),
        Column(
            "mandat",
            "text",
            _M("Texte du mandat, tel que la source l'énonce.", "Mandate text, as the source states it."),
            aliases=("mandate",),
        ),
        Column(
            "rencontres_par_an",
            "decimal",
            _M("Nombre de rencontres par an.", "Meetings per year."),
            aliases=("meetings_per_year", "rencontres"),
        ),
        Column(
            "heures_par_rencontre",
            "decimal",
            _M(
                "Durée d'une rencontre, en heures (virgule acceptée).",
                "Length of a meeting, in hours (decimal comma accepted).",
            ),
            aliases=("hours_per_meeting", "duree"),
        ),
        Column(
            "instance_parente",
            "instance",
            _M("Id de l'instance dont celle-ci relève.", "Id of the instance this one belongs to."),
            aliases=("parent", "parent_instance", "instance_mere"),
        ),
        Column(
            "porteur",
            "actor",
            _M("Id de l'acteur qui porte l'instance.", "Id of the actor carrying the instance."),
            multi=True,
            aliases=("porteurs", "carried_by", "lead", "coordination"),
        ),
        START,
        END,
        SOURCE,
    ),
    aliases=("instance", "committees", "comites", "tables"),
)

MEMBERSHIPS = Sheet(
    "participations",
    "memberships",
    _M("Une ligne par siège : un acteur dans une instance.", "One row per seat: an actor on an instance."),
    (
        Column(
            "acteur",
            "actor",
            _M("Id de l'acteur (feuille acteurs).", "Actor id (actors sheet)."),
            required=True,
            aliases=("actor", "actor_id", "id_acteur", "membre", "member"),
        ),
        Column(
            "instance",
            "instance",
            _M("Id de l'instance (feuille instances).", "Instance id (instances sheet)."),
            required=True,
            aliases=("instance_id", "id_instance", "committee", "committee_id", "organization"),
        ),
        Column(
            "role",
            "vocab",
            _M("Rôle(s) (liste), séparés par |.", "Role(s) (list), separated by |."),
            multi=True,
            scheme="roles",
            aliases=("roles",),
        ),
        START,
        END,
        Column(
            "heures_par_an",
            "decimal",
            _M("Heures consacrées par an, telles que déclarées.", "Hours per year, as declared."),
            aliases=("hours_per_year", "heures"),
        ),
        SOURCE,
    ),
    aliases=("participation", "memberships", "membership", "sieges"),
)

TERRITORIES = Sheet(
    "territoires",
    "territories",
    _M(
        "Une ligne par territoire : région, MRC, municipalité, communauté.",
        "One row per territory: region, RCM, municipality, community.",
    ),
    (
        Column(
            "id",
            "id",
            _M("Identifiant stable, unique (ex. maskinonge).", "Stable unique id (e.g. maskinonge)."),
            required=True,
            aliases=("identifiant", "territory_id"),
        ),
        Column("nom", "text", _M("Nom en français.", "Name in French."), required=True, aliases=("name",)),
        Column(
            "type",
            "vocab",
            _M("Type de territoire (liste).", "Territory type (list)."),
            scheme="types-territoire",
            aliases=("type_territoire", "territory_type"),
        ),
        Column(
            "parent",
            "territory",
            _M("Id ou nom du territoire englobant.", "Id or name of the enclosing territory."),
            aliases=("territoire_parent", "parent_territory", "broader"),
        ),
        Column(
            "population",
            "integer",
            _M("Population (nombre entier).", "Population (whole number)."),
            aliases=("habitants",),
        ),
        SOURCE,
    ),
    aliases=("territoire", "territories", "territory"),
)
