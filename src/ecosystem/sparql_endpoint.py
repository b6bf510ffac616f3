"""SPARQL results inside a worker: run a screened query on the public copy, cap it, serialise it
in the format the client asked for (:mod:`ecosystem.sparql_formats`; see
:mod:`ecosystem.sparql_pool` for the workers and :mod:`ecosystem.sparql_query` for what is
refused before a query runs).
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pyoxigraph as ox

from ecosystem.namespaces import XSD
from ecosystem.sparql_formats import GRAPH_FORMATS, SOLUTION_FORMATS, choose_format
from ecosystem.sparql_query import SparqlError
from ecosystem.store.base import CURRENT
from ecosystem.store.terms import serialised

__all__ = ["SparqlError", "SparqlResult", "execute", "truncation_notice"]


@dataclass(frozen=True)
class SparqlResult:
    media_type: str
    body: bytes
    truncated: bool = False


# Execution (inside the worker) ---------------------------------------------------------


def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    entry = {"type": "literal", "value": term.value}
    if term.language:
        entry["xml:lang"] = term.language
    elif term.datatype.value != str(XSD.string):
        entry["datatype"] = term.datatype.value
    return entry


def _dataset(own_dataset: bool, default_graphs: list[str] | None, named_graphs: list[str] | None) -> dict:
    """Query options: the protocol's graphs, else the query's ``FROM``, else the current graph as default graph."""
    try:
        options: dict = {}
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        elif not own_dataset:
            options["default_graph"] = [ox.NamedNode(str(CURRENT))]
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        return options
    except ValueError as error:
        raise SparqlError(400, f"IRI de graphe invalide / Invalid graph IRI: {error}") from None


def truncation_notice(cap: int) -> str:
    return (
        f"Résultats tronqués à {cap} : ajoutez LIMIT et OFFSET (avec ORDER BY) pour lire la suite. / "
        f"Results truncated at {cap}: page with LIMIT and OFFSET (with ORDER BY)."
    )


def _graph(results: ox.QueryTriples, media: str, cap: int, notice_link: str | None) -> SparqlResult:
    triples = list(itertools.islice(results, cap + 1))
    body = serialised(ox.serialize(triples[:cap], format=GRAPH_FORMATS[media]))
    truncated = len(triples) > cap
    if truncated and media in ("text/turtle", "application/n-triples"):
        body = f"# {truncation_notice(cap)} {notice_link or ''}\n".encode() + body
    elif truncated and media == "application/rdf+xml":
        body = body.replace(b"?>", f"?>\n<!-- {truncation_notice(cap)} {notice_link or ''} -->".encode(), 1)
    return SparqlResult(media, body, truncated)


def _solutions(results: ox.QuerySolutions, media: str, cap: int, notice_link: str | None) -> SparqlResult:
    names = [variable.value for variable in results.variables]
    rows = list(itertools.islice(results, cap + 1))
    truncated = len(rows) > cap
    head: dict = {"vars": names}
    if truncated:  # in the results themselves: SPARQL's own head ``link``, and the words
        head |= {"link": [notice_link] if notice_link else [], "warning": truncation_notice(cap)}
    bindings = [{name: _term_json(row[name]) for name in names if row[name] is not None} for row in rows[:cap]]
    document = json.dumps({"head": head, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    if SOLUTION_FORMATS[media] == ox.QueryResultsFormat.JSON:
        return SparqlResult(media, document, truncated)
    # Oxigraph's own writers for XML, CSV and TSV, fed the capped solutions.
    capped = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
    body = serialised(capped.serialize(format=SOLUTION_FORMATS[media]))
    if truncated and notice_link and SOLUTION_FORMATS[media] == ox.QueryResultsFormat.XML:
        body = body.replace(b"</head>", f'<link href="{escape(notice_link)}"/></head>'.encode(), 1)
    return SparqlResult(media, body, truncated)


def execute(
    store: ox.Store,
    sparql: str,
    accept: str | None,
    cap: int,
    requested: str | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    own_dataset: bool = False,
    notice_link: str | None = None,
) -> SparqlResult:
    """Run ``sparql`` on ``store`` and serialise at most ``cap`` solutions or triples.

    The default graph is the current graph, unless the protocol's ``default-graph-uri`` or the
    query's ``FROM`` says otherwise; past ``cap``, the result says it was truncated, with
    ``notice_link`` (where the limit is documented) where the format has room for it.
    """
    results = store.query(sparql, **_dataset(own_dataset, default_graphs, named_graphs))
    kind = (
        "boolean"
        if isinstance(results, ox.QueryBoolean)
        else "graph"
        if isinstance(results, ox.QueryTriples)
        else "solutions"
    )
    media = choose_format(accept, kind, requested)
    if media is None:
        raise SparqlError(
            406, f"Format non offert pour ce résultat / No acceptable format for this result: {accept or requested}"
        )
    if isinstance(results, ox.QueryBoolean):
        return SparqlResult(media, serialised(results.serialize(format=SOLUTION_FORMATS[media])))
    if isinstance(results, ox.QueryTriples):
        return _graph(results, media, cap, notice_link)
    return _solutions(results, media, cap, notice_link)
