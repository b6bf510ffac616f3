"""A problem in an imported file, said so a person can find it and fix it.

Each problem names the file, the sheet, the row as the spreadsheet shows it
(the header is row 1), the column by its header and its letter, the value, what
is wrong and how to fix it, in French and English.

>>> p = Problem("membres.csv", "participations", 4, "instance", "B", "tabel-x",
...             Message("Instance inconnue.", "Unknown instance."),
...             Message("Vouliez-vous dire « table-x » ?", "Did you mean “table-x”?"))
>>> p.text("en")
'membres.csv, sheet participations, row 4, column instance (B), value “tabel-x”: Unknown instance. Did you mean “table-x”?'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ecosystem.i18n import Message

__all__ = ["Problem", "ValidationFailed"]


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    letter: str | None
    value: str | None
    what: Message
    fix: Message

    def text(self, lang: str = "fr") -> str:
        english = lang == "en"
        parts = [self.file]
        if self.sheet and self.sheet != Path(self.file).stem:  # a CSV file is its own sheet
            parts.append(("sheet " if english else "feuille ") + self.sheet)
        if self.row is not None:
            parts.append(("row " if english else "ligne ") + str(self.row))
        if self.column:
            column = ("column " if english else "colonne ") + self.column
            parts.append(column + (f" ({self.letter})" if self.letter else ""))
        if self.value not in (None, ""):
            parts.append(("value “{}”" if english else "valeur « {} »").format(self.value))
        return ", ".join(parts) + f": {self.what.text(lang)} {self.fix.text(lang)}".rstrip()

    def to_dict(self, lang: str = "fr") -> dict:
        return {
            "fichier": self.file,
            "feuille": self.sheet,
            "ligne": self.row,
            "colonne": self.column,
            "lettre": self.letter,
            "valeur": self.value,
            "probleme": self.what.text(lang),
            "correction": self.fix.text(lang),
        }

    def sort_key(self) -> tuple:
        return (self.file, self.sheet or "", self.row or 0, self.letter or "", self.what.fr)


class ValidationFailed(Exception):
    """The import was refused; ``problems`` lists every problem found, nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=Problem.sort_key)
        super().__init__(f"{len(self.problems)} problème(s) / problem(s)")
