"""What the pages of one actor, instance, territory or issue show: plain dicts built from the
projection, the analyses' results and the sources the store cites. No analysis is computed here."""

from __future__ import annotations

import datetime

from rdflib import URIRef

from ecosystem.analysis.overconcertation import overconcertation_matrix
from ecosystem.analysis.overlap import mandate_overlap
from ecosystem.analysis.seats import kept_loads, kept_over_solicited, kept_redundant
from ecosystem.cache import derived
from ecosystem.facts import Fact, attesting_source
from ecosystem.folding import fold
from ecosystem.i18n import Message
from ecosystem.mapfilters import notation, short_id
from ecosystem.namespaces import ECO
from ecosystem.presentation import flag_text, labelled
from ecosystem.projection import Projection
from ecosystem.queries import fact_sources, plan_responsibilities, sources_query, triples_about

__all__ = [
    "FACT_KINDS",
    "actor_detail",
    "actor_summary",
    "age",
    "cited_facts",
    "fact_row",
    "instance_detail",
    "instance_listed",
    "instance_summary",
    "issue_detail",
    "own_age",
    "sources",
    "store_facts",
    "territory_detail",
]


def sources(store, iri: str) -> list[dict]:
    """The sources a resource is derived from, with their titles and where in them."""
    rows = store.select(sources_query(), bindings={"resource": URIRef(iri)})
    found: dict = {}
    for row in rows:
        source = str(row["source"])
        found.setdefault(
            source,
            {
                "iri": source,
                "titre": str(row["title"]) if row["title"] else source,
                "lieu": str(row["where"]) if row["where"] else None,
            },
        )
    return list(found.values())


def cited_facts(store, projection: Projection, iri: str) -> dict[str, list[dict]]:
    """The sources of ``iri`` and of each of its seats' memberships (with the year each source attests)."""
    graph = projection.two_mode
    return fact_sources(store, [iri, *(graph.edges[iri, other]["membership"] for other in graph[iri])])


def age(attested: int | None, confirmed, cited: list[dict] | None = None) -> dict:
    """The age of a fact: the year its source attests it, with that source if known, and its confirmation day."""
    return {"attestee_en": attested, "confirmee_le": confirmed, "source": attesting_source(attested, cited or [])}


def own_age(store, iri: str, cited: list[dict] | None = None) -> dict:
    """The age of an organisation's own record: the year its source attests it, the day it last confirmed it
    (``eco:confirmedOn``, a confirmation campaign), read from the store."""
    attested, confirmed = None, []
    for _, p, o in triples_about(store, [URIRef(iri)], [ECO.attestedIn, ECO.confirmedOn]):
        if p == ECO.attestedIn:
            attested = int(str(o)[:4])
        elif isinstance(day := o.toPython(), datetime.date):
            confirmed.append(day)
    return age(attested, max(confirmed, default=None), cited)


def _edge_age(projection: Projection, actor: str, instance: str, ages: dict | None) -> dict:
    edge = projection.two_mode.edges[actor, instance]
    return age(edge.get("attested"), edge.get("confirmed"), (ages or {}).get(edge["membership"]))


def _ref(projection: Projection, iri: str | None, lang: str) -> dict | None:
    if not iri:
        return None
    # Concepts and territories go by their last segment (``/enjeux/{id}``, ``/territoires/{id}``),
    # actors and instances by ``acteur/{id}``, ``instance/{id}`` as on the map.
    plain = "/vocab/" in iri or "/id/territoire/" in iri
    return {"id": notation(iri) if plain else short_id(iri), "iri": iri, "nom": projection.label(iri, lang)}


def _refs(projection, iris, lang) -> list[dict]:
    refs = (_ref(projection, iri, lang) for iri in iris or ())
    return sorted((ref for ref in refs if ref is not None), key=lambda r: fold(r["nom"]))


@derived
def matrix_data(projection: Projection) -> dict:
    """The over-concertation matrix as the pages and their JSON read it."""
    return overconcertation_matrix(projection).to_dict()


def _flagged(projection: Projection, rule) -> dict:
    return {a.acteur: a for a in kept_over_solicited(projection, rule)}


def _redundant(projection: Projection) -> dict:
    return {r["acteur"]: r for r in kept_redundant(projection)}


def loads(projection: Projection) -> dict:
    return kept_loads(projection)


def actor_summary(projection: Projection, iri: str, lang: str) -> dict:
    attributes = projection.two_mode.nodes[iri]
    load = loads(projection).get(iri)
    return {
        "id": short_id(iri),
        "iri": iri,
        "nom": projection.label(iri, lang),
        "sigle": attributes.get("acronym"),
        "secteurs": _refs(projection, attributes.get("sector"), lang),
        "territoire": _ref(projection, attributes.get("territory"), lang),
        "sieges": load.sieges if load else 0,
        "heures": load.heures if load else None,
    }


