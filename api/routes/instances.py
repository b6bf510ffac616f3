"""Instances: the list (mandates, members), each instance's page (overlaps, sources) and their JSON."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from ecosystem.folding import fold
from ecosystem.i18n import Message
from ecosystem.namespaces import concept_iri, instance_iri, territory_iri
from ecosystem.search import matches, search_terms

from ..deps import LangDep, PagingDep, ProjectionDep, StoreDep, iri_or_none, node_or_404
from ..entities import instance_detail, instance_listed, store_facts
from ..rendering import render, render_named
from ..schemas import InstanceDetail, InstancesPage, checked, problems

router = APIRouter(tags=["instances"])

Filter = Annotated[str | None, Query(max_length=200)]


def _list(projection, lang, q, territoire, enjeu, type) -> list[dict]:
    nodes = projection.two_mode.nodes
    instances = projection.instances
    if territoire:
        wanted = iri_or_none(territory_iri, territoire)
        instances = [i for i in instances if wanted in projection.territory_ancestors(nodes[i].get("territory") or "")]
    if enjeu:
        issue = str(concept_iri("enjeux", enjeu))
        instances = [i for i in instances if issue in nodes[i].get("issues", ())]
    if type:
        kind = str(concept_iri("types-instance", type))
        instances = [i for i in instances if nodes[i].get("instance_type") == kind]
    summaries = [instance_listed(projection, i, lang) for i in instances]
    if q:
        summaries = [
            s
            for s in summaries
            if matches(q, search_terms(s["nom"], nodes[s["iri"]].get("label"), nodes[s["iri"]].get("acronym")))
        ]
    return sorted(summaries, key=lambda s: fold(s["nom"]))


@router.get(
    "/api/instances",
    response_model=InstancesPage,
    summary="Instances (paginées, filtrées) / Instances (paged, filtered)",
)
def instances_api(
    projection: ProjectionDep,
    lang: LangDep,
    paging: PagingDep,
    q: Filter = None,
    territoire: Filter = None,
    enjeu: Filter = None,
    type: Filter = None,
) -> dict:
    return paging.apply(_list(projection, lang, q, territoire, enjeu, type), "instances") | {"q": q}


@router.get("/instances", include_in_schema=False)
@router.get("/instances.json", include_in_schema=False)
def instances_page(
    request: Request,
    projection: ProjectionDep,
    lang: LangDep,
    paging: PagingDep,
    q: Filter = None,
    territoire: Filter = None,
    enjeu: Filter = None,
    type: Filter = None,
):
    """The page and its twin: the same model as ``/api/instances``."""
    data = checked(InstancesPage, instances_api(projection, lang, paging, q, territoire, enjeu, type))
    return render(request, "instances.html", data, lang, Message("Instances de concertation", "Concertation instances"))


def _detail(ident: str, store, projection, lang: str) -> dict:
    iri = node_or_404(projection, instance_iri, ident, "instance", Message("Instance", "Instance"), lang)
    strategies, cited, ages = store_facts(store, projection, iri)
    return instance_detail(projection, iri, lang, cited, ages=ages) | {"strategies": strategies}


@router.get(
    "/api/instances/{ident}",
    response_model=InstanceDetail,
    responses=problems(404),
    summary="Une instance / One instance",
)
def instance_api(ident: str, store: StoreDep, projection: ProjectionDep, lang: LangDep) -> dict:
    return _detail(ident, store, projection, lang)


@router.get("/instances/{ident}", include_in_schema=False)
def instance_page(request: Request, ident: str, store: StoreDep, projection: ProjectionDep, lang: LangDep):
    data = checked(InstanceDetail, _detail(ident.removesuffix(".json"), store, projection, lang))
    return render_named(request, "instance.html", data, lang)
