"""Revisions of the cartography: list, one revision, create (staff token), diff page, its JSON and its map."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ecosystem.export.diffmap import diff_map_svg
from ecosystem.i18n import Message
from ecosystem.revisions import (
    CURRENT_NAME,
    InvalidRevisionName,
    RevisionError,
    RevisionExists,
    diff_revisions,
    get_revision,
    list_revisions,
)

from ..auth import StaffDep
from ..deps import LangDep, SettingsDep, StoreDep
from ..rendering import render
from ..routes.historique import write_revision
from ..schemas import checked, problems
from ..schemas.base import FILE
from ..schemas.site import Revision, RevisionDiff, RevisionList, RevisionOne

router = APIRouter(tags=["revisions"])

RevisionName = Annotated[str, Query(description="Nom de révision, ou « courant » / Revision name, or courant")]


class NewRevision(BaseModel):
    nom: str = Field(description="Nom (lettres, chiffres, . _ -) / Name")
    note: str | None = Field(default=None, max_length=2000)
    auteur: str | None = Field(
        default=None, max_length=200, description="Organisation ou rôle, jamais une personne / Organisation or role"
    )


@router.get("/revisions", include_in_schema=False)
@router.get(
    "/revisions.json", response_model=RevisionList, summary="Révisions de la cartographie / Cartography revisions"
)
def revisions_page(request: Request, store: StoreDep, lang: LangDep):
    data = checked(RevisionList, {"revisions": [r.to_dict() for r in reversed(list_revisions(store))]})
    return render(
        request, "revisions/list.html", data, lang, Message("Révisions de la cartographie", "Cartography revisions")
    )


@router.post(
    "/api/revisions",
    status_code=201,
    response_model=Revision,
    responses=problems(401, 403, 409),
    summary="Créer une révision (jeton de l'équipe) / Create a revision (staff token)",
)
def create_revision_api(request: Request, body: NewRevision, identity: StaffDep, lang: LangDep) -> dict:
    try:
        return write_revision(request, identity, body.nom, body.note, body.auteur).to_dict()
    except RevisionExists as error:
        raise HTTPException(409, error.message.text(lang)) from error
    except InvalidRevisionName as error:
        raise HTTPException(422, error.message.text(lang)) from error


def _diff(store, avant: str, apres: str, lang: str, rule=None):
    try:
        return diff_revisions(store, avant, apres, lang, rule)
    except RevisionError as error:
        raise HTTPException(404, error.message.text(lang)) from error


@router.get("/revisions/diff", include_in_schema=False)
@router.get(
    "/revisions/diff.json",
    response_model=RevisionDiff,
    responses=problems(404),
    summary="Différences entre deux révisions / Differences between two revisions",
)
async def diff_page(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    lang: LangDep,
    avant: RevisionName,
    apres: RevisionName = CURRENT_NAME,
):
    diff = await run_in_threadpool(_diff, store, avant, apres, lang, settings.over_solicitation_rule())
    data = diff.to_dict()
    title = Message("Différences : {a} → {b}", "Differences: {a} → {b}").format(a=avant, b=apres)
    return render(request, "revisions/diff.html", data, lang, title)


@router.get(
    "/revisions/diff/carte.svg",
    summary="Carte des différences (SVG) / Map of the differences (SVG)",
    response_class=Response,
    responses={
        200: {"content": {"image/svg+xml": {"schema": FILE}}, "description": "La carte / The map"},
        **problems(404),
    },
)
async def diff_map(
    store: StoreDep,
    lang: LangDep,
    avant: RevisionName,
    apres: RevisionName = CURRENT_NAME,
    page: Literal["a3", "tabloid", "letter"] = "a3",
):
    def draw() -> str:
        return diff_map_svg(store, _diff(store, avant, apres, lang), page, lang)

    svg = await run_in_threadpool(draw)
    return Response(svg, media_type="image/svg+xml")


@router.get("/revisions/{name}", include_in_schema=False)
@router.get(
    "/revisions/{name}.json", response_model=RevisionOne, responses=problems(404), summary="Une révision / One revision"
)
def revision_page(request: Request, name: str, store: StoreDep, lang: LangDep):
    if name.endswith(".json"):
        name = name.removesuffix(".json")
    revision = get_revision(store, name)
    if revision is None:
        raise HTTPException(
            404, Message("Révision inconnue : « {n} ».", 'Unknown revision: "{n}".').format(n=name).text(lang)
        )
    return render(
        request,
        "revisions/one.html",
        checked(RevisionOne, {"revision": revision.to_dict()}),
        lang,
        Message("Révision « {n} »", 'Revision "{n}"').format(n=name),
    )
