"""Read the tables of a spreadsheet file: XLSX sheets, or a CSV file.

CSV files come from Excel as often as not: UTF-8 with or without a byte-order
mark, or Windows-1252; ``,``, ``;`` or tab between cells (detected from the
header line). Cells are stripped of surrounding spaces; blank rows are skipped
but counted, so row numbers stay those the spreadsheet shows (header = row 1).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ecosystem.i18n import Message
from ecosystem.ingest.formulas import restore
from ecosystem.ingest.problems import Problem

__all__ = ["SPREADSHEET_SUFFIXES", "Cell", "Table", "TableError", "decode", "read_csv_text", "read_tables", "sniff_delimiter"]

Cell = str | int | float | date
"""A cell: stripped text, a number, or a date (from Excel); ``""`` when empty."""

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".csv", ".tsv", ".txt"}
_DELIMITERS = (",", ";", "\t")


@dataclass
class Table:
    """One sheet (or CSV file): its headers and its non-blank rows, numbered as shown."""

    file: str
    sheet: str
    headers: list[str]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    header_row: int = 1
    path: Path | None = None
    width: int = 0
    """Cells in the header row, trailing empty ones included (to spot rows of another width)."""


class TableError(Exception):
    """The file cannot be read at all; ``problem`` says why and what to do."""

    def __init__(self, problem: Problem):
        super().__init__(problem.text())
        self.problem = problem


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else Windows-1252.

    >>> decode("é".encode("cp1252")), decode("\\ufeffé".encode("utf-8"))
    ('é', 'é')
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The delimiter used in the header line: the most frequent of ``,`` ``;`` tab.

    >>> sniff_delimiter("id;nom;sigle\\n"), sniff_delimiter("id\\tnom\\n"), sniff_delimiter("id\\n")
    (';', '\\t', ',')
    """
    first = next((line for line in text.splitlines() if line.strip()), "")
    # Count outside quotes: a quoted header may contain a comma.
    outside = "".join(part for i, part in enumerate(first.split('"')) if i % 2 == 0)
    counts = {d: outside.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _clean(value) -> Cell:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\u00a0", " ").strip()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    return value


def _blank(cells: list[Cell]) -> bool:
    return all(c == "" for c in cells)


def _table(file: str, sheet: str, numbered_rows, path: Path | None) -> Table | None:
    rows = ((n, [_clean(v) for v in cells]) for n, cells in numbered_rows)
    for number, cells in rows:
        if not _blank(cells):
            headers = [str(c) for c in cells]
            width = len(headers)
            while headers and headers[-1] == "":
                headers.pop()
            table = Table(file, sheet, headers, header_row=number, path=path, width=width)
            table.rows = [(n, c) for n, c in rows if not _blank(c)]
            return table
    return None


def read_csv_text(text: str, file: str, sheet: str, path: Path | None = None) -> Table | None:
    """Parse CSV ``text``; None when it holds no header."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows = ([restore(cell) for cell in row] for row in reader)  # the export's anti-formula apostrophes
    return _table(file, sheet, enumerate(rows, start=1), path)


def _read_xlsx(path: Path) -> list[Table]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        tables = []
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # some writers record a wrong used range
            table = _table(path.name, sheet.title, enumerate(sheet.iter_rows(values_only=True), start=1), path)
            if table is not None:
                tables.append(table)
        return tables
    finally:
        workbook.close()


def read_tables(path: Path) -> list[Table]:
    """Every non-empty table of the file at ``path`` (XLSX: one per sheet; CSV: one)."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path)
        if suffix in (".csv", ".tsv", ".txt"):
            table = read_csv_text(decode(path.read_bytes()), path.name, path.stem, path)
            return [table] if table is not None else []
    except (OSError, ValueError, KeyError, csv.Error) as error:
        raise TableError(_unreadable(path, error)) from error
    except Exception as error:  # openpyxl raises zipfile/XML errors of many kinds on a damaged file
        if type(error).__module__.split(".")[0] in ("zipfile", "openpyxl", "xml", "lxml"):
            raise TableError(_unreadable(path, error)) from error
        raise
    raise TableError(
        Problem(path.name, None, None, None, None, None,
                Message("Format de fichier non pris en charge.", "Unsupported file format."),
                Message("Enregistrez-le en XLSX ou en CSV.", "Save it as XLSX or CSV."))
    )


def _unreadable(path: Path, error: Exception) -> Problem:
    return Problem(
        path.name, None, None, None, None, None,
        Message("Lecture impossible : {e}.", "Cannot read: {e}.").format(e=error),
        Message("Ouvrez-le dans un tableur et enregistrez-le à nouveau en XLSX ou CSV.",
                "Open it in a spreadsheet and save it again as XLSX or CSV."),
    )
