"""What changed between two versions of the graph (revisions or the current graph).

Pure: two rdflib graphs in, a :class:`GraphDiff` out. Actors, instances and
memberships are matched by IRI (IRIs are derived from ids, so the same row imported
twice has the same IRI). For each kind: the resources added, removed, and changed with
the fields that changed (values before and after). Mandates (an instance's issues,
functions, populations and mandate text) and roles (a membership's ``org:role``) are
reported on their own, not again among the instances' and memberships' changes, so
every change appears exactly once. :func:`compare_analyses` adds the over-solicitation
and duplicated-mandate analyses of both versions (the analysis functions themselves).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.term import Node

from ecosystem.analysis.duplicates import duplicated_mandates
from ecosystem.analysis.seats import over_solicited
from ecosystem.analysis.thresholds import OverSolicitationRule
from ecosystem.namespaces import DCTERMS, ECO, ORG, PROV, RDF, RDFS, SKOS
from ecosystem.privacy import persons_in, public_graph
from ecosystem.projection import projection_from_graph
from ecosystem.settings import get_settings

__all__ = ["FIELDS", "EntityChange", "GraphDiff", "KindDiff", "compare_analyses", "diff_graphs"]

FIELDS: dict[URIRef, str] = {
    SKOS.prefLabel: "nom",
    SKOS.altLabel: "autre-nom",
    ECO.acronym: "acronyme",
    ECO.actorType: "type",
    ECO.instanceType: "type",
    ECO.sector: "secteur",
    ECO.territory: "territoire",
    ECO.parentInstance: "instance-parente",
    ECO.carriedBy: "porteur",
    ORG.purpose: "enjeux",
    ECO.function: "fonctions",
    ECO.targetPopulation: "populations",
    ECO.mandate: "mandat",
    ECO.meetingsPerYear: "rencontres-par-an",
    ECO.hoursPerMeeting: "heures-par-rencontre",
    ECO.hoursPerYear: "heures-par-an",
    ECO.startDate: "debut",
    ECO.endDate: "fin",
    ORG.member: "membre",
    ORG.organization: "instance",
    ORG.role: "role",
    ECO.informationStatus: "statut",
    PROV.wasDerivedFrom: "source",
    ECO.sourceLocation: "emplacement-source",
    DCTERMS.description: "description",
    RDF.type: "classe",
}
"""Short French names of the fields a diff reports (other predicates keep their IRI)."""

MANDATE_FIELDS = frozenset({ORG.purpose, ECO.function, ECO.targetPopulation, ECO.mandate})
ROLE_FIELDS = frozenset({ORG.role})

KINDS = {"acteurs": ECO.Actor, "instances": ECO.Instance, "participations": ORG.Membership}


@dataclass
class EntityChange:
    """One resource and, when changed, its fields' values before and after."""

    iri: URIRef
    label: str
    fields: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        out: dict = {"iri": str(self.iri), "nom": self.label}
        if self.fields:
            out["champs"] = self.fields
        return out


