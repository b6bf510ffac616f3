"""The plan's annual activity report: the page, its JSON twin, and the printable documents."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ecosystem.export.formats import ExportOptions, export
from ecosystem.i18n import Message
from ecosystem.report.annual import AnnualReport, annual_report
from ecosystem.report.render import FORMATS, STYLESHEET, render_body, render_report

from ..deps import LangDep, StoreDep
from ..rendering import render
from ..schemas.base import file_content

router = APIRouter(tags=["rapport"])

YearDep = Annotated[
    int | None,
    Query(
        alias="annee", ge=2000, le=2100, description="Année du rapport (cette année par défaut) / Year of the report"
    ),
]


def _year(year: int | None) -> int:
    return year if year is not None else date.today().year


def _map(store, lang: str, report: AnnualReport) -> bytes:
    return export(store, "svg", ExportOptions(lang=lang, page="letter", today=report.day))


@router.get("/rapport-annuel", include_in_schema=False)
@router.get(
    "/rapport-annuel.json",
    response_model=AnnualReport,
    summary="Rapport annuel d'activités du plan / The plan's annual activity report",
)
def report_page(request: Request, store: StoreDep, lang: LangDep, year: YearDep = None):
    report = annual_report(store, _year(year))
    title = Message("Rapport annuel d'activités {y}", "Annual activity report {y}").format(y=report.year)
    if request.url.path.endswith(".json"):
        return report
    body = render_body(report, lang, _map(store, lang, report))
    return render(
        request,
        "rapport-annuel.html",
        {"annee": report.year},
        lang,
        title,
        body=body,
        downloads=[f"/rapport-annuel.{f}?annee={report.year}&lang={lang}" for f in FORMATS],
    )


@router.get("/rapport-annuel/style.css", include_in_schema=False)
def report_stylesheet():
    return Response(STYLESHEET.read_bytes(), media_type="text/css")


@router.get(
    "/rapport-annuel.{format}",
    summary="Le rapport en document : html, pdf ou md / The report as a document",
    response_class=Response,
    responses={200: {"content": file_content(media for media, _ in FORMATS.values())}},
)
def report_document(store: StoreDep, lang: LangDep, format: Literal["html", "pdf", "md"], year: YearDep = None):
    report = annual_report(store, _year(year))
    media, _ = FORMATS[format]
    data = render_report(report, format, lang, _map(store, lang, report) if format != "md" else None)
    name = f"rapport-annuel-{report.year}.{format}"
    headers = {
        "Content-Disposition": f'inline; filename="{name}"',
        # A document with no script: its own styles and its embedded map are all it needs.
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    }
    return Response(data, media_type=media, headers=headers)
