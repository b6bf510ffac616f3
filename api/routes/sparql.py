"""``/sparql``: the SPARQL 1.1 protocol (query operation only), read-only, time-limited, capped."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, NamedTuple
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from ecosystem.queries import EXAMPLE_QUERY
from ecosystem.sparql_formats import choose_format
from ecosystem.sparql_query import SparqlError
from ecosystem.sparql_service import service_description

from ..deps import LangDep, SettingsDep, StoreDep
from ..rendering import page_context, templates
from ..schemas.base import file_content
from ..schemas.sparql import SparqlResults

router = APIRouter(tags=["sparql"])

_DESCRIPTION = (
    "Protocole SPARQL 1.1 (requêtes seulement) : `query` en GET, ou en POST (formulaire ou "
    "`application/sparql-query`, 1 Mo au plus). Résultats JSON, XML, CSV, TSV ; Turtle, N-Triples, RDF/XML ou "
    "JSON-LD pour CONSTRUCT et DESCRIBE (l'en-tête Accept l'emporte ; sinon `format`, lu selon le type de requête). "
    "Le graphe par défaut est la cartographie courante ; révisions, provenance et ontologie sont des graphes nommés. "
    "Sans `query`, une description du service (Turtle, RDF/XML, N-Triples, JSON-LD) ou, pour un navigateur, un "
    "formulaire. Mises à jour et SERVICE refusés (403) ; limite de temps (503) ; au-delà de la limite de résultats, "
    "la réponse le dit (`link` et `warning` dans l'en-tête des résultats JSON). CORS ouvert (lecture seule). Les "
    "personnes n'y figurent pas. / SPARQL 1.1 protocol, query operation only; the default graph is the current "
    "cartography; service description without `query`; updates and SERVICE refused; time limit; truncation said "
    "in the results; CORS; persons are not in the data served."
)
MAX_BODY_BYTES = 1_000_000
"""Largest POST body (a query is at most 50,000 characters; a form's fields add little)."""
_CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Retry-After, X-Resultats-Tronques"}
_PREFLIGHT = {
    **_CORS,
    "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "86400",
}
_RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


class _Query(NamedTuple):
    sparql: str | None
    format: str | None
    default_graphs: list[str]
    named_graphs: list[str]


def _refusal(error: SparqlError, retry_after: int | None = None) -> Response:
    headers = dict(_CORS)
    if error.status == 503 and retry_after:
        headers["Retry-After"] = str(retry_after)
    return PlainTextResponse(error.message, status_code=error.status, headers=headers)


def _query_of(fields: Mapping[str, list[str]], extra: _Query | None = None) -> _Query:
    """The protocol's fields (lists of values) as one query; two ``query`` values are a 400."""
    texts = [*fields.get("query", []), *([extra.sparql] if extra and extra.sparql else [])]
    if len(texts) > 1:
        raise SparqlError(400, "Un seul paramètre « query » est permis / Exactly one « query » parameter is allowed")
    if "update" in fields:
        raise SparqlError(403, "Point d'accès en lecture seule / Read-only endpoint")
    base = extra or _Query(None, None, [], [])
    return _Query(
        texts[0] if texts else None,
        next(iter(fields.get("format", [])), None) or base.format,
        base.default_graphs + fields.get("default-graph-uri", []),
        base.named_graphs + fields.get("named-graph-uri", []),
    )


def _url_fields(request: Request) -> dict[str, list[str]]:
    params = request.query_params
    return {key: params.getlist(key) for key in params}


async def _capped_body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    too_large = SparqlError(
        413,
        f"Corps de requête trop gros ({MAX_BODY_BYTES // 1_000_000} Mo au plus) / "
        f"Request body too large (at most {MAX_BODY_BYTES // 1_000_000} MB)",
    )
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise too_large
    return bytes(body)


def _run(request: Request, store, settings, query: _Query):
    """On one of the SPARQL pool's threads: refresh the public copy if needed, run the query."""
    return request.app.state.sparql_pool.run(
        request.app.state.public_copy.path_for(store),
        sparql=query.sparql,
        accept=request.headers.get("accept"),
        cap=settings.sparql_result_cap,
        requested=query.format,
        default_graphs=query.default_graphs or None,
        named_graphs=query.named_graphs or None,
        notice_link=f"{request.url_for('sparql_get')}#limites",
    )


def _without_query(request: Request, store, settings, lang: str) -> Response:
    """A browser gets the form; another client the service description; 400 if it accepts neither."""
    accept = request.headers.get("accept", "")
    if "text/html" in accept:
        context = {
            "example": EXAMPLE_QUERY,
            "cap": settings.sparql_result_cap,
            "timeout": f"{settings.sparql_timeout_s:g}",
        }
        response = templates.TemplateResponse(
            request, "sparql.html", {**context, **page_context(request, lang, "SPARQL", None)}
        )
        response.headers.update(_CORS)
        return response
    media = choose_format(accept, "graph")
    if media is None:
        return _refusal(SparqlError(400, "Paramètre « query » manquant / Missing « query » parameter"))
    description = service_description(
        str(request.url_for("sparql_get")), store.named_graphs(), settings.sparql_result_cap, settings.sparql_timeout_s
    )
    return Response(description.serialize(format=_RDFLIB_FORMATS[media]), media_type=media, headers=_CORS)


async def _answer(request: Request, store, settings, lang: str, query: _Query) -> Response:
    if not query.sparql:
        return _without_query(request, store, settings, lang)
    pool = request.app.state.sparql_pool
    try:
        result = await pool.submit(_run, request, store, settings, query)
    except SparqlError as error:
        return _refusal(error, pool.retry_after())
    headers = {**_CORS, **({"X-Resultats-Tronques": str(settings.sparql_result_cap)} if result.truncated else {})}
    return Response(result.body, media_type=result.media_type, headers=headers)


class SparqlResponse(JSONResponse):
    """For OpenAPI only: the answer's main media type, under which the results' model is declared."""

    media_type = "application/sparql-results+json"


_REFUSALS: dict[int, str] = {
    400: "Requête illisible, trop longue ou trop imbriquée, paramètre en double / Unreadable, too long or too nested query, repeated parameter",
    403: "Mise à jour, LOAD ou SERVICE refusés : point en lecture seule / Update, LOAD or SERVICE refused: read-only endpoint",
    406: "Aucun format demandé ne convient à ce genre de requête / No requested format fits this kind of query",
    413: "Corps de la requête au-delà de 1 Mo / Request body over 1 MB",
    415: "Corps ni formulaire ni application/sparql-query / Body neither a form nor application/sparql-query",
    503: "File d'attente pleine ou délai dépassé ; réessayer après Retry-After / Queue full or time limit reached; retry after Retry-After",
}
"""Each refusal's status and meaning; its body is the protocol's plain text, the reason in French then English."""

_RESPONSES: dict[int | str, dict] = {
    200: {"model": SparqlResults, "content": file_content(("application/sparql-results+json", "text/turtle"))},
    **{
        status: {"description": meaning, "content": {"text/plain": {"schema": {"type": "string"}}}}
        for status, meaning in _REFUSALS.items()
    },
}
"""Every answer of the SPARQL protocol this endpoint gives, declared once for GET and POST."""


@router.get(
    "/sparql",
    summary="Requête SPARQL (GET) / SPARQL query (GET)",
    description=_DESCRIPTION,
    response_class=SparqlResponse,
    responses=_RESPONSES,
)
async def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    lang: LangDep,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri", default_factory=list)],
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri", default_factory=list)],
    query: Annotated[str | None, Query(max_length=100_000)] = None,
    format: Annotated[str | None, Query(max_length=64, description="json, xml, csv, tsv, turtle, nt…")] = None,
):
    try:
        parsed = _query_of(_url_fields(request))
    except SparqlError as error:
        return _refusal(error)
    return await _answer(request, store, settings, lang, parsed)


