"""Read one cell: a date, a number, an address, a list of values.

Each reader returns the RDF literal (or IRI) in the canonical form the store
keeps, or raises :class:`CellError` with what is wrong and how to fix it.

>>> decimal_literal("2,50")
rdflib.term.Literal('2.5', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
>>> date_literal("31/03/2028")
rdflib.term.Literal('2028-03-31', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
>>> split_values(" a | b ||c ")
['a', 'b', 'c']
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rdflib import Literal, URIRef

from ecosystem.i18n import Message
from ecosystem.namespaces import ID, XSD, resource_iri
from ecosystem.store.terms import iri_problem

__all__ = [
    "CellError",
    "cell_text",
    "date_literal",
    "decimal_literal",
    "integer_literal",
    "slash_date_order",
    "source_iri",
    "split_values",
    "url_iri",
]


class CellError(ValueError):
    def __init__(self, what: Message, fix: Message):
        super().__init__(what.fr)
        self.what = what
        self.fix = fix


def cell_text(cell) -> str:
    """A cell as text (dates in ISO form)."""
    if type(cell) is str:
        return cell.strip()
    if isinstance(cell, (date, datetime)):
        return cell.isoformat()
    return str(cell).strip()


def split_values(cell) -> list[str]:
    """The values of a multi-valued cell, separated by ``|``."""
    text = cell_text(cell)
    if "|" not in text:
        return [text] if text else []
    return [part.strip() for part in text.split("|") if part.strip()]


_SPACES = re.compile(r"[\s\u00a0\u202f']")
_EXCEL_EPOCH = date(1899, 12, 30)


def _number(cell) -> Decimal:
    if isinstance(cell, bool):
        raise InvalidOperation
    if isinstance(cell, (int, float)):
        return Decimal(str(cell))
    text = _SPACES.sub("", cell_text(cell)).replace(",", ".")
    number = Decimal(text)
    if not number.is_finite():
        raise InvalidOperation
    return number


_NOT_A_NUMBER = Message("Ce n'est pas un nombre.", "This is not a number.")
_NEGATIVE = Message("Le nombre est négatif.", "The number is negative.")


@lru_cache(maxsize=4096)
def decimal_literal(cell) -> Literal:
    """A number, zero or more, decimal comma or point: ``xsd:decimal`` in canonical form."""
    try:
        number = _number(cell)
    except (InvalidOperation, ValueError):
        raise CellError(
            _NOT_A_NUMBER,
            Message("Écrivez un nombre, par exemple 2,5 ou 2.5.", "Write a number, for example 2.5 or 2,5."),
        ) from None
    if number < 0:
        raise CellError(_NEGATIVE, Message("Écrivez un nombre positif ou nul.", "Write a number, zero or more."))
    text = format(number.normalize(), "f")
    return Literal(text if text != "-0" else "0", datatype=XSD.decimal)


@lru_cache(maxsize=4096)
def integer_literal(cell) -> Literal:
    """A whole number, zero or more (spaces between thousands accepted): ``xsd:integer``."""
    fix = Message("Écrivez un nombre entier, par exemple 12345.", "Write a whole number, for example 12345.")
    try:
        number = _number(cell)
    except (InvalidOperation, ValueError):
        raise CellError(_NOT_A_NUMBER, fix) from None
    if number != number.to_integral_value():
        raise CellError(Message("Ce n'est pas un nombre entier.", "This is not a whole number."), fix)
    if number < 0:
        raise CellError(_NEGATIVE, fix)
    return Literal(str(int(number)), datatype=XSD.integer)


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MONTHS_FR = (
    "",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_MONTHS_EN = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


def _date(cell) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int) and 1 <= cell < 200_000:  # an Excel serial date left unformatted
        return _EXCEL_EPOCH + timedelta(days=cell)
    text = cell_text(cell)
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
        return date(year, month, day)
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        return date(year, month, day)
    raise ValueError(text)


def slash_date_order(cells) -> str | None:
    """How a table writes its slashed dates, from those that tell: ``dmy`` when a first number
    exceeds 12 (31/03/2028), ``mdy`` when a second one does (03/31/2028), else None (unknown or mixed).

    >>> slash_date_order(["02/03/2025", "31/03/2028"]), slash_date_order(["03/31/2028"]), slash_date_order(["02/03/2025"])
    ('dmy', 'mdy', None)
    """
    orders = set()
    for cell in cells:
        if type(cell) is str and (match := _DMY.match(cell.strip())):
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12 >= second:
                orders.add("dmy")
            elif second > 12 >= first:
                orders.add("mdy")
    return orders.pop() if len(orders) == 1 else None


def _ambiguous(cell) -> re.Match[str] | None:
    """The slashed date whose day and month could be swapped, else ``None``."""
    match = _DMY.match(cell.strip()) if type(cell) is str else None
    if match and match.group(1) != match.group(2) and int(match.group(1)) <= 12 and int(match.group(2)) <= 12:
        return match
    return None


@lru_cache(maxsize=4096)
def date_literal(cell, order: str | None = "dmy") -> Literal:
    """A date given as ISO ``AAAA-MM-JJ``, ``JJ/MM/AAAA`` or an Excel date: ``xsd:date``.

    ``order``: how the file writes slashed dates (:func:`slash_date_order`); a day and a month that
    could be swapped (02/03/2025) are read only when it is ``dmy``, the template's convention.

    >>> date_literal("02/03/2025", None)
    Traceback (most recent call last):
    ecosystem.ingest.values.CellError: Date ambiguë : le 2 mars ou le 3 février ?
    """
    if order != "dmy" and (ambiguous := _ambiguous(cell)) is not None:
        day, month, year = (int(g) for g in ambiguous.groups())
        raise CellError(
            Message(
                "Date ambiguë : le {d} {m} ou le {m_d} {d_m} ?", "Ambiguous date: {m_en} {d} or {d_m_en} {m_d}?"
            ).format(
                d=day,
                m=_MONTHS_FR[month],
                m_d=month,
                d_m=_MONTHS_FR[day],
                m_en=_MONTHS_EN[month],
                d_m_en=_MONTHS_EN[day],
            ),
            Message(
                "Écrivez-la AAAA-MM-JJ ({iso}), ou JJ/MM/AAAA comme le modèle l'indique{w}. Une date de la même table dont "
                "le jour dépasse 12 (31/03/2028) indique que toute la table écrit le jour d'abord.",
                "Write it YYYY-MM-DD ({iso}), or DD/MM/YYYY as the template says{w_en}. A date in the same table whose day "
                "exceeds 12 (31/03/2028) shows that the whole table writes the day first.",
            ).format(
                iso=f"{year:04d}-{month:02d}-{day:02d}",
                w=" ; ce fichier écrit aussi des dates mois/jour (03/31/2028)" if order == "mdy" else "",
                w_en="; this file also writes month/day dates (03/31/2028)" if order == "mdy" else "",
            ),
        )
    try:
        return Literal(_date(cell).isoformat(), datatype=XSD.date)
    except (ValueError, OverflowError):
        raise CellError(
            Message("Date illisible.", "Unreadable date."),
            Message(
                "Écrivez la date AAAA-MM-JJ (2024-04-01) ou JJ/MM/AAAA (01/04/2024).",
                "Write the date YYYY-MM-DD (2024-04-01) or DD/MM/YYYY (01/04/2024).",
            ),
        ) from None


def url_iri(cell) -> URIRef:
    """A web address; ``www.…`` gets ``https://`` in front."""
    text = cell_text(cell)
    if text.lower().startswith("www."):
        text = "https://" + text
    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", text, flags=re.IGNORECASE) or iri_problem(text):
        raise CellError(
            Message("Adresse web invalide.", "Invalid web address."),
            Message(
                "Écrivez l'adresse complète, sans espace ; un % doit être suivi de deux chiffres hexadécimaux "
                "(%20 pour une espace) : https://exemple.org.",
                "Write the full address, without spaces; a % must be followed by two hexadecimal digits "
                "(%20 for a space): https://example.org.",
            ),
        )
    return URIRef(text)


_SOURCE_FIX = Message(
    "Donnez une adresse https://… ou un identifiant en lettres et chiffres.",
    "Give an https://… address or an id made of letters and digits.",
)


@lru_cache(maxsize=4096)
def source_iri(text: str) -> URIRef:
    """The document a ``source`` cell names: a web address, an IRI of the data, or an id (``source/{id}``).

    >>> source_iri("Plan d'action 2024")
    rdflib.term.URIRef('https://w3id.org/ecosysteme/id/source/plan-d-action-2024')
    """
    if text.lower().startswith(("http://", "https://", "www.")):
        return url_iri(text)
    if text.startswith(str(ID)):
        if iri_problem(text):
            raise CellError(
                Message("Identifiant de source invalide : ce n'est pas une IRI.", "Invalid source id: not an IRI."),
                _SOURCE_FIX,
            )
        return URIRef(text)
    try:
        return resource_iri("source", text)
    except ValueError:
        raise CellError(
            Message("Source sans identifiant utilisable.", "Source without a usable id."), _SOURCE_FIX
        ) from None