@dataclass
class KindDiff:
    added: list[EntityChange] = field(default_factory=list)
    removed: list[EntityChange] = field(default_factory=list)
    changed: list[EntityChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_dict(self) -> dict:
        return {
            "ajoutes": [c.to_dict() for c in self.added],
            "retires": [c.to_dict() for c in self.removed],
            "modifies": [c.to_dict() for c in self.changed],
        }


@dataclass
class GraphDiff:
    """Changes from ``before`` to ``after``, by kind; ``analyses`` holds before/after results."""

    before: str
    after: str
    kinds: dict[str, KindDiff]
    analyses: dict[str, dict] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(self.kinds.values())

    def status_of(self) -> dict[str, str]:
        """IRI of each actor, instance or membership that changed → ``ajoute`` / ``retire`` / ``modifie``.

        A diff map colours its nodes and edges with it; a changed mandate or role counts
        as a change of its instance or membership.
        """
        status: dict[str, str] = {}
        for kind in self.kinds.values():
            for word, changes in (("ajoute", kind.added), ("retire", kind.removed), ("modifie", kind.changed)):
                for change in changes:
                    status.setdefault(str(change.iri), word)
        return status

    def to_dict(self) -> dict:
        return {
            "avant": self.before,
            "apres": self.after,
            "vide": self.empty,
            **{key: kind.to_dict() for key, kind in self.kinds.items()},
            "analyses": self.analyses,
        }


def _field_name(predicate: URIRef, graph: Graph) -> str:
    if predicate in FIELDS:
        return FIELDS[predicate]
    try:
        return graph.namespace_manager.normalizeUri(predicate)
    except Exception:  # rdflib raises several types for IRIs it cannot shorten
        return str(predicate)


def _label(iri: Node, *graphs: Graph, lang: str = "fr") -> str:
    for graph in graphs:
        labels = {getattr(label, "language", None): str(label) for label in graph.objects(iri, SKOS.prefLabel)}
        labels.update(
            {
                getattr(label, "language", None): str(label)
                for label in graph.objects(iri, RDFS.label)
                if getattr(label, "language", None) not in labels
            }
        )
        if labels:
            return labels.get(lang) or labels.get("fr") or labels.get(None) or next(iter(labels.values()))
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _membership_label(iri: URIRef, graph: Graph, lang: str) -> str:
    member = graph.value(iri, ORG.member)
    organization = graph.value(iri, ORG.organization)
    if member is None or organization is None:
        return _label(iri, graph, lang=lang)
    return f"{_label(member, graph, lang=lang)} → {_label(organization, graph, lang=lang)}"


def _value_text(value: Node, graphs: tuple[Graph, ...], lang: str) -> str:
    if isinstance(value, URIRef):
        label = _label(value, *graphs, lang=lang)
        return label if label != str(value).rsplit("/", 1)[-1] else str(value)
    return str(value)


def _entities(graph: Graph, cls: URIRef) -> set[URIRef]:
    """The entities (IRIs) of one class."""
    return {s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)}


def _properties(graph: Graph, iri: URIRef) -> dict[URIRef, set[Node]]:
    found: dict[URIRef, set[Node]] = {}
    for predicate, value in graph.predicate_objects(iri):
        if isinstance(predicate, URIRef):  # always, in RDF
            found.setdefault(predicate, set()).add(value)
    return found


def _field_changes(
    before: dict, after: dict, keep, graphs: tuple[Graph, ...], lang: str
) -> dict[str, dict[str, list[str]]]:
    changes: dict[str, dict[str, list[str]]] = {}
    for predicate in sorted(set(before) | set(after)):
        if not keep(predicate):
            continue
        old, new = before.get(predicate, set()), after.get(predicate, set())
        if old != new:
            changes[_field_name(predicate, graphs[-1])] = {
                "avant": sorted(_value_text(v, graphs, lang) for v in old),
                "apres": sorted(_value_text(v, graphs, lang) for v in new),
            }
    return changes


