"""A proposed change in words, for the staff's review queue: what, before → after (no IRI, ever).

Labels come from ``label(iri, lang)`` (the projection's); numbers and dates from
:mod:`ecosystem.formatting`. A value the graph did not have reads « non précisé ».
"""

from __future__ import annotations

from collections.abc import Callable

from ecosystem import formatting
from ecosystem.campaign.facts import FIELDS
from ecosystem.i18n import Message

__all__ = ["KINDS", "describe"]

Label = Callable[[str, str], str]

KINDS = {
    "corriger": Message("Correction", "Correction"),
    "retirer": Message("Siège retiré", "Seat removed"),
    "ajouter": Message("Siège ajouté", "Seat added"),
    "proposer": Message("Nouvelle instance proposée", "New instance proposed"),
    "confirmer": Message("Confirmé sans changement", "Confirmed unchanged"),
}
FIELD_NAMES = {
    "roles": Message("rôle", "role"),
    "hours": Message("heures par an", "hours per year"),
    "since": Message("depuis", "since"),
    "territories": Message("territoire", "territory"),
    "sectors": Message("secteur", "sector"),
    "mandate": Message("mandat", "mandate"),
}
_NONE = Message("non précisé", "not stated")
_ABSENT = Message("(aucun siège)", "(no seat)")


def _value(name: str, values: list[str], label: Label, lang: str) -> str:
    if not values:
        return _NONE.text(lang)
    kind = FIELDS[name].kind
    if kind == "iris":
        return ", ".join(sorted(label(v, lang) for v in values))
    if kind == "decimal":
        return formatting.hours(float(values[0]), lang)
    if kind == "date":
        return formatting.date(values[0], lang)
    return values[0]


def _seat_words(roles: list[str], hours: str | None, since: str | None, label: Label, lang: str) -> str:
    parts = [_value("roles", roles, label, lang)]
    if hours:
        parts.append(_value("hours", [hours], label, lang))
    if since:
        parts.append(Message("depuis le {d}", "since {d}").format(d=formatting.date(since, lang)).text(lang))
    return " · ".join(parts)


def _subject(change: dict, seat_instance: Callable[[str], str | None], label: Label, lang: str) -> str:
    """The record a correction is about: « Siège à <instance> », the organisation's record, or an instance."""
    subject = change["subject"]
    instance = seat_instance(subject)
    if instance is not None:
        return Message("Siège à {i}", "Seat on {i}").format(i=label(instance, lang)).text(lang)
    return label(subject, lang)


def describe(
    change: dict, label: Label, lang: str, seat_instance: Callable[[str], str | None] = lambda _: None
) -> dict:
    """``{"kind", "what", "before", "after"}`` in words, in ``lang``.

    ``seat_instance(iri)`` says which instance a seat IRI is on (None when the IRI is not a seat).

    >>> names = {"r/membre": "membre", "r/porteur": "porteur", "i/t": "Table T", "s/1": "?"}
    >>> label = lambda iri, lang: names[iri]
    >>> change = {"kind": "corriger", "subject": "s/1", "field": "roles", "before": ["r/membre"], "after": ["r/porteur"]}
    >>> d = describe(change, label, "fr", {"s/1": "i/t"}.get)
    >>> d["what"], d["before"], d["after"]
    ('Siège à Table T — rôle', 'membre', 'porteur')
    >>> describe({**change, "field": "hours", "before": [], "after": ["12.5"]}, label, "fr", {"s/1": "i/t"}.get)["after"]
    '12,5\\xa0h/an'
    """
    kind = change["kind"]
    words = {"kind": KINDS[kind].text(lang)}
    if kind == "corriger":
        name = change["field"]
        words |= {
            "what": f"{_subject(change, seat_instance, label, lang)} — {FIELD_NAMES[name].text(lang)}",
            "before": _value(name, change["before"], label, lang),
            "after": _value(name, change["after"], label, lang),
        }
    elif kind == "retirer":
        words |= {
            "what": Message("Siège à {i}", "Seat on {i}").format(i=label(change["instance"], lang)).text(lang),
            "before": Message("y siège", "sits there").text(lang),
            "after": Message("n'y siège plus", "no longer sits there").text(lang),
        }
    elif kind == "ajouter":
        words |= {
            "what": Message("Siège à {i}", "Seat on {i}").format(i=label(change["instance"], lang)).text(lang),
            "before": _ABSENT.text(lang),
            "after": _seat_words(change.get("roles") or [], change.get("hours"), change.get("since"), label, lang),
        }
    elif kind == "proposer":
        details = [
            Message("rôle : {r}", "role: {r}")
            .format(r=_value("roles", change.get("roles") or [], label, lang))
            .text(lang)
        ]
        if change.get("territory"):
            details.append(label(change["territory"], lang))
        if change.get("issues"):
            details.append(
                Message("enjeux : {e}", "issues: {e}")
                .format(e=", ".join(sorted(label(i, lang) for i in change["issues"])))
                .text(lang)
            )
        words |= {
            "what": change["name"],
            "before": Message("(inconnue)", "(unknown)").text(lang),
            "after": " · ".join(details),
        }
    else:
        names = sorted(label(seat_instance(s) or s, lang) for s in change["subjects"])
        words |= {
            "what": Message("{n} fiches et sièges", "{n} records and seats").format(n=len(names)).text(lang),
            "before": ", ".join(names),
            "after": Message("confirmés tels quels", "confirmed as they are").text(lang),
        }
    return words
