"""The template's building blocks: a column, a sheet, header folding, and the columns every sheet shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from ecosystem.folding import slugify
from ecosystem.i18n import Message

__all__ = ["END", "SOURCE", "START", "Column", "Sheet", "column_letter", "normalize_header"]


def normalize_header(text: str) -> str:
    """Fold case and accents, and turn spaces, dashes and dots into ``_``.

    >>> normalize_header("  Heures par rencontre ")
    'heures_par_rencontre'
    >>> normalize_header("Début")
    'debut'
    """
    return slugify(str(text)).replace("-", "_")


def column_letter(index: int) -> str:
    """Spreadsheet letter of the 0-based column ``index``.

    >>> column_letter(0), column_letter(25), column_letter(27)
    ('A', 'Z', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True)
class Column:
    """One template column.

    ``kind`` says how a cell is read: ``text``, ``id``, ``url``, ``decimal``, ``integer``,
    ``date``, ``vocab`` (a concept of ``scheme``), ``territory``, ``actor``, ``instance``,
    ``agent`` (an actor or an instance), ``plan`` (a part of the action plan), ``source``.
    ``multi``: several values separated by ``|``.
    """

    name: str
    kind: str
    help: Message
    required: bool = False
    multi: bool = False
    scheme: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    name: str
    english: str
    help: Message
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    _by_header: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        for column in self.columns:
            for header in (column.name, *column.aliases):
                self._by_header[normalize_header(header)] = column

    def column(self, name: str) -> Column:
        return self._by_header[name]

    def column_for_header(self, header: str) -> Column | None:
        return self._by_header.get(normalize_header(header))

    @property
    def required(self) -> list[Column]:
        return [c for c in self.columns if c.required]


_M = Message
SOURCE = Column(
    "source",
    "source",
    _M(
        "Adresse (https://…) ou identifiant du document qui énonce ces faits ; vide : le fichier importé.",
        "Address (https://…) or id of the document stating these facts; empty: the imported file.",
    ),
    multi=True,
    aliases=("sources", "provenance"),
)
START = Column(
    "debut",
    "date",
    _M("Date de début : AAAA-MM-JJ ou JJ/MM/AAAA.", "Start date: YYYY-MM-DD or DD/MM/YYYY."),
    aliases=("start", "start_date", "date_debut", "date_de_debut"),
)
END = Column(
    "fin",
    "date",
    _M(
        "Date de fin : AAAA-MM-JJ ou JJ/MM/AAAA ; pas avant le début.",
        "End date: YYYY-MM-DD or DD/MM/YYYY; not before the start.",
    ),
    aliases=("end", "end_date", "date_fin", "date_de_fin"),
)
