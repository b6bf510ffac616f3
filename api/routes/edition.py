"""Edit an actor (its description and its seats) or an instance in place, in a form generated from the shapes."""

from __future__ import annotations

import datetime

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from rdflib import URIRef
from starlette.datastructures import UploadFile

from ecosystem.accounts import Identity
from ecosystem.editing import Edit, current_values, declaration, new_seat, plan_edit, read_field, seats_of
from ecosystem.forms import FormField, form_fields
from ecosystem.i18n import Message
from ecosystem.namespaces import ECO, ORG, RDF, actor_iri, instance_iri
from ecosystem.projection import build_projection
from ecosystem.queries import triples_about
from ecosystem.writes import Change

from ..auth import PartnerDep, StaffDep, author_of
from ..deps import LangDep, iri_or_none
from ..staff_pages import organisation_name, page

router = APIRouter(include_in_schema=False)
FORBIDDEN = Message(
    "Vous ne pouvez modifier que la fiche de votre organisation.", "You may only edit your own organisation's record."
)


def _fields(projection, cls) -> list[FormField]:
    territories = sorted(
        ((iri, Message(t["label"], t.get("label_en") or t["label"])) for iri, t in projection.territories.items()),
        key=lambda c: c[1].fr,
    )
    return form_fields(cls, territories)


def _form_state(store, projection, iri: str, cls, with_seats: bool) -> dict:
    fields = _fields(projection, cls)
    triples = list(triples_about(store, [URIRef(iri)]))
    state = {"fields": fields, "values": current_values(triples, URIRef(iri), fields), "seats": [], "seat_fields": []}
    if with_seats:
        seat_fields = _fields(projection, ORG.Membership)
        seats = seats_of(store, iri)
        seat_triples = list(triples_about(store, seats))
        state["seat_fields"] = seat_fields
        state["seats"] = [
            {"iri": str(m), "values": _seat_values(seat_triples, m, seat_fields, projection)} for m in seats
        ]
    return state


def _seat_values(triples, seat, fields, projection) -> dict:
    values = current_values(triples, seat, fields)
    values["organization"] = [projection.label(v) or v for v in values.get("organization", [])]
    return values


def _target(ident: str, kind: str, projection) -> str:
    iri = iri_or_none(actor_iri if kind == "actor" else instance_iri, ident)
    if iri is None or iri not in projection.two_mode or projection.two_mode.nodes[iri]["kind"] != kind:
        raise HTTPException(404, Message("Fiche introuvable.", "Record not found.").text("fr"))
    return iri


def _render(request, lang, identity, projection, iri, kind, state, status=200, errors=None, problems=None):
    name = projection.label(iri, lang)
    return page(
        request,
        "equipe/edition.html",
        lang,
        Message("Modifier : {n}", "Edit: {n}").format(n=name),
        identity,
        status_code=status,
        iri=iri,
        kind=kind,
        ident=iri.rsplit("/", 1)[-1],
        state=state,
        errors=errors or {},
        problems=problems or [],
        instances=[
            (i, projection.label(i, lang))
            for i in sorted(projection.instances, key=lambda i: projection.label(i) or "")
        ],
        actors=[
            (a, projection.label(a, lang)) for a in sorted(projection.actors, key=lambda a: projection.label(a) or "")
        ],
    )


@router.get("/acteurs/{ident}/modifier")
def edit_actor_page(request: Request, ident: str, lang: LangDep, identity: PartnerDep):
    store = request.app.state.writes.store
    projection = build_projection(store)
    iri = _target(ident, "actor", projection)
    if not identity.may_edit(iri):
        raise HTTPException(403, FORBIDDEN.text(lang))
    return _render(
        request, lang, identity, projection, iri, "actor", _form_state(store, projection, iri, ECO.Actor, True)
    )


@router.get("/instances/{ident}/modifier")
def edit_instance_page(request: Request, ident: str, lang: LangDep, identity: StaffDep):
    store = request.app.state.writes.store
    projection = build_projection(store)
    iri = _target(ident, "instance", projection)
    return _render(
        request, lang, identity, projection, iri, "instance", _form_state(store, projection, iri, ECO.Instance, False)
    )


