"""Numbers, hours and dates as the reader writes them (Babel's CLDR data): « 12,5 h/an »,
« 2 décembre 2026 » in French; "12.5 h/year", "December 2, 2026" in English."""

from __future__ import annotations

import datetime
import functools

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

__all__ = ["LOCALES", "date", "hours", "moment", "number", "percent"]

LOCALES = {"fr": "fr_CA", "en": "en_CA"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["fr"])


def number(value: float | int | None, lang: str = "fr", digits: int = 1) -> str:
    """A number with at most ``digits`` decimals, grouped for the reader.

    >>> number(12.5), number(1234567, "en"), number(0.0), number(None)
    ('12,5', '1,234,567', '0', '')
    """
    if value is None:
        return ""
    return _decimal(round(value, digits), f"#,##0.{'#' * digits}" if digits else "#,##0", _locale(lang))


@functools.lru_cache(maxsize=8192)
def _decimal(value: float | int, pattern: str, locale: str) -> str:
    """Babel's formatting, kept for the values seen again (a page or a check formats the same few many times)."""
    return format_decimal(value, format=pattern, locale=locale)


def percent(value: float | None, lang: str = "fr") -> str:
    """A share (0–1) as a whole percentage.

    >>> percent(0.43), percent(0.43, "en")
    ('43\\xa0%', '43%')
    """
    if value is None:
        return ""
    text = format_decimal(round(100 * value), locale=_locale(lang))
    return f"{text}\u00a0%" if lang == "fr" else f"{text}%"


def hours(value: float | None, lang: str = "fr") -> str:
    """Hours a year: « 12,5 h/an », "12.5 h/year".

    >>> hours(12.5), hours(12.5, "en")
    ('12,5\\xa0h/an', '12.5 h/year')
    """
    if value is None:
        return ""
    return f"{number(value, lang)}\u00a0h/an" if lang != "en" else f"{number(value, lang)} h/year"


def date(value: datetime.date | str | None, lang: str = "fr") -> str:
    """A day in words: « 2 décembre 2026 », "December 2, 2026" (an ISO string is read first).

    >>> date(datetime.date(2026, 12, 2)), date("2026-12-02", "en")
    ('2 décembre 2026', 'December 2, 2026')
    """
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    if isinstance(value, datetime.datetime):
        value = value.date()
    return format_date(value, format="long", locale=_locale(lang))


def moment(value: datetime.datetime | str | None, lang: str = "fr") -> str:
    """A date and time to the minute: « 2 décembre 2026 à 14 h 05 », "December 2, 2026, 2:05 PM".

    >>> moment("2026-12-02T14:05:31.123456")
    '2 décembre 2026 à 14 h 05'
    """
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if lang == "en":
        return format_datetime(value, "MMMM d, y, h:mm a", locale=_locale(lang))
    return format_datetime(value, "d MMMM y 'à' H 'h' mm", locale=_locale(lang))