def diff_graphs(
    before: Graph,
    after: Graph,
    before_name: str = "avant",
    after_name: str = "apres",
    labels: Graph | None = None,
    lang: str = "fr",
) -> GraphDiff:
    """Compare two versions of the data graph.

    Parameters
    ----------
    before, after : rdflib.Graph
        The two versions (a revision's graph, or the current graph).
    before_name, after_name : str
        How the result names them.
    labels : rdflib.Graph, optional
        Where to find labels of concepts (the vocabularies), after the two graphs.
    lang : str
        Language of the labels (``fr`` or ``en``).

    Returns
    -------
    GraphDiff
        Per kind (``acteurs``, ``instances``, ``participations``, ``mandats``, ``roles``):
        added, removed and changed resources with their changed fields.

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> from ecosystem.namespaces import ECO, RDF, SKOS, actor_iri
    >>> a, b = Graph(), Graph()
    >>> for g in (a, b):
    ...     _ = g.add((actor_iri("x"), RDF.type, ECO.Actor))
    >>> _ = a.add((actor_iri("x"), SKOS.prefLabel, Literal("Ancien", lang="fr")))
    >>> _ = b.add((actor_iri("x"), SKOS.prefLabel, Literal("Nouveau", lang="fr")))
    >>> diff_graphs(a, b).kinds["acteurs"].changed[0].fields
    {'nom': {'avant': ['Ancien'], 'apres': ['Nouveau']}}
    """
    persons = persons_in(before) | persons_in(after)  # personal information never reaches a diff
    before, after = public_graph(before, persons), public_graph(after, persons)
    graphs = tuple(g for g in (after, before, labels) if g is not None)
    kinds: dict[str, KindDiff] = {}
    mandates, roles = KindDiff(), KindDiff()
    for key, cls in KINDS.items():
        old, new = _entities(before, cls), _entities(after, cls)
        if key == "participations":
            name = lambda iri, g: _membership_label(iri, g, lang)  # noqa: E731
        else:
            name = lambda iri, g: _label(iri, g, lang=lang)  # noqa: E731
        diff = KindDiff(
            added=[EntityChange(i, name(i, after)) for i in sorted(new - old, key=str)],
            removed=[EntityChange(i, name(i, before)) for i in sorted(old - new, key=str)],
        )
        special = MANDATE_FIELDS if key == "instances" else ROLE_FIELDS if key == "participations" else frozenset()
        for iri in sorted(old & new, key=str):
            props_before, props_after = _properties(before, iri), _properties(after, iri)
            general = _field_changes(
                props_before, props_after, lambda p, special=special: p not in special, graphs, lang
            )
            if general:
                diff.changed.append(EntityChange(iri, name(iri, after), general))
            if special:
                own = _field_changes(props_before, props_after, lambda p, special=special: p in special, graphs, lang)
                if own:
                    (mandates if key == "instances" else roles).changed.append(EntityChange(iri, name(iri, after), own))
        kinds[key] = diff
    kinds["mandats"] = mandates
    kinds["roles"] = roles
    return GraphDiff(before=before_name, after=after_name, kinds=kinds)


def _over_solicitation_summary(projection, lang: str, rule: OverSolicitationRule) -> dict:
    flagged = over_solicited(projection, rule)
    return {
        "resume": (
            f"{len(flagged)} over-solicited actor(s)" if lang == "en" else f"{len(flagged)} acteur(s) sur-sollicité(s)"
        ),
        "acteurs": {
            load.acteur: {
                "nom": projection.label(load.acteur, lang),
                "sieges": load.sieges,
                "heures": load.heures,
                "raisons": list(load.raisons),
            }
            for load in flagged
        },
    }


def _duplicates_summary(projection, lang: str, rule: OverSolicitationRule) -> dict:
    pairs = duplicated_mandates(projection).paires
    return {
        "resume": (
            f"{len(pairs)} pair(s) of duplicated mandates"
            if lang == "en"
            else f"{len(pairs)} paire(s) de mandats dédoublés"
        ),
        "paires": {
            f"{o.a} {o.b}": {
                "a": projection.label(o.a, lang),
                "b": projection.label(o.b, lang),
                "score": round(o.score, 4),
            }
            for o in pairs
        },
    }


def compare_analyses(
    before: Graph, after: Graph, lang: str = "fr", rule: OverSolicitationRule | None = None
) -> dict[str, dict]:
    """Over-solicitation and duplicated mandates in both versions, and what entered or left each list.

    ``rule``: the over-solicitation thresholds (default: those of the settings in force).

    Returns
    -------
    dict
        ``sur-sollicitation`` and ``dedoublements``, each with ``titre``, ``avant`` and
        ``apres`` (``resume`` and the items), ``entrees`` and ``sorties`` (item keys).
    """
    rule = rule or get_settings().over_solicitation_rule()
    projections = (projection_from_graph(before), projection_from_graph(after))
    result = {}
    for key, summary, items, title in (
        ("sur-sollicitation", _over_solicitation_summary, "acteurs", ("Sur-sollicitation", "Over-solicitation")),
        ("dedoublements", _duplicates_summary, "paires", ("Mandats dédoublés", "Duplicated mandates")),
    ):
        old, new = (summary(p, lang, rule) for p in projections)
        result[key] = {
            "titre": title[1] if lang == "en" else title[0],
            "avant": old,
            "apres": new,
            "entrees": sorted(set(new[items]) - set(old[items])),
            "sorties": sorted(set(old[items]) - set(new[items])),
        }
    return result
