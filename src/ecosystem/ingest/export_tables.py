"""The current graph written back in the import template (XLSX or CSV).

A partner corrects the file and sends it back; importing it unchanged changes
nothing (``import(export(graph)) == graph`` for what the template covers). Ids
are the last segment of the IRIs; list values are written by their notation.
No cell is ever a formula (:mod:`.formulas`): text cells in XLSX, a leading
apostrophe before a formula-looking start in CSV, which the importer removes.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

from rdflib import Literal, URIRef

from ecosystem.ingest.columns import SHEETS
from ecosystem.ingest.formulas import FORMULA_START, neutralise
from ecosystem.ingest.mapping import KIND_PATH, PREDICATES, TYPES
from ecosystem.ingest.templates import csv_text, workbook
from ecosystem.namespaces import ID, ORG
from ecosystem.queries import described_query, typed_query
from ecosystem.store.base import Store

__all__ = ["export_tables", "table_rows"]

_SOURCES = str(ID) + "source/"


def _cell_value(value, column_kind: str, spreadsheet: bool):
    if isinstance(value, URIRef):
        text = str(value)
        if column_kind == "source":
            rest = text[len(_SOURCES) :] if text.startswith(_SOURCES) else None
            return rest if rest and "/" not in rest else text
        if column_kind in ("url",):
            return text
        if column_kind == "plan":
            return text.removeprefix(str(ID))
        if column_kind == "agent":
            return text.removeprefix(str(ID))  # acteur/… or instance/…: an id may be both
        return text.rsplit("/", 1)[-1]
    if spreadsheet and isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, date):
            return python
        if isinstance(python, Decimal):
            return int(python) if python == python.to_integral_value() else float(python)
        if isinstance(python, int) and not isinstance(python, bool):
            return python
    return str(value)


def _descriptions(store: Store, kind: str) -> dict[URIRef, dict]:
    predicates = {p for p, _ in PREDICATES[kind].values()} | {ORG.member, ORG.organization}
    rows = store.select(described_query(TYPES[kind][0], sorted(predicates)))
    found: dict[URIRef, dict] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if isinstance(subject := row["s"], URIRef):  # resources are IRIs
            found[subject][row["p"]].append(row["o"])
    # Resources with no template property at all still get their row.
    for row in store.select(typed_query(TYPES[kind][0])):
        if isinstance(subject := row["s"], URIRef):
            found[subject]
    return found


def table_rows(store: Store, kind: str, spreadsheet: bool = False) -> list[list]:
    """The rows of template sheet ``kind`` for the store's current graph, sorted by id."""
    sheet = SHEETS[kind]
    rows = []
    for subject, properties in _descriptions(store, kind).items():
        if kind == "participations":
            actor, instance = properties.get(ORG.member), properties.get(ORG.organization)
            if not actor or not instance:
                continue
            ids = [str(actor[0]).rsplit("/", 1)[-1], str(instance[0]).rsplit("/", 1)[-1]]
        else:
            prefix = f"{ID}{KIND_PATH[kind]}/"
            if not str(subject).startswith(prefix) or "/" in str(subject)[len(prefix) :]:
                continue
            ids = [str(subject)[len(prefix) :]]
        row = []
        for index, column in enumerate(sheet.columns):
            if index < len(ids):
                row.append(ids[index])
                continue
            if column.name not in PREDICATES[kind]:
                row.append("")
                continue
            predicate, lang = PREDICATES[kind][column.name]
            objects = [o for o in properties.get(predicate, []) if not isinstance(o, Literal) or o.language == lang]
            cells = sorted((_cell_value(o, column.kind, spreadsheet) for o in objects), key=str)
            if not cells:
                row.append("")
            elif len(cells) == 1:
                row.append(cells[0])
            else:
                row.append(" | ".join(str(c) for c in cells) if column.multi else "\n".join(str(c) for c in cells))
        rows.append(row)
    return sorted(rows, key=lambda r: [str(c) for c in r[:2]])


def _as_text(sheet) -> None:
    """Every text cell of the data rows a string, never a formula, and kept text when edited."""
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and FORMULA_START.match(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True


def export_tables(store: Store, path: Path, format: str = "xlsx") -> list[Path]:
    """Write the current graph in the template.

    Parameters
    ----------
    store
        The store to read.
    path
        ``xlsx``: the workbook file to write. ``csv``: a folder, which receives
        one CSV file per template sheet (``acteurs.csv``, …, ``evenements.csv``).
    format
        ``xlsx`` or ``csv``.

    Returns
    -------
    list of Path
        The files written.
    """
    path = Path(path)
    if format == "xlsx":
        rows = {kind: table_rows(store, kind, spreadsheet=True) for kind in SHEETS}
        path.parent.mkdir(parents=True, exist_ok=True)
        book = workbook(rows)
        for kind in SHEETS:
            _as_text(book[kind])
        book.save(path)
        return [path]
    if format == "csv":
        path.mkdir(parents=True, exist_ok=True)
        written = []
        for kind in SHEETS:
            target = path / f"{kind}.csv"
            cells = [[neutralise(cell) for cell in row] for row in table_rows(store, kind)]
            target.write_bytes(csv_text(kind, cells).encode("utf-8-sig"))
            written.append(target)
        return written
    raise ValueError(f"format: xlsx ou csv / xlsx or csv, not {format!r}")
