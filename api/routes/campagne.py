"""Confirmation campaigns, for staff: start one, follow its progress, export its links, review the answers.

Accepting a proposed change writes it through the one write path (one transaction, one
journal entry, undoable from the history) with the date the organisation declared it;
rejecting records the decision only. Nothing of a campaign but accepted changes reaches the graph.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from rdflib import URIRef

from ecosystem import formatting
from ecosystem.accounts import Identity
from ecosystem.campaign.apply import ApplyRefused, plan_change
from ecosystem.campaign.context import invitees, links_csv, links_xlsx
from ecosystem.campaign.storage import WITHOUT_TERRITORY, Campaign, Campaigns, Item, Link
from ecosystem.campaign.words import describe
from ecosystem.folding import fold
from ecosystem.i18n import Message
from ecosystem.journal import Author
from ecosystem.namespaces import ORG
from ecosystem.projection import Projection, build_projection
from ecosystem.queries import triples_about
from ecosystem.writes import Change

from ..auth import StaffDep
from ..deps import LangDep
from ..routes.campagne_suivi import campaign_story
from ..routes.confirmer import PRIVATE, campaigns_of
from ..staff_pages import page

router = APIRouter(include_in_schema=False)
DEFAULT_DAYS = 45
"""A campaign's default length: six weeks and a bit, time for partners' boards to meet once."""
_NOT_FOUND = Message("Campagne introuvable.", "Campaign not found.")
_NO_TERRITORY = Message("Sans territoire", "No territory")
_WITHOUT = Message("Organisations sans territoire connu", "Organisations with no known territory")
_NOBODY = Message(
    "Aucune organisation de la carte dans ces territoires : rien n'est lancé.",
    "No organisation of the map in these territories: nothing was started.",
)


def _private(response):
    response.headers.update(PRIVATE)
    return response


def _campaign(request: Request, campaign_id: int, lang: str) -> tuple[Campaigns, Campaign]:
    campaigns = campaigns_of(request)
    found = campaigns.get(campaign_id)
    if found is None:
        raise HTTPException(404, _NOT_FOUND.text(lang))
    return campaigns, found


def territory_choices(projection: Projection, lang: str) -> list[tuple[str, str]]:
    """The territories a campaign may be limited to, by name, then the organisations without one."""
    named = sorted(((iri, projection.label(iri, lang)) for iri in projection.territories), key=lambda c: fold(c[1]))
    return [*named, (WITHOUT_TERRITORY, _WITHOUT.text(lang))]


@router.get("/equipe/campagnes", response_class=HTMLResponse)
def campaigns_page(request: Request, lang: LangDep, identity: StaffDep):
    default_end = datetime.date.today() + datetime.timedelta(days=DEFAULT_DAYS)
    return _private(
        page(
            request,
            "campagne/liste.html",
            lang,
            Message("Campagnes de confirmation", "Confirmation campaigns"),
            identity,
            campaigns=campaigns_of(request).all(),
            default_end=default_end.isoformat(),
            territories=territory_choices(build_projection(request.app.state.writes.store), lang),
        )
    )


@router.post("/equipe/campagnes", response_class=HTMLResponse)
async def start_campaign(
    request: Request,
    lang: LangDep,
    identity: StaffDep,
    nom: Annotated[str, Form(max_length=200)],
    contact: Annotated[str, Form(max_length=300)],
    fin: Annotated[datetime.date, Form()],
    territoire: Annotated[list[str], Form(max_length=200)] = [],  # noqa: B006 (FastAPI copies a form default)
):
    if fin < datetime.date.today():
        raise HTTPException(422, Message("La date de fin est passée.", "The end date is past.").text(lang))
    store = request.app.state.writes.store
    chosen = set(territoire) or None
    known = {iri for iri, _ in territory_choices(build_projection(store), lang)}
    if chosen is not None and not chosen <= known:
        raise HTTPException(422, Message("Territoire inconnu.", "Unknown territory.").text(lang))

    def create() -> int:
        invited = invitees(store, build_projection(store), chosen)
        if not invited:
            raise ValueError(_NOBODY.text(lang))
        return campaigns_of(request).create(
            nom,
            contact,
            fin,
            invited,
            identity.account.id if identity.account else None,
            sorted(chosen) if chosen is not None else None,
        )

    try:
        campaign_id = await run_in_threadpool(create)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    return RedirectResponse(f"/equipe/campagnes/{campaign_id}?lang={lang}", 303)


def link_address(request: Request, campaigns: Campaigns, link: Link) -> str:
    """The whole private address of ``link``, as the organisation will open it."""
    return (
        f"{str(request.base_url).rstrip('/')}/confirmer/{link.organisation.rsplit('/', 1)[-1]}/{campaigns.token(link)}"
    )


def progress(links: list[Link], pending: int, projection: Projection, lang: str) -> dict:
    """Answered / invited, facts confirmed, corrected and still unconfirmed, by territory (and in all)."""
    rows: dict[str, dict] = defaultdict(
        lambda: {"invited": 0, "answered": 0, "confirmed": 0, "corrected": 0, "unconfirmed": 0}
    )
    for link in links:
        name = projection.label(link.territory, lang) if link.territory else _NO_TERRITORY.text(lang)
        for key in (name, "__all__"):
            row = rows[key]
            row["invited"] += 1
            if link.answered:
                row["answered"] += 1
                row["confirmed"] += link.confirmed
                row["corrected"] += link.corrected
            else:
                row["unconfirmed"] += link.facts
    total = rows.pop("__all__", None) or {"invited": 0, "answered": 0, "confirmed": 0, "corrected": 0, "unconfirmed": 0}
    return {"territories": sorted(rows.items()), "total": total, "pending": pending}


@router.get("/equipe/campagnes/{campaign_id}", response_class=HTMLResponse)
def campaign_page(request: Request, campaign_id: int, lang: LangDep, identity: StaffDep):
    campaigns, campaign = _campaign(request, campaign_id, lang)
    projection = build_projection(request.app.state.writes.store)
    links = campaigns.links(campaign_id)
    pending = sum(1 for item in campaigns.items(campaign_id) if item.decision is None)
    listed = sorted(
        (
            {
                "name": projection.label(link.organisation, lang),
                "address": link_address(request, campaigns, link),
                "answered": link.answered,
                "reopened": link.reopened,
                "ident": link.organisation.rsplit("/", 1)[-1],
            }
            for link in links
        ),
        key=lambda r: str(r["name"]).lower(),
    )
    return _private(
        page(
            request,
            "campagne/campagne.html",
            lang,
            Message("Campagne : {n}", "Campaign: {n}").format(n=campaign.name),
            identity,
            campaign=campaign,
            progress=progress(links, pending, projection, lang),
            links=listed,
            **campaign_story(campaigns, campaign, projection, lang),
            done=request.query_params.get("fait"),
        )
    )


def _table(request: Request, campaigns: Campaigns, campaign: Campaign) -> list[list[str]]:
    projection = build_projection(request.app.state.writes.store)
    rows = [
        [
            projection.label(link.organisation),
            projection.label(link.territory) if link.territory else "",
            link_address(request, campaigns, link),
            formatting.date(campaign.expires),
            formatting.date(link.answered) if link.answered else "",
            campaign.contact,
        ]
        for link in campaigns.links(campaign.id)
    ]
    return sorted(rows, key=lambda r: r[0].lower())


@router.get("/equipe/campagnes/{campaign_id}/liens.{extension}")
def campaign_links(request: Request, campaign_id: int, extension: str, lang: LangDep, identity: StaffDep):
    if extension not in ("csv", "xlsx"):
        raise HTTPException(404, _NOT_FOUND.text(lang))
    campaigns, campaign = _campaign(request, campaign_id, lang)
    rows = _table(request, campaigns, campaign)
    body, media = (
        (links_csv(rows), "text/csv; charset=utf-8")
        if extension == "csv"
        else (links_xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    )
    return Response(
        body,
        media_type=media,
        headers={**PRIVATE, "Content-Disposition": f'attachment; filename="campagne-{campaign_id}-liens.{extension}"'},
    )


@router.post("/equipe/campagnes/{campaign_id}/clore", response_class=HTMLResponse)
def close_campaign(request: Request, campaign_id: int, lang: LangDep, identity: StaffDep):
    campaigns, _ = _campaign(request, campaign_id, lang)
    campaigns.close(campaign_id)
    return RedirectResponse(f"/equipe/campagnes/{campaign_id}?lang={lang}", 303)


def _seat_instances(store, items: list[Item]) -> dict[str, str]:
    """Seat IRI → its instance, for the seats the changes name (removed seats carry theirs)."""
    named = {URIRef(s) for item in items for s in [item.change.get("subject"), *item.change.get("subjects", [])] if s}
    found = {str(s): str(o) for s, p, o in triples_about(store, named, [ORG.organization])}
    return found | {i.change["subject"]: i.change["instance"] for i in items if i.change["kind"] == "retirer"}


@router.get("/equipe/campagnes/{campaign_id}/revue", response_class=HTMLResponse)
def review_page(request: Request, campaign_id: int, lang: LangDep, identity: StaffDep):
    return _review(request, campaign_id, lang, identity)


def _review(
    request: Request, campaign_id: int, lang: str, identity: Identity, refusal: tuple[int, Message] | None = None
):
    campaigns, campaign = _campaign(request, campaign_id, lang)
    store = request.app.state.writes.store
    projection = build_projection(store)
    items = campaigns.items(campaign_id)
    seats = _seat_instances(store, items)
    label = lambda iri, lang: projection.label(iri, lang)  # noqa: E731
    answers: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        answers[item.organisation].append(
            {
                "id": item.id,
                "decision": item.decision,
                "decided": item.decided,
                "answered": item.answered,
                **describe(item.change, label, lang, seats.get),
            }
        )
    listed = sorted(
        ((projection.label(org, lang), org, changes) for org, changes in answers.items()), key=lambda a: a[0].lower()
    )
    comments = {projection.label(org, lang): text for org, text in campaigns.comments(campaign_id).items()}
    return _private(
        page(
            request,
            "campagne/revue.html",
            lang,
            Message("Réponses à relire : {n}", "Answers to review: {n}").format(n=campaign.name),
            identity,
            status_code=409 if refusal else 200,
            campaign=campaign,
            answers=listed,
            comments=comments,
            done=request.query_params.get("fait"),
            refusal=refusal,
        )
    )


def _accept(request: Request, campaigns: Campaigns, campaign_id: int, item: Item, identity: Identity) -> None:
    """Apply one proposed change as one journaled transaction, and record it accepted (both under the write lock)."""
    writes = request.app.state.writes
    author = Author(identity.account.id if identity.account else None, item.organisation, "navigateur")
    with writes.session(author, "campagne") as store:
        if campaigns.items(campaign_id, item.id)[0].decision is not None:
            return  # decided meanwhile, in another tab
        name = build_projection(store).label(item.organisation, "fr")
        add, remove = plan_change(
            store, item.change, item.organisation, name, datetime.date.fromisoformat(item.answered[:10])
        )
        entry = (
            writes.write(
                Change(add=add, remove=remove, about={item.organisation}),
                author,
                "campagne",
                "Campagne de confirmation : réponse acceptée",
            )
            if add or remove
            else None
        )
        campaigns.decide(item.id, "acceptee", author.account_id, entry.id if entry else None)


@router.post("/equipe/campagnes/{campaign_id}/revue/{item_id}", response_class=HTMLResponse)
async def decide(
    request: Request,
    campaign_id: int,
    item_id: int,
    lang: LangDep,
    identity: StaffDep,
    decision: Annotated[str, Form(pattern="^(accepter|rejeter)$")],
):
    campaigns, _ = _campaign(request, campaign_id, lang)
    found = campaigns.items(campaign_id, item_id)
    if not found:
        raise HTTPException(404, _NOT_FOUND.text(lang))
    item = found[0]
    if item.decision is None and decision == "rejeter":
        campaigns.decide(item_id, "rejetee", identity.account.id if identity.account else None)
    elif item.decision is None:
        try:
            await run_in_threadpool(_accept, request, campaigns, campaign_id, item, identity)
        except ApplyRefused as refused:
            return _review(request, campaign_id, lang, identity, (item_id, refused.message))
    return RedirectResponse(
        f"/equipe/campagnes/{campaign_id}/revue?lang={lang}&fait={item_id}#changement-{item_id}", 303
    )


@router.post("/equipe/campagnes/{campaign_id}/accepter-tout", response_class=HTMLResponse)
async def accept_all(
    request: Request,
    campaign_id: int,
    lang: LangDep,
    identity: StaffDep,
    organisation: Annotated[str, Form(max_length=500)],
):
    """Accept every change of one organisation still waiting, one transaction each, in order; the first refused stops."""
    campaigns, _ = _campaign(request, campaign_id, lang)
    waiting = [
        item for item in campaigns.items(campaign_id) if item.organisation == organisation and item.decision is None
    ]
    for item in waiting:
        try:
            await run_in_threadpool(_accept, request, campaigns, campaign_id, item, identity)
        except ApplyRefused as refused:
            return _review(request, campaign_id, lang, identity, (item.id, refused.message))
    return RedirectResponse(f"/equipe/campagnes/{campaign_id}/revue?lang={lang}&fait=tout", 303)