def instance_summary(projection: Projection, iri: str, lang: str) -> dict:
    attributes = projection.two_mode.nodes[iri]
    return {
        "id": short_id(iri),
        "iri": iri,
        "nom": projection.label(iri, lang),
        "type": _ref(projection, attributes.get("instance_type"), lang),
        "territoire": _ref(projection, attributes.get("territory"), lang),
        "enjeux": _refs(projection, attributes.get("issues"), lang),
        "nombre_membres": projection.two_mode.degree(iri),
    }


def instance_listed(projection: Projection, iri: str, lang: str) -> dict:
    """An instance as the list shows it: summary, mandate, status and members (``membres`` is always the list)."""
    attributes = projection.two_mode.nodes[iri]
    return instance_summary(projection, iri, lang) | {
        "mandat": attributes.get("mandate"),
        "statut": _ref(projection, attributes.get("status"), lang),
        "membres": _members(projection, iri, lang),
    }


def _members(projection: Projection, iri: str, lang: str, ages: dict | None = None) -> list[dict]:
    graph = projection.two_mode
    members = [
        actor_summary(projection, actor, lang)
        | {
            "roles": _refs(projection, graph.edges[actor, iri].get("roles"), lang),
            "heures_par_an": graph.edges[actor, iri].get("hours"),
            "age": _edge_age(projection, actor, iri, ages),
        }
        for actor in graph[iri]
    ]
    return sorted(members, key=lambda m: fold(m["nom"]))


def actor_detail(
    projection: Projection, iri: str, lang: str, cited: list[dict], settings, ages: dict | None = None
) -> dict:
    graph = projection.two_mode
    load = loads(projection).get(iri)
    rule = settings.over_solicitation_rule()
    flagged = derived(_flagged)(projection, rule)
    redundant = derived(_redundant)(projection)
    seats = [
        instance_summary(projection, instance, lang)
        | {
            "roles": _refs(projection, graph.edges[iri, instance].get("roles"), lang),
            "heures": graph.edges[iri, instance].get("hours"),
            "age": _edge_age(projection, iri, instance, ages),
        }
        for instance in graph[iri]
    ]
    return actor_summary(projection, iri, lang) | {
        "type": _ref(projection, graph.nodes[iri].get("actor_type"), lang),
        "statut": _ref(projection, graph.nodes[iri].get("status"), lang),
        "charge": load.to_dict() if load else None,
        "sur_sollicitation": list(flagged[iri].raisons) if iri in flagged else [],
        "sur_sollicitation_motifs": [flag_text(f, lang) for f in flagged[iri].flags] if iri in flagged else [],
        "sieges_redondants": labelled(redundant.get(iri), projection, lang),
        "instances": sorted(seats, key=lambda s: fold(s["nom"])),
        "sources": cited,
    }


def instance_detail(
    projection: Projection, iri: str, lang: str, cited: list[dict], top: int = 5, ages: dict | None = None
) -> dict:
    graph = projection.two_mode
    attributes = graph.nodes[iri]
    others = [other for other in projection.instances if other != iri]
    overlaps = sorted((mandate_overlap(projection, iri, other) for other in others), key=lambda o: (-o.score, o.b))
    return instance_listed(projection, iri, lang) | {
        "age": age(attributes.get("attested"), attributes.get("confirmed"), (ages or {}).get(iri)),
        "membres": _members(projection, iri, lang, ages),
        "fonctions": _refs(projection, attributes.get("functions"), lang),
        "populations": _refs(projection, attributes.get("populations"), lang),
        "rencontres_par_an": attributes.get("meetings_per_year"),
        "heures_par_rencontre": attributes.get("hours_per_meeting"),
        "chevauchements": [
            labelled(o.to_dict(), projection, lang) | {"nom": projection.label(o.b, lang), "id": short_id(o.b)}
            for o in overlaps[:top]
            if o.score > 0
        ],
        "sources": cited,
    }


