"""Read queries over the store that the CLI and the web share (counts, listings), and the text of every
other SPARQL query the code runs (the modules that read the store call these; a test keeps SPARQL text
out of every other module).

Terms go in as the RDF library writes them (:func:`~ecosystem.store.terms.sparql_term`) or as bound
variables (``store.select(query, bindings=…)``); no value from a user becomes query text.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef

from ecosystem.cache import VersionCache
from ecosystem.namespaces import DCTERMS, ECO, ORG, PREFIXES, PROV, RDFS, SKOS, slugify
from ecosystem.privacy import PERSON_CLASSES, PERSONAL_PREDICATES
from ecosystem.store.base import CURRENT, PROVENANCE, Store
from ecosystem.store.terms import sparql_term

_BATCH = 400  # subjects per VALUES clause: the query stays small, the round trips few

__all__ = [
    "EXAMPLE_QUERY",
    "carried_query",
    "described_query",
    "fact_sources",
    "graph_triples",
    "has_facts_query",
    "has_type_query",
    "import_activities_query",
    "instance_names_query",
    "labelled_ids_query",
    "list_instances",
    "node_values_query",
    "parent_instances_query",
    "persons_query",
    "plan_graph",
    "plan_items_query",
    "plan_responsibilities",
    "revisions_query",
    "seats_query",
    "sources_cited_query",
    "sources_query",
    "stats",
    "triples_about",
    "typed_query",
    "unsafe_term_query",
]

_COUNTED = {
    "acteurs": ECO.Actor,
    "instances": ECO.Instance,
    "participations": ORG.Membership,
    "territoires": ECO.Territory,
    "axes": ECO.Axis,
    "indicateurs": ECO.Indicator,
    "evenements": ECO.Event,
}


def stats(store: Store) -> dict[str, int]:
    """Counts of the main kinds of resources, of the issues used, and of triples."""
    counts = {}
    for key, cls in _COUNTED.items():
        rows = store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH <{CURRENT}> {{ ?x a <{cls}> }} }}")
        counts[key] = int(str(rows[0]["n"]))
    rows = store.select(
        f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH <{CURRENT}> {{ ?i a <{ECO.Instance}> ; <{ORG.purpose}> ?e }} }}"
    )
    counts["enjeux"] = int(str(rows[0]["n"]))
    counts["triplets"] = store.triple_count(CURRENT)
    return counts


def list_instances(store: Store, lang: str = "fr") -> list[dict]:
    """Every instance with its type, territory, issues, mandate and members (with roles)."""
    rows = store.select(
        f"""
        SELECT ?i ?name ?type ?territory ?mandate ?status WHERE {{ GRAPH <{CURRENT}> {{
          ?i a <{ECO.Instance}> ; <{SKOS.prefLabel}> ?name . FILTER(lang(?name) = "fr")
          OPTIONAL {{ ?i <{ECO.instanceType}> ?type }}
          OPTIONAL {{ ?i <{ECO.territory}> ?territory }}
          OPTIONAL {{ ?i <{ECO.mandate}> ?mandate }}
          OPTIONAL {{ ?i <{ECO.informationStatus}> ?status }}
        }} }}"""
    )
    members = store.select(
        f"""
        SELECT ?i ?a ?role WHERE {{ GRAPH <{CURRENT}> {{
          ?m a <{ORG.Membership}> ; <{ORG.organization}> ?i ; <{ORG.member}> ?a .
          OPTIONAL {{ ?m <{ORG.role}> ?role }}
        }} }}"""
    )
    purposes = store.select(
        f"SELECT ?i ?e WHERE {{ GRAPH <{CURRENT}> {{ ?i a <{ECO.Instance}> ; <{ORG.purpose}> ?e }} }}"
    )
    labels = _labels(store, lang)
    by_instance: dict = {}
    for row in rows:
        by_instance.setdefault(
            row["i"],
            {
                "iri": str(row["i"]),
                "nom": str(row["name"]),
                "type": labels.get(row["type"]),
                "territoire": labels.get(row["territory"]),
                "mandat": str(row["mandate"]) if row["mandate"] else None,
                "statut": labels.get(row["status"]),
                "enjeux": [],
                "membres": [],
            },
        )
    for row in purposes:
        if row["i"] in by_instance:
            by_instance[row["i"]]["enjeux"].append(labels.get(row["e"], str(row["e"])))
    seats: dict = {}
    for row in members:
        if row["i"] in by_instance:
            member = seats.setdefault(
                (row["i"], row["a"]), {"iri": str(row["a"]), "nom": labels.get(row["a"], str(row["a"])), "roles": []}
            )
            if row["role"] is not None:
                member["roles"].append(labels.get(row["role"], str(row["role"])))
    for (instance, _), member in seats.items():
        member["roles"].sort(key=slugify)
        by_instance[instance]["membres"].append(member)
    for entry in by_instance.values():
        entry["enjeux"].sort(key=slugify)
        entry["membres"].sort(key=lambda m: (slugify(m["nom"]), m["nom"]))
    # Sorted here, not in SPARQL: servers collate accents differently.
    return sorted(by_instance.values(), key=lambda entry: (slugify(entry["nom"]), entry["nom"]))


def _labels(store: Store, lang: str) -> dict:
    """Preferred labels of everything in the data and the vocabularies, in ``lang`` (French if missing)."""
    rows = store.select(f"SELECT ?x ?l WHERE {{ GRAPH ?g {{ ?x <{SKOS.prefLabel}> ?l }} }}")
    labels: dict = {}
    for row in rows:
        if not isinstance(label := row["l"], Literal):
            continue
        language = label.language
        if language == lang or (language == "fr" and row["x"] not in labels):
            labels[row["x"]] = str(row["l"])
    return labels


_PLAN_KINDS = (
    ECO.ActionPlan,
    ECO.Axis,
    ECO.Indicator,
    ECO.Strategy,
    ECO.Deliverable,
    ECO.Event,
    ECO.Observation,
    ECO.Instance,
)
_MEMBERSHIP_LINKS = (ORG.member, ORG.organization, ECO.startDate, ECO.endDate)  # never a representative


def plan_graph(store: Store):
    """The part of the current graph the plan reads: plan parts, events, observations, instances, who sits where."""
    kinds = " ".join(f"<{k}>" for k in _PLAN_KINDS)
    links = " ".join(f"<{p}>" for p in _MEMBERSHIP_LINKS)
    return store.construct(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{CURRENT}> {{"
        f" {{ ?s a ?kind . VALUES ?kind {{ {kinds} }} ?s ?p ?o }}"
        f" UNION {{ ?s a <{ORG.Membership}> . VALUES ?p {{ {links} }} ?s ?p ?o }} }} }}"
    )


def triples_about(store: Store, subjects, predicates=None):
    """The current triples ``(s, p, o)`` of ``subjects`` (optionally only ``predicates``), read in batches.

    The cost follows the number of subjects asked about, not the size of the store.
    """
    if not store.triple_count(CURRENT):
        return  # before sorting the subjects: into an empty store (a first import), asked about 100 k of them
    subjects = sorted({s for s in subjects if isinstance(s, URIRef)}, key=str)  # blank nodes cannot be named
    if not subjects:
        return
    # Each term is written by the RDF library's serialiser, which escapes it and refuses an IRI the
    # store would not accept: a value from a file never becomes query text of its own.
    only = f"VALUES ?p {{ {' '.join(sparql_term(p) for p in predicates)} }}" if predicates else ""
    for start in range(0, len(subjects), _BATCH):
        values = " ".join(
            sparql_term(s) for s in subjects[start : start + _BATCH]
        )  # ValueError on an IRI Oxigraph refuses
        for row in store.select(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH <{CURRENT}> {{ VALUES ?s {{ {values} }} {only} ?s ?p ?o }} }}"
        ):
            yield row["s"], row["p"], row["o"]


_RESPONSIBILITIES: VersionCache[str, dict] = VersionCache(2)


def plan_responsibilities(store: Store) -> dict[str, dict]:
    """Each strategy of the plan: ``{"label", "carriers"}``, the IRIs the plan names beside it (cached per version)."""

    def read() -> dict[str, dict]:
        rows = store.select(
            f"SELECT ?s ?l ?c WHERE {{ GRAPH <{CURRENT}> {{ ?s a <{ECO.Strategy}> "
            f"OPTIONAL {{ ?s <{SKOS.prefLabel}> ?l }} OPTIONAL {{ ?s <{ECO.responsible}> ?c }} }} }}"
        )
        strategies: dict[str, dict] = {}
        for row in rows:
            entry = strategies.setdefault(str(row["s"]), {"label": "", "carriers": set()})
            if row["l"] is not None:
                entry["label"] = str(row["l"])
            if row["c"] is not None:
                entry["carriers"].add(str(row["c"]))
        return strategies

    return _RESPONSIBILITIES.get(store.version(), read)


def fact_sources(store: Store, subjects) -> dict[str, list[dict]]:
    """The sources of each of ``subjects`` (instances, memberships): ``{iri, titre, annee}``, the year the
    source attests (``eco:attestedIn``, else the year of its ``dcterms:date``), read in batches.

    The cost follows the number of subjects asked about, not the size of the store.
    """
    subjects = sorted({URIRef(s) for s in subjects})
    found: dict[str, dict[str, dict]] = {}
    for start in range(0, len(subjects), _BATCH):
        values = " ".join(sparql_term(s) for s in subjects[start : start + _BATCH])
        rows = store.select(f"""SELECT ?s ?source ?title ?year ?date WHERE {{ GRAPH <{CURRENT}> {{ VALUES ?s {{ {values} }}
            ?s <{PROV.wasDerivedFrom}> ?source .
            OPTIONAL {{ ?source <{DCTERMS.title}> ?title }} OPTIONAL {{ ?source <{ECO.attestedIn}> ?year }}
            OPTIONAL {{ ?source <{DCTERMS.date}> ?date }} }} }}""")
        for row in rows:
            year = row["year"] if row["year"] is not None else row["date"]
            found.setdefault(str(row["s"]), {}).setdefault(
                str(row["source"]),
                {
                    "iri": str(row["source"]),
                    "titre": str(row["title"]) if row["title"] else str(row["source"]),
                    "annee": int(str(year)[:4]) if year is not None and str(year)[:4].isdigit() else None,
                },
            )
    return {subject: sorted(by_source.values(), key=lambda s: s["iri"]) for subject, by_source in found.items()}


# The text of the other modules' queries -------------------------------------------------------------


def _values(terms: Iterable) -> str:
    return " ".join(sparql_term(URIRef(str(t))) for t in terms)


EXAMPLE_QUERY = f"""PREFIX eco: <{PREFIXES["eco"]}>
PREFIX skos: <{PREFIXES["skos"]}>
SELECT ?instance ?nom WHERE {{
  ?instance a eco:Instance ; skos:prefLabel ?nom .
}} ORDER BY ?nom LIMIT 20"""
"""The example the SPARQL page offers."""


def graph_triples(graph: URIRef) -> str:
    """CONSTRUCT of every triple of one named graph."""
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {sparql_term(graph)} {{ ?s ?p ?o }} }}"


def persons_query(graph: URIRef | None = None) -> str:
    """SELECT of ``?person`` by :mod:`ecosystem.privacy`'s rule, in one named graph (``None``: every named graph)."""
    target = sparql_term(graph) if graph is not None else "?g"
    return (
        f"SELECT DISTINCT ?person WHERE {{ GRAPH {target} {{ "
        f"{{ VALUES ?class {{ {_values(sorted(PERSON_CLASSES))} }} ?person a ?class }} UNION "
        f"{{ VALUES ?p {{ {_values(sorted(PERSONAL_PREDICATES))} }} ?s ?p ?person FILTER(!isLiteral(?person)) }} }} }}"
    )


