"""The one text folding: how two spellings of the same word are made equal.

Used by ids (:func:`slugify`, hence every resource IRI), import matching (headers,
list values, territories), search and the French text similarity. Folding drops
accents, spells ligatures and letters without a decomposition out (« œ » → ``oe``,
« æ » → ``ae``, « ß » → ``ss``, « ø » → ``o``), and folds case. :func:`slugify` then
turns every run of other characters (punctuation, spaces, other scripts) into ``-``.

>>> fold("Main-d'Œuvre à SŒURS")
"main-d'oeuvre a soeurs"
>>> slugify("sœurs") != slugify("surs")
True
>>> slugify("日本語"), slugify("../"), slugify("!!!")
('', '', '')
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "slugify"]

# Letters NFKD does not decompose, spelled out as French and Nordic writers do.
_SPELLED_OUT = str.maketrans(
    {
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "\u0131": "i",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",  # typographic apostrophes are apostrophes
    }
)
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str | None) -> str:
    """Lower case, accents dropped, ligatures spelled out; other characters kept.

    >>> fold("Élus de MÉKINAC"), fold("Ærø"), fold("Straße")
    ('elus de mekinac', 'aero', 'strasse')
    """
    if not text or text.isascii():  # most ids and headers: nothing to decompose
        return (text or "").lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPELLED_OUT))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(_SPELLED_OUT)


def slugify(text: str) -> str:
    """The IRI-safe slug of an id or a name: folded, every run of other characters made ``-``.

    Empty when nothing usable is left (only punctuation, or another script): callers refuse it.

    >>> slugify("  Sécurité alimentaire / Maskinongé ")
    'securite-alimentaire-maskinonge'
    """
    return _NON_SLUG.sub("-", fold(text)).strip("-")
