"""The journal in the browser: the history of every write, one resource's history, undo, revisions from the browser."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse

from ecosystem.accounts import Identity
from ecosystem.i18n import Message
from ecosystem.journal import Entry
from ecosystem.revisions import Revision, RevisionError, create_revision
from ecosystem.writes import UndoRefused

from ..auth import IdentityDep, StaffDep, author_of
from ..deps import LangDep, StoreDep
from ..rendering import templates
from ..schemas import checked
from ..schemas.documents import History
from ..staff_pages import organisation_name, page

router = APIRouter(tags=["historique"])

KINDS = {
    "import": Message("importation", "import"),
    "televersement": Message("téléversement", "upload"),
    "edition": Message("modification d'une fiche", "record edit"),
    "chargement": Message("chargement RDF", "RDF load"),
    "revision": Message("révision", "revision"),
    "annulation": Message("annulation", "undo"),
    "campagne": Message("campagne de confirmation", "confirmation campaign"),
    "suivi": Message("suivi du plan d'action", "action plan follow-up"),
}


def public_entry(store, entry: Entry, lang: str) -> dict:
    """An entry in public words: « déclaré par <organisation> le <date> », never an account or a person."""
    kind = KINDS.get(entry.kind, Message(entry.kind, entry.kind)).text(lang)
    return {
        **entry.to_dict(),
        "genre": kind,
        "par": organisation_name(store, entry.author.organisation, entry.author.origin, lang),
        "date": entry.at[:10],
    }


def write_revision(
    request: Request, identity: Identity, name: str, note: str | None, creator: str | None = None
) -> Revision:
    writes = request.app.state.writes
    creator = creator or organisation_name(writes.store, identity.organisation, "navigateur", "fr")
    with writes.session(author_of(identity), "revision", note) as store:
        return create_revision(store, name, note=note, creator=creator)


def history_of(request: Request, iri: str, lang: str, limit: int = 10) -> list[dict]:
    """The latest journal entries about one resource, in public words (for its page)."""
    writes = request.app.state.writes
    return [public_entry(writes.store, e, lang) for e in writes.journal.entries(about=iri, limit=limit)]


templates.env.globals["history_of"] = history_of


@router.get("/historique", include_in_schema=False)
@router.get("/historique.json", response_model=History, summary="Journal des modifications / Change journal")
def history_page(
    request: Request,
    store: StoreDep,
    lang: LangDep,
    identity: IdentityDep,
    ressource: Annotated[str | None, Query(max_length=500)] = None,
):
    journal = request.app.state.writes.journal
    data = checked(History, {"entrees": [public_entry(store, e, lang) for e in journal.entries(about=ressource)]})
    if request.url.path.endswith(".json"):
        return data
    return page(
        request,
        "equipe/historique.html",
        lang,
        Message("Historique des modifications", "Change history"),
        identity,
        entries=data["entrees"],
        resource=ressource,
        message=request.query_params.get("message"),
    )


@router.post("/historique/{entry_id}/annuler", include_in_schema=False)
async def undo(
    request: Request,
    entry_id: int,
    lang: LangDep,
    store: StoreDep,
    identity: StaffDep,
    note: Annotated[str | None, Form(max_length=2000)] = None,
):
    writes = request.app.state.writes
    try:
        await run_in_threadpool(writes.undo, entry_id, author_of(identity), note)
    except UndoRefused as refused:
        entries = [public_entry(store, e, lang) for e in writes.journal.entries()]
        return page(
            request,
            "equipe/historique.html",
            lang,
            Message("Historique des modifications", "Change history"),
            identity,
            status_code=409,
            entries=entries,
            resource=None,
            error=refused.message.text(lang),
        )
    return RedirectResponse(f"/historique?lang={lang}&message=annule", 303)


@router.post("/revisions", include_in_schema=False)
async def create_revision_form(
    request: Request,
    lang: LangDep,
    identity: StaffDep,
    nom: Annotated[str, Form(max_length=80)],
    note: Annotated[str | None, Form(max_length=2000)] = None,
):
    try:
        await run_in_threadpool(write_revision, request, identity, nom, note or None)
    except RevisionError as error:
        raise HTTPException(409 if "already exists" in error.message.en else 422, error.message.text(lang)) from error
    return RedirectResponse(f"/revisions/{nom}?lang={lang}", 303)
