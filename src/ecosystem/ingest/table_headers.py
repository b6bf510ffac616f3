"""A table's header row read against its template sheet: each header's column, or the problem with it."""

from __future__ import annotations

from ecosystem.i18n import Message
from ecosystem.ingest.columns import Sheet, column_letter, normalize_header
from ecosystem.ingest.lookups import closest
from ecosystem.ingest.problems import Problem, ProblemList
from ecosystem.ingest.read import Table

__all__ = ["read_headers"]


def read_headers(table: Table, sheet: Sheet, problems: ProblemList) -> dict[str, int] | None:
    """The column of each header of ``table`` as ``sheet`` reads it; problems for unknown, duplicated and
    missing required columns (``None`` when a required one is missing)."""
    indexes: dict[str, int] = {}
    for i, header in enumerate(table.headers):
        if header == "":
            continue
        column = sheet.column_for_header(header)
        where = Problem(
            table.file, table.sheet, table.header_row, header, column_letter(i), None, Message("", ""), Message("", "")
        )
        if column is None:
            problems.append(_unknown_column(where, header, sheet))
        elif column.name in indexes:
            problems.append(
                _with(
                    where,
                    Message("Colonne en double.", "Duplicated column."),
                    Message(
                        "La colonne « {c} » apparaît déjà en {l} : gardez-en une seule.",
                        "Column “{c}” already appears in {l}: keep only one.",
                    ).format(c=column.name, l=column_letter(indexes[column.name])),
                )
            )
        else:
            indexes[column.name] = i
    missing = [c.name for c in sheet.required if c.name not in indexes]
    for name in missing:
        problems.append(
            Problem(
                table.file,
                table.sheet,
                table.header_row,
                name,
                None,
                None,
                Message("Colonne obligatoire absente.", "Required column missing."),
                Message(
                    "Ajoutez une colonne « {c} » à la ligne d'en-tête.", "Add a “{c}” column to the header row."
                ).format(c=name),
            )
        )
    return None if missing else indexes


def _unknown_column(where: Problem, header: str, sheet: Sheet) -> Problem:
    """A header no column of ``sheet`` answers to: the closest column's name suggested, the allowed ones listed."""
    near = closest(normalize_header(header).replace("_", "-"), [c.name.replace("_", "-") for c in sheet.columns])
    return _with(
        where,
        Message("Colonne inconnue.", "Unknown column."),
        Message(
            "Renommez-la{s} ou supprimez-la ; colonnes permises : {c}.",
            "Rename it{s_en} or delete it; allowed columns: {c}.",
        ).format(
            s=f" « {near.replace('-', '_')} »" if near else "",
            s_en=f" “{near.replace('-', '_')}”" if near else "",
            c=", ".join(c.name for c in sheet.columns),
        ),
    )


def _with(where: Problem, what: Message, fix: Message) -> Problem:
    return Problem(where.file, where.sheet, where.row, where.column, where.letter, where.value, what, fix)
