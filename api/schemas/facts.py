"""The facts still to confirm, oldest first: the page ``/faits-a-confirmer``, its JSON twin and its CSV."""

from __future__ import annotations

from pydantic import Field

from ..schemas.base import Model, Paged, Ref
from ..schemas.entities import Age, TerritoryNode

__all__ = ["FactToConfirm", "FactsToConfirm"]


class FactToConfirm(Model):
    """One fact no organisation has confirmed yet: what it says, in words and as references, and its age."""

    type: str = Field(description="instance ou siege / instance or seat")
    libelle_type: str = Field(description="Le type en mots / The type in words")
    fait: str = Field(description="Le fait en mots / The fact in words")
    instance: Ref
    acteur: Ref | None = None
    roles: list[Ref] = Field(default_factory=list)
    territoire: Ref | None = Field(None, description="Territoire de l'instance / The instance's territory")
    age: Age


class FactsToConfirm(Paged):
    """The to-do list of the revision of the cartography."""

    faits: list[FactToConfirm]
    territoire: str | None = Field(
        None, description="Le filtre de territoire appliqué (id) / The territory filter applied"
    )
    regle: str = Field(description="La règle d'ordre, en mots / The ordering rule, in words")
    sans_date: int = Field(description="Faits à confirmer sans année attestée / Facts to confirm with no attested year")
    territoires: list[TerritoryNode] = Field(
        default_factory=list, description="Les territoires du filtre / The filter's territories"
    )
