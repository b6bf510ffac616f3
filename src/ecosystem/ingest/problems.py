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
from ecosystem.limits import DEFAULT_LIMITS

__all__ = ["Problem", "ProblemList", "ValidationFailed"]


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
        if self.column or self.letter:
            named = (
                f"{self.column} ({self.letter})" if self.column and self.letter else self.column or self.letter or ""
            )
            parts.append(("column " if english else "colonne ") + named)
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


class ProblemList:
    """The problems found: every one counted, the first ``keep`` (in file, sheet, row order) kept.

    Memory stays that of ``keep`` problems however many rows are wrong.

    >>> found = ProblemList(keep=2)
    >>> for row in (5, 3, 9, 3):
    ...     found.append(Problem("a.csv", None, row, None, None, None, Message("x", "x"), Message("", "")))
    >>> [p.row for p in found.listed()], found.total
    ([3, 5], 3)
    """

    def __init__(self, keep: int = DEFAULT_LIMITS.problems_listed):
        self.keep = keep
        self.total = 0
        self._items: list[Problem] = []

    def append(self, problem: Problem) -> None:
        self.total += 1
        self._items.append(problem)
        if len(self._items) > 4 * self.keep + 100:
            self._items = self.listed()

    def extend(self, problems) -> None:
        for problem in problems:
            self.append(problem)

    def listed(self) -> list[Problem]:
        unique = set(self._items)
        self.total -= len(self._items) - len(unique)  # the same problem found twice counts once
        self._items = sorted(unique, key=Problem.sort_key)[: self.keep]
        return list(self._items)

    def __bool__(self) -> bool:
        return self.total > 0

    def __len__(self) -> int:
        return self.total

    def __iter__(self):
        return iter(self.listed())


class ValidationFailed(Exception):
    """The import was refused, nothing was written; ``problems`` lists the first problems found
    (at most ``keep``, in file, sheet and row order), ``total`` counts them all."""

    def __init__(self, problems, keep: int = DEFAULT_LIMITS.problems_listed):
        found = problems if isinstance(problems, ProblemList) else ProblemList(keep)
        if found is not problems:
            found.extend(problems)
        self.problems = found.listed()
        self.total = found.total
        super().__init__(f"{self.total} problème(s) / problem(s)")

    @property
    def unlisted(self) -> int:
        """Problems found but not listed (« et N autres »)."""
        return self.total - len(self.problems)
