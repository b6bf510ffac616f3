"""An organisation's answer → the list of changes it proposes (pure: no store, no request).

The form comes pre-filled with what the graph says (:class:`~ecosystem.campaign.facts.OrgFacts`);
what comes back unchanged is confirmed, what differs is a correction, a ticked « retirer » a
removal, the « ajouter » rows new seats, and the last block a new instance. Each change is a
plain dict (stored as JSON until staff decide on it):

- ``{"kind": "corriger", "subject": iri, "field": name, "before": [...], "after": [...]}``
- ``{"kind": "retirer", "subject": seat, "instance": iri}``
- ``{"kind": "ajouter", "instance": iri, "roles": [...], "hours": str | None, "since": str | None}``
- ``{"kind": "proposer", "name": str, "issues": [...], "territory": iri | None, "roles": [...]}``
- ``{"kind": "confirmer", "subjects": [iri, ...]}`` (every fact sent back unchanged, at most one)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ecosystem.campaign.facts import FIELDS, OrgFacts
from ecosystem.i18n import Message

__all__ = ["ADDED_ROWS", "Choices", "read_answer", "same"]

ADDED_ROWS = 3
"""Rows « ajouter un siège » on the form."""
MAX_TEXT = 2000
Resolve = Callable[[str], tuple[str | None, list[str]]]
"""A typed instance name → its IRI (None when unknown or ambiguous) and the names it could mean."""


@dataclass(frozen=True)
class Choices:
    """The values a choice may take (IRIs): roles, territories, sectors, issues."""

    roles: frozenset[str] = frozenset()
    territories: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    issues: frozenset[str] = frozenset()


@dataclass
class _Reading:
    get: Callable[[str], list[str]]
    errors: dict[str, Message] = field(default_factory=dict)

    def one(self, key: str) -> str:
        values = [v.strip() for v in self.get(key) if v.strip()]
        return values[0] if values else ""

    def many(self, key: str, allowed: frozenset[str]) -> list[str]:
        values = sorted({v for v in self.get(key) if v})
        if set(values) - allowed:
            self.errors[key] = Message("Choisissez parmi les valeurs proposées.", "Choose among the values offered.")
            return []
        return values

    def decimal(self, key: str) -> str | None:
        text = self.one(key).replace(",", ".").replace(" ", "").replace("\u00a0", "")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = Decimal(-1)
        if not number.is_finite() or number < 0 or number > 10_000:
            self.errors[key] = Message(
                "Un nombre d'heures par an, par exemple 24 ou 7,5.", "A number of hours a year, e.g. 24 or 7.5."
            )
            return None
        return format(number.normalize(), "f")  # 30 → "30", 7,50 → "7.5" (never "3E+1")

    def date(self, key: str) -> str | None:
        text = self.one(key)
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text).isoformat()
        except ValueError:
            self.errors[key] = Message(
                "Une date AAAA-MM-JJ, par exemple 2019-09-01.", "A date YYYY-MM-DD, e.g. 2019-09-01."
            )
            return None

    def text(self, key: str) -> str | None:
        text = self.one(key)
        if len(text) > MAX_TEXT:
            self.errors[key] = Message(
                "Texte trop long : {n} caractères au plus.", "Text too long: at most {n} characters."
            ).format(n=MAX_TEXT)
            return None
        return text or None


def same(name: str, before: list[str], after: list[str]) -> bool:
    """Whether two values of field ``name`` say the same thing (12 h and 12.0 h are the same).

    >>> same("hours", ["12.0"], ["12"]), same("roles", ["b", "a"], ["a", "b"]), same("hours", [], ["3"])
    (True, True, False)
    """
    if FIELDS[name].kind == "decimal":
        return [Decimal(v) for v in before] == [Decimal(v) for v in after]
    if FIELDS[name].kind == "text":
        return [" ".join(v.split()) for v in before] == [" ".join(v.split()) for v in after]
    return sorted(before) == sorted(after)


def _listed(value: str | None) -> list[str]:
    return [value] if value else []


def _seats(facts: OrgFacts, r: _Reading, choices: Choices, changes: list[dict], confirmed: list[str]) -> None:
    for index, seat in enumerate(facts.seats):
        prefix = f"s{index}-"
        if r.one(prefix + "retirer"):
            changes.append({"kind": "retirer", "subject": seat.iri, "instance": seat.instance})
            continue
        after = {
            "roles": r.many(prefix + "role", choices.roles),
            "hours": _listed(r.decimal(prefix + "heures")),
            "since": _listed(r.date(prefix + "depuis")),
        }
        corrected = [
            {"kind": "corriger", "subject": seat.iri, "field": name, "before": seat.value(name), "after": value}
            for name, value in after.items()
            if not same(name, seat.value(name), value)
        ]
        changes.extend(corrected)
        if not corrected:
            confirmed.append(seat.iri)


def _record(facts: OrgFacts, r: _Reading, choices: Choices, changes: list[dict], confirmed: list[str]) -> None:
    after = {"territories": r.many("territoire", choices.territories), "sectors": r.many("secteur", choices.sectors)}
    before = {"territories": list(facts.territories), "sectors": list(facts.sectors)}
    corrected = [
        {"kind": "corriger", "subject": facts.actor, "field": name, "before": before[name], "after": value}
        for name, value in after.items()
        if not same(name, before[name], value)
    ]
    changes.extend(corrected)
    if not corrected:
        confirmed.append(facts.actor)
    for index, led in enumerate(facts.coordinated):
        mandate = _listed(r.text(f"c{index}-mandat"))
        if same("mandate", _listed(led.mandate), mandate):
            confirmed.append(led.iri)
        else:
            changes.append(
                {
                    "kind": "corriger",
                    "subject": led.iri,
                    "field": "mandate",
                    "before": _listed(led.mandate),
                    "after": mandate,
                }
            )


def _added(facts: OrgFacts, r: _Reading, choices: Choices, resolve: Resolve, changes: list[dict]) -> None:
    seated = {s.instance for s in facts.seats}
    for index in range(ADDED_ROWS):
        prefix = f"n{index}-"
        name = r.one(prefix + "instance")
        if not name:
            continue
        iri, candidates = resolve(name)
        if iri is None:
            r.errors[prefix + "instance"] = _unknown(name, candidates)
            continue
        if iri in seated:
            r.errors[prefix + "instance"] = Message(
                "Vous y siégez déjà : corrigez ce siège plus haut.", "You already sit there: correct that seat above."
            )
            continue
        changes.append(
            {
                "kind": "ajouter",
                "instance": iri,
                "roles": r.many(prefix + "role", choices.roles),
                "hours": r.decimal(prefix + "heures"),
                "since": r.date(prefix + "depuis"),
            }
        )


def _unknown(name: str, candidates: list[str]) -> Message:
    if candidates:
        return Message(
            "« {t} » peut désigner : {c}. Écrivez le nom complet.", "“{t}” may mean: {c}. Write the full name."
        ).format(t=name, c=" ; ".join(candidates[:5]))
    return Message(
        "« {t} » n'est pas une instance connue : choisissez dans la liste, ou proposez-la plus bas comme nouvelle instance.",
        "“{t}” is not a known instance: choose from the list, or propose it below as a new instance.",
    ).format(t=name)


def _proposed(r: _Reading, choices: Choices, resolve: Resolve, changes: list[dict]) -> None:
    name = r.text("p-nom")
    if not name:
        return
    known, candidates = resolve(name)
    if known is not None and not candidates:  # its exact name: the instance is already on the map
        r.errors["p-nom"] = Message(
            "Cette instance est déjà sur la carte : ajoutez-y plutôt votre siège, plus haut.",
            "This instance is already on the map: add your seat to it instead, above.",
        )
        return
    territory = r.one("p-territoire") or None
    if territory is not None and territory not in choices.territories:
        r.errors["p-territoire"] = Message("Choisissez un territoire de la liste.", "Choose a territory from the list.")
        return
    changes.append(
        {
            "kind": "proposer",
            "name": name[:300],
            "issues": r.many("p-enjeux", choices.issues),
            "territory": territory,
            "roles": r.many("p-role", choices.roles),
        }
    )


def read_answer(
    facts: OrgFacts, get: Callable[[str], list[str]], choices: Choices, resolve: Resolve
) -> tuple[list[dict], dict[str, Message]]:
    """The changes an answer proposes (confirmations last), and what in it is refused (field name → reason).

    ``get(name)`` gives the form's values for a field name (``form.getlist``).
    """
    reading, changes, confirmed = _Reading(get), list[dict](), list[str]()
    _record(facts, reading, choices, changes, confirmed)
    _seats(facts, reading, choices, changes, confirmed)
    _added(facts, reading, choices, resolve, changes)
    _proposed(reading, choices, resolve, changes)
    if confirmed:
        changes.append({"kind": "confirmer", "subjects": confirmed})
    return changes, reading.errors