def node_values_query(predicates: Iterable[URIRef], subjects: Iterable[URIRef] | None = None) -> str:
    """SELECT ``?s ?p ?o`` of the current graph for the given predicates (the projection's one read), of every
    subject or of ``subjects`` only (after a write, its subjects: :mod:`ecosystem.projection_delta`)."""
    only = f"VALUES ?s {{ {_values(subjects)} }} " if subjects is not None else ""
    return f"SELECT ?s ?p ?o WHERE {{ GRAPH <{CURRENT}> {{ {only}VALUES ?p {{ {_values(predicates)} }} ?s ?p ?o }} }}"


def import_activities_query() -> str:
    """SELECT ``?a``: every import activity recorded in the provenance graph."""
    return f"SELECT DISTINCT ?a WHERE {{ GRAPH <{PROVENANCE}> {{ ?a a <{ECO.Import}> }} }} ORDER BY ?a"


def revisions_query() -> str:
    """SELECT of every revision with its label, date, note, creator and imports (bind ``label`` for one)."""
    return f"""
SELECT ?r ?label ?created ?note ?creator (GROUP_CONCAT(STR(?activity); SEPARATOR=" ") AS ?imports) WHERE {{
  GRAPH <{PROVENANCE}> {{
    ?r a <{ECO.Revision}> ; <{RDFS.label}> ?label .
    OPTIONAL {{ ?r <{DCTERMS.created}> ?created }}
    OPTIONAL {{ ?r <{SKOS.note}> ?note }}
    OPTIONAL {{ ?r <{DCTERMS.creator}> ?creator }}
    OPTIONAL {{ ?r <{PROV.wasDerivedFrom}> ?activity . ?activity a <{ECO.Import}> }}
  }}
}} GROUP BY ?r ?label ?created ?note ?creator ORDER BY ?created ?label
"""


