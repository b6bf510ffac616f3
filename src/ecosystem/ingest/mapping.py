"""How the template maps to the graph: IRIs from ids, types, the property of each column.

Shared by the import (:mod:`ecosystem.ingest.tables_to_rdf`) and the export back to the
template (:mod:`ecosystem.ingest.export_tables`), so that the two stay inverse.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Literal, URIRef

from ecosystem.ingest.lookups import slug
from ecosystem.namespaces import DCTERMS, ECO, FOAF, ID, ORG, PROV, RDF, RDFS, SKOS

__all__ = ["KIND_PATH", "PREDICATES", "TYPES", "file_source", "file_source_triples", "resource"]

_DATA = str(ID)
KIND_PATH = {
    "acteurs": "acteur",
    "instances": "instance",
    "territoires": "territoire",
    "evenements": "evenement",
    "observations": "observation",
}
TYPES = {
    "acteurs": (ECO.Actor, ORG.Organization),
    "instances": (ECO.Instance, ORG.OrganizationalCollaboration),
    "participations": (ORG.Membership,),
    "territoires": (ECO.Territory, SKOS.Concept),
    "evenements": (ECO.Event, PROV.Activity),
    "observations": (ECO.Observation, PROV.Entity),
}
_LABEL = (SKOS.prefLabel, "fr")
_SOURCE = (PROV.wasDerivedFrom, None)
PREDICATES: dict[str, dict[str, tuple[URIRef, str | None]]] = {
    "acteurs": {
        "nom": _LABEL,
        "sigle": (ECO.acronym, None),
        "type": (ECO.actorType, None),
        "secteur": (ECO.sector, None),
        "territoire": (ECO.territory, None),
        "site_web": (FOAF.homepage, None),
        "description": (RDFS.comment, "fr"),
        "source": _SOURCE,
    },
    "instances": {
        "nom": _LABEL,
        "sigle": (ECO.acronym, None),
        "type": (ECO.instanceType, None),
        "territoire": (ECO.territory, None),
        "enjeux": (ORG.purpose, None),
        "fonctions": (ECO.function, None),
        "populations": (ECO.targetPopulation, None),
        "mandat": (ECO.mandate, "fr"),
        "rencontres_par_an": (ECO.meetingsPerYear, None),
        "heures_par_rencontre": (ECO.hoursPerMeeting, None),
        "instance_parente": (ECO.parentInstance, None),
        "porteur": (ECO.carriedBy, None),
        "debut": (ECO.startDate, None),
        "fin": (ECO.endDate, None),
        "source": _SOURCE,
    },
    "participations": {
        "role": (ORG.role, None),
        "debut": (ECO.startDate, None),
        "fin": (ECO.endDate, None),
        "heures_par_an": (ECO.hoursPerYear, None),
        "source": _SOURCE,
    },
    "territoires": {
        "nom": _LABEL,
        "type": (ECO.territoryType, None),
        "parent": (SKOS.broader, None),
        "population": (ECO.population, None),
        "source": _SOURCE,
    },
    "evenements": {
        "nom": _LABEL,
        "type": (ECO.eventType, None),
        "date": (PROV.startedAtTime, None),
        "territoire": (ECO.territory, None),
        "enjeux": (DCTERMS.subject, None),
        "participants": (PROV.wasAssociatedWith, None),
        "plan": (DCTERMS.relation, None),
        "source": _SOURCE,
    },
    "observations": {
        "indicateur": (ECO.observes, None),
        "date": (DCTERMS.date, None),
        "valeur": (ECO.observedValue, None),
        "description": (RDFS.comment, "fr"),
        "source": _SOURCE,
    },
}
"""Template column → (property, language of its text): the value a filled cell replaces."""


@lru_cache(maxsize=200_000)
def resource(kind: str, identifier: str) -> URIRef:
    """IRI of the resource of template sheet ``kind`` with id ``identifier``.

    >>> resource("acteurs", "CIUSSS MCQ")
    rdflib.term.URIRef('https://w3id.org/ecosysteme/id/acteur/ciusss-mcq')
    """
    key = slug(identifier)
    if not key:
        raise ValueError(f"identifiant sans lettre ni chiffre / id without letter or digit: {identifier!r}")
    return URIRef(f"{_DATA}{KIND_PATH[kind]}/{key}")


def file_source(file_name: str) -> URIRef:
    """The source standing for an imported file when a row gives none.

    >>> file_source("Membres 2025.xlsx")
    rdflib.term.URIRef('https://w3id.org/ecosysteme/id/source/fichier/membres-2025-xlsx')
    """
    return ID[f"source/fichier/{slug(file_name)}"]


def file_source_triples(file_name: str) -> list[tuple]:
    iri = file_source(file_name)
    return [(iri, RDF.type, ECO.Source), (iri, RDF.type, PROV.Entity), (iri, DCTERMS.title, Literal(file_name))]
