"""Words for the analyses' codes, in French and English: one translation table, shared by the
command line, the web pages and the exports.

The analyses (``ecosystem.analysis``) return IRIs, numbers, booleans and declared codes;
this module turns codes into :class:`~ecosystem.i18n.Message` and adds labels from the
projection. Nothing here computes a measure.
"""

from __future__ import annotations

from ecosystem import formatting
from ecosystem.analysis.thresholds import SOURCES
from ecosystem.i18n import Message
from ecosystem.projection import Projection

__all__ = [
    "CODES",
    "LABEL_KEYS",
    "community_label",
    "describe_bridge",
    "describe_method",
    "flag_text",
    "labelled",
    "say",
]

CODES: dict[str, Message] = {
    # community methods
    "barber": Message(
        "modularité bimodale de Barber (Q_B), départs Louvain affinés par BRIM",
        "Barber's bipartite modularity (Q_B), Louvain starts refined by BRIM",
    ),
    "projection": Message(
        "Louvain sur le graphe des co-participations des acteurs", "Louvain on the actors' co-membership graph"
    ),
    # how the partition is chosen
    "persistante": Message(
        "la partition optimale sur la plus large plage de résolutions (γ de {a} à {b})",
        "the partition optimal over the widest range of resolutions (γ from {a} to {b})",
    ),
    "maximum": Message("la partition de Q_B le plus élevé trouvé", "the partition of highest Q_B found"),
    "nombre-fixe": Message("nombre de communautés imposé", "number of communities imposed"),
    # centrality methods
    "exacte": Message("exacte", "exact"),
    "pivots": Message("estimée sur {k} pivots", "estimated from {k} pivots"),
    # over-solicitation rules
    "sieges": Message("plus de {t:g} sièges", "more than {t:g} seats"),
    "heures": Message("plus de {t:g} heures par an", "more than {t:g} hours a year"),
    "decile": Message(
        "parmi les 10 % les plus sollicités de la carte (plus de {t:g} sièges)",
        "among the 10 % most solicited of the map (more than {t:g} seats)",
    ),
    "decile-non-applicable": Message(
        "La règle des 10 % ne s'applique pas : {n} acteurs ont un siège, il en faut au moins {m} pour qu'un dixième veuille dire quelque chose.",
        "The 10 % rule does not apply: {n} actors hold a seat; it takes at least {m} for a tenth to mean something.",
    ),
    # sources of the thresholds (short names; the references are ecosystem.analysis.thresholds.SOURCES)
    "iss-canada": Message(
        "ISS Canada, politique de 2019 sur le cumul des mandats", "ISS Canada, 2019 overboarding policy"
    ),
    "cross-rebele-grant": Message("Cross, Rebele et Grant, 2016", "Cross, Rebele & Grant, 2016"),
    "convention": Message(
        "convention du projet, à régler par région", "the project's convention, to be set per region"
    ),
    "hyndman-fan": Message("Hyndman et Fan, 1996", "Hyndman & Fan, 1996"),
    # nesting findings
    "contenue": Message(
        "« {a} » est contenue dans « {b} » : ses {n} membres siègent tous à « {b} »",
        "“{a}” is contained in “{b}”: all its {n} members sit on “{b}”",
    ),
    "identique": Message(
        "« {a} » et « {b} » ont exactement les mêmes {n} membres", "“{a}” and “{b}” have exactly the same {n} members"
    ),
    # relations of territories and issues
    "meme": Message("même", "same"),
    "englobe": Message("englobe", "contains"),
    "inclus": Message("inclus", "inside"),
    "disjoint": Message("disjoints", "disjoint"),
    "plus-large": Message("plus large", "broader"),
    "plus-etroit": Message("plus étroit", "narrower"),
    # node kinds
    "actor": Message("organisation", "organisation"),
    "instance": Message("instance", "instance"),
    # fragile bridges
    "seul-lien": Message("seul lien entre {sides}", "only link between {sides}"),
    "cote": Message("{e} ({i} instance(s), {a} acteur(s))", "{e} ({i} instance(s), {a} actor(s))"),
}
"""Code → words. Codes are those the analyses declare (rules, methods, findings)."""


LABEL_KEYS = {
    "iri": "nom",
    "acteur": "nom",
    "instance": "nom",
    "actor": "nom",
    "a": "nom_a",
    "b": "nom_b",
    "enjeu": "nom_enjeu",
    "correspond": "nom_correspond",
    "territoire": "nom_territoire",
    "instance_centrale": "nom_instance_centrale",
    "enjeu_dominant": "nom_enjeu_dominant",
    "territoire_dominant": "nom_territoire_dominant",
}
"""Keys whose value is an IRI → the key the reader's label goes under, beside it."""
LIST_LABEL_KEYS = {"instances": "noms", "territoires": "noms_territoires", "enjeux": "noms_enjeux"}
"""Keys whose value is a list of IRIs → the key of the list of labels."""


