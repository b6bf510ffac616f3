"""The map: the page ``/`` and the data it draws, ``/api/carte`` (filters, focus, aggregation)."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from ecosystem.api.deps import LangDep, ProjectionDep, StoreDep, StrategyFilter, iri_or_none
from ecosystem.api.entities import loads
from ecosystem.api.rendering import page_context, templates
from ecosystem.api.schemas.site import FilterOptions, MapData, SearchResults
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ecosystem.analysis.structure import structure
from ecosystem.cache import derived
from ecosystem.layout import cached_positions
from ecosystem.mapdata import (
    MAX_NODES,
    MapFilters,
    filter_options,
    iri_of,
    map_data,
    select_view,
    short_id,
    strategy_filter,
    strategy_options,
)
from ecosystem.namespaces import concept_iri, territory_iri
from ecosystem.queries import plan_responsibilities
from ecosystem.search import matches, rank, search_terms

router = APIRouter(tags=["carte"])

Slug = Annotated[str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9._~%/-]*$")]


def map_filters(
    territoire: Slug = None, enjeu: Slug = None, secteur: Slug = None, type: Slug = None, role: Slug = None,
    focus: Slug = None, profondeur: Annotated[int, Query(ge=0, le=6)] = 1, locales: bool = False,
    strategie: StrategyFilter = None, responsibilities: dict | None = None,
) -> MapFilters:
    """URL parameters (ids and notations, as the page writes them) → IRIs; ``responsibilities`` name a strategy's carriers."""
    return MapFilters(
        territory=iri_or_none(territory_iri, territoire),
        issue=str(concept_iri("enjeux", enjeu)) if enjeu else None,
        sector=str(concept_iri("secteurs", secteur)) if secteur else None,
        instance_type=str(concept_iri("types-instance", type)) if type else None,
        role=str(concept_iri("roles", role)) if role else None,
        focus=iri_of(focus) if focus else None,
        depth=profondeur,
        local_only=locales,
        **strategy_filter(responsibilities or {}, iri_of(strategie) if strategie else None),
    )


def communities(projection) -> dict:
    """Node → community number, from the structure analysis (computed once per data version)."""
    result = derived(structure)(projection, 0)
    return {member["iri"]: group["numero"] for group in result.communautes for member in group["instances"] + group["acteurs"]}


@router.get("/", include_in_schema=False)
def map_page(request: Request, store: StoreDep, projection: ProjectionDep, lang: LangDep):
    context = page_context(request, lang, "Carte de l'écosystème" if lang == "fr" else "Ecosystem map",
                           "/api/carte" + (f"?{request.url.query}" if request.url.query else ""))
    options = {**derived(filter_options)(projection, lang), "strategies": strategy_options(plan_responsibilities(store))}
    return templates.TemplateResponse(request, "carte.html", {"options": options, **context})


@router.get("/api/carte", response_model=None, responses={200: {"model": MapData, "description": "La vue / The view"}},
            summary="Nœuds et liens de la carte / The map's nodes and edges")
def map_api(
    store: StoreDep, projection: ProjectionDep, lang: LangDep,
    territoire: Slug = None, enjeu: Slug = None, secteur: Slug = None, type: Slug = None, role: Slug = None,
    focus: Slug = None, profondeur: Annotated[int, Query(ge=0, le=6)] = 1,
    taille: Literal["sieges", "charge", "membres"] = "sieges",
    couleur: Literal["secteur", "type", "territoire", "communaute"] = "secteur",
    locales: Annotated[bool, Query(description="Seulement les instances du territoire et de ceux qu'il contient / Local instances only")] = False,
    max_noeuds: Annotated[int, Query(ge=10, le=MAX_NODES)] = MAX_NODES,
    strategie: StrategyFilter = None,
) -> Response:
    """The filtered view with positions computed on the server (physics off in the page); beyond
    ``max_noeuds`` nodes, one node per kind and territory (``agrege``). A territory keeps the
    instances of the territories that contain it (regional tables) unless ``locales``."""
    filters = map_filters(territoire, enjeu, secteur, type, role, focus, profondeur, locales, strategie,
                          plan_responsibilities(store) if strategie else None)
    body = derived(_map_body, keep=64)(projection, store.version(), filters, lang, taille, max_noeuds, couleur)
    return Response(body, media_type="application/json")


def _map_body(projection, version, filters: MapFilters, lang: str, taille: str, max_noeuds: int, couleur: str = "secteur") -> bytes:
    """Serialised once per data version and view: under many clients the JSON encoding dominates."""
    view = select_view(projection, filters)
    small = view.number_of_nodes() <= max_noeuds
    positions = cached_positions(("carte", version, projection.at, projection.since, filters.key() if small else "toute"),
                                 view if small else projection.two_mode)
    groups = communities(projection) if couleur == "communaute" else None
    return json.dumps(map_data(projection, loads(projection), filters, positions, lang, taille, max_noeuds, couleur, groups),
                      ensure_ascii=False, separators=(",", ":")).encode()


@router.get("/api/carte/filtres", response_model=FilterOptions, summary="Choix offerts par les filtres / Filter choices")
def map_filters_api(store: StoreDep, projection: ProjectionDep, lang: LangDep) -> dict:
    return {**derived(filter_options)(projection, lang), "strategies": strategy_options(plan_responsibilities(store))}


@router.get("/api/recherche", response_model=SearchResults, summary="Recherche : mots dans tout ordre, sans accents ni casse, sigles / Search: words in any order, accents, case, acronyms")
def search_api(projection: ProjectionDep, lang: LangDep, q: Annotated[str, Query(min_length=1, max_length=200)],
               limite: Annotated[int, Query(ge=1, le=100)] = 20) -> dict:
    """The whole graph is searched, whatever the map's filters."""
    index = derived(_search_index)(projection, lang)
    found = [{"id": short_id(n), "nom": projection.label(n, lang), "type": kind} for terms, n, kind in index if matches(q, terms)]
    found.sort(key=lambda r: rank(q, r["nom"]))
    return {"requete": q, "total": len(found), "resultats": found[:limite]}


def _search_index(projection, lang: str) -> list[tuple[frozenset, str, str]]:
    return [(search_terms(projection.label(n, lang), a.get("label"), a.get("acronym")), n, a["kind"])
            for n, a in projection.two_mode.nodes(data=True)]
