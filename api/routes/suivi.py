"""Record what happens to the plan in the browser: events, deliverables' status, dated observations (staff only).

Forms generated from the shapes (:mod:`ecosystem.plan_records`); every record is one journaled write
through the one write path, checked with the import's shapes, and can be undone from the history.
"""

from __future__ import annotations

import datetime

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from rdflib import URIRef

from ecosystem.accounts import Identity
from ecosystem.editing import current_values, declaration, plan_edit, read_field
from ecosystem.i18n import Message
from ecosystem.plan_records import (
    RECORDS,
    RecordKind,
    agent_choices,
    deliverables,
    named_lists,
    new_subject,
    plan_part_choices,
    record_fields,
    record_of,
)
from ecosystem.projection import build_projection
from ecosystem.queries import plan_graph, triples_about
from ecosystem.writes import Change

from ..auth import StaffDep, author_of
from ..deps import LangDep
from ..routes.edition import _note
from ..staff_pages import organisation_name, page

router = APIRouter(include_in_schema=False)
TITLE = Message("Suivi du plan d'action", "Action plan follow-up")
_PREFIX = "r-"
_SAVED = {
    "evenement": Message("L'événement est enregistré.", "The event is recorded."),
    "observation": Message("L'observation est enregistrée.", "The observation is recorded."),
    "livrable": Message("L'état du livrable est enregistré.", "The deliverable's status is recorded."),
}


@router.get("/suivi")
def follow_up_page(request: Request, lang: LangDep, identity: StaffDep, enregistre: str | None = None):
    store = request.app.state.writes.store
    graph = plan_graph(store)
    projection = build_projection(store)
    statuses = dict(record_fields(RECORDS["livrable"], projection, graph)[0].choices)
    axes: list[tuple] = []
    for row in deliverables(graph):
        if not axes or axes[-1][0] != row["axe"]:
            axes.append((row["axe"], []))
        axes[-1][1].append({**row, "ident": _deliverable_path(row["iri"])})
    return page(
        request,
        "equipe/suivi.html",
        lang,
        TITLE,
        identity,
        axes=axes,
        statuses=statuses,
        saved=_SAVED.get(enregistre or ""),
    )


def _deliverable_path(iri: str) -> str:
    """``…/axe/<axe>/livrable/<id>`` → ``<axe>/<id>``, the deliverable's address under ``/suivi/livrables/``."""
    parts = iri.rsplit("/", 4)
    return f"{parts[-3]}/{parts[-1]}"


def _kind(name: str) -> RecordKind:
    if name not in ("evenement", "observation"):
        raise HTTPException(404, Message("Page introuvable.", "Page not found.").text("fr"))
    return RECORDS[name]


def _deliverable(graph, axe: str, ident: str) -> URIRef:
    wanted = f"/axe/{axe}/livrable/{ident}"
    found = [row["iri"] for row in deliverables(graph) if row["iri"].endswith(wanted)]
    if len(found) != 1:
        raise HTTPException(404, Message("Livrable introuvable.", "Deliverable not found.").text("fr"))
    return URIRef(found[0])


def _render(
    request,
    lang,
    identity,
    kind: RecordKind,
    action: str,
    values: dict,
    subject=None,
    status=200,
    errors=None,
    problems=None,
):
    store = request.app.state.writes.store
    graph, projection = plan_graph(store), build_projection(store)
    name = None
    if subject is not None:
        name = next((row["nom"] for row in deliverables(graph) if row["iri"] == str(subject)), None)
    title = (
        kind.title
        if name is None
        else Message("{k} : {n}", "{k_en}: {n_en}").format(k=kind.title.fr, n=name.fr, k_en=kind.title.en, n_en=name.en)
    )
    return page(
        request,
        "equipe/suivi-fiche.html",
        lang,
        title,
        identity,
        status_code=status,
        kind=kind,
        action=action,
        fields=record_fields(kind, projection, graph),
        values=values,
        errors=errors or {},
        problems=problems or [],
        agents=[n for _, n in agent_choices(projection, lang)],
        parts=[m.text(lang) for _, m in plan_part_choices(graph)],
    )


@router.get("/suivi/{name}/nouveau")
def new_record_page(request: Request, name: str, lang: LangDep, identity: StaffDep):
    kind = _kind(name)
    return _render(request, lang, identity, kind, f"/suivi/{name}/nouveau", {})


@router.post("/suivi/{name}/nouveau")
async def save_new_record(request: Request, name: str, lang: LangDep, identity: StaffDep):
    kind = _kind(name)
    return await _save(request, lang, identity, kind, f"/suivi/{name}/nouveau", None)


@router.get("/suivi/livrables/{axe}/{ident}")
def deliverable_page(request: Request, axe: str, ident: str, lang: LangDep, identity: StaffDep):
    store = request.app.state.writes.store
    graph = plan_graph(store)
    subject = _deliverable(graph, axe, ident)
    fields = record_fields(RECORDS["livrable"], build_projection(store), graph)
    values = current_values(list(triples_about(store, [subject])), subject, fields)
    return _render(request, lang, identity, RECORDS["livrable"], f"/suivi/livrables/{axe}/{ident}", values, subject)


@router.post("/suivi/livrables/{axe}/{ident}")
async def save_deliverable(request: Request, axe: str, ident: str, lang: LangDep, identity: StaffDep):
    subject = _deliverable(plan_graph(request.app.state.writes.store), axe, ident)
    return await _save(request, lang, identity, RECORDS["livrable"], f"/suivi/livrables/{axe}/{ident}", subject)


async def _save(request: Request, lang: str, identity: Identity, kind: RecordKind, action: str, subject: URIRef | None):
    """Read the form, then check and write the record in one journaled transaction; the form again with what is refused."""
    writes = request.app.state.writes
    form = await request.form()
    projection, graph = build_projection(writes.store), plan_graph(writes.store)
    fields, named = record_fields(kind, projection, graph), named_lists(projection, graph)
    errors: dict[str, Message] = {}
    wanted: set = set()
    for spec in fields:
        values, error = read_field(
            spec, [v for v in form.getlist(_PREFIX + spec.key) if isinstance(v, str)], projection, named
        )
        if error is not None:
            errors[_PREFIX + spec.key] = error
        wanted |= {(spec.path, v) for v in values}

    def run():
        if errors:
            return None, []
        with writes.session(author_of(identity), "suivi", _note(form.get("note"))) as store:
            target = subject or new_subject(kind, wanted, lambda iri: any(True for _ in triples_about(store, [iri])))
            source = declaration(
                URIRef(identity.organisation) if identity.organisation else None,
                organisation_name(store, identity.organisation, "navigateur", "fr"),
                datetime.date.today(),
            )
            add, remove, problems = plan_edit(store, record_of(kind, target, fields, wanted, subject is None), source)
            if problems or not (add or remove):
                return None, problems
            store.write(Change(add=add, remove=remove, about={str(target)}))
            return target, []

    done, problems = await run_in_threadpool(run)
    if done is not None or not (errors or problems):
        return RedirectResponse(f"/suivi?lang={lang}" + (f"&enregistre={kind.name}" if done is not None else ""), 303)
    typed = {
        spec.key: [v for v in form.getlist(_PREFIX + spec.key) if isinstance(v, str) and v.strip()] for spec in fields
    }
    return _render(request, lang, identity, kind, action, typed, subject, 422, errors, problems)
