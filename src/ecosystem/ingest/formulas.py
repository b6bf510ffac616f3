"""Cells that a spreadsheet would run as formulas, neutralised on export and restored on import.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel
and LibreOffice as a formula (OWASP, "CSV Injection"): ``=HYPERLINK(…)`` or
``=cmd|' /C calc'!A0`` typed into a partner's spreadsheet would run on the next reader's
machine. The exports never write one:

- CSV: such a cell is written with a leading apostrophe (what spreadsheets show as text),
  and so is a cell that already starts with apostrophes before one of those characters, so
  that :func:`restore` — applied by the importer to every CSV cell — gives back exactly
  the value written (``import(export(graph)) == graph``);
- XLSX: every cell is written as text (a shared string, never a formula) and marked
  ``quotePrefix`` so that editing it keeps it text.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_START", "neutralise", "restore"]

FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
"""What makes a CSV cell look like a formula, behind any apostrophes already there."""
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def neutralise(value):
    """The CSV text of ``value``: an apostrophe before a formula-looking start.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("'=1"), neutralise("Pôle"), neutralise(3)
    ('\\'=HYPERLINK("http://x")', "''=1", 'Pôle', 3)
    """
    return "'" + value if isinstance(value, str) and FORMULA_START.match(value) else value


def restore(value):
    """The value :func:`neutralise` was given (the importer's side).

    >>> all(restore(neutralise(v)) == v for v in ("=1+1", "'=1", "''@x", "-12", "Pôle", "'quoted'", ""))
    True
    """
    return value[1:] if isinstance(value, str) and _NEUTRALISED.match(value) else value
