"""Record what happens to the plan in the browser: events, deliverables' status, dated observations (staff only).

Forms generated from the shapes (:mod:`ecosystem.plan_records`); every record is one journaled write
through the one write path, checked with the import's shapes, and can be undone from the history.
A recorded event or observation is corrected with the same form, pre-filled (``/suivi/<kind>/<id>/modifier``):
the correction is one write too. A list of names grows one row at a time (« Ajouter un participant »,
a submit button: no script needed), and what was typed is kept.
"""

from __future__ import annotations

import datetime

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from rdflib import URIRef

from ecosystem.accounts import Identity
from ecosystem.editing import current_values, declaration, plan_edit, read_field
from ecosystem.i18n import Message
from ecosystem.namespaces import DCTERMS, PROV
from ecosystem.plan_records import (
    RECORDS,
    RecordKind,
    agent_choices,
    deliverables,
    form_state,
    named_lists,
    new_subject,
    plan_part_choices,
    record_fields,
    record_of,
    record_subject,
    recorded,
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
    "evenement-modifie": Message(
        "La correction de l'événement est enregistrée.", "The event's correction is recorded."
    ),
    "observation-modifie": Message(
        "La correction de l'observation est enregistrée.", "The observation's correction is recorded."
    ),
}
_EDIT_TITLES = {
    "evenement": Message("Modifier l'événement : {n}", "Edit the event: {n_en}"),
    "observation": Message("Modifier l'observation : {n}", "Edit the observation: {n_en}"),
}


@router.get("/suivi", response_class=HTMLResponse)
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
        records=recorded(graph),
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


def _render(request, lang, identity, kind: RecordKind, action: str, values: dict, subject=None, **shown):
    """The record's form; ``shown``: ``status``, ``errors``, ``problems``, ``rows`` (boxes per list), ``kept`` (sources
    kept as they are, in words), ``title`` (when editing)."""
    store = request.app.state.writes.store
    graph, projection = plan_graph(store), build_projection(store)
    title = shown.get("title") or kind.title
    if kind.name == "livrable" and subject is not None:
        name = next((row["nom"] for row in deliverables(graph) if row["iri"] == str(subject)), None)
        if name is not None:
            title = Message("{k} : {n}", "{k_en}: {n_en}").format(
                k=kind.title.fr, n=name.fr, k_en=kind.title.en, n_en=name.en
            )
    return page(
        request,
        "equipe/suivi-fiche.html",
        lang,
        title,
        identity,
        status_code=shown.get("status", 200),
        kind=kind,
        action=action,
        editing=subject is not None and kind.name != "livrable",
        fields=record_fields(kind, projection, graph),
        values=values,
        errors=shown.get("errors") or {},
        problems=shown.get("problems") or [],
        rows=shown.get("rows") or {},
        kept=shown.get("kept") or [],
        agents=[n for _, n in agent_choices(projection, lang)],
        parts=[m.text(lang) for _, m in plan_part_choices(graph)],
    )


@router.get("/suivi/{name}/nouveau", response_class=HTMLResponse)
def new_record_page(request: Request, name: str, lang: LangDep, identity: StaffDep):
    kind = _kind(name)
    return _render(request, lang, identity, kind, f"/suivi/{name}/nouveau", {})


@router.post("/suivi/{name}/nouveau", response_class=HTMLResponse)
async def save_new_record(request: Request, name: str, lang: LangDep, identity: StaffDep):
    kind = _kind(name)
    return await _save(request, lang, identity, kind, f"/suivi/{name}/nouveau", None)


def _recorded(request: Request, kind: RecordKind, ident: str) -> URIRef:
    """The recorded event or observation ``ident`` (404 when there is none of that kind)."""
    subject = record_subject(kind, ident)
    rows = recorded(plan_graph(request.app.state.writes.store))[kind.name] if subject is not None else []
    if not any(row["iri"] == str(subject) for row in rows):
        raise HTTPException(404, Message("Fiche introuvable.", "Record not found.").text("fr"))
    return URIRef(str(subject))


def _edit_words(store, kind: RecordKind, subject: URIRef, lang: str) -> tuple[Message, list[str]]:
    """The edit form's title (the record's name) and the sources it keeps, by their titles in ``lang``."""
    graph, projection = plan_graph(store), build_projection(store)
    fields = record_fields(kind, projection, graph)
    _, kept = form_state(list(triples_about(store, [subject])), subject, fields, projection, graph, lang)
    row = next(r for r in recorded(graph)[kind.name] if r["iri"] == str(subject))
    sources = [o for p, o in kept if p == PROV.wasDerivedFrom]
    titles: dict[str, dict] = {lang_: {} for lang_ in ("fr", "en")}
    for s, _, title in triples_about(store, sources, [DCTERMS.title]):
        titles[getattr(title, "language", None) or "fr"].setdefault(s, str(title))
    words = sorted({titles[lang].get(s) or titles["fr"].get(s) or "" for s in sources} - {""})
    name = row["nom"]
    return _EDIT_TITLES[kind.name].format(n=name.fr, n_en=name.en), words


