"""Read the tables of a spreadsheet file: XLSX sheets, or a CSV file, as streams.

CSV files come from Excel as often as not: UTF-8 with or without a byte-order
mark, Windows-1252, or UTF-16 with its mark (:mod:`ecosystem.ingest.encoding`
decides on the whole file); ``,``, ``;`` or tab between cells (detected from the
header line). Cells are stripped of surrounding spaces; blank rows are skipped
but counted, so row numbers stay those the spreadsheet shows (header = row 1).
A file past a limit (:mod:`ecosystem.limits`) is refused as soon as the limit is
met, and a quote left open that swallows the rows after it is refused naming the
row where it opened.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ecosystem.i18n import Message
from ecosystem.ingest.columns import column_letter
from ecosystem.ingest.encoding import EncodingError, detect_encoding
from ecosystem.ingest.formulas import restore
from ecosystem.ingest.problems import Problem
from ecosystem.ingest.xlsx import LimitError, sheet_rows
from ecosystem.limits import DEFAULT_LIMITS, Limits, limit_fix, number

__all__ = [
    "SPREADSHEET_SUFFIXES",
    "Cell",
    "Table",
    "TableError",
    "check_size",
    "read_csv",
    "read_tables",
    "sniff_delimiter",
]

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


def sniff_delimiter(line: str) -> str:
    """The delimiter used in the header line: the most frequent of ``,`` ``;`` tab.

    >>> sniff_delimiter("id;nom;sigle"), sniff_delimiter("id\\tnom"), sniff_delimiter("id")
    (';', '\\t', ',')
    """
    # Count outside quotes: a quoted header may contain a comma.
    outside = "".join(part for i, part in enumerate(line.split('"')) if i % 2 == 0)
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
    for number_, cells in rows:
        if not _blank(cells):
            headers = [str(c) for c in cells]
            width = len(headers)
            while headers and headers[-1] == "":
                headers.pop()
            table = Table(file, sheet, headers, header_row=number_, path=path, width=width)
            table.rows = [(n, c) for n, c in rows if not _blank(c)]
            return table
    return None


def _csv_refusal(
    file: str, row: int, line: int, what: Message, fix: Message, column: tuple[str, int] | None = None
) -> TableError:
    name, letter = (column[0].strip() or None, column_letter(column[1])) if column else (None, None)
    return TableError(Problem(file, None, row, name, letter, None, what.format(line=line), fix))


def _records(stream, delimiter: str, file: str, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    """The CSV records of ``stream``, numbered as a spreadsheet shows them, limits checked on the way."""
    previous = csv.field_size_limit(limits.max_cell_chars)  # the csv module's limit is process-wide
    try:
        yield from _limited_records(csv.reader(stream, delimiter=delimiter), file, delimiter, limits)
    finally:
        csv.field_size_limit(previous)


def _limited_records(reader, file: str, delimiter: str, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    header: list[str] = []
    row = 0
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field limit" not in str(error):
                raise
            raise _csv_refusal(
                file,
                row + 1,
                line,
                Message(
                    "Cellule de plus de {n} caractères (ligne {{line}} du fichier) ; souvent un guillemet ouvert jamais refermé.",
                    "Cell of more than {n} characters (line {{line}} of the file); often a quote opened and never closed.",
                ).format(n=number(limits.max_cell_chars)),
                limit_fix("max_cell_chars", limits.max_cell_chars, _CLOSE_QUOTE),
            ) from None
        row += 1
        _check_size(file, row, line, cells, limits)
        if not header and any(c.strip() for c in cells):
            header = cells
        elif len(header) > 1 and reader.line_num > line:
            _check_not_swallowing(file, row, line, reader.line_num, cells, delimiter, header)
        yield row, [restore(cell) for cell in cells]  # the export's anti-formula apostrophes


def _check_size(file: str, row: int, line: int, cells: list[str], limits: Limits) -> None:
    """A row beyond the row limit, or wider than the column limit, refused."""
    if row > limits.max_rows:
        raise _csv_refusal(
            file,
            row,
            line,
            Message(
                "Fichier de plus de {n} lignes (lignes vides comprises) : il n'est pas lu.",
                "File of more than {n} rows (blank rows included): it is not read.",
            ).format(n=number(limits.max_rows)),
            limit_fix("max_rows", limits.max_rows, _SPLIT),
        )
    if len(cells) > limits.max_columns:
        raise _csv_refusal(
            file,
            row,
            line,
            Message(
                "Trop de colonnes : {c}, plus que les {n} permises.",
                "Too many columns: {c}, more than the {n} allowed.",
            ).format(c=number(len(cells)), n=number(limits.max_columns)),
            limit_fix("max_columns", limits.max_columns),
        )


def _check_not_swallowing(
    file: str, row: int, line: int, end: int, cells: list[str], delimiter: str, header: list[str]
) -> None:
    """A record spanning several lines whose cell holds whole rows (a quote never closed) refused."""
    swallowing = _swallowing(cells, delimiter, len(header))
    if swallowing is None:
        return
    raise _csv_refusal(
        file,
        row,
        line,
        Message(
            "Guillemet ouvert à la ligne {{line}} du fichier et jamais refermé : les lignes suivantes ont été avalées dans une cellule "
            "(jusqu'à la ligne {end}).",
            "Quote opened on line {{line}} of the file and never closed: the following rows were swallowed into one cell "
            "(up to line {end}).",
        ).format(end=end),
        _CLOSE_QUOTE,
        (header[swallowing] if swallowing < len(header) else "", swallowing),
    )


def _swallowing(cells: list[str], delimiter: str, width: int) -> int | None:
    """Index of a cell holding line breaks followed by whole rows (as many delimiters as the header has)."""
    for index, cell in enumerate(cells):
        if "\n" in cell and any(line.count(delimiter) >= width - 1 for line in cell.split("\n")[1:]):
            return index
    return None


_CLOSE_QUOTE = Message(
    'Refermez le guillemet (ou doublez-le, "", s\'il fait partie du texte), puis réimportez.',
    'Close the quote (or double it, "", if it is part of the text), then import again.',
)
_SPLIT = Message(
    "Découpez le fichier, ou supprimez les lignes vides à la fin.",
    "Split the file, or delete the blank rows at its end.",
)


def read_csv(path: Path, file: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Table | None:
    """The table of the CSV file at ``path`` (``file``: the name its problems give); None when it holds no header."""
    file = file or path.name
    check_size(path, limits)
    try:
        encoding = detect_encoding(path)
    except EncodingError as error:
        raise TableError(error.problem) from None
    with path.open(encoding=encoding, newline="") as stream:
        first = next((line for line in stream if line.strip()), "")
        stream.seek(0)
        return _table(file, path.stem, _records(stream, sniff_delimiter(first), file, limits), path)


def check_size(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a file larger than ``limits.max_bytes`` before reading any of it."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise TableError(
            Problem(
                path.name,
                None,
                None,
                None,
                None,
                None,
                Message(
                    "Fichier de {s} octets : plus que les {n} permis.", "File of {s} bytes: more than the {n} allowed."
                ).format(s=number(size), n=number(limits.max_bytes)),
                limit_fix("max_bytes", limits.max_bytes, _SPLIT),
            )
        )


def _read_xlsx(path: Path, limits: Limits) -> list[Table]:
    tables = []
    for name, rows in sheet_rows(path, limits):
        table = _table(path.name, name, rows, path)
        if table is not None:
            tables.append(table)
    return tables


def read_tables(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[Table]:
    """Every non-empty table of the file at ``path`` (XLSX: one per sheet; CSV: one)."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            check_size(path, limits)
            return _read_xlsx(path, limits)
        if suffix in (".csv", ".tsv", ".txt"):
            table = read_csv(path, path.name, limits)
            return [table] if table is not None else []
    except LimitError as error:
        raise TableError(error.problem) from None
    except (OSError, ValueError, KeyError, IndexError, csv.Error) as error:
        raise TableError(_unreadable(path, error)) from error
    except Exception as error:  # openpyxl raises zipfile/XML errors of many kinds on a damaged file
        if type(error).__module__.split(".")[0] in ("zipfile", "openpyxl", "xml", "lxml", "defusedxml"):
            raise TableError(_unreadable(path, error)) from error
        raise
    raise TableError(
        Problem(
            path.name,
            None,
            None,
            None,
            None,
            None,
            Message("Format de fichier non pris en charge.", "Unsupported file format."),
            Message("Enregistrez-le en XLSX ou en CSV.", "Save it as XLSX or CSV."),
        )
    )


def _unreadable(path: Path, error: Exception) -> Problem:
    return Problem(
        path.name,
        None,
        None,
        None,
        None,
        None,
        Message("Lecture impossible : {e}.", "Cannot read: {e}.").format(e=error),
        Message(
            "Ouvrez-le dans un tableur et enregistrez-le à nouveau en XLSX ou CSV.",
            "Open it in a spreadsheet and save it again as XLSX or CSV.",
        ),
    )
