"""One view answers both the page and its JSON twin (``.json`` or ``Accept: application/json``)."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import JSONResponse
from fastapi.templating import Jinja2Templates

from ecosystem.i18n import Message

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")  # autoescape on for .html


def wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def render(request: Request, template: str, data: dict, lang: str, title: Message):
    """The page, or its data as JSON; the page links to its JSON twin."""
    if wants_json(request):
        return JSONResponse(data)
    json_url = request.url.path.rstrip("/") + ".json"
    if request.url.query:
        json_url += "?" + request.url.query
    return templates.TemplateResponse(
        request,
        template,
        {"data": data, "lang": lang, "title": title.text(lang), "json_url": json_url, "t": lambda fr, en: en if lang == "en" else fr},
    )
