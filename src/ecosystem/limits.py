"""How much an imported or loaded file may hold: the one definition of the input limits.

A file past a limit is refused before it costs more than the limit allows, and the
message states the limit and the setting that raises it. The same cell length holds
for every format (a CSV cell, an XLSX cell, an RDF literal): Excel's own maximum, so a
spreadsheet that Excel can open always fits. :class:`ecosystem.settings.Settings` reads
them from ``ECOSYSTEM_IMPORT_*`` variables; these are the defaults.

>>> Limits().max_cell_chars
32767
>>> Limits().more(120), Limits().more(3)
(20, 0)
"""

from __future__ import annotations

from dataclasses import dataclass

from ecosystem.i18n import Message

__all__ = ["DEFAULT_LIMITS", "SETTING_NAMES", "Limits", "limit_fix", "number"]


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 64 * 1024 * 1024
    """A file's size; for an XLSX workbook, also each part and all parts once uncompressed."""
    max_rows: int = 200_000
    """Rows of one sheet or CSV file, blank rows included (reading them costs as much)."""
    max_columns: int = 100
    max_cell_chars: int = 32_767
    """Characters of one cell or RDF literal (Excel's own maximum)."""
    problems_listed: int = 100
    """Problems listed in a refusal; the others are counted (« et N autres »)."""

    def more(self, found: int) -> int:
        """How many problems go unlisted when ``found`` were found."""
        return max(0, found - self.problems_listed)


DEFAULT_LIMITS = Limits()

SETTING_NAMES = {
    "max_bytes": "ECOSYSTEM_IMPORT_MAX_BYTES",
    "max_rows": "ECOSYSTEM_IMPORT_MAX_ROWS",
    "max_columns": "ECOSYSTEM_IMPORT_MAX_COLUMNS",
    "max_cell_chars": "ECOSYSTEM_IMPORT_MAX_CELL_CHARS",
    "problems_listed": "ECOSYSTEM_IMPORT_PROBLEMS_LISTED",
}
"""The environment variable that sets each limit (named in the refusal messages)."""


def number(value: int) -> str:
    """A count as French writes it (narrow no-break space between thousands); English readers read it too.

    >>> number(200000)
    '200\\u202f000'
    """
    return f"{value:,}".replace(",", "\u202f")


def limit_fix(name: str, limit: int, before: Message | None = None) -> Message:
    """The fix of a refusal past a limit: ``before``, then the limit and the setting that raises it."""
    fr, en = (before.fr + " ", before.en + " ") if before else ("", "")
    return Message(
        fr + "Limite : {n} ; un administrateur peut la relever ({v}).",
        en + "Limit: {n}; an administrator may raise it ({v}).",
    ).format(n=number(limit), v=SETTING_NAMES[name])
