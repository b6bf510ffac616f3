"""The spreadsheet template: its sheets, their columns, and the header names accepted.

Headers are matched without regard to case, accents or surrounding spaces, and
English names are accepted as aliases (``name`` for ``nom``), so a partner's own
spelling of a header still finds its column.

>>> SHEETS["acteurs"].column_for_header(" Nom ").name
'nom'
>>> SHEETS["participations"].column_for_header("Hours per year").name
'heures_par_an'
>>> sheet_for_name("Memberships")
'participations'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ecosystem.folding import slugify
from ecosystem.i18n import Message

__all__ = ["SHEETS", "Column", "Sheet", "column_letter", "normalize_header", "sheet_choices", "sheet_for_name"]


def normalize_header(text: str) -> str:
    """Fold case and accents, and turn spaces, dashes and dots into ``_``.

    >>> normalize_header("  Heures par rencontre ")
    'heures_par_rencontre'
    >>> normalize_header("Début")
    'debut'
    """
    return slugify(str(text)).replace("-", "_")


def column_letter(index: int) -> str:
    """Spreadsheet letter of the 0-based column ``index``.

    >>> column_letter(0), column_letter(25), column_letter(27)
    ('A', 'Z', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True)
class Column:
    """One template column.

    ``kind`` says how a cell is read: ``text``, ``id``, ``url``, ``decimal``, ``integer``,
    ``date``, ``vocab`` (a concept of ``scheme``), ``territory``, ``actor``, ``instance``,
    ``agent`` (an actor or an instance), ``plan`` (a part of the action plan), ``source``.
    ``multi``: several values separated by ``|``.
    """

    name: str
    kind: str
    help: Message
    required: bool = False
    multi: bool = False
    scheme: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    name: str
    english: str
    help: Message
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    _by_header: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        for column in self.columns:
            for header in (column.name, *column.aliases):
                self._by_header[normalize_header(header)] = column

    def column(self, name: str) -> Column:
        return self._by_header[name]

    def column_for_header(self, header: str) -> Column | None:
        return self._by_header.get(normalize_header(header))

    @property
    def required(self) -> list[Column]:
        return [c for c in self.columns if c.required]


_M = Message
_SOURCE = Column(
    "source",
    "source",
    _M(
        "Adresse (https://…) ou identifiant du document qui énonce ces faits ; vide : le fichier importé.",
        "Address (https://…) or id of the document stating these facts; empty: the imported file.",
    ),
    multi=True,
    aliases=("sources", "provenance"),
)
_START = Column(
    "debut",
    "date",
    _M("Date de début : AAAA-MM-JJ ou JJ/MM/AAAA.", "Start date: YYYY-MM-DD or DD/MM/YYYY."),
    aliases=("start", "start_date", "date_debut", "date_de_debut"),
)
_END = Column(
    "fin",
    "date",
    _M(
        "Date de fin : AAAA-MM-JJ ou JJ/MM/AAAA ; pas avant le début.",
        "End date: YYYY-MM-DD or DD/MM/YYYY; not before the start.",
    ),
    aliases=("end", "end_date", "date_fin", "date_de_fin"),
)

SHEETS: dict[str, Sheet] = {
    sheet.name: sheet
    for sheet in (
        Sheet(
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
                _SOURCE,
            ),
            aliases=("acteur", "actors", "actor", "organisations", "organizations"),
        ),
        Sheet(
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
                _START,
                _END,
                _SOURCE,
            ),
            aliases=("instance", "committees", "comites", "tables"),
        ),
        Sheet(
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
                _START,
                _END,
                Column(
                    "heures_par_an",
                    "decimal",
                    _M("Heures consacrées par an, telles que déclarées.", "Hours per year, as declared."),
                    aliases=("hours_per_year", "heures"),
                ),
                _SOURCE,
            ),
            aliases=("participation", "memberships", "membership", "sieges"),
        ),
        Sheet(
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
                _SOURCE,
            ),
            aliases=("territoire", "territories", "territory"),
        ),
        Sheet(
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
                _SOURCE,
            ),
            aliases=("evenement", "événements", "events", "event", "activites", "activities"),
        ),
        Sheet(
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
                _SOURCE,
            ),
            aliases=("observation", "mesures", "resultats", "results"),
        ),
    )
}
"""The data sheets, in the order they are read."""

_SHEET_NAMES = {normalize_header(n): s.name for s in SHEETS.values() for n in (s.name, s.english, *s.aliases)}


def sheet_for_name(name: str) -> str | None:
    """The template sheet a sheet or file name stands for, or None."""
    return _SHEET_NAMES.get(normalize_header(name))


def sheet_choices(table) -> list[str]:
    """The template sheets a table may be; one when it is recognised, several when it is ambiguous.

    By its sheet or file name — the whole name, else one of its words, so that LibreOffice's
    per-sheet export ``modele-territoires.csv`` is the ``territoires`` sheet — and otherwise by its
    headers: among the sheets whose required columns it has, those whose own column names it
    matches best (an alias counts less: ``parent`` and ``population`` are also aliases of instance
    columns).
    """
    if kind := sheet_for_name(table.sheet):
        return [kind]
    named = {kind for word in normalize_header(table.sheet).split("_") if (kind := sheet_for_name(word))}
    if len(named) == 1:
        return list(named)
    headers = {normalize_header(h) for h in table.headers}
    scores = {}
    for sheet in SHEETS.values():
        if all(any(sheet.column_for_header(h) is c for h in headers) for c in sheet.required):
            scores[sheet.name] = sum(
                2 if column.name == h else 1 for h in headers if (column := sheet.column_for_header(h)) is not None
            )
    best = max(scores.values(), default=0)
    return [name for name, score in scores.items() if score == best]
