"""Read an XLSX workbook's sheets within the limits, whatever the file claims.

Before anything is uncompressed, every part's declared size is checked (Python's
zip reader never returns more than a part declares, so a zip bomb stops there) and
every worksheet the workbook lists must be in the package. Sheets are then parsed
as a stream, a row at a time: a sheet of a million blank rows, a cell past the last
column allowed or a cell longer than Excel allows is refused as soon as it is met,
at the cost of what was read so far. openpyxl reads the shared strings, the styles
(which cells are dates) and the epoch; defusedxml refuses DTDs and entities.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring, iterparse
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel

from ecosystem.i18n import Message
from ecosystem.ingest.problems import Problem
from ecosystem.limits import Limits, limit_fix, number

__all__ = ["LimitError", "check_package", "sheet_rows", "worksheet_parts"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_ROW, _CELL, _VALUE, _TEXT, _INLINE = (_MAIN + n for n in ("row", "c", "v", "t", "is"))


class LimitError(ValueError):
    """A file is refused: a limit passed or a part missing; ``problem`` says which and what to do."""

    def __init__(self, problem: Problem):
        super().__init__(problem.text())
        self.problem = problem


def _refuse(
    file: str, sheet: str | None, row: int | None, what: Message, fix: Message, letter: str | None = None
) -> LimitError:
    return LimitError(Problem(file, sheet, row, None, letter, None, what, fix))


def check_package(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a part, or all parts together, larger uncompressed than ``limits.max_bytes``."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > limits.max_bytes or total > limits.max_bytes:
            raise _refuse(
                path.name,
                None,
                None,
                Message(
                    "Classeur refusé : une fois décompressé, il dépasse {n} octets (partie {p} : {s} octets).",
                    "Workbook refused: uncompressed, it exceeds {n} bytes (part {p}: {s} bytes).",
                ).format(n=number(limits.max_bytes), p=info.filename, s=number(info.file_size)),
                limit_fix(
                    "max_bytes",
                    limits.max_bytes,
                    Message(
                        "Enregistrez-le à nouveau depuis le tableur ; s'il est vraiment si grand, découpez-le.",
                        "Save it again from the spreadsheet; if it really is that large, split it.",
                    ),
                ),
            )


def _target(base: str, target: str) -> str:
    return (
        target.lstrip("/")
        if target.startswith("/")
        else posixpath.normpath(posixpath.join(posixpath.dirname(base), target))
    )


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    rels_path = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    root = fromstring(archive.read(rels_path))
    return {rel.get("Id", ""): _target(part, rel.get("Target", "")) for rel in root.iter(_RELS + "Relationship")}


def worksheet_parts(path: Path, archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part) of every sheet the workbook lists; refuses one whose part is missing."""
    package = _rels(archive, "")
    workbook = next((t for t in package.values() if t.endswith(("workbook.xml", ".xml"))), "xl/workbook.xml")
    relations = _rels(archive, workbook)
    names = set(archive.namelist())
    sheets = []
    for sheet in fromstring(archive.read(workbook)).iter(_MAIN + "sheet"):
        name, part = sheet.get("name", "?"), relations.get(sheet.get(_R_ID, ""), "")
        if part not in names:
            raise _refuse(
                path.name,
                name,
                None,
                Message(
                    "Classeur endommagé : la feuille « {s} » est annoncée mais son contenu ({p}) manque.",
                    "Damaged workbook: sheet “{s}” is listed but its content ({p}) is missing.",
                ).format(s=name, p=part or "?"),
                Message(
                    "Ouvrez le classeur dans un tableur, vérifiez la feuille et enregistrez-le à nouveau.",
                    "Open the workbook in a spreadsheet, check the sheet and save it again.",
                ),
            )
        sheets.append((name, part))
    return sheets


def _value(cell, strings, date_styles: set, epoch: datetime):
    kind, text = cell.get("t", "n"), cell.findtext(_VALUE)
    if kind == "inlineStr":
        inline = cell.find(_INLINE)
        return "".join(t.text or "" for t in inline.iter(_TEXT)) if inline is not None else None
    if text is None:
        return None
    if kind == "s":
        return strings[int(text)]
    if kind in ("str", "e"):
        return text
    if kind == "b":
        return text in ("1", "true")
    if kind == "d":
        return datetime.fromisoformat(text)
    value = float(text) if any(c in text for c in ".eE") else int(text)
    if cell.get("s") is not None and int(cell.get("s")) in date_styles:
        return from_excel(value, epoch)
    return value


