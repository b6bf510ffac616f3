"""Issues (enjeux): each issue's page (the instances working on it, the territories without one) and its JSON."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ecosystem.mapfilters import filter_options
from ecosystem.namespaces import concept_iri

from ..deps import LangDep, ProjectionDep, not_found
from ..entities import issue_detail, matrix_data
from ..rendering import render_named
from ..schemas import IssueDetail, checked, problems
from ..schemas.entities import Choices

router = APIRouter(tags=["enjeux"])


def _detail(ident: str, projection, lang: str) -> dict:
    iri = str(concept_iri("enjeux", ident)) if ident else ""
    if iri not in projection.concepts:
        raise not_found("Enjeu" if lang == "fr" else "Issue", ident)
    matrix = matrix_data(projection)
    return issue_detail(projection, iri, lang, matrix)


@router.get("/api/enjeux", response_model=Choices, summary="Enjeux portés par des instances / Issues instances work on")
def issues_api(projection: ProjectionDep, lang: LangDep) -> dict:
    return {"enjeux": filter_options(projection, lang)["enjeux"]}


@router.get("/api/enjeux/{ident}", response_model=IssueDetail, responses=problems(404), summary="Un enjeu / One issue")
def issue_api(ident: str, projection: ProjectionDep, lang: LangDep) -> dict:
    return _detail(ident, projection, lang)


@router.get("/enjeux/{ident}", include_in_schema=False)
def issue_page(request: Request, ident: str, projection: ProjectionDep, lang: LangDep):
    data = checked(IssueDetail, _detail(ident.removesuffix(".json"), projection, lang))
    return render_named(request, "enjeu.html", data, lang)
