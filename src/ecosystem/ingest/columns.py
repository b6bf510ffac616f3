"""The spreadsheet template: its sheets, their columns, and the header names accepted.

Headers are matched without regard to case, accents or surrounding spaces, and
English names are accepted as aliases (``name`` for ``nom``), so a partner's own
spelling of a header still finds its column.

>>> SHEETS["acteurs"].column_for_header(" Nom ").name
'nom'
>>> SHEETS["participations"].column_for_header("Hours per year").name
'heures_par_an'
>>> sheet_for_name("Memberships")
'participations'
"""

from __future__ import annotations

from ecosystem.ingest.column_types import Column, Sheet, column_letter, normalize_header
from ecosystem.ingest.sheets_network import ACTORS, INSTANCES, MEMBERSHIPS, TERRITORIES
from ecosystem.ingest.sheets_plan import EVENTS, OBSERVATIONS

__all__ = ["SHEETS", "Column", "Sheet", "column_letter", "normalize_header", "sheet_choices", "sheet_for_name"]

SHEETS: dict[str, Sheet] = {
    sheet.name: sheet for sheet in (ACTORS, INSTANCES, MEMBERSHIPS, TERRITORIES, EVENTS, OBSERVATIONS)
}
"""The data sheets, in the order they are read."""

_SHEET_NAMES = {normalize_header(n): s.name for s in SHEETS.values() for n in (s.name, s.english, *s.aliases)}


def sheet_for_name(name: str) -> str | None:
    """The template sheet a sheet or file name stands for, or None."""
    return _SHEET_NAMES.get(normalize_header(name))


def sheet_choices(table) -> list[str]:
    """The template sheets a table may be; one when it is recognised, several when it is ambiguous.

    By its sheet or file name — the whole name, else one of its words, so that LibreOffice's
    per-sheet export ``modele-territoires.csv`` is the ``territoires`` sheet — and otherwise by its
    headers: among the sheets whose required columns it has, those whose own column names it
    matches best (an alias counts less: ``parent`` and ``population`` are also aliases of instance
    columns).
    """
    if kind := sheet_for_name(table.sheet):
        return [kind]
    named = {kind for word in normalize_header(table.sheet).split("_") if (kind := sheet_for_name(word))}
    if len(named) == 1:
        return list(named)
    headers = {normalize_header(h) for h in table.headers}
    scores = {}
    for sheet in SHEETS.values():
        if all(any(sheet.column_for_header(h) is c for h in headers) for c in sheet.required):
            scores[sheet.name] = sum(
                2 if column.name == h else 1 for h in headers if (column := sheet.column_for_header(h)) is not None
            )
    best = max(scores.values(), default=0)
    return [name for name, score in scores.items() if score == best]
