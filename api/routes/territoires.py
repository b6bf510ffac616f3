"""Territories: each territory's page (instances and actors within it, its gaps) and its JSON."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ecosystem.mapfilters import filter_options
from ecosystem.namespaces import territory_iri

from ..deps import LangDep, ProjectionDep, StoreDep, iri_or_none, not_found
from ..entities import matrix_data, sources, territory_detail
from ..rendering import render_named
from ..schemas import TerritoryDetail, checked, problems
from ..schemas.entities import TerritoryTree

router = APIRouter(tags=["territoires"])


def _detail(ident: str, store, projection, lang: str) -> dict:
    iri = iri_or_none(territory_iri, ident)
    if iri is None or iri not in projection.territories:
        raise not_found("Territoire" if lang == "fr" else "Territory", ident)
    matrix = matrix_data(projection)
    return territory_detail(projection, iri, lang, sources(store, iri), matrix)


@router.get("/api/territoires", response_model=TerritoryTree, summary="Territoires, emboîtés / Territories, nested")
def territories_api(projection: ProjectionDep, lang: LangDep) -> dict:
    return {"territoires": filter_options(projection, lang)["territoires"]}


@router.get(
    "/api/territoires/{ident}",
    response_model=TerritoryDetail,
    responses=problems(404),
    summary="Un territoire / One territory",
)
def territory_api(ident: str, store: StoreDep, projection: ProjectionDep, lang: LangDep) -> dict:
    return _detail(ident, store, projection, lang)


@router.get("/territoires/{ident}", include_in_schema=False)
def territory_page(request: Request, ident: str, store: StoreDep, projection: ProjectionDep, lang: LangDep):
    data = checked(TerritoryDetail, _detail(ident.removesuffix(".json"), store, projection, lang))
    return render_named(request, "territoire.html", data, lang)
