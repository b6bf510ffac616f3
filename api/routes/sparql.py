"""``/sparql``: the SPARQL 1.1 protocol (query operation only), read-only, time-limited, capped."""

from __future__ import annotations

from typing import Annotated

from ecosystem.api.deps import LangDep, SettingsDep, StoreDep
from ecosystem.api.rendering import page_context, templates
from ecosystem.api.schemas.base import file_content
from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response

from ecosystem.sparql_query import SparqlError

router = APIRouter(tags=["sparql"])

_EXAMPLE = """PREFIX eco: <https://w3id.org/ecosysteme/ontologie#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?instance ?nom WHERE {
  ?instance a eco:Instance ; skos:prefLabel ?nom .
} ORDER BY ?nom LIMIT 20"""

_DESCRIPTION = (
    "Protocole SPARQL 1.1 (requêtes seulement) : `query` en GET, ou en POST (formulaire ou "
    "`application/sparql-query`). Résultats JSON, XML, CSV, TSV ; Turtle, N-Triples, RDF/XML ou JSON-LD pour "
    "CONSTRUCT et DESCRIBE (en-tête Accept, ou `format`). Le graphe par défaut est l'union des graphes nommés. "
    "Les mises à jour sont refusées (403), comme SERVICE ; les requêtes ont une limite de temps (503) et de "
    "résultats (en-tête `X-Resultats-Tronques`). Les personnes n'y figurent pas. / SPARQL 1.1 protocol, query "
    "operation only; updates and SERVICE refused; time limit and result cap; persons are not in the data served."
)


def _run(request: Request, store, settings, sparql: str, format: str | None,
         default_graphs: list[str], named_graphs: list[str]):
    """On one of the SPARQL pool's threads: refresh the public copy if needed, run the query."""
    copies = getattr(request.app.state, "public_copy", None)
    if copies is None or not hasattr(store, "raw_query"):
        raise SparqlError(501, "Point d'accès offert pour le magasin intégré seulement / Endpoint available for the embedded store only")
    return request.app.state.sparql_pool.run(
        copies.path_for(store), sparql=sparql, accept=request.headers.get("accept"), cap=settings.sparql_result_cap,
        requested=format, default_graphs=default_graphs or None, named_graphs=named_graphs or None)


async def _answer(request: Request, store, settings, lang: str, sparql: str | None, format: str | None,
                  default_graphs: list[str], named_graphs: list[str]) -> Response:
    if not sparql:
        if "text/html" in request.headers.get("accept", ""):
            return templates.TemplateResponse(request, "sparql.html", {"example": _EXAMPLE, **page_context(request, lang, "SPARQL", None)})
        return PlainTextResponse("Paramètre « query » manquant / Missing « query » parameter", status_code=400)
    pool = request.app.state.sparql_pool
    try:
        result = await pool.submit(_run, request, store, settings, sparql, format, default_graphs, named_graphs)
    except SparqlError as error:
        headers = {"Retry-After": str(pool.retry_after())} if error.status == 503 else None
        return PlainTextResponse(error.message, status_code=error.status, headers=headers)
    headers = {"X-Resultats-Tronques": str(settings.sparql_result_cap)} if result.truncated else {}
    return Response(result.body, media_type=result.media_type, headers=headers)


@router.get("/sparql", summary="Requête SPARQL (GET) / SPARQL query (GET)", description=_DESCRIPTION,
            response_class=Response, responses={200: {"content": file_content(("application/sparql-results+json", "text/turtle"))}, 400: {}, 403: {}, 503: {}})
async def sparql_get(
    request: Request, store: StoreDep, settings: SettingsDep, lang: LangDep,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri", default_factory=list)],
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri", default_factory=list)],
    query: Annotated[str | None, Query(max_length=100_000)] = None,
    format: Annotated[str | None, Query(max_length=64, description="json, xml, csv, tsv, turtle, nt…")] = None,
):
    return await _answer(request, store, settings, lang, query, format, default_graph_uri, named_graph_uri)


@router.post("/sparql", summary="Requête SPARQL (POST) / SPARQL query (POST)", description=_DESCRIPTION,
             openapi_extra={"requestBody": {"content": {
                 "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {"query": {"type": "string"}}}},
                 "application/sparql-query": {"schema": {"type": "string"}}}}},
             response_class=Response, responses={200: {"content": file_content(("application/sparql-results+json", "text/turtle"))}, 400: {}, 403: {}, 503: {}})
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep, lang: LangDep):
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    default_graphs = request.query_params.getlist("default-graph-uri")
    named_graphs = request.query_params.getlist("named-graph-uri")
    format = request.query_params.get("format")
    if content_type == "application/sparql-update":
        return PlainTextResponse("Point d'accès en lecture seule / Read-only endpoint", status_code=403)
    if content_type == "application/sparql-query":
        sparql = (await request.body()).decode("utf-8", errors="replace")
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        if "update" in form:
            return PlainTextResponse("Point d'accès en lecture seule / Read-only endpoint", status_code=403)
        sparql = form.get("query")
        sparql = sparql if isinstance(sparql, str) else None
        default_graphs += form.getlist("default-graph-uri")
        named_graphs += form.getlist("named-graph-uri")
        format = form.get("format") or format
    else:
        return PlainTextResponse("Type de contenu non pris en charge / Unsupported content type", status_code=415)
    return await _answer(request, store, settings, lang, sparql, format, default_graphs, named_graphs)
