"""The shared-deployment backend: any SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB, Neptune).

It speaks the SPARQL 1.1 protocol over HTTP: queries to ``query_url``, updates to
``update_url``. Each write is one UPDATE request (``DELETE DATA`` then ``INSERT
DATA``), which servers apply as one transaction. The data has no blank nodes
(a SPARQL store cannot address them), so every triple can be deleted by
its terms.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from pathlib import Path

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ecosystem.namespaces import BASE, DCTERMS, RDF, XSD, bind_prefixes
from ecosystem.store.base import CURRENT, META, DumpFormat, PlainLiteral, PlainRow, RawResult, Row, StoreError, Triple
from ecosystem.store.terms import from_ox, serialised, values_clause

__all__ = ["SparqlServerStore"]

_RESULTS_JSON = "application/sparql-results+json"
_TRIPLES_ACCEPT = "application/n-triples, text/turtle;q=0.9"
# The query's form, after its prologue (PREFIX and BASE declarations, comments): a server may answer a CONSTRUCT
# as SPARQL results when both are acceptable, so the Accept header follows the form.
_FORM = re.compile(r"^(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*(\w+)", re.IGNORECASE)


class SparqlServerStore:
    """A store behind a SPARQL 1.1 query endpoint and update endpoint."""

    def __init__(self, query_url: str, update_url: str | None = None, timeout_s: float = 60.0, auth=None):
        self.query_url = query_url
        self.update_url = update_url or query_url
        self._client = httpx.Client(timeout=timeout_s, auth=auth)

    # Protocol ----------------------------------------------------------------

    def _post(self, url: str, form: dict, accept: str | None = None) -> httpx.Response:
        headers = {"Accept": accept} if accept else {}
        try:
            response = self._client.post(url, data=form, headers=headers)
        except httpx.HTTPError as error:
            raise StoreError(
                f"Serveur SPARQL injoignable ({url}) : {error} / SPARQL server unreachable ({url}): {error}"
            ) from error
        if response.status_code >= 400:
            raise StoreError(
                f"Le serveur SPARQL a refusé la requête ({response.status_code}) : {response.text[:500]} / "
                f"The SPARQL server refused the request ({response.status_code})"
            )
        return response

    def _results(self, sparql: str) -> dict:
        return self._post(self.query_url, {"query": sparql}, _RESULTS_JSON).json()

    # Reading -----------------------------------------------------------------

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        # The protocol has no substitution: the terms go in a trailing VALUES block, written by Oxigraph.
        results = self._results(sparql + values_clause(dict(bindings)) if bindings else sparql)
        names = results["head"].get("vars", [])
        return [{name: _term(binding.get(name)) for name in names} for binding in results["results"]["bindings"]]

    def plain_rows(self, sparql: str) -> Iterator[PlainRow]:
        results = self._results(sparql)
        names = results["head"].get("vars", [])
        for binding in results["results"]["bindings"]:
            yield tuple(_plain(binding.get(name)) for name in names)

    def ask(self, sparql: str) -> bool:
        results = self._results(sparql)
        if "boolean" in results:
            return bool(results["boolean"])
        # Some servers answer ASK as a one-row result set.
        bindings = results["results"]["bindings"]
        return bool(bindings) and next(iter(bindings[0].values()))["value"] in ("1", "true")

    def construct(self, sparql: str) -> Graph:
        # N-Triples, not Turtle: a server's Turtle may write a decimal 1 as ``1``, which reads back as an integer.
        response = self._post(self.query_url, {"query": sparql}, "application/n-triples")
        graph = bind_prefixes(Graph())
        graph.parse(data=response.text, format="nt")
        return graph

    def raw_query(self, sparql: str) -> RawResult:
        """The server's answer parsed by pyoxigraph: its media type says whether it holds solutions or triples."""
        form = _FORM.match(sparql)
        gives_triples = form is not None and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE")
        response = self._post(self.query_url, {"query": sparql}, _TRIPLES_ACCEPT if gives_triples else _RESULTS_JSON)
        media = response.headers.get("content-type", _RESULTS_JSON)
        results_format = ox.QueryResultsFormat.from_media_type(media)
        if results_format is not None:
            return ox.parse_query_results(response.content, format=results_format)
        rdf_format = ox.RdfFormat.from_media_type(media)
        if rdf_format is None:
            raise StoreError(
                f"Réponse du serveur SPARQL illisible ({media}) / Unreadable SPARQL server answer ({media})"
            )
        return [quad.triple for quad in ox.parse(response.content, format=rdf_format)]

    def graph(self, name: URIRef = CURRENT) -> Graph:
        return self.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")

    def named_graphs(self) -> list[URIRef]:
        rows = self.select(
            f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{BASE}")) }}'
        )
        return sorted(g for row in rows if isinstance(g := row["g"], URIRef) and g != META)

    def triple_count(self, graph: URIRef | None = CURRENT) -> int:
        if graph is None:
            query = f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{BASE}")) }}'
        else:
            query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        return int(str(self.select(query)[0]["n"]))

    def version(self) -> str:
        rows = self.select(f"SELECT ?v WHERE {{ GRAPH <{META}> {{ <{META}> <{DCTERMS.identifier}> ?v }} }}")
        return "+".join(sorted(str(row["v"]) for row in rows)) or "vide"

    # Writing -----------------------------------------------------------------

    def apply(
        self,
        add: Iterable[Triple] = (),
        remove: Iterable[Triple] = (),
        graph: URIRef = CURRENT,
        extra: Mapping[URIRef, Iterable[Triple]] | None = None,
        extra_remove: dict[URIRef, Iterable[Triple]] | None = None,
    ) -> None:
        additions = {graph: list(add)}
        for other, triples in (extra or {}).items():
            additions.setdefault(other, []).extend(triples)
        removals = {graph: list(remove)}
        for other, triples in (extra_remove or {}).items():
            removals.setdefault(other, []).extend(triples)
        self._update(additions, removals)

    def bulk_add(
        self,
        add: Iterable[Triple],
        graph: URIRef = CURRENT,
        extra: Mapping[URIRef, Iterable[Triple]] | None = None,
        sources: Iterable[Path] = (),
    ) -> None:
        self.apply(add=add, graph=graph, extra=extra)  # one UPDATE is already the server's bulk write

    def bulk_fill(
        self,
        quads: Iterable[ox.Quad],
        graphs: Iterable[URIRef],
        sources: Iterable[Path] = (),
        *,
        ntriples: bytes = b"",
        about: Iterable[str] = (),
    ) -> None:
        """One UPDATE (the server's bulk write, and a transaction: nothing to empty again on failure)."""
        additions: dict[URIRef, list[Triple]] = {URIRef(name): [] for name in graphs}
        if ntriples:
            first = ox.NamedNode(str(next(iter(additions))))
            parsed = (
                ox.Quad(t.subject, t.predicate, t.object, first) for t in ox.parse(ntriples, ox.RdfFormat.N_TRIPLES)
            )
            quads = chain(parsed, quads)  # type: ignore[arg-type]
        for quad in quads:
            graph = URIRef(quad.graph_name.value)  # type: ignore[union-attr]
            additions.setdefault(graph, []).append(
                (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))
            )
        self._update(additions, {})

    def replace_graph(self, name: URIRef, triples: Iterable[Triple]) -> None:
        self._update({name: list(triples)}, {}, drop=(name,))

    def drop_graph(self, name: URIRef) -> None:
        self._update({}, {}, drop=(name,))

    def drop_graphs(self, names: Iterable[URIRef]) -> None:
        self._update({}, {}, drop=tuple(names))

    def _update(self, additions: dict, removals: dict, drop: tuple[URIRef, ...] = ()) -> None:
        parts = [f"DROP SILENT GRAPH <{name}>" for name in drop]
        if any(removals.values()):
            parts.append("DELETE DATA { " + _blocks(removals) + " }")
        parts.append(f"DELETE WHERE {{ GRAPH <{META}> {{ <{META}> <{DCTERMS.identifier}> ?v }} }}")
        version = {META: [(META, DCTERMS.identifier, Literal(uuid.uuid4().hex))]}
        parts.append("INSERT DATA { " + _blocks({**additions, **version}) + " }")
        self._post(self.update_url, {"update": " ;\n".join(parts)})

    def dump(self, graph: URIRef = CURRENT, format: DumpFormat = "nt") -> bytes:
        """One named graph as the server writes it in N-Triples; Turtle is written from it by Oxigraph (see :meth:`construct`)."""
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        data = self._post(self.query_url, {"query": query}, "application/n-triples").content
        if format == "nt":
            return data
        triples = [quad.triple for quad in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        return serialised(ox.serialize(triples, format=ox.RdfFormat.TURTLE))

    def flush(self) -> None:
        """Nothing to do: the server made each update durable before it answered."""

    def close(self) -> None:
        self._client.close()


def _blocks(triples_by_graph: dict) -> str:
    return " ".join(
        f"GRAPH <{graph}> {{\n" + "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples) + "\n}"
        for graph, triples in triples_by_graph.items()
        if triples
    )


def _term(binding: dict | None):
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    if "datatype" in binding and not binding["datatype"].endswith("#string"):
        return Literal(value, datatype=URIRef(binding["datatype"]))
    return Literal(value)


_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = str(RDF.langString)


def _plain(binding: dict | None) -> str | PlainLiteral | None:
    if binding is None:
        return None
    if binding["type"] in ("uri", "bnode"):
        return binding["value"]
    language = binding.get("xml:lang")
    datatype = binding.get("datatype") or (_RDF_LANG_STRING if language else _XSD_STRING)
    return PlainLiteral(binding["value"], datatype, language)
