"""A campaign under way, for staff: its last day moved later, one organisation's link reopened after it answered.

Both are recorded with the campaign (:meth:`~ecosystem.campaign.storage.Campaigns.events`) and told on
its progress page, beside the territories its invitations were limited to. A reopened link shows the
organisation its form again, pre-filled with what the map says now; its new answer waits for review as
the first did, and the first answer's decisions stay.
"""

from __future__ import annotations

import datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ecosystem.campaign.storage import WITHOUT_TERRITORY, Campaign, Campaigns
from ecosystem.folding import fold
from ecosystem.i18n import Message
from ecosystem.projection import Projection

from ..auth import StaffDep
from ..deps import LangDep
from ..routes.confirmer import PRIVATE, campaigns_of

router = APIRouter(include_in_schema=False)
_NOT_FOUND = Message("Campagne introuvable.", "Campaign not found.")


def campaign_story(campaigns: Campaigns, campaign: Campaign, projection: Projection, lang: str) -> dict:
    """What the progress page tells of the campaign's scope and of staff's changes (names, ISO dates, codes).

    ``scope``: the names of the territories the invitations were limited to (None: every organisation),
    with ``without`` when the organisations without a territory were invited too; ``history``: each
    change, oldest first, as ``{at, kind, before, after, organisation}``; ``next_day``: the first day the
    last day may be moved to."""
    chosen = campaign.territories
    scope = None
    if chosen is not None:
        scope = sorted((projection.label(t, lang) for t in chosen if t != WITHOUT_TERRITORY), key=fold)
    history = [
        {
            "at": event.at,
            "kind": event.kind,
            "before": event.detail.get("avant"),
            "after": event.detail.get("apres"),
            "organisation": projection.label(event.detail["organisation"], lang)
            if "organisation" in event.detail
            else None,
        }
        for event in campaigns.events(campaign.id)
    ]
    next_day = max(campaign.last_day + datetime.timedelta(days=1), datetime.date.today())
    return {
        "scope": scope,
        "without": chosen is not None and WITHOUT_TERRITORY in chosen,
        "history": history,
        "next_day": next_day.isoformat(),
    }


def _found(request: Request, campaign_id: int, lang: str) -> tuple[Campaigns, Campaign]:
    campaigns = campaigns_of(request)
    campaign = campaigns.get(campaign_id)
    if campaign is None:
        raise HTTPException(404, _NOT_FOUND.text(lang))
    return campaigns, campaign


def _back(campaign_id: int, lang: str, done: str) -> RedirectResponse:
    return RedirectResponse(f"/equipe/campagnes/{campaign_id}?lang={lang}&fait={done}#historique", 303, headers=PRIVATE)


@router.post("/equipe/campagnes/{campaign_id}/prolonger", response_class=HTMLResponse)
def extend_campaign(
    request: Request, campaign_id: int, lang: LangDep, identity: StaffDep, fin: Annotated[datetime.date, Form()]
):
    """Move the campaign's last day later: its links answer until the end of ``fin``."""
    campaigns, campaign = _found(request, campaign_id, lang)
    if campaign.closed is not None:
        raise HTTPException(
            409,
            Message(
                "Cette campagne a été close : elle ne se prolonge pas. Lancez-en une nouvelle.",
                "This campaign was closed: it cannot be extended. Start a new one.",
            ).text(lang),
        )
    if fin <= campaign.last_day or fin < datetime.date.today():
        raise HTTPException(
            422,
            Message(
                "Le nouveau dernier jour doit venir après l'actuel et ne pas être passé.",
                "The new last day must come after the current one and not be past.",
            ).text(lang),
        )
    campaigns.extend(campaign_id, fin, identity.account.id if identity.account else None)
    return _back(campaign_id, lang, "prolongee")


@router.post("/equipe/campagnes/{campaign_id}/rouvrir", response_class=HTMLResponse)
def reopen_link(
    request: Request,
    campaign_id: int,
    lang: LangDep,
    identity: StaffDep,
    organisation: Annotated[str, Form(max_length=200)],
):
    """Let one organisation that answered answer again, through the same link."""
    campaigns, campaign = _found(request, campaign_id, lang)
    link = next((k for k in campaigns.links(campaign_id) if k.organisation.rsplit("/", 1)[-1] == organisation), None)
    if link is None:
        raise HTTPException(404, Message("Lien introuvable.", "Link not found.").text(lang))
    if not campaign.open:
        raise HTTPException(
            409,
            Message(
                "La campagne est terminée : prolongez-la d'abord, puis rouvrez le lien.",
                "The campaign has ended: extend it first, then reopen the link.",
            ).text(lang),
        )
    if not campaigns.reopen(link, identity.account.id if identity.account else None):
        raise HTTPException(
            409,
            Message(
                "Ce lien attend déjà une réponse : il n'y a rien à rouvrir.",
                "This link is already waiting for an answer: there is nothing to reopen.",
            ).text(lang),
        )
    return _back(campaign_id, lang, "rouvert")
