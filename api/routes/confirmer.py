"""An organisation's private confirmation form: ``/confirmer/{organisation}/{jeton}``.

The token is the only key: no account, no session. A link opens only its own organisation's
form (another organisation's address with this token is 403, and so is a form naming another
organisation's seats); an ended campaign says so and how to reach the Consortium (410). The
pages are never indexed nor kept in a cache (``noindex``; ``no-store`` from the read cache's rule).
"""

from __future__ import annotations

import contextlib
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from ecosystem.accounts import state_dir
from ecosystem.campaign.changes import ADDED_ROWS, read_answer
from ecosystem.campaign.context import offered, resolver
from ecosystem.campaign.facts import OrgFacts, read_facts
from ecosystem.campaign.storage import AlreadyAnswered, Campaigns, Link
from ecosystem.campaign.tokens import form_guard, guard_matches
from ecosystem.i18n import Message
from ecosystem.projection import build_projection
from ecosystem.search import matches, rank, search_terms

from ..deps import LangDep
from ..rendering import page_context, templates

router = APIRouter(include_in_schema=False)
PRIVATE = {"X-Robots-Tag": "noindex, nofollow"}
"""Every answer under ``/confirmer/`` (and the staff's campaign pages): never indexed. Never cached either:
the read cache keeps these paths private, ``no-store`` (:data:`ecosystem.api.http_cache.PRIVATE`)."""


def campaigns_of(request: Request) -> Campaigns:
    return Campaigns(state_dir(request.app.state.settings))


