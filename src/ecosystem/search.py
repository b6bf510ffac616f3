"""Search as people type: words in any order, accents, case and punctuation ignored, sigles matched.

A name is indexed as its folded words plus its sigle and the initials of its significant words
(« Centre intégré universitaire de santé et de services sociaux » → ``ciusss``), so « CIUSSS »,
« ciusss de la mauricie », « mrc maskinonge » and « Maskinongé MRC » all find what they mean.
Every word of the query must begin a word of the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ecosystem.folding import fold

__all__ = ["matches", "rank", "search_terms"]

_WORD = re.compile(r"[a-z0-9]+")
# Small words a sigle skips (« Corporation de développement communautaire » → CDC).
_SKIPPED = frozenset(
    [
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "et",
        "en",
        "a",
        "au",
        "aux",
        "pour",
        "sur",
        "par",
        "of",
        "the",
        "and",
        "for",
        "in",
        "on",
    ]
)


def words(text: str | None) -> list[str]:
    """Folded words, punctuation dropped.

    >>> words("L'Entente sectorielle (2024-2028) — MRC!")
    ['l', 'entente', 'sectorielle', '2024', '2028', 'mrc']
    """
    return _WORD.findall(fold(text))


def initials(text: str | None) -> str:
    """The initials of a name's significant words.

    >>> initials("Centre intégré universitaire de santé et de services sociaux"), initials("Corporation de développement communautaire")
    ('ciusss', 'cdc')
    """
    return "".join(w[0] for w in words(text) if w not in _SKIPPED and not w.isdigit())


def search_terms(*names: str | None) -> frozenset[str]:
    """What a query's words are matched against: the names' words, and each name's initials.

    >>> sorted(search_terms("MRC de Maskinongé", None))
    ['de', 'maskinonge', 'mm', 'mrc']
    """
    terms = {w for name in names for w in words(name)}
    terms |= {initials(name) for name in names if name and len(initials(name)) >= 2}
    return frozenset(terms)


def matches(query: str, terms: Iterable[str]) -> bool:
    """Whether every word of ``query`` begins one of ``terms`` (an empty query matches nothing).

    >>> t = search_terms("MRC de Maskinongé")
    >>> matches("mrc maskinonge", t), matches("Maskinongé MRC", t), matches("maski", t), matches("shawinigan", t)
    (True, True, True, False)
    >>> matches("CIUSSS", search_terms("Centre intégré universitaire de santé et de services sociaux de la Mauricie"))
    True
    """
    wanted = words(query)
    terms = tuple(terms)
    return bool(wanted) and all(any(term.startswith(w) for term in terms) for w in wanted)


def rank(query: str, name: str) -> tuple:
    """Sort key: names that begin with the query first, then whole-word hits, then by name."""
    folded, wanted = " ".join(words(name)), " ".join(words(query))
    return (not folded.startswith(wanted), f" {wanted} " not in f" {folded} ", folded)
