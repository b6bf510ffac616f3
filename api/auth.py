"""Who is asking, and may they: sessions (cookie + CSRF token), named API tokens, roles.

Every route that changes anything declares ``Depends(Access("partenaire"))`` or
``Depends(Access("equipe"))``; a test walks the application's routes and fails on any
unsafe-method route without it (unless listed in :data:`OPEN_POSTS`, which read only).
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.datastructures import UploadFile

from ecosystem.accounts import Accounts, Identity, state_dir
from ecosystem.i18n import Message
from ecosystem.journal import Author, Journal
from ecosystem.writes import WritePath

__all__ = ["OPEN_POSTS", "SESSION_COOKIE", "Access", "IdentityDep", "attach", "author_of", "current_identity", "detach"]

SESSION_COOKIE = "eco_session"
CSRF_FIELD = "csrf"
CSRF_HEADER = "X-CSRF-Token"
OPEN_POSTS = frozenset(
    {
        "/api/verifier",
        "/verifier",
        "/sparql",
        "/connexion",
        "/interne/lire",
        "/interne/ecrire",
        "/confirmer/{organisation}/{jeton}",
    }
)
"""Unsafe-method routes without :class:`Access`: they read only (a check, a SPARQL query), sign in,
are the local socket's own routes (guarded by ``local_only``), or an organisation's campaign answer
(guarded by its private link's token and the form's own anti-forgery value; it writes nothing to the data,
only an answer for staff to review)."""
_RANK = {"public": 0, "partenaire": 1, "equipe": 2}
PUBLIC = Identity(None, "public")


def attach(app, settings, store) -> None:
    """The write path, the journal and the accounts of the app over ``store``."""
    folder = state_dir(settings)
    app.state.accounts = Accounts(folder)
    app.state.writes = WritePath(store, Journal(folder))


def detach(app) -> None:
    """At shutdown: whatever the server set up for the command line (its socket) goes."""
    cleanup = getattr(app.state, "cleanup", None)
    if cleanup is not None:
        cleanup()


def _say(request: Request, message: Message) -> str:
    return message.text("en" if request.query_params.get("lang") == "en" else "fr")


def current_identity(request: Request) -> Identity:
    """The identity a Bearer token or the session cookie proves; public otherwise. A bad token is 401."""
    cached = getattr(request.state, "identity", None)
    if cached is not None:
        return cached
    accounts: Accounts = request.app.state.accounts
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")  # the scheme is case-insensitive (RFC 9110, 11.1)
        token = token.strip()
        found = accounts.token_identity(token) if scheme.lower() == "bearer" and token else None
        if found is None:
            raise HTTPException(
                401,
                _say(request, Message("Jeton inconnu, révoqué ou expiré.", "Unknown, revoked or expired token.")),
                headers={"WWW-Authenticate": "Bearer"},
            )
        identity = found
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        identity = (accounts.session(cookie) if cookie else None) or PUBLIC
    request.state.identity = identity
    return identity


IdentityDep = Annotated[Identity, Depends(current_identity)]


def author_of(identity: Identity) -> Author:
    account = identity.account
    return Author(
        account.id if account else None, identity.organisation, "api" if identity.via == "token" else "navigateur"
    )


class Access:
    """Dependency: the request's identity holds at least ``role``; on a write, from a session, a valid CSRF token."""

    def __init__(self, role: str):
        assert role in _RANK, role
        self.role = role

    async def __call__(self, request: Request, identity: IdentityDep) -> Identity:
        limit = request.app.state.settings.upload_max_bytes
        if int(request.headers.get("content-length") or 0) > limit:
            raise HTTPException(
                413,
                _say(
                    request,
                    Message(
                        "Envoi trop gros : {m} Mo au plus. Envoyez moins de fichiers à la fois, ou des fichiers plus petits.",
                        "Upload too large: at most {m} MB. Send fewer or smaller files.",
                    ).format(m=limit // 1_000_000),
                ),
            )
        if identity.account is None:
            if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
                raise HTTPException(303, headers={"Location": f"/connexion?suite={request.url.path}"})
            raise HTTPException(
                401,
                _say(
                    request,
                    Message(
                        "Connectez-vous (ou donnez un jeton) pour faire ceci.", "Sign in (or give a token) to do this."
                    ),
                ),
                headers={"WWW-Authenticate": "Bearer"},
            )
        if _RANK[identity.role] < _RANK[self.role]:
            raise HTTPException(
                403,
                _say(
                    request,
                    Message(
                        "Votre rôle ne permet pas ceci (réservé à l'équipe).",
                        "Your role does not allow this (staff only).",
                    ),
                ),
            )
        if identity.via == "session" and request.method not in ("GET", "HEAD"):
            given: str | UploadFile | None = request.headers.get(CSRF_HEADER)
            if given is None:
                form = await request.form()
                given = form.get(CSRF_FIELD)
            if not isinstance(given, str) or not secrets.compare_digest(given.encode(), (identity.csrf or "").encode()):
                raise HTTPException(
                    403,
                    _say(
                        request,
                        Message(
                            "Formulaire expiré ou incomplet (jeton de sécurité) : rechargez la page et recommencez.",
                            "Expired or incomplete form (security token): reload the page and try again.",
                        ),
                    ),
                )
        return identity


StaffDep = Annotated[Identity, Depends(Access("equipe"))]
PartnerDep = Annotated[Identity, Depends(Access("partenaire"))]
