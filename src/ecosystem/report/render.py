"""The annual report written out: HTML (printable, one file), Markdown, PDF (WeasyPrint from the HTML).

French first; English complete with ``lang="en"``. No IRI, code or vocabulary notation
reaches the text: every code goes through :mod:`.words`, every resource by its label.
"""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ecosystem.formatting import date as format_day
from ecosystem.formatting import number as format_number
from ecosystem.report.annual import AnnualReport, PlanOverview
from ecosystem.report.charts import indicator_chart
from ecosystem.report.words import DELIVERABLE_STATUS, FIGURE, STATUS, STATUS_SYMBOL

__all__ = [
    "FORMATS",
    "STYLESHEET",
    "overview_context",
    "render_body",
    "render_html",
    "render_markdown",
    "render_pdf",
    "render_report",
]

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = TEMPLATES / "rapport.css"
"""The report's styles, for screen and print (the web page links to the same file)."""

_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True
)


def overview_context(report: PlanOverview, lang: str) -> dict:
    """What a template needs to write ``report`` in ``lang``: the data and the words for its codes."""
    return _context(report, lang)


def _context(report: PlanOverview, lang: str) -> dict:
    def label(iri: str | None) -> str:
        if not iri:
            return ""
        labels = report.labels.get(iri, {})
        return labels.get(lang) or labels.get("fr") or ""

    def change(key: str) -> str:
        delta = getattr(report, "changes", {}).get(key)
        if delta is None:
            return "–"
        return ("+" if delta > 0 else "") + format_number(delta, lang, 0)

    return {
        "r": report,
        "lang": lang,
        "label": label,
        "change": change,
        "t": lambda fr, en: en if lang == "en" else fr,
        "number": lambda value, digits=1: format_number(value, lang, digits),
        "day": lambda value: format_day(value, lang),
        "status_word": lambda code: STATUS[code].text(lang),
        "status_symbol": STATUS_SYMBOL.get,
        "deliverable_word": lambda code: DELIVERABLE_STATUS.get(code, DELIVERABLE_STATUS["prevu"]).text(lang),
        "figure_word": lambda key: FIGURE[key].text(lang),
        "chart": lambda status: indicator_chart(status, report.day, lang),
    }


def render_body(report: AnnualReport, lang: str = "fr", map_svg: bytes | None = None) -> str:
    """The report's content as an HTML fragment (the web page puts it inside the site's frame).

    ``map_svg``: the map of the year (an SVG export), drawn at the end when given.
    """
    encoded = base64.b64encode(map_svg).decode("ascii") if map_svg else None
    return _ENV.get_template("_rapport.html").render(map_svg=encoded, **_context(report, lang))


def render_html(report: AnnualReport, lang: str = "fr", map_svg: bytes | None = None) -> str:
    """One HTML document, styled for screen and print, with nothing to fetch."""
    return _ENV.get_template("rapport.html").render(body=render_body(report, lang, map_svg), **_context(report, lang))


def render_markdown(report: AnnualReport, lang: str = "fr", map_svg: bytes | None = None) -> str:
    """Markdown text (the map is left out: Markdown carries no drawing)."""
    return _ENV.get_template("rapport.md").render(**_context(report, lang))


def render_pdf(report: AnnualReport, lang: str = "fr", map_svg: bytes | None = None) -> bytes:
    """The PDF of the HTML document; its title metadata is the document's ``<title>``."""
    from weasyprint import HTML  # imported on use: Pango is loaded only for a PDF

    return HTML(string=render_html(report, lang, map_svg)).write_pdf()


FORMATS = {
    "html": ("text/html; charset=utf-8", lambda r, lang, svg: render_html(r, lang, svg).encode("utf-8")),
    "md": ("text/markdown; charset=utf-8", lambda r, lang, svg: render_markdown(r, lang).encode("utf-8")),
    "pdf": ("application/pdf", render_pdf),
}
"""Every format of the report: name → (media type, writer of bytes)."""


def render_report(report: AnnualReport, format: str, lang: str = "fr", map_svg: bytes | None = None) -> bytes:
    return FORMATS[format][1](report, lang, map_svg)
