"""The map: the page ``/`` and the data it draws, ``/api/carte`` (filters, focus, aggregation)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ecosystem.analysis.structure import structure
from ecosystem.cache import Derived, Stamped, derived, revalidated
from ecosystem.mapdata import MAX_NODES, map_data
from ecosystem.mapfilters import (
    MapFilters,
    filter_options,
    iri_of,
    short_id,
    strategy_filter,
    strategy_options,
)
from ecosystem.mapviews import kept_positions, kept_view, kept_view_function
from ecosystem.namespaces import concept_iri, territory_iri
from ecosystem.presentation import computed_at
from ecosystem.queries import plan_responsibilities
from ecosystem.search import matches, rank, search_terms

from ..deps import LangDep, ProjectionDep, StoreDep, StrategyFilter, iri_or_none
from ..entities import loads
from ..rendering import page_context, templates
from ..schemas.site import FilterOptions, MapData, SearchResults

router = APIRouter(tags=["carte"])

Slug = Annotated[str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9._~%/-]*$")]


def map_filters(
    territoire: Slug = None,
    enjeu: Slug = None,
    secteur: Slug = None,
    type: Slug = None,
    role: Slug = None,
    focus: Slug = None,
    profondeur: Annotated[int, Query(ge=0, le=6)] = 1,
    locales: bool = False,
    strategie: StrategyFilter = None,
    responsibilities: dict | None = None,
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
    """Node → community number, from the structure analysis (after a write, the previous version's while
    the new one is computed in the background: see :func:`community_stamp`)."""
    result = community_stamp(projection).value
    return {
        member["iri"]: group["numero"]
        for group in result.communautes
        for member in group["instances"] + group["acteurs"]
    }


def community_stamp(projection) -> Stamped:
    """The structure analysis the map's communities come from, stamped with the version it was computed at."""
    return revalidated(structure)(projection, 0)


@router.get("/", include_in_schema=False)
def map_page(request: Request, store: StoreDep, projection: ProjectionDep, lang: LangDep):
    context = page_context(
        request,
        lang,
        "Carte de l'écosystème" if lang == "fr" else "Ecosystem map",
        "/api/carte" + (f"?{request.url.query}" if request.url.query else ""),
    )
    options = {
        **derived(filter_options)(projection, lang),
        "strategies": strategy_options(plan_responsibilities(store)),
    }
    return templates.TemplateResponse(request, "carte.html", {"options": options, **context})


@router.get(
    "/api/carte",
    response_model=None,
    responses={200: {"model": MapData, "description": "La vue / The view"}},
    summary="Nœuds et liens de la carte / The map's nodes and edges",
)
def map_api(
    store: StoreDep,
    projection: ProjectionDep,
    lang: LangDep,
    territoire: Slug = None,
    enjeu: Slug = None,
    secteur: Slug = None,
    type: Slug = None,
    role: Slug = None,
    focus: Slug = None,
    profondeur: Annotated[int, Query(ge=0, le=6)] = 1,
    taille: Literal["sieges", "charge", "membres"] = "sieges",
    couleur: Literal["secteur", "type", "territoire", "communaute"] = "secteur",
    locales: Annotated[
        bool,
        Query(description="Seulement les instances du territoire et de ceux qu'il contient / Local instances only"),
    ] = False,
    max_noeuds: Annotated[int, Query(ge=10, le=MAX_NODES)] = MAX_NODES,
    strategie: StrategyFilter = None,
) -> Response:
    """The filtered view with positions computed on the server (physics off in the page); beyond
    ``max_noeuds`` nodes, one node per kind and territory (``agrege``). A territory keeps the
    instances of the territories that contain it (regional tables) unless ``locales``."""
    filters = map_filters(
        territoire,
        enjeu,
        secteur,
        type,
        role,
        focus,
        profondeur,
        locales,
        strategie,
        plan_responsibilities(store) if strategie else None,
    )
    stamped = community_stamp(projection) if couleur == "communaute" else None
    fresh = stamped is None or stamped.fresh  # a map coloured by stale communities is kept apart from the fresh one
    body = derived(_map_body, keep=64)(projection, filters, lang, taille, max_noeuds, couleur, fresh)
    # stale communities: kept by no cache, the fresh ones replace them shortly
    return Response(
        body, media_type="application/json", headers=None if fresh else {"Cache-Control": "private, no-store"}
    )


@dataclass(frozen=True)
class Drawing:
    """How a view is drawn, beside what it keeps (its :class:`MapFilters`): one key for the kept view data.

    Parameters
    ----------
    lang : str
        The reader's language (``fr`` or ``en``).
    taille : str
        What sizes the nodes (``sieges``, ``charge``, ``membres``).
    max_noeuds : int
        Beyond this many nodes the view is aggregated.
    couleur : str
        What colours the nodes (``secteur``, ``type``, ``territoire``, ``communaute``).
    """

    lang: str
    taille: str
    max_noeuds: int
    couleur: str


