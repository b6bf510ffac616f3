"""Every IRI the code uses, in one place.

The project vocabulary ``ECO`` is a closed :class:`rdflib.namespace.DefinedNamespace`
(``_fail = True``): a misspelt term raises at import time instead of silently
minting a new IRI. ``tests/test_namespaces.py`` checks that this module and
``ontology/ecosysteme.ttl`` declare exactly the same terms.

Resource IRIs are derived from the ids partners write in their spreadsheets, so
importing the same row twice yields the same IRI (idempotent loads).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    XSD,
    DefinedNamespace,
)

from ecosystem.folding import slugify

__all__ = [
    "BASE",
    "DCTERMS",
    "ECO",
    "ECOSH",
    "FOAF",
    "FORMATS",
    "GRAPH",
    "ID",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMES",
    "SD",
    "SDO",
    "SDO_HTTP",
    "SH",
    "SKOS",
    "VCARD",
    "VOCAB",
    "XSD",
    "actor_iri",
    "bind_prefixes",
    "concept_iri",
    "instance_iri",
    "membership_iri",
    "resource_iri",
    "scheme_iri",
    "slugify",
    "territory_iri",
]

BASE = "https://w3id.org/ecosysteme/"


class ECO(DefinedNamespace):
    """The Écosystème ontology (``ontology/ecosysteme.ttl``)."""

    _fail = True
    _NS = Namespace(BASE + "ontologie#")

    # Classes
    Actor: URIRef
    Instance: URIRef
    Territory: URIRef
    Event: URIRef
    Source: URIRef
    Import: URIRef
    Revision: URIRef
    ActionPlan: URIRef
    Axis: URIRef
    Finding: URIRef
    Objective: URIRef
    DesiredChange: URIRef
    Indicator: URIRef
    Observation: URIRef
    Strategy: URIRef
    Deliverable: URIRef
    MonitoringTool: URIRef
    Value: URIRef

    # Actors and instances
    actorType: URIRef
    sector: URIRef
    instanceType: URIRef
    territory: URIRef
    acronym: URIRef
    parentInstance: URIRef
    carriedBy: URIRef
    function: URIRef
    targetPopulation: URIRef
    mandate: URIRef
    meetingsPerYear: URIRef
    hoursPerMeeting: URIRef
    startDate: URIRef
    endDate: URIRef
    hoursPerYear: URIRef
    representative: URIRef
    population: URIRef
    territoryType: URIRef
    geographicCode: URIRef
    eventType: URIRef
    informationStatus: URIRef
    sourceLocation: URIRef
    attestedIn: URIRef
    confirmedOn: URIRef
    checksum: URIRef
    fileName: URIRef

    # Action plan
    hasValue: URIRef
    generalObjective: URIRef
    hasAxis: URIRef
    hasFinding: URIRef
    hasObjective: URIRef
    hasDesiredChange: URIRef
    hasIndicator: URIRef
    hasStrategy: URIRef
    hasDeliverable: URIRef
    hasMonitoringTool: URIRef
    responsible: URIRef
    target: URIRef
    targetValue: URIRef
    targetUnit: URIRef
    targetDate: URIRef
    computedFrom: URIRef
    observes: URIRef
    observedValue: URIRef
    period: URIRef
    position: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    deliverableStatus: URIRef
    evidence: URIRef


ECOSH = Namespace(BASE + "formes#")
"""SHACL shapes (``ontology/shapes.ttl``)."""

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
"""W3C vCard in RDF: contacts (personal information, see :mod:`ecosystem.privacy`)."""

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
"""SPARQL 1.1 Service Description (what ``GET /sparql`` answers a non-browser client)."""
FORMATS = Namespace("http://www.w3.org/ns/formats/")
"""W3C's IRIs of the RDF and SPARQL result formats."""

SDO_HTTP = Namespace("http://schema.org/")
"""schema.org under its older ``http:`` IRIs, still common in data (``SDO`` is ``https:``)."""

ID = Namespace(BASE + "id/")
"""Resources of the data: actors, instances, territories, memberships, plan parts."""

VOCAB = Namespace(BASE + "vocab/")
"""SKOS concept schemes (``ontology/vocabularies.ttl``): ``VOCAB[scheme]``."""

GRAPH = Namespace(BASE + "graphe/")
"""Named graphs: ``GRAPH.courant`` holds the current data, ``GRAPH["revision/NAME"]`` a revision."""

SCHEMES = {
    "enjeux": "issues",
    "secteurs": "sectors",
    "fonctions": "functions",
    "populations": "populations",
    "types-instance": "instance types",
    "types-acteur": "actor types",
    "roles": "roles",
    "types-territoire": "territory types",
    "statuts": "information statuses",
    "types-evenement": "event types",
    "statuts-livrable": "deliverable statuses",
}
"""Concept schemes by their French id, with their English name."""

PREFIXES = {
    "eco": URIRef(str(ECO._NS)),
    "ecosh": URIRef(str(ECOSH)),
    "id": URIRef(str(ID)),
    "vocab": URIRef(str(VOCAB)),
    "org": URIRef(str(ORG)),
    "skos": URIRef(str(SKOS)),
    "prov": URIRef(str(PROV)),
    "dcterms": URIRef(str(DCTERMS)),
    "foaf": URIRef(str(FOAF)),
    "owl": URIRef(str(OWL)),
    "rdfs": URIRef(str(RDFS)),
    "xsd": URIRef(str(XSD)),
    "sh": URIRef(str(SH)),
}


def bind_prefixes(graph):
    """Bind the project's prefixes on ``graph`` (for readable Turtle) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def resource_iri(kind: str, identifier: str) -> URIRef:
    """IRI of a resource of ``kind`` (``acteur``, ``instance``, …) from its id.

    >>> resource_iri("acteur", "CIUSSS MCQ")
    rdflib.term.URIRef('https://w3id.org/ecosysteme/id/acteur/ciusss-mcq')
    """
    slug = slugify(identifier)
    if not slug:
        raise ValueError(f"identifiant vide ou sans caractère utilisable / empty id: {identifier!r}")
    return ID[f"{kind}/{slug}"]


def actor_iri(identifier: str) -> URIRef:
    return resource_iri("acteur", identifier)


def instance_iri(identifier: str) -> URIRef:
    return resource_iri("instance", identifier)


def territory_iri(identifier: str) -> URIRef:
    return resource_iri("territoire", identifier)


def membership_iri(actor_id: str, instance_id: str) -> URIRef:
    """One membership per (instance, actor): its roles and dates hang on it.

    >>> membership_iri("ciusss-mcq", "consortium")
    rdflib.term.URIRef('https://w3id.org/ecosysteme/id/participation/consortium/ciusss-mcq')
    """
    return ID[f"participation/{slugify(instance_id)}/{slugify(actor_id)}"]


def scheme_iri(scheme: str) -> URIRef:
    if scheme not in SCHEMES:
        raise KeyError(f"vocabulaire inconnu / unknown scheme: {scheme!r}; connus / known: {sorted(SCHEMES)}")
    return VOCAB[scheme]


def concept_iri(scheme: str, notation: str) -> URIRef:
    """IRI of the concept ``notation`` of ``scheme`` (``concept_iri("roles", "porteur")``)."""
    return URIRef(f"{scheme_iri(scheme)}/{notation}")
