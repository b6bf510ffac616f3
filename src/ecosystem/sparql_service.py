"""The SPARQL 1.1 Service Description of the endpoint (``GET /sparql`` for a non-browser client).

It states what a client needs before its first query: the languages and result formats,
that the default graph is the current cartography and which named graphs exist (each
revision, the provenance, the ontology), and the limits.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef

from ecosystem.namespaces import DCTERMS, FORMATS, RDF, SD, bind_prefixes
from ecosystem.store.base import CURRENT

__all__ = ["service_description"]

_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "RDF_XML",
    "JSON-LD",
)


def _limits(cap: int, timeout_s: float, lang: str) -> str:
    return (
        f"Limits: at most {cap} results per query (truncation said in the results: head link and warning); "
        f"{timeout_s:g} s per query; SERVICE and updates refused; persons are not in the data."
        if lang == "en"
        else f"Limites : {cap} résultats au plus par requête (la troncature est dite dans les résultats : link et "
        f"warning de l'en-tête) ; {timeout_s:g} s par requête ; SERVICE et mises à jour refusés ; les personnes "
        f"n'y figurent pas."
    )


def service_description(endpoint: str, named_graphs: list[URIRef], cap: int, timeout_s: float) -> Graph:
    """The description of the endpoint at ``endpoint`` whose store holds ``named_graphs``.

    >>> g = service_description("http://h/sparql", [CURRENT], 10, 5.0)
    >>> (URIRef("http://h/sparql"), SD.supportedLanguage, SD.SPARQL11Query) in g
    True
    """
    graph = bind_prefixes(Graph())
    graph.bind("sd", SD)
    service, dataset, default = URIRef(endpoint), BNode(), BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in _RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    for lang in ("fr", "en"):
        graph.add((service, DCTERMS.description, Literal(_limits(cap, timeout_s, lang), lang=lang)))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, DCTERMS.source, CURRENT))
    graph.add((default, DCTERMS.description, Literal("La cartographie courante (le graphe nommé courant).", lang="fr")))
    graph.add((default, DCTERMS.description, Literal("The current cartography (the current named graph).", lang="en")))
    for name in named_graphs:
        entry = BNode()
        graph.add((dataset, SD.namedGraph, entry))
        graph.add((entry, RDF.type, SD.NamedGraph))
        graph.add((entry, SD.name, name))
    return graph
