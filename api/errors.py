"""Errors as a reader meets them: an HTML page in the reader's language with a way back, except for
the JSON API (``/api/…``, ``….json``, ``Accept: application/json``) and the downloads (``/export/…``),
which keep FastAPI's JSON answers."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from http import HTTPStatus

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ecosystem.i18n import Message

from .rendering import page_context, templates, wants_json

__all__ = ["MessageError", "install_error_pages"]

log = logging.getLogger(__name__)

TITLES = {
    404: Message("Page introuvable", "Page not found"),
    405: Message("Action non permise", "Action not allowed"),
    422: Message("Adresse ou formulaire invalide", "Invalid address or form"),
    500: Message("Erreur du serveur", "Server error"),
}
EXPLANATIONS = {
    404: Message(
        "Cette adresse ne mène à aucune page : le lien est peut-être périmé (un acteur ou une instance renommé ou retiré de la cartographie) ou mal copié.",
        "This address leads to no page: the link may be outdated (an actor or an instance renamed or removed from the map) or miscopied.",
    ),
    405: Message("Cette page ne s'utilise pas ainsi.", "This page is not used that way."),
    422: Message("Une valeur de l'adresse n'est pas valide.", "A value in the address is not valid."),
    500: Message(
        "Une erreur inattendue est survenue. Réessayez ; si elle revient, signalez l'adresse de la page.",
        "An unexpected error occurred. Try again; if it comes back, report the page's address.",
    ),
}


class MessageError(HTTPException):
    """An HTTP error whose message is shown in the reader's language (the JSON API sends both languages)."""

    def __init__(self, status_code: int, message: Message):
        super().__init__(status_code, detail=str(message))
        self.message = message


def _is_api(request: Request) -> bool:
    # Downloads (/export/…, a file name such as carte.svg) are read by programs as often as by people:
    # their errors stay JSON too.
    # Writes (POST, PUT, DELETE) are answered by their own routes; their refusals stay JSON.
    if request.method not in ("GET", "HEAD"):
        return True
    path = request.url.path
    download = "." in path.rsplit("/", 1)[-1] and not path.endswith(".html")
    return (
        path.startswith(("/api/", "/export/"))
        or path in ("/openapi.json", "/sparql")
        or download
        or wants_json(request)
    )


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "fr"


def error_page(request: Request, status: int, detail: Message | None = None):
    lang = _lang(request)
    title = TITLES.get(status, TITLES[500] if status >= 500 else TITLES[422])
    context = page_context(request, lang, title.text(lang), None)
    explanation = EXPLANATIONS.get(status, EXPLANATIONS[500] if status >= 500 else EXPLANATIONS[422])
    return templates.TemplateResponse(
        request,
        "erreur.html",
        {
            "status": status,
            "explanation": explanation.text(lang),
            "detail": detail.text(lang) if detail else None,
            "path": request.url.path,
            **context,
        },
        status_code=status,
    )


def _fields(error: RequestValidationError) -> str:
    return ", ".join(str(e["loc"][-1]) for e in error.errors() if e.get("loc"))


def _message(error: StarletteHTTPException) -> Message | None:
    """The error's own words: a MessageError's message, or a detail written as ``str(Message)`` (« fr / en »)."""
    if isinstance(error, MessageError):
        return error.message
    if not isinstance(error.detail, str) or error.detail == HTTPStatus(error.status_code).phrase:
        return None
    if " / " in error.detail:
        fr, en = error.detail.split(" / ", 1)
        return Message(fr, en)
    return Message(error.detail, error.detail)  # already in the reader's language


async def _awaited(answer: Response | Awaitable[Response]) -> Response:
    """A handler's response: Starlette's handlers may answer directly or be awaited."""
    return await answer if isinstance(answer, Awaitable) else answer


def install_error_pages(app: FastAPI) -> None:
    """Pages answer errors in HTML; the API keeps its JSON, through the handlers installed before this one."""
    api_http = app.exception_handlers.get(StarletteHTTPException, http_exception_handler)
    api_refused = app.exception_handlers.get(RequestValidationError, request_validation_exception_handler)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        if _is_api(request) or error.status_code < 400:
            return await _awaited(api_http(request, error))
        return error_page(request, error.status_code, _message(error))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError):
        if _is_api(request):
            return await _awaited(api_refused(request, error))
        fields = _fields(error)
        return error_page(
            request, 422, Message(f"Paramètre à corriger : {fields}.", f"Parameter to correct: {fields}.")
        )

    @app.exception_handler(Exception)
    async def server_error(request: Request, error: Exception):
        log.exception("erreur du serveur / server error: %s", request.url.path)
        if _is_api(request):
            from fastapi.responses import JSONResponse

            return JSONResponse({"detail": str(Message("Erreur du serveur", "Server error"))}, status_code=500)
        return error_page(request, 500)