@router.get("/suivi/{name}/{ident}/modifier", response_class=HTMLResponse)
def edit_record_page(request: Request, name: str, ident: str, lang: LangDep, identity: StaffDep):
    kind = _kind(name)
    subject = _recorded(request, kind, ident)
    store = request.app.state.writes.store
    graph, projection = plan_graph(store), build_projection(store)
    fields = record_fields(kind, projection, graph)
    values, _ = form_state(list(triples_about(store, [subject])), subject, fields, projection, graph, lang)
    title, kept = _edit_words(store, kind, subject, lang)
    action = f"/suivi/{name}/{ident}/modifier"
    return _render(request, lang, identity, kind, action, values, subject, title=title, kept=kept)


@router.post("/suivi/{name}/{ident}/modifier", response_class=HTMLResponse)
async def save_record(request: Request, name: str, ident: str, lang: LangDep, identity: StaffDep):
    kind = _kind(name)
    subject = _recorded(request, kind, ident)
    return await _save(request, lang, identity, kind, f"/suivi/{name}/{ident}/modifier", subject)


@router.get("/suivi/livrables/{axe}/{ident}", response_class=HTMLResponse)
def deliverable_page(request: Request, axe: str, ident: str, lang: LangDep, identity: StaffDep):
    store = request.app.state.writes.store
    graph = plan_graph(store)
    subject = _deliverable(graph, axe, ident)
    fields = record_fields(RECORDS["livrable"], build_projection(store), graph)
    values = current_values(list(triples_about(store, [subject])), subject, fields)
    return _render(request, lang, identity, RECORDS["livrable"], f"/suivi/livrables/{axe}/{ident}", values, subject)


@router.post("/suivi/livrables/{axe}/{ident}", response_class=HTMLResponse)
async def save_deliverable(request: Request, axe: str, ident: str, lang: LangDep, identity: StaffDep):
    subject = _deliverable(plan_graph(request.app.state.writes.store), axe, ident)
    return await _save(request, lang, identity, RECORDS["livrable"], f"/suivi/livrables/{axe}/{ident}", subject)


def _typed(form, fields) -> dict[str, list[str]]:
    """What the form sent, field by field, blanks left out (shown again as typed)."""
    return {
        spec.key: [v for v in form.getlist(_PREFIX + spec.key) if isinstance(v, str) and v.strip()] for spec in fields
    }


def _write(writes, identity: Identity, form, kind: RecordKind, subject: URIRef | None, fields, wanted: set):
    """Check and write the record in one journaled transaction, under the write lock: (the record, problems)."""
    with writes.session(author_of(identity), "suivi", _note(form.get("note"))) as store:
        target = subject or new_subject(kind, wanted, lambda iri: any(True for _ in triples_about(store, [iri])))
        if subject is not None and kind.name != "livrable":
            graph, projection = plan_graph(store), build_projection(store)
            triples = list(triples_about(store, [subject]))
            wanted = wanted | form_state(triples, subject, fields, projection, graph, "fr")[1]
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


async def _save(request: Request, lang: str, identity: Identity, kind: RecordKind, action: str, subject: URIRef | None):
    """Read the form, then check and write the record; the form again with what is refused, or with one more row."""
    writes = request.app.state.writes
    form = await request.form()
    projection, graph = build_projection(writes.store), plan_graph(writes.store)
    fields, named = record_fields(kind, projection, graph), named_lists(projection, graph)
    shown: dict = {}
    if subject is not None and kind.name != "livrable":
        shown["title"], shown["kept"] = await run_in_threadpool(_edit_words, writes.store, kind, subject, lang)
    grown = form.get("ajouter")
    if isinstance(grown, str) and any(spec.key == grown and spec.kind == "search" for spec in fields):
        shown["rows"] = {grown: len(form.getlist(_PREFIX + grown)) + 1}
        return _render(request, lang, identity, kind, action, _typed(form, fields), subject, **shown)
    errors: dict[str, Message] = {}
    wanted: set = set()
    for spec in fields:
        values, error = read_field(
            spec, [v for v in form.getlist(_PREFIX + spec.key) if isinstance(v, str)], projection, named
        )
        if error is not None:
            errors[_PREFIX + spec.key] = error
        wanted |= {(spec.path, v) for v in values}
    done, problems = (None, [])
    if not errors:
        done, problems = await run_in_threadpool(_write, writes, identity, form, kind, subject, fields, wanted)
    if done is not None or not (errors or problems):
        said = kind.name + ("-modifie" if subject is not None and kind.name != "livrable" else "")
        return RedirectResponse(f"/suivi?lang={lang}" + (f"&enregistre={said}" if done is not None else ""), 303)
    shown |= {"status": 422, "errors": errors, "problems": problems}
    return _render(request, lang, identity, kind, action, _typed(form, fields), subject, **shown)
