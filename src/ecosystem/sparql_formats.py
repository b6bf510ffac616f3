"""Which format a SPARQL result is written in: the ``Accept`` header, else ``format=``, per query type.

An ``Accept`` header that names a format the result's type offers wins (SPARQLWrapper, for
one, sends ``format=xml`` beside ``Accept: application/rdf+xml`` for a CONSTRUCT). Otherwise
``format=`` is read for the result's type: ``xml`` is SPARQL XML results for SELECT and ASK
but RDF/XML for CONSTRUCT and DESCRIBE, ``json`` is SPARQL JSON results or JSON-LD. Then
the wildcards of ``Accept``; nothing acceptable: 406.

>>> choose_format("text/csv;q=0.9, application/sparql-results+xml", "solutions")
'application/sparql-results+xml'
>>> choose_format("application/rdf+xml", "graph", "xml")
'application/rdf+xml'
>>> choose_format(None, "graph", "xml")
'application/rdf+xml'
"""

from __future__ import annotations

import pyoxigraph as ox

__all__ = ["GRAPH_FORMATS", "SOLUTION_FORMATS", "choose_format", "offered"]

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
_SOLUTION_NAMES = {
    "json": "application/sparql-results+json",
    "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "srx": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
_GRAPH_NAMES = {
    "xml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "n3": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "json": "application/ld+json",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
}
_WILDCARDS = ("*/*", "application/*", "text/*")


def offered(kind: str) -> list[str]:
    """Media types for a ``kind`` of result (``solutions``, ``boolean``, ``graph``), the default first."""
    if kind == "graph":
        return list(GRAPH_FORMATS)
    media = list(SOLUTION_FORMATS)
    if kind == "boolean":  # CSV and TSV hold a boolean poorly: offered, never by default
        media = [m for m in media if not m.startswith("text/")] + [m for m in media if m.startswith("text/")]
    return media


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


def _requested(requested: str, kind: str, media: list[str]) -> str | None:
    value = requested.strip().lower()
    value = (_GRAPH_NAMES if kind == "graph" else _SOLUTION_NAMES).get(value, value)
    return value if value in media else None


def _wildcard(wanted: list[str], media: list[str]) -> str | None:
    for name in wanted:
        if name in ("*/*", "application/*"):
            return media[0]
        if name == "text/*":
            return next((m for m in media if m.startswith("text/")), None)
    return None


def choose_format(accept: str | None, kind: str, requested: str | None = None) -> str | None:
    """The media type to answer a ``kind`` result with (see the module); None: 406."""
    media = offered(kind)
    wanted = _accepted(accept or "*/*") or ["*/*"]
    named = next((name for name in wanted if name in media), None)
    if named:
        return named
    if requested:
        return _requested(requested, kind, media)
    return _wildcard(wanted, media)
