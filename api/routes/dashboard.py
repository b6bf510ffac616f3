"""The action plan's dashboard: each indicator, its target, its current value and where it comes from."""

from __future__ import annotations

from datetime import date

from ecosystem.api.deps import LangDep, StoreDep
from ecosystem.api.rendering import render
from fastapi import APIRouter, Request

from ecosystem.analysis.indicators import plan_dashboard
from ecosystem.i18n import Message
from ecosystem.queries import plan_graph

router = APIRouter(tags=["tableau de bord"])


@router.get("/tableau-de-bord", include_in_schema=False)
@router.get("/tableau-de-bord.json", summary="Tableau de bord du plan d'action / Action-plan dashboard")
def dashboard_page(request: Request, store: StoreDep, lang: LangDep, jour: date | None = None):
    statuses = plan_dashboard(plan_graph(store), jour)
    data = {"jour": (jour or date.today()).isoformat(), "indicateurs": [s.to_dict() for s in statuses]}
    return render(request, "tableau-de-bord.html", data, lang, Message("Tableau de bord du plan d'action", "Action-plan dashboard"))
