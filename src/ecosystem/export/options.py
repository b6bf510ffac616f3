"""What an export is asked for (:class:`ExportOptions`) and how it is refused (:class:`ExportError`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ecosystem.i18n import Message
from ecosystem.revisions import CURRENT_NAME

__all__ = ["ExportError", "ExportOptions"]


class ExportError(ValueError):
    """An export that cannot be made; ``message`` says why and what to do, in French and English."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


@dataclass
class ExportOptions:
    revision: str = CURRENT_NAME
    filters: dict = field(default_factory=dict)
    page: str = "a3"
    orientation: str = "paysage"
    width: int | None = None
    dpi: int = 300
    lang: str = "fr"
    title: str | None = None
    today: datetime.date | None = None
    vocabularies: bool | None = None
    """RDF: include the ontology and vocabulary terms the data uses (None: the format's default)."""