def _read_record(edit: Edit, subject: URIRef, fields, form, prefix: str, projection, errors: dict) -> None:
    wanted = set()
    for spec in fields:
        values, error = read_field(spec, form.getlist(f"{prefix}{spec.key}"), projection)
        if error is not None:
            errors[f"{prefix}{spec.key}"] = error
        wanted |= {(spec.path, v) for v in values}
    edit.managed[subject] = fields
    edit.wanted[subject] = wanted


def _read_seats(edit: Edit, actor: URIRef, form, projection, seat_fields, errors: dict) -> None:
    for index in range(int(form.get("sieges", "0") or 0)):
        prefix = f"s{index}-"
        seat = URIRef(form.get(f"{prefix}iri", ""))
        if form.get(f"{prefix}retirer"):
            edit.removed.add(seat)
            continue
        _read_record(edit, seat, seat_fields, form, prefix, projection, errors)
        edit.wanted[seat] |= {(RDF.type, ORG.Membership)}  # kept: the form manages the seat's type with its fields
    if (form.get("n-organization") or "").strip():
        values, error = read_field(
            next(f for f in seat_fields if f.key == "organization"), form.getlist("n-organization"), projection
        )
        if error is not None:
            errors["n-organization"] = error
            return
        seat = new_seat(actor, values[0])
        _read_record(edit, seat, seat_fields, form, "n-", projection, errors)
        edit.wanted[seat] |= {(RDF.type, ORG.Membership), (ORG.member, actor)}
        edit.created.add(seat)


def _note(given: UploadFile | str | None) -> str | None:
    """The change's note as typed (at most 2,000 characters); none when left empty."""
    return (given if isinstance(given, str) else "").strip()[:2000] or None


async def _save(request: Request, ident: str, lang: str, identity: Identity, kind: str):
    writes = request.app.state.writes
    form = await request.form()
    projection = build_projection(writes.store)
    iri = _target(ident, kind, projection)
    if not identity.may_edit(iri) and not (kind == "instance" and identity.role == "equipe"):
        raise HTTPException(403, FORBIDDEN.text(lang))
    cls = ECO.Actor if kind == "actor" else ECO.Instance
    edit = Edit()
    errors: dict[str, Message] = {}
    _read_record(edit, URIRef(iri), _fields(projection, cls), form, "a-", projection, errors)
    if kind == "actor":
        _read_seats(edit, URIRef(iri), form, projection, _fields(projection, ORG.Membership), errors)
    note = _note(form.get("note"))

    def run():
        if errors:
            return None, []
        with writes.session(author_of(identity), "edition", note) as store:
            organisation = URIRef(identity.organisation) if identity.organisation else None
            source = declaration(
                organisation, organisation_name(store, identity.organisation, "navigateur", "fr"), datetime.date.today()
            )
            add, remove, problems = plan_edit(store, edit, source)
            if problems or not (add or remove):
                return None, problems
            store.write(Change(add=add, remove=remove, about={iri}))
            return True, []

    done, problems = await run_in_threadpool(run)
    if done:
        return RedirectResponse(f"/{'acteurs' if kind == 'actor' else 'instances'}/{ident}?lang={lang}&modifie=1", 303)
    state = _form_state(writes.store, projection, iri, cls, kind == "actor")
    if errors or problems:
        return _render(request, lang, identity, projection, iri, kind, state, 422, errors, problems)
    return RedirectResponse(f"/{'acteurs' if kind == 'actor' else 'instances'}/{ident}?lang={lang}", 303)


@router.post("/acteurs/{ident}/modifier")
async def save_actor(request: Request, ident: str, lang: LangDep, identity: PartnerDep):
    return await _save(request, ident, lang, identity, "actor")


@router.post("/instances/{ident}/modifier")
async def save_instance(request: Request, ident: str, lang: LangDep, identity: StaffDep):
    return await _save(request, ident, lang, identity, "instance")