def territory_detail(projection: Projection, iri: str, lang: str, cited: list[dict], matrix: dict) -> dict:
    entry = projection.territories[iri]
    children = [t for t, e in projection.territories.items() if e.get("parent") == iri]
    within = {t for t in projection.territories if iri in projection.territory_ancestors(t)}
    nodes = projection.two_mode.nodes
    instances = [i for i in projection.instances if nodes[i].get("territory") in within]
    actors = [a for a in projection.actors if nodes[a].get("territory") in within]
    cells = [c for c in matrix.get("cellules", ()) if c.get("territoire") == iri]
    return {
        "id": notation(iri),
        "iri": iri,
        "nom": projection.label(iri, lang),
        "type": _ref(projection, entry.get("type"), lang),
        "parent": _ref(projection, entry.get("parent"), lang),
        "sous_territoires": _refs(projection, children, lang),
        "instances": sorted((instance_summary(projection, i, lang) for i in instances), key=lambda s: fold(s["nom"])),
        "acteurs": sorted((actor_summary(projection, a, lang) for a in actors), key=lambda s: fold(s["nom"])),
        "matrice": labelled(cells, projection, lang),
        "lacunes": labelled([g for g in matrix.get("lacunes", ()) if g.get("territoire") == iri], projection, lang),
        "sources": cited,
    }


def issue_detail(projection: Projection, iri: str, lang: str, matrix: dict) -> dict:
    concept = projection.concepts[iri]
    instances = [i for i in projection.instances if projection.works_on(i, iri)]  # narrower issues count too
    narrower = [c for c, e in projection.concepts.items() if iri in e.get("broader", ())]
    return {
        "id": notation(iri),
        "iri": iri,
        "nom": projection.label(iri, lang),
        "plus_large": _refs(projection, concept.get("broader"), lang),
        "plus_precis": _refs(projection, narrower, lang),
        "instances": sorted((instance_summary(projection, i, lang) for i in instances), key=lambda s: fold(s["nom"])),
        "matrice": labelled([c for c in matrix.get("cellules", ()) if c.get("enjeu") == iri], projection, lang),
        "lacunes": labelled([g for g in matrix.get("lacunes", ()) if g.get("enjeu") == iri], projection, lang),
    }


def store_facts(store, projection: Projection, iri: str) -> tuple[list[dict], list[dict], dict[str, list[dict]]]:
    """What an actor's or an instance's page reads from the store beside the projection.

    Parameters
    ----------
    store : Store
        The data.
    projection : Projection
        The projection ``iri`` is a node of.
    iri : str
        The actor or the instance.

    Returns
    -------
    tuple
        The plan's strategies it carries (:func:`carried_strategies`), the sources that cite it
        (:func:`sources`), the sources of its facts and its memberships' (:func:`cited_facts`).
    """
    strategies = carried_strategies(plan_responsibilities(store), projection, iri)
    return strategies, sources(store, iri), cited_facts(store, projection, iri)


def carried_strategies(responsibilities: dict[str, dict], projection: Projection, iri: str) -> list[dict]:
    """The plan's strategies ``iri`` carries: named itself, or through an instance where it holds a seat."""
    through = {i: projection.label(i) for i in projection.two_mode[iri]} if iri in projection.two_mode else {}
    if projection.two_mode.nodes.get(iri, {}).get("kind") != "actor":
        through = {}
    carried = []
    for strategy, entry in sorted(responsibilities.items(), key=lambda item: item[1]["label"]):
        by = sorted(name for instance, name in through.items() if instance in entry["carriers"])
        if iri in entry["carriers"] or by:
            carried.append({"id": strategy, "nom": entry["label"], "directement": iri in entry["carriers"], "par": by})
    return carried


FACT_KINDS = {
    "instance": Message("Instance et son mandat", "Instance and its mandate"),
    "siege": Message("Siège", "Seat"),
}
"""The words of :attr:`ecosystem.facts.Fact.kind`."""


def fact_row(projection: Projection, fact: Fact, lang: str, cited: dict[str, list[dict]]) -> dict:
    """A fact to confirm as the page, its JSON twin and its CSV show it: the fact in words, its references, its age."""
    instance = _ref(projection, fact.instance, lang)
    actor = _ref(projection, fact.actor, lang)
    roles = _refs(projection, fact.roles, lang)
    if fact.kind == "siege" and actor and instance:
        said = Message("{a} siège à {i}", "{a} sits on {i}").format(a=actor["nom"], i=instance["nom"]).text(lang)
        if roles:
            said += f" ({', '.join(r['nom'] for r in roles)})"
    else:
        said = (
            Message(
                "{i} existe, avec son mandat, ses enjeux et son territoire",
                "{i} exists, with its mandate, issues and territory",
            )
            .format(i=instance["nom"] if instance else "")
            .text(lang)
        )
    return {
        "type": fact.kind,
        "libelle_type": FACT_KINDS[fact.kind].text(lang),
        "fait": said,
        "instance": instance,
        "acteur": actor,
        "roles": roles,
        "territoire": _ref(projection, projection.two_mode.nodes[fact.instance].get("territory"), lang),
        "age": age(fact.attested, fact.confirmed, cited.get(fact.iri)),
    }
