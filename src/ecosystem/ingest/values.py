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
from ecosystem.namespaces import XSD

__all__ = ["CellError", "cell_text", "date_literal", "decimal_literal", "integer_literal", "split_values", "url_iri"]


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
        raise CellError(_NOT_A_NUMBER, Message("Écrivez un nombre, par exemple 2,5 ou 2.5.",
                                                "Write a number, for example 2.5 or 2,5.")) from None
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


@lru_cache(maxsize=4096)
def date_literal(cell) -> Literal:
    """A date given as ISO ``AAAA-MM-JJ``, ``JJ/MM/AAAA`` or an Excel date: ``xsd:date``."""
    try:
        return Literal(_date(cell).isoformat(), datatype=XSD.date)
    except (ValueError, OverflowError):
        raise CellError(
            Message("Date illisible.", "Unreadable date."),
            Message("Écrivez la date AAAA-MM-JJ (2024-04-01) ou JJ/MM/AAAA (01/04/2024).",
                    "Write the date YYYY-MM-DD (2024-04-01) or DD/MM/YYYY (01/04/2024)."),
        ) from None


def url_iri(cell) -> URIRef:
    """A web address; ``www.…`` gets ``https://`` in front."""
    text = cell_text(cell)
    if text.lower().startswith("www."):
        text = "https://" + text
    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", text, flags=re.IGNORECASE):
        raise CellError(
            Message("Adresse web invalide.", "Invalid web address."),
            Message("Écrivez l'adresse complète, sans espace : https://exemple.org.",
                    "Write the full address, without spaces: https://example.org."),
        )
    return URIRef(text)
