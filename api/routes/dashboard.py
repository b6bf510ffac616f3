"""The action plan's dashboard: each indicator with its target, value, status, history and facts; who carries what."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request

from ecosystem.i18n import Message
from ecosystem.report.annual import PlanOverview, plan_overview
from ecosystem.report.render import overview_context

from ..deps import IsoDate, LangDep, StoreDep
from ..rendering import render

router = APIRouter(tags=["tableau-de-bord"])

DayDep = Annotated[
    IsoDate | None, Query(alias="jour", description="Jour du tableau de bord (aujourd'hui par défaut) / Dashboard day")
]


@router.get("/tableau-de-bord", include_in_schema=False)
@router.get(
    "/tableau-de-bord.json",
    response_model=PlanOverview,
    summary="Tableau de bord du plan d'action / Action-plan dashboard",
)
def dashboard_page(request: Request, store: StoreDep, lang: LangDep, day: DayDep = None):
    overview = plan_overview(store, day or date.today())
    if request.url.path.endswith(".json"):
        return overview
    title = Message("Tableau de bord du plan d'action", "Action-plan dashboard")
    words = {k: v for k, v in overview_context(overview, lang).items() if k not in ("lang", "t")}
    return render(request, "tableau-de-bord.html", {}, lang, title, **words)