def labelled(data, projection: Projection, lang: str = "fr"):
    """A copy of an analysis result (``to_dict()`` form) with the label of each IRI beside it.

    >>> import datetime, networkx as nx
    >>> g = nx.Graph([("a", "i")]); g.nodes["a"].update(kind="actor", label="Org A"); g.nodes["i"].update(kind="instance", label="Table")
    >>> labelled({"acteur": "a", "groupes": [{"instances": ["i"]}]}, Projection(g, {}, {}, datetime.date(2025, 1, 1)))
    {'acteur': 'a', 'nom': 'Org A', 'groupes': [{'instances': ['i'], 'noms': ['Table']}]}
    """
    label = projection.label

    def walk(data):
        if isinstance(data, list):
            return [walk(item) if isinstance(item, (dict, list)) else item for item in data]
        out = {}
        for key, value in data.items():
            if not isinstance(value, (dict, list)):  # scalars copied as they are (a check's answer holds hundreds)
                out[key] = value
                if key in LABEL_KEYS and isinstance(value, str):
                    out[LABEL_KEYS[key]] = label(value, lang)
                continue
            out[key] = walk(value)
            if key in LIST_LABEL_KEYS and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                out[LIST_LABEL_KEYS[key]] = [label(v, lang) for v in value]
        return out

    return walk(data) if isinstance(data, (dict, list)) else data


def say(code: str, lang: str = "fr", **values) -> str:
    """The words of ``code`` in ``lang``, formatted with ``values``."""
    return CODES[code].format(**values).text(lang) if values else CODES[code].text(lang)


def flag_text(flag: dict, lang: str = "fr") -> str:
    """« plus de 5 sièges (source : ISS Canada, …) » for ``{"rule": "sieges", "threshold": 5, "sources": […]}``.

    >>> flag_text({"rule": "sieges", "threshold": 5, "value": 6, "sources": ["iss-canada"]}, "en")
    'more than 5 seats (source: ISS Canada, 2019 overboarding policy)'
    """
    rule = say(flag["rule"], lang, t=flag["threshold"])
    names = " ; ".join(say(code, lang) for code in flag.get("sources", ()))
    if not names:
        return rule
    return f"{rule} (source: {names})" if lang == "en" else f"{rule} (source : {names})"


def describe_method(method: dict, lang: str = "fr") -> str:
    """A community method (``to_dict()`` of the result, less its groups) in words, with its Q_B."""
    words = say(method["method"], lang)
    q = formatting.number(method["modularity"], lang, 4)
    chosen = method.get("selection")
    if chosen in ("maximum", "nombre-fixe"):
        words = f"{words}, {say(chosen, lang)}"
    elif chosen == "persistante" and method.get("resolution"):
        low, high = (formatting.number(g, lang, 2) for g in method["resolution"])
        words = f"{words}, {say(chosen, lang, a=low, b=high)}"
    if lang == "en":
        return f"{words}; seed {method['seed']}, {method['starts']} start(s); Q_B = {q}"
    return f"{words} ; graine {method['seed']}, {method['starts']} départ(s) ; Q_B = {q}"


def community_label(projection: Projection, group: dict, lang: str = "fr") -> str:
    """« autour de <instance> — <enjeu> — <territoire> » from a community's IRIs."""
    parts: list[str | None] = [
        projection.label(group.get(key), lang) for key in ("instance_centrale", "enjeu_dominant", "territoire_dominant")
    ]
    head = Message("autour de {x}", "around {x}").format(x=parts[0] or "—").text(lang)
    return " — ".join([head, *(p for p in parts[1:] if p)])


def describe_bridge(projection: Projection, bridge: dict, lang: str = "fr") -> str:
    """« seul lien entre A, B (2 instance(s), 6 acteur(s)) et C (…) »."""
    sides = [
        say(
            "cote",
            lang,
            e=", ".join(projection.label(i, lang) for i in side["examples"]),
            i=side["instances"],
            a=side["actors"],
        )
        for side in bridge["sides"]
    ]
    joined = (" and " if lang == "en" else " et ").join([", ".join(sides[:-1]), sides[-1]] if len(sides) > 2 else sides)
    return say("seul-lien", lang, sides=joined)


def source_text(code: str) -> str:
    """The bibliographic reference of a source code (the same in both languages)."""
    return SOURCES[code]


def computed_at(stamp: int | None, current: int | None, fresh: bool, lang: str = "fr") -> dict:
    """When a global analysis was computed (``stamp``: the journal number of the data version it saw), in data
    and in words: served stale-while-revalidate, it may lag the current version while it is computed again."""

    def version(n: int | None) -> Message:
        return (
            Message("n° {n}", "no. {n}").format(n=n)
            if n is not None
            else Message("d'avant la dernière modification", "before the latest change")
        )

    if fresh:
        words = Message("Calculé à la version des données {v}.", "Computed at data version {v}.").format(
            v=version(stamp).text(lang)
        )
    else:
        words = Message(
            "Calculé à la version des données {v} ; la version actuelle ({c}) est en cours de calcul : "
            "rechargez la page dans un moment.",
            "Computed at data version {v}; the current version ({c}) is being computed: reload the page in a moment.",
        ).format(v=version(stamp).text(lang), c=version(current).text(lang))
    return {"version": stamp, "version_actuelle": current, "a_jour": fresh, "texte": words.text(lang)}
