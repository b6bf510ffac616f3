"""Instances: the list page (with mandates and members) and its JSON."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ecosystem.api.deps import LangDep, StoreDep
from ecosystem.api.rendering import render
from ecosystem.i18n import Message
from ecosystem.queries import list_instances

router = APIRouter(tags=["instances"])


@router.get("/instances", include_in_schema=False)
@router.get("/instances.json", summary="Instances, leurs mandats et leurs membres / Instances, mandates and members")
def instances_page(request: Request, store: StoreDep, lang: LangDep):
    data = {"instances": list_instances(store, lang)}
    return render(request, "instances.html", data, lang, Message("Instances de concertation", "Concertation instances"))


@router.get("/api/instances", summary="Instances, leurs mandats et leurs membres / Instances, mandates and members")
def instances_api(store: StoreDep, lang: LangDep) -> dict:
    return {"instances": list_instances(store, lang)}
