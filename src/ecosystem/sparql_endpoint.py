"""SPARQL results inside a worker: run a screened query on the public copy, cap it, serialise it
in the format the client asked for (see :mod:`ecosystem.sparql_pool` for the workers and
:mod:`ecosystem.sparql_query` for what is refused before a query runs).

>>> choose_format("text/csv;q=0.9, application/sparql-results+xml", "solutions")
'application/sparql-results+xml'
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

import pyoxigraph as ox

from ecosystem.sparql_query import SparqlError

__all__ = ["SparqlError", "SparqlResult", "choose_format", "execute"]

SOLUTION_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
SHORT_NAMES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
               "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle", "nt": "application/n-triples",
               "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}


@dataclass(frozen=True)
class SparqlResult:
    media_type: str
    body: bytes
    truncated: bool = False


def _accepted(accept: str) -> list[str]:
    ranked = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        quality = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        if fields[0] and quality > 0:
            ranked.append((-quality, position, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def choose_format(accept: str | None, kind: str, requested: str | None = None) -> str | None:
    """The media type to answer a ``kind`` (solutions, boolean, graph) result with; None: 406."""
    offered = list(GRAPH_FORMATS if kind == "graph" else SOLUTION_FORMATS)
    if kind == "boolean":
        offered = [m for m in offered if m not in ("text/csv", "text/tab-separated-values")] + ["text/csv", "text/tab-separated-values"]
    if requested:
        media = SHORT_NAMES.get(requested.lower(), requested.lower())
        return media if media in offered else None
    wanted = _accepted(accept or "*/*") or ["*/*"]
    for media in wanted:
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            prefix = media.split("/")[0]
            return offered[0] if prefix in ("*", "application") else next((m for m in offered if m.startswith("text/")), None)
    return None


# Execution (inside the worker) ---------------------------------------------------------


def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    entry = {"type": "literal", "value": term.value}
    if term.language:
        entry["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        entry["datatype"] = term.datatype.value
    return entry


def execute(store: ox.Store, sparql: str, accept: str | None, cap: int, requested: str | None = None,
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> SparqlResult:
    """Run ``sparql`` on ``store`` and serialise at most ``cap`` solutions or triples."""
    options = {"use_default_graph_as_union": not default_graphs}
    try:
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    except ValueError as error:
        raise SparqlError(400, f"IRI de graphe invalide / Invalid graph IRI: {error}") from None
    results = store.query(sparql, **options)
    kind = "boolean" if isinstance(results, ox.QueryBoolean) else "graph" if isinstance(results, ox.QueryTriples) else "solutions"
    media = choose_format(accept, kind, requested)
    if media is None:
        raise SparqlError(406, f"Format non offert pour ce résultat / No acceptable format for this result: {accept or requested}")
    if kind == "boolean":
        return SparqlResult(media, results.serialize(format=SOLUTION_FORMATS[media]))
    if kind == "graph":
        triples = list(itertools.islice(results, cap + 1))
        return SparqlResult(media, ox.serialize(triples[:cap], format=GRAPH_FORMATS[media]), len(triples) > cap)
    names = [variable.value for variable in results.variables]
    rows = list(itertools.islice(results, cap + 1))
    bindings = [{name: _term_json(row[name]) for name in names if row[name] is not None} for row in rows[:cap]]
    document = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    if SOLUTION_FORMATS[media] != ox.QueryResultsFormat.JSON:
        # Oxigraph's own writers for XML, CSV and TSV, fed the capped solutions.
        document = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON).serialize(format=SOLUTION_FORMATS[media])
    return SparqlResult(media, document, len(rows) > cap)


