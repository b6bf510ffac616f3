"""French-aware text similarity for mandates: TF-IDF cosine over stemmed words.

A text becomes terms by: lower case; words of letters; French stop words dropped;
Snowball French stemming (``snowballstemmer``); accents folded after stemming (the
stemmer needs them, comparisons must not: « sécurité » and « securite » match).
Weights are TF-IDF with a smoothed IDF, ``idf(t) = ln((1 + N) / (1 + df(t))) + 1``,
and vectors are L2-normalised, so the cosine is a dot product in [0, 1].

References
----------
.. [1] Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text
   retrieval. Information Processing & Management 24(5), 513–523.
.. [2] Porter, M. F. (2001). Snowball: a language for stemming algorithms.
   https://snowballstem.org/algorithms/french/stemmer.html
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from ecosystem.folding import fold

__all__ = ["FRENCH_STOP_WORDS", "TfIdf", "cosine", "fold", "terms", "words_for"]

FRENCH_STOP_WORDS = frozenset(
    [
        "a",
        "à",
        "afin",
        "ai",
        "aie",
        "ainsi",
        "alors",
        "au",
        "aucun",
        "aucune",
        "aupres",
        "auquel",
        "aussi",
        "autre",
        "autres",
        "aux",
        "auxquelles",
        "auxquels",
        "avec",
        "avoir",
        "c",
        "ça",
        "car",
        "ce",
        "ceci",
        "cela",
        "celle",
        "celles",
        "celui",
        "cependant",
        "ces",
        "cet",
        "cette",
        "ceux",
        "chaque",
        "chez",
        "ci",
        "comme",
        "comment",
        "d",
        "dans",
        "de",
        "des",
        "donc",
        "dont",
        "du",
        "elle",
        "elles",
        "en",
        "encore",
        "entre",
        "est",
        "et",
        "etc",
        "été",
        "être",
        "eu",
        "eux",
        "fait",
        "faire",
        "font",
        "hors",
        "il",
        "ils",
        "j",
        "je",
        "l",
        "la",
        "laquelle",
        "le",
        "lequel",
        "les",
        "lesquelles",
        "lesquels",
        "leur",
        "leurs",
        "lui",
        "m",
        "ma",
        "mais",
        "me",
        "meme",
        "même",
        "mes",
        "moi",
        "mon",
        "n",
        "ne",
        "ni",
        "nos",
        "notre",
        "nous",
        "on",
        "ont",
        "ou",
        "où",
        "par",
        "parce",
        "pas",
        "peu",
        "peut",
        "plus",
        "plusieurs",
        "pour",
        "pourquoi",
        "qu",
        "quand",
        "que",
        "quel",
        "quelle",
        "quelles",
        "quels",
        "qui",
        "quoi",
        "s",
        "sa",
        "sans",
        "se",
        "selon",
        "ses",
        "si",
        "sien",
        "soi",
        "soit",
        "son",
        "sont",
        "sous",
        "sur",
        "t",
        "ta",
        "tant",
        "te",
        "tel",
        "telle",
        "tes",
        "toi",
        "ton",
        "tous",
        "tout",
        "toute",
        "toutes",
        "tres",
        "très",
        "tu",
        "un",
        "une",
        "vers",
        "via",
        "vos",
        "votre",
        "vous",
        "y",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("french")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return fold(_STEMMER.stemWord(word))


def terms(text: str | None) -> list[str]:
    """The comparable terms of a French text: stop words out, stems, accents folded.

    >>> terms("La sécurité alimentaire des familles et les systèmes alimentaires")
    ['secur', 'alimentair', 'famill', 'system', 'alimentair']
    """
    if not text:
        return []
    words = (word for word in _WORD.findall(text.lower()) if len(word) > 1)
    return [_stem(word) for word in words if word not in FRENCH_STOP_WORDS and fold(word) not in FRENCH_STOP_WORDS]


def words_for(stems: Iterable[str], *texts: str | None) -> list[str]:
    """The words of ``texts`` as written (first spelling met) whose term is in ``stems``, in the order of ``stems``:
    what a reader is shown instead of the stems.

    >>> words_for(["secur", "alimentair"], "La Sécurité alimentaire des familles")
    ['sécurité', 'alimentaire']
    """
    written: dict[str, str] = {}
    for text in texts:
        for stem, word in _written(text or "").items():
            written.setdefault(stem, word)
    return [written[stem] for stem in stems if stem in written]


@lru_cache(maxsize=16384)
def _written(text: str) -> dict[str, str]:
    """Term → the first spelling of it in ``text`` (kept: a check shows the words of the same mandates again and
    again). Callers only read it."""
    written: dict[str, str] = {}
    for word in _WORD.findall(text):
        if len(word) > 1:
            written.setdefault(_stem(word.lower()), word if word.isupper() else word.lower())
    return written


def cosine(u: Mapping[str, float], v: Mapping[str, float]) -> float:
    """Dot product of two L2-normalised sparse vectors.

    >>> round(cosine({"a": 0.6, "b": 0.8}, {"a": 1.0}), 2)
    0.6
    """
    if len(u) > len(v):
        u, v = v, u
    return sum(weight * v.get(term, 0.0) for term, weight in u.items())


@dataclass(frozen=True)
class TfIdf:
    """TF-IDF vectors of a corpus of documents by key, and the IDF to vectorise new texts.

    Examples
    --------
    >>> model = TfIdf.fit({"i1": "Sécurité alimentaire en Mauricie", "i2": "Habitation et logement social",
    ...                    "i3": "Securite alimentaire des familles"})
    >>> round(model.similarity("i1", "i3"), 2) > round(model.similarity("i1", "i2"), 2)
    True
    >>> round(cosine(model.vector("sécurité alimentaire"), model.vectors["i1"]), 2) > 0.5
    True
    """

    vectors: dict
    idf: dict
    documents: int

    @classmethod
    def fit(cls, texts: Mapping[str, str | None]) -> TfIdf:
        counts = {key: Counter(terms(text)) for key, text in texts.items()}
        frequency: Counter = Counter()
        for counter in counts.values():
            frequency.update(counter.keys())
        n = len(counts)
        idf = {term: math.log((1 + n) / (1 + df)) + 1.0 for term, df in frequency.items()}
        model = cls({}, idf, n)
        model.vectors.update({key: model._weigh(counter) for key, counter in counts.items()})
        return model

    def _weigh(self, counter: Counter) -> dict[str, float]:
        default = math.log(1 + self.documents) + 1.0  # a term no document holds
        raw = {term: count * self.idf.get(term, default) for term, count in counter.items()}
        norm = math.sqrt(sum(w * w for w in raw.values()))
        return {term: w / norm for term, w in raw.items()} if norm else {}

    def vector(self, text: str | None) -> dict[str, float]:
        """Vector of a new text with the corpus' IDF."""
        return self._weigh(Counter(terms(text)))

    def similarity(self, a: str, b: str) -> float:
        return cosine(self.vectors.get(a, {}), self.vectors.get(b, {}))

    def shared_terms(self, u: Mapping[str, float], v: Mapping[str, float], top: int = 5) -> list[str]:
        """The terms contributing most to the cosine of ``u`` and ``v``."""
        common = sorted(set(u) & set(v), key=lambda term: -u[term] * v[term])
        return common[:top]


def corpus_texts(items: Iterable[tuple[str, str | None, str | None]]) -> dict[str, str]:
    """(key, label, mandate) → the text compared: label and mandate together."""
    return {key: " ".join(part for part in (label, mandate) if part) for key, label, mandate in items}