def sources_cited_query(graph: URIRef) -> str:
    """SELECT of each cited ``?source`` of ``graph`` with its count ``?n`` and a ``?name``, most cited first."""
    return (
        f"SELECT ?source (COUNT(*) AS ?n) (SAMPLE(?title) AS ?name) WHERE {{ GRAPH {sparql_term(graph)} {{ "
        f"?fact <{PROV.wasDerivedFrom}> ?source . OPTIONAL {{ ?source <{DCTERMS.title}> ?title }} }} }} "
        f"GROUP BY ?source ORDER BY DESC(?n) ?source"
    )


def sources_query() -> str:
    """SELECT of the sources of ``?resource`` (bind it) with their ``?title`` and ``?where`` in them."""
    return f"""SELECT ?resource ?source ?title ?where WHERE {{ GRAPH <{CURRENT}> {{
              ?resource <{PROV.wasDerivedFrom}> ?source .
              OPTIONAL {{ ?source <{DCTERMS.title}> ?title }}
              OPTIONAL {{ ?resource <{ECO.sourceLocation}> ?where }} }} }} ORDER BY ?source"""


def seats_query() -> str:
    """SELECT of the memberships ``?m`` of the actor ``?a`` (bind it) in the current graph."""
    return f"SELECT ?m ?a WHERE {{ GRAPH <{CURRENT}> {{ ?m <{ORG.member}> ?a }} }}"