router.add_api_route("/sparql", sparql_get, methods=["HEAD"], include_in_schema=False, name="sparql_head")


@router.options("/sparql", include_in_schema=False)
async def sparql_preflight() -> Response:
    return Response(status_code=204, headers=_PREFLIGHT)


@router.post(
    "/sparql",
    summary="Requête SPARQL (POST) / SPARQL query (POST)",
    description=_DESCRIPTION,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {"type": "object", "properties": {"query": {"type": "string"}}}
                },
                "application/sparql-query": {"schema": {"type": "string", "format": "binary"}},
            }
        }
    },
    response_class=SparqlResponse,
    responses=_RESPONSES,
)
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep, lang: LangDep):
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if content_type == "application/sparql-update":
            raise SparqlError(403, "Point d'accès en lecture seule / Read-only endpoint")
        if content_type not in ("application/sparql-query", "application/x-www-form-urlencoded"):
            raise SparqlError(
                415,
                "Type de contenu non pris en charge : application/sparql-query ou application/x-www-form-urlencoded / "
                "Unsupported content type",
            )
        body = (await _capped_body(request)).decode("utf-8", errors="replace")
        in_url = _query_of(_url_fields(request))
        if content_type == "application/sparql-query":
            parsed = _query_of({"query": [body]}, in_url)
        else:
            parsed = _query_of(parse_qs(body, keep_blank_values=True), in_url)
    except SparqlError as error:
        return _refusal(error)
    return await _answer(request, store, settings, lang, parsed)
