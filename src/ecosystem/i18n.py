"""French first, English second: a message carries both."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Message"]


@dataclass(frozen=True)
class Message:
    """A user-facing message in French and English.

    >>> Message("Fichier introuvable : {path}", "File not found: {path}").format(path="a.csv").text("en")
    'File not found: a.csv'
    """

    fr: str
    en: str

    def text(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr

    def format(self, **values) -> Message:
        return Message(self.fr.format(**values), self.en.format(**values))

    def __str__(self) -> str:
        return f"{self.fr} / {self.en}"
