"""One view answers both the page and its JSON twin (``.json`` or ``Accept: application/json``)."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import JSONResponse
from fastapi.templating import Jinja2Templates

from ecosystem import formatting
from ecosystem.i18n import Message

from .check_words import level

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")  # autoescape on for .html
# Numbers and dates as the reader writes them: {{ value | number(lang) }}, {{ hours | hours(lang) }}, {{ day | date(lang) }}.
templates.env.filters.update(
    number=formatting.number,
    hours=formatting.hours,
    date=formatting.date,
    moment=formatting.moment,
    percent=formatting.percent,
)
templates.env.globals["overlap_level"] = level  # « forte », « moyenne », « faible » for a mandate-overlap score


def source_url(iri: str) -> str | None:
    """Where a source can be read: a web page's address is its IRI; a document of ours (``…/id/source/…``) has none.

    >>> source_url("https://example.org/page"), source_url("https://w3id.org/ecosysteme/id/source/plan-action-2024-2028")
    ('https://example.org/page', None)
    """
    return iri if iri.startswith(("http://", "https://")) and "/id/source/" not in iri else None


templates.env.globals["source_url"] = source_url


def wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def page_context(request: Request, lang: str, title: str, json_url: str | None) -> dict:
    """What every page's template needs: language, title, JSON twin, the same page in the other language."""
    switched = request.url.include_query_params(lang="fr" if lang == "en" else "en")
    return {
        "lang": lang,
        "title": title,
        "json_url": json_url,
        "switch_url": f"{switched.path}?{switched.query}",
        "t": lambda fr, en: en if lang == "en" else fr,
    }


def render(
    request: Request, template: str, data: dict, lang: str, title: Message, json_url: str | None = None, **extra
):
    """The page, or its data as JSON; the page links to its JSON twin."""
    if wants_json(request):
        return JSONResponse(data)
    if json_url is None:
        json_url = request.url.path.rstrip("/") + ".json"
        if request.url.query:
            json_url += "?" + request.url.query
    return templates.TemplateResponse(
        request, template, {"data": data, **extra, **page_context(request, lang, title.text(lang), json_url)}
    )


def render_named(request: Request, template: str, data: dict, lang: str):
    """:func:`render` titled by the thing's own name (``data["nom"]``: a name is the same in both languages)."""
    return render(request, template, data, lang, Message(data["nom"], data["nom"]))
