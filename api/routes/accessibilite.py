"""The accessibility statement (déclaration d'accessibilité), as Québec's SGQRI 008 3.0 asks of public bodies."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ..deps import LangDep
from ..rendering import page_context, templates

router = APIRouter(tags=["accessibilite"])


@router.get("/accessibilite", include_in_schema=False)
def accessibility_statement(request: Request, lang: LangDep):
    title = "Déclaration d'accessibilité" if lang == "fr" else "Accessibility statement"
    return templates.TemplateResponse(request, "accessibilite.html", page_context(request, lang, title, None))
