"""Sign in and out, one's own API tokens, and the administrator's audit of accounts and tokens."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from ecosystem.accounts import AccountError, LoginThrottled
from ecosystem.accounts.service import SESSION_LIFETIME
from ecosystem.i18n import Message
from ecosystem.namespaces import actor_iri

from ..auth import SESSION_COOKIE, IdentityDep, PartnerDep, StaffDep
from ..deps import LangDep, StoreDep
from ..staff_pages import organisation_name, page

router = APIRouter(include_in_schema=False)

LOGIN_CSRF = "eco_connexion"
Text = Annotated[str, Form(max_length=500)]


def _safe_next(target: str | None) -> str:
    """Only a path of this site (no ``//host``) is followed after sign-in."""
    return target if target and target.startswith("/") and not target.startswith("//") else "/compte"


def _cookie(response, request: Request, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="lax", secure=request.url.scheme == "https", path="/"
    )


def _login_page(request: Request, lang: str, csrf: str, suite: str | None, error: str | None, status_code: int = 200):
    """The sign-in form (``csrf``: the form's token, also in the ``eco_connexion`` cookie), with why the last try failed."""
    return page(
        request,
        "equipe/connexion.html",
        lang,
        Message("Connexion", "Sign in"),
        None,
        status_code=status_code,
        csrf_login=csrf,
        suite=_safe_next(suite),
        error=error,
    )


def _account_page(request: Request, lang: str, store, identity, **values):
    """One's own account: its organisation and API tokens (``new_token``: the one just made, shown once)."""
    account = identity.signed_in
    return page(
        request,
        "equipe/compte.html",
        lang,
        Message("Mon compte", "My account"),
        identity,
        tokens=request.app.state.accounts.tokens(account.id),
        organisation=organisation_name(store, account.organisation, "navigateur", lang),
        **values,
    )


@router.get("/connexion")
def login_page(
    request: Request, lang: LangDep, identity: IdentityDep, suite: str | None = None, erreur: str | None = None
):
    if identity.account is not None:
        return RedirectResponse(_safe_next(suite), 303)
    token = secrets.token_urlsafe(32)
    response = _login_page(request, lang, token, suite, erreur)
    _cookie(response, request, LOGIN_CSRF, token, 3600)
    return response


@router.post("/connexion")
def login(request: Request, lang: LangDep, identifiant: Text, mot_de_passe: Text, csrf: Text, suite: Text = "/compte"):
    accounts = request.app.state.accounts
    expected = request.cookies.get(LOGIN_CSRF, "")
    if not expected or not secrets.compare_digest(csrf.encode(), expected.encode()):
        raise HTTPException(
            403,
            Message(
                "Formulaire expiré : rechargez la page de connexion.", "Expired form: reload the sign-in page."
            ).text(lang),
        )
    try:
        _, token, _ = accounts.sign_in(identifiant, mot_de_passe)
    except LoginThrottled as throttled:
        response = _login_page(request, lang, expected, suite, throttled.message.text(lang), 429)
        response.headers["Retry-After"] = str(int(throttled.retry_after) + 1)
        return response
    except AccountError as error:
        return _login_page(request, lang, expected, suite, error.message.text(lang), 401)
    response = RedirectResponse(_safe_next(suite), 303)
    _cookie(response, request, SESSION_COOKIE, token, int(SESSION_LIFETIME.total_seconds()))
    response.delete_cookie(LOGIN_CSRF, path="/")
    return response


@router.post("/deconnexion")
def logout(request: Request, identity: PartnerDep):
    request.app.state.accounts.sign_out(request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/", 303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/compte")
def account_page(request: Request, lang: LangDep, store: StoreDep, identity: PartnerDep, nouveau: str | None = None):
    return _account_page(request, lang, store, identity)


@router.post("/compte/jetons")
def create_token(
    request: Request,
    lang: LangDep,
    store: StoreDep,
    identity: PartnerDep,
    nom: Text,
    jours: Annotated[int, Form(ge=1, le=366)] = 90,
):
    try:
        token = request.app.state.accounts.create_token(identity.signed_in.id, nom, jours)
    except AccountError as error:
        raise HTTPException(422, error.message.text(lang)) from error
    response = _account_page(request, lang, store, identity, new_token=token)
    response.headers["Cache-Control"] = "no-store"  # the token is shown once: never from a cache
    return response


@router.post("/compte/jetons/{token_id}/revoquer")
def revoke_own_token(request: Request, token_id: int, identity: PartnerDep):
    request.app.state.accounts.revoke_token(token_id, identity.signed_in.id)
    return RedirectResponse("/compte", 303)


@router.get("/equipe/comptes")
def audit_page(request: Request, lang: LangDep, store: StoreDep, identity: StaffDep, erreur: str | None = None):
    accounts = request.app.state.accounts
    rows = [
        {
            "account": a,
            "organisation": organisation_name(store, a.organisation, "navigateur", lang) if a.organisation else "",
        }
        for a in accounts.all()
    ]
    return page(
        request,
        "equipe/comptes.html",
        lang,
        Message("Comptes et jetons", "Accounts and tokens"),
        identity,
        accounts=rows,
        tokens=accounts.tokens(),
        error=erreur,
    )


@router.post("/equipe/comptes")
def create_account(
    request: Request,
    lang: LangDep,
    store: StoreDep,
    identity: StaffDep,
    identifiant: Text,
    mot_de_passe: Text,
    role: Annotated[str, Form(pattern="^(partenaire|equipe)$")],
    organisation: Text = "",
):
    organisation_iri = str(actor_iri(organisation)) if organisation.strip() else None
    try:
        request.app.state.accounts.create(identifiant, mot_de_passe, role, organisation_iri)
    except (AccountError, ValueError) as error:
        message = error.message.text(lang) if isinstance(error, AccountError) else str(error)
        return audit_page(request, lang, store, identity, erreur=message)
    return RedirectResponse("/equipe/comptes", 303)


@router.post("/equipe/jetons/{token_id}/revoquer")
def revoke_token(request: Request, token_id: int, identity: StaffDep):
    request.app.state.accounts.revoke_token(token_id)
    return RedirectResponse("/equipe/comptes", 303)


@router.post("/equipe/comptes/{account_id}/desactiver")
def disable_account(request: Request, account_id: int, identity: StaffDep):
    if account_id == identity.signed_in.id:
        raise HTTPException(
            422, "Vous ne pouvez pas désactiver votre propre compte. / You cannot disable your own account."
        )
    request.app.state.accounts.set_disabled(account_id, True)
    return RedirectResponse("/equipe/comptes", 303)