def carried_query() -> str:
    """SELECT of the instances ``?i`` the actor ``?a`` (bind it) carries."""
    return f"SELECT ?i ?a WHERE {{ GRAPH <{CURRENT}> {{ ?i <{ECO.carriedBy}> ?a }} }}"


def unsafe_term_query(max_chars: int) -> str:
    """One triple with a blank node or a literal longer than ``max_chars``, if the store holds any."""
    return (
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o) "
        f"|| (isLiteral(?o) && STRLEN(STR(?o)) > {int(max_chars)})) }} LIMIT 1"
    )


def has_facts_query(subject: URIRef) -> str:
    """ASK: the current graph says something about ``subject``."""
    return f"ASK {{ GRAPH <{CURRENT}> {{ {sparql_term(subject)} ?p ?o }} }}"


def has_type_query(subject: URIRef, cls: URIRef | None = None) -> str:
    """ASK: ``subject`` has a type (``cls`` when given) in the current graph."""
    return (
        f"ASK {{ GRAPH <{CURRENT}> {{ {sparql_term(subject)} a {sparql_term(cls) if cls is not None else '?type'} }} }}"
    )


def instance_names_query() -> str:
    """SELECT ``?n``: every name of every instance (preferred and alternate labels)."""
    return (
        f"SELECT ?n WHERE {{ GRAPH <{CURRENT}> {{ ?i a <{ECO.Instance}> ; <{SKOS.prefLabel}>|<{SKOS.altLabel}> ?n }} }}"
    )


def labelled_ids_query(namespace: str) -> str:
    """SELECT ``?s ?label`` of the typed resources whose IRI starts with ``namespace``."""
    return (
        f"SELECT ?s (SAMPLE(?l) AS ?label) WHERE {{ GRAPH <{CURRENT}> {{ ?s a ?type "
        f"OPTIONAL {{ ?s <{SKOS.prefLabel}> ?l }} FILTER(STRSTARTS(STR(?s), {sparql_term(Literal(namespace))})) }} }} GROUP BY ?s"
    )


def plan_items_query() -> str:
    """SELECT ``?s ?label`` of the plan's indicators, deliverables and strategies."""
    return (
        f"SELECT ?s (SAMPLE(?l) AS ?label) WHERE {{ GRAPH <{CURRENT}> {{ ?s a ?type "
        f"VALUES ?type {{ {_values((ECO.Indicator, ECO.Deliverable, ECO.Strategy))} }} "
        f"OPTIONAL {{ ?s <{SKOS.prefLabel}> ?l }} }} }} GROUP BY ?s"
    )


def parent_instances_query() -> str:
    """SELECT ``?s ?p``: each instance and the instance it is part of."""
    return f"SELECT ?s ?p WHERE {{ GRAPH <{CURRENT}> {{ ?s <{ECO.parentInstance}> ?p }} }}"


def described_query(cls: URIRef, predicates: Iterable[URIRef]) -> str:
    """SELECT ``?s ?p ?o`` of the resources of class ``cls`` for the given predicates."""
    return (
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{CURRENT}> {{ ?s a {sparql_term(cls)} . "
        f"VALUES ?p {{ {_values(predicates)} }} ?s ?p ?o }} }}"
    )


def typed_query(cls: URIRef) -> str:
    """SELECT ``?s``: the resources of class ``cls``."""
    return f"SELECT ?s WHERE {{ GRAPH <{CURRENT}> {{ ?s a {sparql_term(cls)} }} }}"
