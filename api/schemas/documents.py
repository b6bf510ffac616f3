"""The export formats' list and the change journal."""

from __future__ import annotations

from pydantic import Field

from ..schemas.base import Model

__all__ = ["ExportFormat", "ExportFormats", "History", "JournalEntry"]


class ExportFormat(Model):
    """A registered export format, with the address that exports the current view in it."""

    format: str = Field(description="Nom du format, tel que dans /export/{format} / Format name")
    nom: str
    extension: str
    type: str = Field(description="Genre : carte, donnees, reseau … / Kind of format")
    description: str
    url: str


class ExportFormats(Model):
    formats: list[ExportFormat]


class JournalEntry(Model):
    """One write, in public words: the organisation that declared it and when, never an account or a person."""

    id: int
    quand: str = Field(description="Horodatage ISO 8601 / ISO 8601 timestamp")
    date: str = Field(description="Jour (AAAA-MM-JJ) / Day")
    organisation: str | None = Field(None, description="IRI de l'organisation / Organisation IRI")
    origine: str = Field(description="navigateur, api ou ligne de commande / browser, api or command line")
    genre: str = Field(description="Le genre de modification en mots / The kind of change in words")
    par: str = Field(description="« déclaré par » : l'organisation en mots / the organisation in words")
    note: str | None = None
    triplets_ajoutes: int
    triplets_retires: int
    annule: int | None = Field(None, description="L'entrée que celle-ci annule / The entry this one undoes")
    annulee_par: int | None = None


class History(Model):
    entrees: list[JournalEntry]
