"""Actors: the list, each actor's page (seats, load, over-solicitation, sources) and their JSON."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from ecosystem.folding import fold
from ecosystem.i18n import Message
from ecosystem.namespaces import actor_iri, concept_iri, territory_iri
from ecosystem.search import matches, search_terms

from ..deps import LangDep, PagingDep, ProjectionDep, SettingsDep, StoreDep, iri_or_none, node_or_404
from ..entities import actor_detail, actor_summary, own_age, store_facts
from ..rendering import render, render_named
from ..schemas import ActorDetail, ActorsPage, checked, problems

router = APIRouter(tags=["acteurs"])

Filter = Annotated[str | None, Query(max_length=200)]


def _list(projection, lang, q, territoire, secteur) -> list[dict]:
    nodes = projection.two_mode.nodes
    actors = projection.actors
    if territoire:
        wanted = iri_or_none(territory_iri, territoire)
        actors = [a for a in actors if wanted in projection.territory_ancestors(nodes[a].get("territory") or "")]
    if secteur:
        sector = str(concept_iri("secteurs", secteur))
        actors = [a for a in actors if sector in nodes[a].get("sector", ())]
    summaries = [actor_summary(projection, a, lang) for a in actors]
    if q:
        summaries = [
            s for s in summaries if matches(q, search_terms(s["nom"], nodes[s["iri"]].get("label"), s["sigle"]))
        ]
    return sorted(summaries, key=lambda s: fold(s["nom"]))


@router.get("/api/acteurs", response_model=ActorsPage, summary="Acteurs (paginés, filtrés) / Actors (paged, filtered)")
def actors_api(
    projection: ProjectionDep,
    lang: LangDep,
    paging: PagingDep,
    q: Filter = None,
    territoire: Filter = None,
    secteur: Filter = None,
) -> dict:
    return paging.apply(_list(projection, lang, q, territoire, secteur), "acteurs") | {"q": q}


@router.get("/acteurs", include_in_schema=False)
@router.get("/acteurs.json", include_in_schema=False)
def actors_page(
    request: Request,
    projection: ProjectionDep,
    lang: LangDep,
    paging: PagingDep,
    q: Filter = None,
    territoire: Filter = None,
    secteur: Filter = None,
):
    data = checked(ActorsPage, actors_api(projection, lang, paging, q, territoire, secteur))
    return render(request, "acteurs.html", data, lang, Message("Acteurs", "Actors"))


def _detail(ident: str, store, projection, lang: str, settings) -> dict:
    iri = node_or_404(projection, actor_iri, ident, "actor", Message("Acteur", "Actor"), lang)
    strategies, cited, ages = store_facts(store, projection, iri)
    return actor_detail(projection, iri, lang, cited, settings, ages) | {
        "strategies": strategies,
        "age": own_age(store, iri, ages.get(iri)),
    }


@router.get(
    "/api/acteurs/{ident}", response_model=ActorDetail, responses=problems(404), summary="Un acteur / One actor"
)
def actor_api(ident: str, store: StoreDep, projection: ProjectionDep, lang: LangDep, settings: SettingsDep) -> dict:
    return _detail(ident, store, projection, lang, settings)


@router.get("/acteurs/{ident}", include_in_schema=False)
def actor_page(
    request: Request, ident: str, store: StoreDep, projection: ProjectionDep, lang: LangDep, settings: SettingsDep
):
    data = checked(ActorDetail, _detail(ident.removesuffix(".json"), store, projection, lang, settings))
    return render_named(request, "acteur.html", data, lang)
