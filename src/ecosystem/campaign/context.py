"""What the campaign pages need from the graph: the choices offered, instance search, the invitees, the mail-merge table."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font

from ecosystem.campaign.changes import Choices
from ecosystem.campaign.facts import read_facts
from ecosystem.campaign.storage import WITHOUT_TERRITORY, Invitee
from ecosystem.folding import fold
from ecosystem.forms import FormField, form_fields
from ecosystem.i18n import Message
from ecosystem.ingest.formulas import neutralise
from ecosystem.ingest.templates import CSV_DELIMITER
from ecosystem.namespaces import ECO, ORG
from ecosystem.projection import Projection
from ecosystem.search import matches, rank, search_terms
from ecosystem.store.base import Store

__all__ = ["Offered", "invitees", "links_csv", "links_xlsx", "offered", "resolver"]

LINK_HEADERS = (
    "Organisation",
    "Territoire",
    "Lien personnel",
    "Date limite",
    "Réponse reçue le",
    "Pour joindre le Consortium",
)
"""The mail-merge table's columns, in French (the language of the letters)."""


@dataclass(frozen=True)
class Offered:
    """The values a confirmation form offers (IRI, words), from the shapes and vocabularies, and the IRIs allowed."""

    roles: list[tuple[str, Message]]
    territories: list[tuple[str, Message]]
    sectors: list[tuple[str, Message]]
    issues: list[tuple[str, Message]]

    @property
    def choices(self) -> Choices:
        return Choices(
            *(
                frozenset(iri for iri, _ in values)
                for values in (self.roles, self.territories, self.sectors, self.issues)
            )
        )


def _choices_of(fields: list[FormField], path) -> list[tuple[str, Message]]:
    return next((f.choices for f in fields if f.path == path), [])


def offered(projection: Projection) -> Offered:
    """The roles, territories, sectors and issues the staff forms offer (one definition: the shapes)."""
    territories = sorted(
        ((iri, Message(t["label"], t.get("label_en") or t["label"])) for iri, t in projection.territories.items()),
        key=lambda c: fold(c[1].fr),
    )
    actor, seat, instance = (form_fields(cls, territories) for cls in (ECO.Actor, ORG.Membership, ECO.Instance))
    return Offered(
        _choices_of(seat, ORG.role), territories, _choices_of(actor, ECO.sector), _choices_of(instance, ORG.purpose)
    )


def resolver(projection: Projection, limit: int = 8):
    """``resolve(name)`` for the form: an instance named exactly (accents and case aside), or the only one the words find."""
    names = {iri: projection.label(iri) for iri in projection.instances}
    terms = {iri: search_terms(name, projection.two_mode.nodes[iri].get("acronym")) for iri, name in names.items()}

    def resolve(text: str) -> tuple[str | None, list[str]]:
        exact = [iri for iri, name in names.items() if fold(name) == fold(text.strip())]
        if len(exact) == 1:
            return exact[0], []
        found = sorted((iri for iri in names if matches(text, terms[iri])), key=lambda iri: rank(text, names[iri]))
        return (found[0] if len(found) == 1 else None), [names[iri] for iri in found[:limit]]

    return resolve


def _within(projection: Projection, territory: str, chosen: set[str]) -> bool:
    """Whether ``territory`` is one of ``chosen`` or lies inside one (its parents, ``skos:broader``)."""
    seen: set[str] = set()
    current: str | None = territory
    while current and current not in seen:
        if current in chosen:
            return True
        seen.add(current)
        current = projection.territories.get(current, {}).get("parent")
    return False


def invitees(store: Store, projection: Projection, territories: set[str] | None = None) -> list[Invitee]:
    """The organisations of the map, with their first territory and the number of facts their form will show.

    ``territories``: only the organisations with a territory among these or inside one of them (and, with
    :data:`~ecosystem.campaign.storage.WITHOUT_TERRITORY`, those the map gives none); None: every one.
    Each is counted under its first territory among the chosen ones."""
    found = []
    for actor in projection.actors:
        facts = read_facts(store, actor)
        kept = list(facts.territories)
        if territories is not None:
            kept = [t for t in facts.territories if _within(projection, t, territories)]
            if not kept and not (WITHOUT_TERRITORY in territories and not facts.territories):
                continue
        found.append(Invitee(actor, kept[0] if kept else None, facts.count))
    return found


def _rows(rows: list[list[str]]) -> list[list[str]]:
    return [[neutralise(cell) for cell in row] for row in rows]


def links_csv(rows: list[list[str]]) -> bytes:
    """The mail-merge table as CSV (``;``, UTF-8 with its mark: what Excel in French expects)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(LINK_HEADERS)
    writer.writerows(_rows(rows))
    return ("\ufeff" + buffer.getvalue()).encode()


def links_xlsx(rows: list[list[str]]) -> bytes:
    """The mail-merge table as a workbook: one sheet ``liens``, bold French headers."""
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = "liens"
    sheet.append(list(LINK_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(rows):
        sheet.append(row)
    for letter, width in zip("ABCDEF", (45, 22, 90, 18, 18, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