def _map_body(
    projection,
    filters: MapFilters,
    lang: str,
    taille: str,
    max_noeuds: int,
    couleur: str = "secteur",
    fresh: bool = True,
) -> bytes:
    """Serialised once per data version and view (under many clients the JSON encoding dominates): the
    province's totals (and when the communities were computed), then the view's part, carried from the
    previous version when the write left it as it was."""
    drawing = Drawing(lang, taille, max_noeuds, couleur)
    head = b'{"total":' + derived(_totals)(projection) + b","
    if couleur == "communaute":
        stamped = community_stamp(projection)
        stamp = computed_at(stamped.stamp, projection.derived.stamp, stamped.fresh, lang)
        head += (
            b'"communautes_calculees":' + json.dumps(stamp, ensure_ascii=False, separators=(",", ":")).encode() + b","
        )
        rest = _serialised(_view_data(projection, filters, drawing))  # kept with the body, per freshness
    else:
        head += b'"communautes_calculees":null,'
        rest = derived(_view_body, keep=64, carry=_carry_view_body)(projection, filters, drawing)
    return head + rest[1:]


def _totals(projection) -> bytes:
    graph = projection.two_mode
    return json.dumps({"noeuds": graph.number_of_nodes(), "liens": graph.number_of_edges()}).encode()


def _serialised(data: dict) -> bytes:
    return json.dumps(
        {k: v for k, v in data.items() if k != "total"}, ensure_ascii=False, separators=(",", ":")
    ).encode()


def _view_body(projection, filters: MapFilters, drawing: Drawing) -> bytes:
    """The view's part of the body, serialised from the kept view data."""
    return _serialised(derived(_view_data, keep=64, carry=_carry_view_data)(projection, filters, drawing))


def _carry_view_body(
    previous: bytes, change, ancestor: Derived, projection, filters: MapFilters, drawing: Drawing
) -> bytes:
    """The previous view's part when the write left the view as it was (communities aside: they are global)."""
    if drawing.couleur != "communaute" and kept_view(projection, filters) is ancestor.result(
        kept_view_function(), filters
    ):
        return previous
    return _view_body(projection, filters, drawing)


def _view_data(
    projection,
    filters: MapFilters,
    drawing: Drawing,
    previous: dict | None = None,
    touched: frozenset = frozenset(),
) -> dict:
    """:func:`ecosystem.mapdata.map_data` of the kept view at its kept positions (``previous``, ``touched``: as it says)."""
    view = kept_view(projection, filters)
    small = view.number_of_nodes() <= drawing.max_noeuds
    return map_data(
        projection,
        loads(projection),
        filters,
        kept_positions(projection, filters if small else None),
        drawing.lang,
        drawing.taille,
        drawing.max_noeuds,
        drawing.couleur,
        communities(projection) if drawing.couleur == "communaute" else None,
        view=view,
        previous=previous,
        touched=touched,
    )


def _carry_view_data(
    previous: dict, change, ancestor: Derived, projection, filters: MapFilters, drawing: Drawing
) -> dict:
    """The previous view's data with the touched nodes' entries and edges made again (only they can differ),
    unless the view depends on more than each node's own facts (sector, role, focus, communities, aggregation)."""
    whole = (
        change.territories
        or filters.sector
        or filters.role
        or filters.focus
        or drawing.couleur == "communaute"
        or previous["agrege"]
    )
    if whole:
        return _view_data(projection, filters, drawing)
    return _view_data(projection, filters, drawing, previous, change.nodes)


@router.get(
    "/api/carte/filtres", response_model=FilterOptions, summary="Choix offerts par les filtres / Filter choices"
)
def map_filters_api(store: StoreDep, projection: ProjectionDep, lang: LangDep) -> dict:
    return {**derived(filter_options)(projection, lang), "strategies": strategy_options(plan_responsibilities(store))}


@router.get(
    "/api/recherche",
    response_model=SearchResults,
    summary="Recherche : mots dans tout ordre, sans accents ni casse, sigles / Search: words in any order, accents, case, acronyms",
)
def search_api(
    projection: ProjectionDep,
    lang: LangDep,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limite: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict:
    """The whole graph is searched, whatever the map's filters."""
    index = derived(_search_index)(projection, lang)
    found = [
        {"id": short_id(n), "nom": projection.label(n, lang), "type": kind}
        for terms, n, kind in index
        if matches(q, terms)
    ]
    found.sort(key=lambda r: rank(q, r["nom"]))
    return {"requete": q, "total": len(found), "resultats": found[:limite]}


def _search_index(projection, lang: str) -> list[tuple[frozenset, str, str]]:
    return [
        (search_terms(projection.label(n, lang), a.get("label"), a.get("acronym")), n, a["kind"])
        for n, a in projection.two_mode.nodes(data=True)
    ]