def _slug(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _plain(
    request: Request, lang: str, status: int, title: Message, text: Message, contact: str | None = None
) -> HTMLResponse:
    context = page_context(request, lang, title.text(lang), None) | {"text": text.text(lang), "contact": contact}
    return templates.TemplateResponse(request, "confirmer-message.html", context, status_code=status, headers=PRIVATE)


_UNKNOWN = (
    Message("Lien inconnu", "Unknown link"),
    Message(
        "Ce lien ne correspond à aucune campagne. Vérifiez qu'il est copié en entier, ou écrivez au Consortium pour en recevoir un nouveau.",
        "This link matches no campaign. Check that it was copied whole, or write to the Consortium for a new one.",
    ),
)
_OTHER = (
    Message("Ce lien est celui d'une autre organisation", "This link belongs to another organisation"),
    Message(
        "Un lien n'ouvre que la fiche de son organisation. Utilisez le lien reçu pour la vôtre, ou écrivez au Consortium.",
        "A link opens only its own organisation's record. Use the link you received for yours, or write to the Consortium.",
    ),
)
_ENDED = (
    Message("Cette campagne est terminée", "This campaign has ended"),
    Message(
        "Le lien a expiré : la campagne de confirmation « {n} » est terminée. Pour corriger encore la fiche de votre organisation, "
        "écrivez au Consortium.",
        "The link has expired: the confirmation campaign “{n}” has ended. To still correct your organisation's record, write to the Consortium.",
    ),
)


def _link(request: Request, organisation: str, token: str, lang: str) -> Link | HTMLResponse:
    """The link the address opens, or the page that says why it opens nothing."""
    link = campaigns_of(request).find(token) if len(token) <= 100 else None
    if link is None:
        return _plain(request, lang, 404, *_UNKNOWN)
    if _slug(link.organisation) != organisation:
        return _plain(request, lang, 403, *_OTHER)
    if not link.open:
        title, text = _ENDED
        return _plain(request, lang, 410, title, text.format(n=link.campaign.name), link.campaign.contact)
    return link


def _prefill(facts: OrgFacts, lang: str) -> dict[str, list[str]]:
    """The form's fields as the graph fills them (numbers written as the reader writes them)."""
    values: dict[str, list[str]] = {"territoire": list(facts.territories), "secteur": list(facts.sectors)}
    for i, seat in enumerate(facts.seats):
        hours = seat.hours.replace(".", ",") if seat.hours and lang == "fr" else seat.hours
        values |= {
            f"s{i}-iri": [seat.iri],
            f"s{i}-role": list(seat.roles),
            f"s{i}-heures": [hours] if hours else [],
            f"s{i}-depuis": [seat.since] if seat.since else [],
        }
    for i, led in enumerate(facts.coordinated):
        values |= {f"c{i}-iri": [led.iri], f"c{i}-mandat": [led.mandate] if led.mandate else []}
    return values


def _form(
    request: Request, link: Link, facts: OrgFacts, projection, lang: str, values: dict, errors: dict, status: int = 200
) -> HTMLResponse:
    key = campaigns_of(request).key
    name = projection.label(link.organisation, lang)
    context = page_context(
        request, lang, Message("Confirmer la fiche : {n}", "Confirm the record: {n}").format(n=name).text(lang), None
    )
    context |= {
        "link": link,
        "facts": facts,
        "offered": offered(projection),
        "label": lambda iri: projection.label(iri, lang),
        "v": lambda key: values.get(key, []),
        "errors": errors,
        "guard": form_guard(key, link.token_hash),
        "rows": range(ADDED_ROWS),
        "instances": sorted((projection.label(i, lang) for i in projection.instances), key=str.lower),
        "action": f"/confirmer/{_slug(link.organisation)}/{request.path_params['jeton']}",
        "organisation": name,
    }
    return templates.TemplateResponse(request, "confirmer.html", context, status_code=status, headers=PRIVATE)


def _thanks(request: Request, link: Link, lang: str) -> HTMLResponse:
    from ecosystem import formatting

    return _plain(
        request,
        lang,
        200,
        Message("Merci : votre réponse est reçue", "Thank you: your answer is received"),
        Message(
            "Votre réponse du {d} est entre les mains de l'équipe du Consortium, qui la relit avant de mettre la carte à jour. "
            "Pour y changer quelque chose, écrivez au Consortium.",
            "Your answer of {d} is with the Consortium's staff, who read it before updating the map. "
            "To change something in it, write to the Consortium.",
        ).format(d=formatting.date(link.answered, lang)),
        link.campaign.contact,
    )


@router.get("/confirmer/{organisation}/{jeton}", response_class=HTMLResponse)
def confirmation_form(request: Request, organisation: str, jeton: str, lang: LangDep):
    found = _link(request, organisation, jeton, lang)
    if not isinstance(found, Link):
        return found
    if found.answered:
        return _thanks(request, found, lang)
    store = request.app.state.writes.store
    facts = read_facts(store, found.organisation)
    return _form(request, found, facts, build_projection(store), lang, _prefill(facts, lang), {})


def _owned(facts: OrgFacts, form) -> bool:
    """Whether every record the form names is one of this organisation's, in the order its form showed them."""
    seats = [form.get(f"s{i}-iri") for i in range(len(facts.seats))]
    led = [form.get(f"c{i}-iri") for i in range(len(facts.coordinated))]
    named = {k for k in form if k.endswith("-iri")}
    return (
        seats == [s.iri for s in facts.seats]
        and led == [c.iri for c in facts.coordinated]
        and named == {f"s{i}-iri" for i in range(len(seats))} | {f"c{i}-iri" for i in range(len(led))}
    )


@router.post("/confirmer/{organisation}/{jeton}", response_class=HTMLResponse)
async def send_answer(request: Request, organisation: str, jeton: str, lang: LangDep):
    found = _link(request, organisation, jeton, lang)
    if not isinstance(found, Link):
        return found
    form = await request.form()
    campaigns = campaigns_of(request)
    if not guard_matches(campaigns.key, found.token_hash, form.get("csrf")):
        raise HTTPException(
            403,
            Message(
                "Formulaire expiré ou incomplet : rouvrez votre lien et recommencez.",
                "Expired or incomplete form: open your link again and start over.",
            ).text(lang),
        )
    if found.answered:
        return _thanks(request, found, lang)
    store = request.app.state.writes.store
    facts = await run_in_threadpool(read_facts, store, found.organisation)
    if not _owned(facts, form):
        return _plain(request, lang, 403, *_OTHER)
    projection = build_projection(store)
    getlist = lambda key: [v for v in form.getlist(key) if isinstance(v, str)]  # noqa: E731
    changes, errors = read_answer(facts, getlist, offered(projection).choices, resolver(projection))
    if errors:
        values = {key: getlist(key) for key in form}
        return _form(request, found, facts, projection, lang, values, errors, 422)
    comment = (form.get("commentaire") if isinstance(form.get("commentaire"), str) else "") or ""
    with contextlib.suppress(AlreadyAnswered):  # sent twice (a double tap): the first answer stands
        campaigns.answer(found, changes, str(comment).strip()[:2000] or None)
    return RedirectResponse(f"/confirmer/{organisation}/{jeton}?lang={lang}", 303, headers=PRIVATE)


@router.get("/confirmer/{organisation}/{jeton}/instances", response_model=list[dict[str, Any]])
def instance_search(request: Request, organisation: str, jeton: str, lang: LangDep, q: str = ""):
    """The instances whose name the words begin (accents, case and sigles aside), for the form's suggestions."""
    found = _link(request, organisation, jeton, lang)
    if not isinstance(found, Link):
        return found
    projection = build_projection(request.app.state.writes.store)
    names = [(projection.label(i, lang), i) for i in projection.instances]
    hits = [
        name
        for name, iri in names
        if matches(q[:100], search_terms(name, projection.two_mode.nodes[iri].get("acronym")))
    ]
    return JSONResponse([{"nom": name} for name in sorted(hits, key=lambda n: rank(q, n))[:10]], headers=PRIVATE)