class _SheetReader:
    """Rows of one sheet part as (row number, values), blank rows included, limits checked on the way."""

    def __init__(self, path: Path, sheet: str, limits: Limits, strings, date_styles, epoch):
        self.file, self.sheet, self.limits = path.name, sheet, limits
        self.strings, self.date_styles, self.epoch = strings, date_styles, epoch

    def cells(self, row, row_number: int) -> list:
        values: list = []
        for cell in row.iter(_CELL):
            reference = cell.get("r")
            column = column_index_from_string(coordinate_from_string(reference)[0]) if reference else len(values) + 1
            value = _value(cell, self.strings, self.date_styles, self.epoch)
            if value is None or value == "":
                continue
            if column > self.limits.max_columns:
                raise self.refuse(
                    row_number,
                    Message(
                        "Trop de colonnes : une valeur en colonne {c}, au-delà de {n}.",
                        "Too many columns: a value in column {c}, past {n}.",
                    ).format(c=get_column_letter(column), n=number(self.limits.max_columns)),
                    "max_columns",
                    get_column_letter(column),
                )
            if isinstance(value, str) and len(value) > self.limits.max_cell_chars:
                raise self.refuse(
                    row_number,
                    Message(
                        "Cellule de {k} caractères : plus que les {n} permis.",
                        "Cell of {k} characters: more than the {n} allowed.",
                    ).format(k=number(len(value)), n=number(self.limits.max_cell_chars)),
                    "max_cell_chars",
                    get_column_letter(column),
                )
            values.extend([None] * (column - 1 - len(values)))
            values.append(value)
        return values

    def refuse(self, row: int, what: Message, limit: str, letter: str | None = None) -> LimitError:
        return _refuse(self.file, self.sheet, row, what, limit_fix(limit, getattr(self.limits, limit)), letter)

    def rows(self, stream) -> Iterator[tuple[int, list]]:
        count, row_number = 0, 0
        rows_parent: Element | None = None
        last_start: Element | None = None
        for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                if element.tag == _ROW and rows_parent is None:
                    rows_parent = last_start
                last_start = element
                continue
            if element.tag != _ROW:
                continue
            count += 1
            row_number = int(element.get("r") or row_number + 1)
            if count > self.limits.max_rows or row_number > self.limits.max_rows:
                raise self.refuse(
                    row_number,
                    Message(
                        "Feuille de plus de {n} lignes (lignes vides comprises) : elle n'est pas lue.",
                        "Sheet of more than {n} rows (blank rows included): it is not read.",
                    ).format(n=number(self.limits.max_rows)),
                    "max_rows",
                )
            yield row_number, self.cells(element, row_number)
            if rows_parent is not None:  # a row always has a parent
                rows_parent.clear()  # rows read are forgotten: memory stays that of one row


def _strings_and_dates(path: Path) -> tuple[list, set, datetime]:
    """The workbook's shared strings, date styles and epoch, read by openpyxl's own reader, without its
    worksheets: opening one measures it, and a sheet with no stated size is then parsed whole (a
    million blank rows cost seconds before the row limit could refuse them)."""
    reader: Any = ExcelReader(path, read_only=True, data_only=True)  # its parts are absent from the stubs
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        return reader.shared_strings, set(reader.wb._date_formats), reader.wb.epoch
    finally:
        reader.archive.close()


def sheet_rows(path: Path, limits: Limits) -> Iterator[tuple[str, Iterator[tuple[int, list]]]]:
    """Each sheet's name and its rows, read as a stream."""
    with zipfile.ZipFile(path) as archive:
        check_package(path, archive, limits)
        parts = worksheet_parts(path, archive)
        strings, date_styles, epoch = _strings_and_dates(path)
        for name, part in parts:
            reader = _SheetReader(path, name, limits, strings, date_styles, epoch)
            with archive.open(part) as stream:
                yield name, reader.rows(stream)
