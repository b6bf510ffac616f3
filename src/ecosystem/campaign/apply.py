"""An accepted change → the exact quads to write, through the staff forms' planner (SHACL-checked).

Every resource a change touches gains ``eco:confirmedOn`` (the day the organisation answered,
replacing an older one) and ``prov:wasDerivedFrom`` the declaration « Déclaré par
<organisation> le <date> » (:func:`ecosystem.editing.declaration`); a removed seat goes whole.
"""

from __future__ import annotations

import datetime

from rdflib import Literal, URIRef

from ecosystem.campaign.facts import FIELDS
from ecosystem.editing import Edit, declaration, new_seat, plan_edit
from ecosystem.folding import fold
from ecosystem.forms import FormField
from ecosystem.i18n import Message
from ecosystem.journal import Quad
from ecosystem.namespaces import ECO, ORG, RDF, SKOS, XSD, instance_iri
from ecosystem.queries import has_facts_query, has_type_query, instance_names_query
from ecosystem.store.base import Store

__all__ = ["ApplyRefused", "plan_change"]

_NO_LABEL = Message("", "")


class ApplyRefused(ValueError):
    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


def _field(path: URIRef, kind: str = "text", language: str | None = None) -> FormField:
    return FormField(path, str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1], _NO_LABEL, kind, language=language)


_CONFIRMED = _field(ECO.confirmedOn, "date")


def _literal(name: str, value: str):
    kind = FIELDS[name].kind
    if kind == "iris":
        return URIRef(value)
    if kind == "decimal":
        return Literal(value, datatype=XSD.decimal)
    if kind == "date":
        return Literal(value, datatype=XSD.date)
    return Literal(value, lang="fr")


def _managed(name: str) -> FormField:
    spec = FIELDS[name]
    return _field(spec.path, language="fr" if spec.kind == "text" else None)


def _confirm(
    edit: Edit, subject: URIRef, day: Literal, fields: list[FormField] | None = None, wanted: set | None = None
) -> None:
    edit.managed[subject] = [*(fields or []), _CONFIRMED]
    edit.wanted[subject] = {*(wanted or set()), (ECO.confirmedOn, day)}


def _seat(edit: Edit, seat: URIRef, actor: URIRef, instance: URIRef, item: dict, day: Literal) -> None:
    wanted = {(RDF.type, ORG.Membership), (ORG.member, actor), (ORG.organization, instance)}
    wanted |= {(ORG.role, URIRef(r)) for r in item.get("roles") or []}
    wanted |= {
        (FIELDS[n].path, _literal(n, item[k])) for n, k in (("hours", "hours"), ("since", "since")) if item.get(k)
    }
    fields = [_field(ORG.member), _field(ORG.organization), _managed("roles"), _managed("hours"), _managed("since")]
    _confirm(edit, seat, day, fields, wanted)
    edit.created.add(seat)


def _new_instance(store: Store, edit: Edit, actor: URIRef, item: dict, day: Literal) -> URIRef:
    try:
        instance = instance_iri(item["name"])
    except ValueError:
        raise ApplyRefused(
            Message("Ce nom ne donne pas d'identifiant utilisable.", "This name gives no usable id.")
        ) from None
    if store.ask(has_facts_query(instance)) or _named(store, item["name"]):
        raise ApplyRefused(
            Message(
                "Une instance de ce nom existe déjà : ajoutez plutôt un siège à celle-ci.",
                "An instance of this name already exists: add a seat to it instead.",
            )
        )
    wanted = {(RDF.type, ECO.Instance), (SKOS.prefLabel, Literal(item["name"], lang="fr"))}
    wanted |= {(ORG.purpose, URIRef(i)) for i in item.get("issues") or []}
    if item.get("territory"):
        wanted.add((ECO.territory, URIRef(item["territory"])))
    fields = [_field(SKOS.prefLabel, language="fr"), _field(ORG.purpose), _field(ECO.territory)]
    _confirm(edit, instance, day, fields, wanted)
    edit.created.add(instance)
    return instance


_GONE = Message(
    "Cette fiche n'existe plus dans les données (retirée depuis la réponse).",
    "This record no longer exists in the data (removed since the answer).",
)


def _exists(store: Store, subject: str) -> bool:
    return store.ask(has_type_query(URIRef(subject)))


def _named(store: Store, name: str) -> bool:
    """Whether an instance of the map already bears ``name`` (or had it), accents, case and spacing aside."""
    rows = store.select(instance_names_query())
    wanted = " ".join(fold(name).split())
    return any(" ".join(fold(str(row["n"])).split()) == wanted for row in rows)


def _edit(store: Store, actor: URIRef, item: dict, day: Literal) -> Edit:
    edit = Edit()
    kind = item["kind"]
    if kind in ("corriger", "retirer") and not _exists(store, item["subject"]):
        raise ApplyRefused(_GONE)
    if kind == "corriger":
        name = item["field"]
        _confirm(
            edit,
            URIRef(item["subject"]),
            day,
            [_managed(name)],
            {(FIELDS[name].path, _literal(name, v)) for v in item["after"]},
        )
    elif kind == "retirer":
        edit.removed.add(URIRef(item["subject"]))
    elif kind == "ajouter":
        instance = URIRef(item["instance"])
        _seat(edit, new_seat(actor, instance), actor, instance, item, day)
    elif kind == "proposer":
        instance = _new_instance(store, edit, actor, item, day)
        _seat(edit, new_seat(actor, instance), actor, instance, {**item, "hours": None, "since": None}, day)
    elif kind == "confirmer":
        for subject in (s for s in item["subjects"] if _exists(store, s)):
            _confirm(edit, URIRef(subject), day)
    else:
        raise ApplyRefused(Message("Changement d'un genre inconnu.", "Change of an unknown kind."))
    return edit


def plan_change(
    store: Store, item: dict, actor: str, actor_name: str, answered: datetime.date
) -> tuple[list[Quad], list[Quad]]:
    """The quads to add and remove so the graph holds what the organisation declared on ``answered``.

    Raises :class:`ApplyRefused` when the result would break a shape (the reasons in words).
    """
    day = Literal(answered.isoformat(), datatype=XSD.date)
    edit = _edit(store, URIRef(actor), item, day)
    for subject in set(edit.wanted) - edit.created:
        # The planner manages a seat's type with its fields (as the staff form does): keep it, or the seat would lose it.
        if store.ask(has_type_query(URIRef(subject), ORG.Membership)):
            edit.wanted[subject].add((RDF.type, ORG.Membership))
    add, remove, problems = plan_edit(store, edit, declaration(URIRef(actor), actor_name, answered))
    if problems:
        raise ApplyRefused(Message(" ".join(p.fr for p in problems), " ".join(p.en for p in problems)))
    return add, remove
