"""Pages of the staff and partners' area: the common context (who is signed in, the CSRF token)."""

from __future__ import annotations

from fastapi import Request

from ecosystem.accounts import Identity
from ecosystem.i18n import Message
from ecosystem.projection import build_projection
from ecosystem.store import Store

from .rendering import page_context, templates

__all__ = ["ROLE_NAMES", "organisation_name", "page"]

ROLE_NAMES = {
    "public": Message("public", "public"),
    "partenaire": Message("partenaire", "partner"),
    "equipe": Message("équipe", "staff"),
}
STAFF = Message("l'équipe du Consortium", "the Consortium's staff")
COMMAND_LINE = Message("l'équipe du Consortium (ligne de commande)", "the Consortium's staff (command line)")


def organisation_name(store: Store, organisation: str | None, origin: str, lang: str) -> str:
    """Who declared a change, in public words: the organisation, never a person."""
    if organisation:
        return build_projection(store).label(organisation, lang)
    return (COMMAND_LINE if origin == "ligne de commande" else STAFF).text(lang)


def page(
    request: Request,
    template: str,
    lang: str,
    title: Message,
    identity: Identity | None,
    status_code: int = 200,
    **data,
):
    context = page_context(request, lang, title.text(lang), None)
    context.update(identity=identity, csrf=identity.csrf if identity else None, role_names=ROLE_NAMES, **data)
    return templates.TemplateResponse(request, template, context, status_code=status_code)
