"""The map: the page ``/`` and the data it draws, ``/api/carte`` (filters, focus, aggregation)."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from ecosystem.api.deps import LangDep, ProjectionDep, StoreDep, iri_or_none
from ecosystem.api.entities import loads
from ecosystem.api.rendering import page_context, templates
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ecosystem.cache import derived
from ecosystem.layout import cached_positions
from ecosystem.mapdata import MAX_NODES, MapFilters, filter_options, fold, iri_of, map_data, select_view, short_id
from ecosystem.namespaces import concept_iri, territory_iri

router = APIRouter(tags=["carte"])

Slug = Annotated[str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9._~%/-]*$")]


def map_filters(
    territoire: Slug = None, enjeu: Slug = None, secteur: Slug = None, type: Slug = None, role: Slug = None,
    focus: Slug = None, profondeur: Annotated[int, Query(ge=0, le=6)] = 1,
) -> MapFilters:
    """URL parameters (ids and notations, as the page writes them) → IRIs."""
    return MapFilters(
        territory=iri_or_none(territory_iri, territoire),
        issue=str(concept_iri("enjeux", enjeu)) if enjeu else None,
        sector=str(concept_iri("secteurs", secteur)) if secteur else None,
        instance_type=str(concept_iri("types-instance", type)) if type else None,
        role=str(concept_iri("roles", role)) if role else None,
        focus=iri_of(focus) if focus else None,
        depth=profondeur,
    )


@router.get("/", include_in_schema=False)
def map_page(request: Request, projection: ProjectionDep, lang: LangDep):
    context = page_context(request, lang, "Carte de l'écosystème" if lang == "fr" else "Ecosystem map",
                           "/api/carte" + (f"?{request.url.query}" if request.url.query else ""))
    options = derived(filter_options)(projection, lang)
    return templates.TemplateResponse(request, "carte.html", {"options": options, **context})


@router.get("/api/carte", summary="Nœuds et liens de la carte / The map's nodes and edges")
def map_api(
    store: StoreDep, projection: ProjectionDep, lang: LangDep,
    territoire: Slug = None, enjeu: Slug = None, secteur: Slug = None, type: Slug = None, role: Slug = None,
    focus: Slug = None, profondeur: Annotated[int, Query(ge=0, le=6)] = 1,
    taille: Literal["sieges", "charge"] = "sieges",
    max_noeuds: Annotated[int, Query(ge=10, le=MAX_NODES)] = MAX_NODES,
) -> Response:
    """The filtered view with positions computed on the server (physics off in the page); beyond
    ``max_noeuds`` nodes, one node per kind and territory (``agrege``)."""
    filters = map_filters(territoire, enjeu, secteur, type, role, focus, profondeur)
    body = derived(_map_body, keep=64)(projection, store.version(), filters, lang, taille, max_noeuds)
    return Response(body, media_type="application/json")


def _map_body(projection, version, filters: MapFilters, lang: str, taille: str, max_noeuds: int) -> bytes:
    """Serialised once per data version and view: under many clients the JSON encoding dominates."""
    view = select_view(projection, filters)
    small = view.number_of_nodes() <= max_noeuds
    positions = cached_positions(("carte", version, projection.at, filters.key() if small else "toute"),
                                 view if small else projection.two_mode)
    return json.dumps(map_data(projection, loads(projection), filters, positions, lang, taille, max_noeuds),
                      ensure_ascii=False, separators=(",", ":")).encode()


@router.get("/api/carte/filtres", summary="Choix offerts par les filtres / Filter choices")
def map_filters_api(projection: ProjectionDep, lang: LangDep) -> dict:
    return derived(filter_options)(projection, lang)


@router.get("/api/recherche", summary="Recherche sans égard aux accents ni à la casse / Accent- and case-insensitive search")
def search_api(projection: ProjectionDep, lang: LangDep, q: Annotated[str, Query(min_length=1, max_length=200)],
               limite: Annotated[int, Query(ge=1, le=100)] = 20) -> dict:
    index = derived(_search_index)(projection, lang)
    wanted = fold(q).strip()
    found = [{"id": short_id(n), "nom": projection.label(n, lang), "type": kind} for key, n, kind in index if wanted in key]
    found.sort(key=lambda r: (not fold(r["nom"]).startswith(wanted), fold(r["nom"])))
    return {"requete": q, "total": len(found), "resultats": found[:limite]}


def _search_index(projection, lang: str) -> list[tuple[str, str, str]]:
    return sorted((fold(f"{projection.label(n, lang)} {a.get('acronym') or ''}"), n, a["kind"])
                  for n, a in projection.two_mode.nodes(data=True))
